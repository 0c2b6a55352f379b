"""Mistakes in templates that render without an error but show on the page."""

from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = sorted(Path(settings.BASE_DIR, "templates").rglob("*.html"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.name))
def test_every_short_comment_closes_on_its_own_line(template):
    """Django's {# #} spans one line only: one over two lines printed a developer's note, WCAG
    reference and all, on the PDF export page in every language. Longer notes: {% comment %}."""
    for number, line in enumerate(template.read_text().splitlines(), 1):
        opened = line.count("{#")
        assert opened == line.count("#}"), f"{template}:{number}: {line.strip()}"
