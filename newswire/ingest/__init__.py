"""Ingest: find input files in a stable order and read their bytes in batches."""

from newswire.ingest.batches import cut_batches
from newswire.ingest.files import list_source_files, read_documents

__all__ = ["cut_batches", "list_source_files", "read_documents"]
