"""Per-article signatures for duplicate detection, computed once when an article is written."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from typing import Any

import numpy as np
from datasketch import MinHash

from schemas import Article, ArticleSignature

try:
    # CPython's own SHA-1: the same digests, without the per-object set-up cost of OpenSSL 3,
    # which is most of the cost of hashing a few hundred short shingles.
    from _sha1 import sha1
except ImportError:  # pragma: no cover - an interpreter without it
    from hashlib import sha1

NUM_PERM = 128
SHINGLE_WORDS = 5  # word 5-grams: long enough that unrelated articles share almost none
SEED = 1  # fixed, with the scheme, so that signatures from different runs compare
SCHEME = "affine32"
_WORD = re.compile(r"\w+")


def normalised_words(body: str) -> list[str]:
    """Lower-cased words, punctuation and spacing ignored: what "the same text" means here."""
    return _WORD.findall(body.lower())


def body_fingerprint(words: list[str]) -> str:
    """sha256 of a body's normalised words: equal for exact duplicates whatever their URL."""
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def minhash_values(words: list[str]) -> np.ndarray:
    """The MinHash signature (NUM_PERM uint64 values) of a body's word 5-shingles."""
    if len(words) < SHINGLE_WORDS:
        shingles = {" ".join(words)}  # a short body is one shingle (an empty one when wordless)
    else:
        starts = (words[i:] for i in range(SHINGLE_WORDS))
        shingles = set(map(" ".join, zip(*starts, strict=False)))  # stops at the last full one
    # datasketch's own sha1_hash32 (the first 4 bytes of SHA-1, little-endian), hashed here
    # in one pass so that update_batch only has to take the numbers as they are.
    digests = b"".join([sha1(shingle.encode("utf-8")).digest()[:4] for shingle in shingles])
    signature = MinHash(
        num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=int, permutations=_permutations()
    )
    signature.update_batch(np.frombuffer(digests, dtype="<u4").tolist())
    return signature.hashvalues


@cache
def _permutations() -> np.ndarray:
    """The permutations MinHash draws from SEED: the same every time, drawn once a process."""
    permutations = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    permutations.setflags(write=False)
    return permutations


def signature_row(article: dict[str, Any]) -> dict[str, Any]:
    """The article_signatures row of an article row."""
    words = normalised_words(article[Article.body])
    return {
        ArticleSignature.article_id: article[Article.article_id],
        ArticleSignature.published_date: article[Article.published_date],
        ArticleSignature.body_fingerprint: body_fingerprint(words),
        ArticleSignature.minhash: minhash_values(words).astype("<u4").tobytes(),
        ArticleSignature.year: article[Article.year],
        ArticleSignature.month: article[Article.month],
    }


def signature_from_bytes(data: bytes) -> np.ndarray:
    """The MinHash values stored in article_signatures.minhash."""
    return np.frombuffer(data, dtype="<u4").astype(np.uint64)
