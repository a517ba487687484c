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


def report(html: str, *, url_fetcher, progress, **options):
    """Instead of a PDF: what the child sees of its environment and of each URL in ``html``."""
    import json
    import resource

    fetched = {}
    for url in html.split():
        try:
            response = url_fetcher.fetch(url)
            fetched[url] = [response.content_type, response.read().decode("latin-1")[:100]]
        except ValueError as refused:
            fetched[url] = ["refused", str(refused)]
    progress("writing")
    found = {
        "environment": sorted(os.environ),
        "fetched": fetched,
        "memory_limit": resource.getrlimit(resource.RLIMIT_AS)[0],
    }
    return json.dumps(found).encode(), 1
