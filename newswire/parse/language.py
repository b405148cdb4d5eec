"""Language identification with py3langid, whose model ships inside its wheel."""

from __future__ import annotations

from functools import cache

# Enough text for a stable guess (the same language for all 600 BBC articles tried at 400,
# 600, 1,000 and 2,000 characters); 2,000 cost 1.4 ms an article, 1,000 cost 0.5 ms.
_SAMPLE_CHARS = 1000


@cache
def _identifier():  # noqa: ANN202 - py3langid has no public type for its model
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ('und' when there are no letters to judge)."""
    sample = text[:_SAMPLE_CHARS]
    if not any(char.isalpha() for char in sample):
        return "und"
    language, _probability = _identifier().classify(sample)
    return language
