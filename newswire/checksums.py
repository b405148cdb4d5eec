"""sha256 of a file, read in chunks so that large files never sit whole in memory."""

from __future__ import annotations

import hashlib

from newswire.locations import open_input

_CHUNK = 1 << 20


def file_sha256(path: str) -> str:
    """Hex sha256 of the file's bytes (a local path or an s3:// URL); raises OSError when it
    cannot be read."""
    digest = hashlib.sha256()
    with open_input(path) as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
