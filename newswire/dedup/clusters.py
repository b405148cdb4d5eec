"""Grouping articles into duplicate clusters; the earliest published is the canonical one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from newswire.dedup.signatures import NUM_PERM, SCHEME, SEED

# Estimated Jaccard similarity of word 5-shingles at or above which two articles are copies.
# Syndicated copies with their own boilerplate and lightly edited copies score 0.6-0.95 on
# the self-written pairs in tests/test_duplicates.py; unrelated articles on one story, < 0.1.
NEAR_DUPLICATE_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class ClusterMember:
    """One article's place in a cluster of two or more copies."""

    article_id: str
    cluster_id: str  # the canonical article's id
    duplicate_of: str | None  # null for the canonical article itself
    similarity: float  # estimated Jaccard similarity to the canonical article (1.0 if exact)


def cluster_duplicates(
    article_ids: Sequence[str],
    published: Sequence[date | None],
    fingerprints: Sequence[str],
    signatures: Sequence[np.ndarray],
    threshold: float = NEAR_DUPLICATE_THRESHOLD,
) -> list[ClusterMember]:
    """Clusters of exact (equal fingerprint) and near (MinHash) duplicates among articles."""
    parent = list(range(len(article_ids)))

    def find(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    def union(left: int, right: int) -> None:
        parent[find(left)] = find(right)

    # Exact copies share one signature: only the first of each is indexed and compared, and
    # the others join its cluster, so syndicated copies cost one LSH entry, not one each.
    first_with: dict[str, int] = {}
    for index, fingerprint in enumerate(fingerprints):
        if fingerprint in first_with:
            union(index, first_with[fingerprint])
        else:
            first_with[fingerprint] = index
    # One LeanMinHash per group, from the stored values as they are (MinHash would draw its
    # permutations again for each).
    hashes = {
        index: LeanMinHash(seed=SEED, hashvalues=signatures[index], scheme=SCHEME)
        for index in first_with.values()
    }

    def signature_of(index: int) -> LeanMinHash:
        return hashes[first_with[fingerprints[index]]]

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for index, signature in hashes.items():
            session.insert(index, signature)
    for index in hashes:
        for other in lsh.query(hashes[index]):
            if find(other) != find(index) and hashes[index].jaccard(hashes[other]) >= threshold:
                union(index, other)
    groups: dict[int, list[int]] = {}
    for index in range(len(article_ids)):
        groups.setdefault(find(index), []).append(index)
    clusters: list[ClusterMember] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        canonical = min(
            members, key=lambda i: (published[i] is None, published[i] or date.max, article_ids[i])
        )
        for member in members:
            exact = fingerprints[member] == fingerprints[canonical]
            similarity = (
                1.0 if exact else float(signature_of(member).jaccard(signature_of(canonical)))
            )
            clusters.append(
                ClusterMember(
                    article_ids[member],
                    article_ids[canonical],
                    None if member == canonical else article_ids[canonical],
                    similarity,
                )
            )
    return clusters
