"""Quote extraction and speaker attribution on Newswire's own hand-labelled passages.

bench/data/quotes_labelled.jsonl holds self-written passages (every attribution pattern plus
scare quotes, titles of works and nicknames as hard negatives), each labelled with its quotes
and speakers. Each passage runs through the same enrichment as an article body. Scores:
quote spans (exact text, marks excluded) P/R/F1, and speakers: correct / predicted quotes
with a speaker (P), correct / labelled quotes with a speaker (R). With --corpus, also times
the quotes stage inside a full `newswire run` over BBC articles (skipped when absent).

    python bench/quote_quality.py [--out bench/results/quote_quality.json] [--corpus PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DATA = Path(__file__).resolve().parent / "data"
# The development set the rules were written against, and a held-out set written blind
# (by someone who saw neither the rules nor the development set) to measure generalisation.
LABEL_SETS = {
    "development": DATA / "quotes_labelled.jsonl",
    "held_out": DATA / "quotes_heldout.jsonl",
}
DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "quote_quality.json"


def normalised(text: str) -> str:
    return " ".join(text.split()).strip(" ,.")


def speaker_matches(predicted: dict, gold: dict) -> bool:
    if gold["speaker"] is None:
        return False
    if gold.get("speaker_is_name", True):
        return predicted["speaker_canonical"] == gold["speaker"]
    return normalised(predicted["speaker"] or "").lower() == normalised(gold["speaker"]).lower()


def score(passages: list[dict], predictions: list[list[dict]]) -> dict:
    counts: Counter[str] = Counter()
    per_pattern: dict[str, Counter[str]] = {}
    errors: list[dict] = []
    for passage, predicted in zip(passages, predictions, strict=True):
        pattern = per_pattern.setdefault(passage["pattern"], Counter())
        gold_by_text = {normalised(q["quote"]): q for q in passage["quotes"]}
        counts["gold_quotes"] += len(gold_by_text)
        counts["gold_speakers"] += sum(q["speaker"] is not None for q in passage["quotes"])
        pattern["gold"] += len(gold_by_text)
        for quote in predicted:
            counts["predicted_quotes"] += 1
            has_speaker = quote["speaker"] is not None or quote["speaker_canonical"] is not None
            counts["predicted_speakers"] += has_speaker
            gold = gold_by_text.get(normalised(quote["quote"]))
            if gold is None:
                errors.append(
                    {"id": passage["id"], "kind": "spurious quote", "quote": quote["quote"]}
                )
                continue
            counts["matched_quotes"] += 1
            pattern["matched"] += 1
            if has_speaker and speaker_matches(quote, gold):
                counts["correct_speakers"] += 1
                pattern["speaker_ok"] += 1
            elif gold["speaker"] is not None:
                errors.append(
                    {
                        "id": passage["id"],
                        "kind": "wrong speaker",
                        "quote": quote["quote"][:60],
                        "gold": gold["speaker"],
                        "predicted": quote["speaker_canonical"] or quote["speaker"],
                        "attribution": quote["attribution"],
                    }
                )
        found = {normalised(q["quote"]) for q in predicted}
        for text in gold_by_text:
            if text not in found:
                errors.append({"id": passage["id"], "kind": "missed quote", "quote": text[:60]})
    return {
        "quote_spans": _prf(
            counts["matched_quotes"], counts["predicted_quotes"], counts["gold_quotes"]
        ),
        "speakers": _prf(
            counts["correct_speakers"], counts["predicted_speakers"], counts["gold_speakers"]
        ),
        "per_pattern": {name: dict(c) for name, c in sorted(per_pattern.items())},
        "errors": errors,
        "counts": dict(counts),
    }


def _prf(correct: int, predicted: int, gold: int) -> dict[str, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "correct": correct,
        "predicted": predicted,
        "gold": gold,
    }


def predict(passages: list[dict]) -> list[list[dict]]:
    from newswire.enrich.articles import enrich_articles
    from newswire.enrich.nlp import load_for
    from newswire.settings import Settings

    articles = [
        {
            "article_id": f"{index:016x}",
            "title": f"Passage {passage['id']}",
            "body": passage["body"],
            "language": "en",
            "dateline": None,
            "published_date": None,
            "year": None,
            "month": None,
        }
        for index, passage in enumerate(passages)
    ]
    return enrich_articles(articles, load_for(Settings())).quotes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, help="score one label file instead of both sets")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    sets = {"labels": args.labels} if args.labels else LABEL_SETS
    report = {}
    for set_name, path in sets.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        passages = [json.loads(line) for line in lines if line]
        results = score(passages, predict(passages))
        results["passages"] = len(passages)
        report[set_name] = results
        _print(set_name, passages, results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"written to {args.out}")
    return 0


def _print(set_name: str, passages: list[dict], results: dict) -> None:
    print(
        f"{set_name}: {len(passages)} passages, {results['counts']['gold_quotes']} labelled quotes"
    )
    for name in ("quote_spans", "speakers"):
        prf = results[name]
        print(
            f"  {name:<12} P {prf['precision']:.3f}  R {prf['recall']:.3f}  F1 {prf['f1']:.3f}  "
            f"({prf['correct']} correct, {prf['predicted']} predicted, {prf['gold']} labelled)"
        )
    print("  per pattern (labelled / matched / speaker correct):")
    for name, counts in results["per_pattern"].items():
        row = [counts.get(key, 0) for key in ("gold", "matched", "speaker_ok")]
        print(f"    {name:<18} {row[0]:>3} {row[1]:>3} {row[2]:>3}")
    for error in results["errors"]:
        print("    ", error)


if __name__ == "__main__":
    sys.exit(main())
