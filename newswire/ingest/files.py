"""Listing and reading input files; the only stage that touches the input (a local folder or
an s3:// prefix)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from newswire import locations
from newswire.records import Rejection, SourceDocument, Stage


def list_source_files(root: str | os.PathLike[str]) -> Iterator[str]:
    """Yield every regular file below `root`, recursively, in a stable (sorted) order.

    Hidden files and folders (names starting with '.') are skipped; symlinked folders
    are not followed, so a symlink loop cannot hang the walk.
    """
    if locations.is_remote(str(root)):
        yield from _list_remote(str(root))
        return
    root_path = Path(root)
    if root_path.is_file():
        yield str(root_path)
        return
    if not root_path.is_dir():
        raise FileNotFoundError(f"input folder not found: {root}")
    for dirpath, dirnames, filenames in os.walk(root_path, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield os.path.join(dirpath, name)


def _list_remote(root: str) -> Iterator[str]:
    """The object-store twin of the walk above: same skips, same order (a folder's files
    before its subfolders, each sorted by name)."""
    if locations.is_file(root):
        yield root
        return
    files = locations.list_files(root, recursive=True)
    if not files:
        raise FileNotFoundError(f"input folder not found: {root}")
    prefix = root.rstrip("/") + "/"
    relative = [path[len(prefix) :].split("/") for path in files]
    visible = [parts for parts in relative if not any(p.startswith(".") for p in parts)]
    for parts in sorted(visible, key=lambda parts: [(1, p) for p in parts[:-1]] + [(0, parts[-1])]):
        yield prefix + "/".join(parts)


def read_documents(
    paths: list[str], max_bytes: int
) -> tuple[list[SourceDocument], list[Rejection]]:
    """Read each path's bytes; an unreadable or oversized file becomes a rejection."""
    documents: list[SourceDocument] = []
    rejections: list[Rejection] = []
    for path in paths:
        if not _storable(path):
            rejections.append(
                Rejection(
                    _display(path),
                    None,
                    Stage.INGEST,
                    "bad_file_name",
                    "the file name is not valid UTF-8, so it cannot be stored; rename the file",
                )
            )
            continue
        try:
            size = locations.file_size(path)
            if size > max_bytes:
                rejections.append(
                    Rejection(
                        path,
                        None,
                        Stage.INGEST,
                        "too_large",
                        f"{size} bytes, over the limit of {max_bytes}",
                    )
                )
                continue
            with locations.open_input(path) as handle:
                data = handle.read(max_bytes + 1)
        except OSError as error:
            rejections.append(
                Rejection(
                    path,
                    None,
                    Stage.INGEST,
                    "not_a_file" if isinstance(error, locations.NotAFileError) else "unreadable",
                    f"{type(error).__name__}: {error.strerror or error}",
                )
            )
            continue
        documents.append(SourceDocument(path, data, hashlib.sha256(data).hexdigest()))
    return documents, rejections


def _storable(path: str) -> bool:
    """Whether a listed path can be stored as text: a file name of bytes that are not UTF-8
    is listed with surrogate escapes, which Arrow strings cannot hold."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _display(path: str) -> str:
    """A listed path that is not valid UTF-8, with its odd bytes written as \\xNN."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")
