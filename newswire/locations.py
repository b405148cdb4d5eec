"""Locations: a local folder or an `s3://bucket/key` URL, as a pyarrow filesystem and path.

Credentials, region and endpoint come from the standard AWS_* environment variables, read
when a location is resolved (never at import). pyarrow and delta-rs read most of them
themselves; this module fills in where they differ:

- pyarrow's S3FileSystem constructor ignores AWS_ENDPOINT_URL, so it is passed explicitly;
- delta-rs refuses a plain-http endpoint (a local test server) unless AWS_ALLOW_HTTP is set,
  so an `http://` AWS_ENDPOINT_URL allows it unless AWS_ALLOW_HTTP says otherwise.

Delta commits on S3 need no lock service and no AWS_S3_ALLOW_UNSAFE_RENAME: delta-rs 1.x
writes each `_delta_log/<version>.json` with a conditional put (`If-None-Match: *`), which
S3 (and moto) answer with 412 when a concurrent writer took that version first. We never
set the unsafe-rename option, so two writers cannot silently overwrite each other's commit.
"""

from __future__ import annotations

import errno
import functools
import os
import posixpath
import shutil
import stat
import tempfile
from typing import BinaryIO

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

S3_SCHEME = "s3://"


class LocationError(OSError):
    """A location that cannot be used (no such bucket, endpoint unreachable); one line."""


def is_remote(location: str) -> bool:
    """Whether `location` is an object-store URL rather than a local path."""
    return location.startswith(S3_SCHEME)


def join(location: str, *parts: str) -> str:
    """`location` with `parts` appended: posix joins for URLs, os.path for local paths."""
    if is_remote(location):
        return posixpath.join(location, *parts)
    return os.path.join(location, *parts)


def resolve(location: str) -> tuple[pafs.FileSystem, str]:
    """The filesystem that holds `location`, and its path there."""
    if is_remote(location):
        return _s3_filesystem(*_s3_environment()), location[len(S3_SCHEME) :].rstrip("/")
    return pafs.LocalFileSystem(), os.path.abspath(location)


def delta_storage_options(location: str) -> dict[str, str] | None:
    """delta-rs `storage_options` for `location` (None for a local path)."""
    if not is_remote(location):
        return None
    endpoint, region = _s3_environment()
    options: dict[str, str] = {}
    if endpoint:
        options["AWS_ENDPOINT_URL"] = endpoint
        if endpoint.startswith("http://") and "AWS_ALLOW_HTTP" not in os.environ:
            options["AWS_ALLOW_HTTP"] = "true"
    if region:
        options["AWS_REGION"] = region
    return options


def _s3_environment() -> tuple[str | None, str | None]:
    """(endpoint, region) from the AWS_* environment variables."""
    endpoint = os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL")
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    return endpoint or None, region or None


@functools.lru_cache(maxsize=4)
def _s3_filesystem(endpoint: str | None, region: str | None) -> pafs.S3FileSystem:
    # Keys and session tokens: the AWS SDK's own chain (environment, profile, instance role).
    return pafs.S3FileSystem(endpoint_override=endpoint, region=region)


def check_reachable(location: str) -> None:
    """Raise LocationError when `location`'s bucket is missing or its endpoint unreachable."""
    if not is_remote(location):
        return
    filesystem, path = resolve(location)
    bucket = path.split("/", 1)[0]
    if _info(filesystem, bucket, location).type == pafs.FileType.NotFound:
        endpoint = _s3_environment()[0] or "AWS"
        raise LocationError(f"no bucket {bucket!r} at {endpoint} (for {location})")


def exists(location: str) -> bool:
    """Whether a file, or a folder holding files, is at `location`."""
    return _type(location) != pafs.FileType.NotFound


def is_dir(location: str) -> bool:
    """Whether a folder is at `location` (on S3: a prefix that holds objects)."""
    return _type(location) == pafs.FileType.Directory


def _type(location: str) -> pafs.FileType:
    check_reachable(location)
    filesystem, path = resolve(location)
    return _info(filesystem, path, location).type


def is_file(location: str) -> bool:
    """Whether a file (an object, on S3) is at `location`."""
    filesystem, path = resolve(location)
    return filesystem.get_file_info(path).type == pafs.FileType.File


def _info(filesystem: pafs.FileSystem, path: str, location: str) -> pafs.FileInfo:
    try:
        return filesystem.get_file_info(path)
    except OSError as error:
        raise LocationError(f"cannot reach {location}: {_first_line(error)}") from error


def _first_line(error: OSError) -> str:
    # pyarrow's S3 errors name the operation, then a curl detail after ';'.
    return str(error).splitlines()[0].split("; Details:")[0]


def list_files(location: str, recursive: bool = False) -> list[str]:
    """Files in the folder `location` (none when it does not exist), as locations."""
    return [path for path, kind in _listing(location, recursive) if kind == pafs.FileType.File]


def list_dirs(location: str) -> list[str]:
    """Folders directly in the folder `location`, as locations."""
    return [path for path, kind in _listing(location, False) if kind == pafs.FileType.Directory]


def _listing(location: str, recursive: bool) -> list[tuple[str, pafs.FileType]]:
    filesystem, root = resolve(location)
    selector = pafs.FileSelector(root, recursive=recursive, allow_not_found=True)
    return [
        (join(location, *info.path[len(root) :].strip("/").split("/")), info.type)
        for info in filesystem.get_file_info(selector)
    ]


def file_size(location: str) -> int:
    """Size in bytes of the file at `location`; raises FileNotFoundError when there is none."""
    if not is_remote(location):
        return os.stat(location).st_size
    filesystem, path = resolve(location)
    info = filesystem.get_file_info(path)
    if info.type != pafs.FileType.File:
        raise FileNotFoundError(2, "No such file", location)
    return info.size


class NotAFileError(OSError):
    """An input path that is a named pipe, device or socket: reading it could block forever
    or never end, so it is not read."""


def open_input(location: str) -> BinaryIO:
    """The file at `location`, opened for reading bytes; raises NotAFileError for anything
    but a regular file."""
    if is_remote(location):
        filesystem, path = resolve(location)
        return filesystem.open_input_stream(path)
    # Opened without blocking, so that a named pipe with no writer cannot hang the run, then
    # checked on the open descriptor itself (no window for a swap between check and open).
    descriptor = os.open(location, os.O_RDONLY | os.O_NONBLOCK)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFileError(
                errno.EINVAL, f"not a regular file ({_kind_of(mode)}), not read", location
            )
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a folder" if stat.S_ISDIR(mode) else "not a file"


def read_parquet(location: str, columns: list[str] | None = None) -> pa.Table:
    """One Parquet file, whole or the named columns."""
    filesystem, path = resolve(location)
    return pq.read_table(path, columns=columns, filesystem=filesystem)


def read_bytes(location: str) -> bytes | None:
    """The whole file at `location`, or None when there is none."""
    if not is_remote(location):
        try:
            with open(location, "rb") as handle:
                return handle.read()
        except FileNotFoundError:
            return None
    filesystem, path = resolve(location)
    if filesystem.get_file_info(path).type == pafs.FileType.NotFound:
        return None
    with filesystem.open_input_stream(path) as handle:
        return handle.read()


def replace_file(location: str, data: bytes) -> None:
    """Write `data` to `location` so that readers see the old file or the new one, whole.

    Locally: a synced temporary file renamed over it. On S3 a PUT is atomic by itself.
    """
    if is_remote(location):
        filesystem, path = resolve(location)
        with filesystem.open_output_stream(path) as out:
            out.write(data)
        return
    folder = os.path.dirname(os.path.abspath(location))
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".replace-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, location)
    except BaseException:
        os.unlink(temporary)
        raise


def remove_tree(location: str) -> None:
    """Delete the folder `location` and everything below it; nothing there is fine."""
    if not is_remote(location):
        shutil.rmtree(location, ignore_errors=True)
        return
    filesystem, path = resolve(location)
    if filesystem.get_file_info(path).type == pafs.FileType.NotFound:
        return
    filesystem.delete_dir(path)


def upload_folder(folder: str, location: str, last: str | None = None) -> None:
    """Copy the local `folder` to the s3:// `location`, the file named `last` after all others.

    Object stores have no rename: a reader that waits for `last` sees a complete copy.
    A failed upload deletes what it copied.
    """
    filesystem, path = resolve(location)
    local = pafs.LocalFileSystem()
    names = sorted(
        os.path.relpath(info.path, folder)
        for info in local.get_file_info(pafs.FileSelector(folder, recursive=True))
        if info.type == pafs.FileType.File
    )
    if last in names:
        names.remove(last)
        names.append(last)
    try:
        for name in names:
            pafs.copy_files(
                os.path.join(folder, name),
                posixpath.join(path, *name.split(os.sep)),
                source_filesystem=local,
                destination_filesystem=filesystem,
            )
    except BaseException:
        remove_tree(location)
        raise
