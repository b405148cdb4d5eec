"""Ingest: find input files in a stable order and read their bytes in batches."""

from newswire.ingest.files import list_source_files, read_documents

__all__ = ["list_source_files", "read_documents"]
