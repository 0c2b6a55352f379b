"""Receivers that keep files in step with rows."""

from functools import partial

from django.db import transaction

from .models import ExportJob


def delete_export_file(sender: type[ExportJob], instance: ExportJob, **kwargs: object) -> None:
    """Delete an export's PDF with its row, also when the row goes with its leader or campaign
    (Django deletes no files by itself). After the commit, so a rolled-back delete keeps it."""
    if instance.file:
        delete = partial(instance.file.storage.delete, instance.file.name)
        transaction.on_commit(delete, using=kwargs.get("using"), robust=True)
