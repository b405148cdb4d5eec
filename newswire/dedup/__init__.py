"""Duplicates: exact (same normalised body) and near (MinHash LSH over word shingles)."""

from newswire.dedup.clusters import ClusterMember, cluster_duplicates
from newswire.dedup.signatures import (
    NUM_PERM,
    body_fingerprint,
    minhash_values,
    normalised_words,
)

__all__ = [
    "NUM_PERM",
    "ClusterMember",
    "body_fingerprint",
    "cluster_duplicates",
    "minhash_values",
    "normalised_words",
]
