"""A file-based e-mail backend that hangs mid-batch, to kill a worker at a known point.

After CX_STALL_AFTER messages written by this process, it creates the file CX_STALL_MARKER and
blocks before writing the next one: a mail server that stopped answering in the middle of the
SMTP exchange, with that invitation's claim taken in an open transaction.
"""

import os
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend as FileBackend

_written = 0


class EmailBackend(FileBackend):
    def write_message(self, message) -> None:
        global _written
        if _written >= int(os.environ["CX_STALL_AFTER"]):
            Path(os.environ["CX_STALL_MARKER"]).touch()
            time.sleep(600)  # the test kills us long before this ends
        super().write_message(message)
        self.stream.flush()
        _written += 1
