"""Stand-ins for WeasyPrint that the render child process imports by name
(``EXPORT_RENDER_FUNCTION``): no Django here, the child has none."""

from __future__ import annotations

import os
import signal
import time


def sleep_forever(html: str, **options):
    while True:
        time.sleep(1)


def eat_memory(html: str, **options):
    hoard = []
    while True:
        hoard.append(bytearray(16 * 1024 * 1024))


def crash(html: str, **options):
    os.kill(os.getpid(), signal.SIGSEGV)
    time.sleep(5)
