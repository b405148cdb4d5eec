"""Per-article signatures for duplicate detection, computed once when an article is written."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import numpy as np
from datasketch import MinHash

from schemas import Article, ArticleSignature

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
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(max(1, len(words) - SHINGLE_WORDS + 1))
    }
    signature = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    signature.update_batch(list(shingles))
    return signature.hashvalues


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
