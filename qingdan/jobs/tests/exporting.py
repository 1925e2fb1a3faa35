"""For tests of pages that export through a job: start the export, then download what its job made.

The tests run jobs at once (the immediate backend), so the job's page already offers the file."""

from __future__ import annotations

import re

DOWNLOAD_LINK = re.compile(r'id="download-file" href="([^"]+)"')


def downloaded(client, address: str, data=None, **extra):
    """Ask for an export at `address` (with query `data` and request `extra`, as client.get takes them),
    follow to its job's page and download the file it links."""
    started = client.get(address, data, **extra)
    assert started.status_code == 302, started.status_code
    page = client.get(started.url)
    assert page.status_code == 200
    link = DOWNLOAD_LINK.search(page.content.decode())
    assert link, page.content.decode()
    return client.get(link.group(1))
