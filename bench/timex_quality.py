"""Temporal expressions on the TempEval-3 training corpus: Newswire against dateparser.

Every TimeBank and AQUAINT document's <TEXT> goes through both systems in one run, normalised
against its creation date. Spans are matched to gold TIMEX3s one-to-one by overlap (relaxed,
largest overlap first); strict spans need exact boundaries; type and value are scored over
the matched pairs (value P = correct / system spans, R = correct / gold). Newswire's time is
split into the entity stage (spaCy) and the dates stage; `dates_overhead` is their ratio
(target <= 0.10). Skips cleanly when the corpus is absent.

    python bench/timex_quality.py [--corpus PATH] [--out bench/results/timex_quality.json]
        [--limit N] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timeml import TimeMLDocument, Timex, TimexScores, read_corpus  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "tempeval3-train"
DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "timex_quality.json"
OVERHEAD_TARGET = 0.10
WARM_TEXT = "The talks resumed on Monday, March 2, 1998, at 10 a.m. after three weeks."


def newswire_predictions(documents: list[TimeMLDocument]) -> tuple[list[list[Timex]], dict]:
    """Newswire's spaCy pipeline (the entity stage) then `timexes_in_doc` (the dates stage),
    each timed on its own."""
    from newswire.enrich.nlp import load_for
    from newswire.enrich.temporal import timexes_in_doc
    from newswire.settings import Settings

    nlp = load_for(Settings())
    # Warm both stages so that neither pays first-call costs inside its timing.
    for doc in nlp.pipe([WARM_TEXT]):
        timexes_in_doc(doc, date(1998, 3, 4))
    started = time.perf_counter()
    docs = list(nlp.pipe(document.text for document in documents))
    entity_seconds = time.perf_counter() - started
    started = time.perf_counter()
    found = [
        timexes_in_doc(doc, document.dct) for doc, document in zip(docs, documents, strict=True)
    ]
    dates_seconds = time.perf_counter() - started
    predictions = [
        [Timex(span.start, span.end, span.type, span.value) for span in spans] for spans in found
    ]
    timings = {
        "entity_stage_seconds": entity_seconds,
        "dates_stage_seconds": dates_seconds,
        "seconds": entity_seconds + dates_seconds,
        "dates_overhead": dates_seconds / entity_seconds if entity_seconds else 0.0,
        "dates_overhead_target": OVERHEAD_TARGET,
        "pipeline": nlp.pipe_names,
    }
    return predictions, timings


def dateparser_timexes(text: str, anchor: datetime) -> list[Timex]:
    """dateparser's `search_dates` as TIMEX3s: DATE YYYY-MM-DD, or TIME YYYY-MM-DDTHH:MM when
    the time of day is not midnight; each substring located after the previous one."""
    from dateparser.search import search_dates

    found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": anchor}) or []
    timexes = []
    position = 0
    for substring, moment in found:
        start = text.find(substring, position)
        if start < 0:
            start = text.find(substring)
        if start < 0 or not substring:
            continue
        position = start + len(substring)
        if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
            timexes.append(Timex(start, position, "DATE", moment.strftime("%Y-%m-%d")))
        else:
            timexes.append(Timex(start, position, "TIME", moment.strftime("%Y-%m-%dT%H:%M")))
    return timexes


def dateparser_predictions(documents: list[TimeMLDocument]) -> tuple[list[list[Timex]], dict]:
    """dateparser on each document, anchored at its creation date; a document on which it
    raises counts as no predictions."""
    dateparser_timexes(WARM_TEXT, datetime(1998, 3, 4))
    predictions = []
    failures = 0
    started = time.perf_counter()
    for document in documents:
        anchor = datetime(document.dct.year, document.dct.month, document.dct.day)
        try:
            predictions.append(dateparser_timexes(document.text, anchor))
        except Exception as error:  # one bad document must not end the run
            failures += 1
            print(f"warning: dateparser failed on {document.name}: {error!r}", file=sys.stderr)
            predictions.append([])
    seconds = time.perf_counter() - started
    return predictions, {"seconds": seconds, "failed_documents": failures}


def evaluate(documents: list[TimeMLDocument], predictions: list[list[Timex]], errors: int) -> dict:
    """Scores over all documents and per corpus, per gold type and the top error kinds."""
    overall = TimexScores()
    by_corpus: dict[str, TimexScores] = {}
    for document, predicted in zip(documents, predictions, strict=True):
        overall.add(document, predicted)
        by_corpus.setdefault(document.corpus, TimexScores()).add(document, predicted)
    return {
        "all": overall.summary(),
        **{corpus: scores.summary() for corpus, scores in sorted(by_corpus.items())},
        "per_type": overall.per_type(),
        "per_corpus_per_type": {
            corpus: scores.per_type() for corpus, scores in sorted(by_corpus.items())
        },
        "error_counts": overall.error_counts(),
        "top_errors": overall.top_error_kinds(errors),
    }


def print_report(results: dict, corpora: list[str]) -> None:
    header = (
        f"{'system':<11} {'corpus':<9} {'rel P':>6} {'rel R':>6} {'rel F1':>6} {'str F1':>6} "
        f"{'type':>6} {'val P':>6} {'val R':>6} {'val F1':>6} {'seconds':>8}"
    )
    print(header)
    for name in ("newswire", "dateparser"):
        system = results[name]
        for corpus in ("all", *corpora):
            row = system[corpus]
            relaxed, value = row["relaxed"], row["value"]
            seconds = f"{system['timing']['seconds']:8.1f}" if corpus == "all" else ""
            print(
                f"{name:<11} {corpus:<9} {relaxed['precision']:6.3f} {relaxed['recall']:6.3f} "
                f"{relaxed['f1']:6.3f} {row['strict']['f1']:6.3f} {row['type_accuracy']:6.3f} "
                f"{value['precision']:6.3f} {value['recall']:6.3f} {value['f1']:6.3f} {seconds}"
            )
    timing = results["newswire"]["timing"]
    verdict = "meets" if timing["dates_overhead"] <= OVERHEAD_TARGET else "misses"
    print(
        f"\nnewswire: entity stage {timing['entity_stage_seconds']:.2f}s, dates stage "
        f"{timing['dates_stage_seconds']:.2f}s, dates_overhead {timing['dates_overhead']:.3f} "
        f"({verdict} the {OVERHEAD_TARGET:.2f} target)"
    )
    print("\nnewswire per gold type (all corpora)")
    print(f"{'type':<9} {'gold':>5} {'rel R':>6} {'val R':>6}")
    for kind, row in results["newswire"]["per_type"].items():
        print(f"{kind:<9} {row['gold']:>5} {row['relaxed_recall']:6.3f} {row['value_recall']:6.3f}")
    counts = results["newswire"]["error_counts"]
    summary = ", ".join(f"{category} {count}" for category, count in counts.items())
    print(f"\nnewswire errors: {summary}")
    print("top error kinds")
    for entry in results["newswire"]["top_errors"]:
        example = entry["example"]
        text = example["gold_text"] if example["gold_text"] is not None else example["system_text"]
        detail = f"{example['document']}: {text!r}"
        if example["gold_text"] is not None and example["system_text"] not in (None, text):
            detail += f" (system {example['system_text']!r})"
        detail += f" gold={example['gold_value']} sys={example['system_value']}"
        print(f"{entry['count']:>5}  {entry['kind']}\n       e.g. {detail}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    parser.add_argument("--errors", type=int, default=10, help="error kinds to report")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: corpus not found at {args.corpus}")
        return 0
    documents = read_corpus(args.corpus)
    if args.limit is not None:
        documents = documents[: args.limit]
    if not documents:
        print(f"skipped: no .tml documents under {args.corpus}")
        return 0
    corpora = sorted({document.corpus for document in documents})
    results: dict = {
        "corpus": args.corpus.name,
        "documents": len(documents),
        "documents_per_corpus": {
            corpus: sum(document.corpus == corpus for document in documents) for corpus in corpora
        },
        "gold_timexes": sum(len(document.gold) for document in documents),
        "characters": sum(len(document.text) for document in documents),
        "limit": args.limit,
    }
    for name, run in (("newswire", newswire_predictions), ("dateparser", dateparser_predictions)):
        predictions, timing = run(documents)
        results[name] = {"timing": timing, **evaluate(documents, predictions, args.errors)}
    results["dates_overhead"] = results["newswire"]["timing"]["dates_overhead"]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print(
        f"{results['documents']} documents "
        f"({', '.join(f'{c} {n}' for c, n in results['documents_per_corpus'].items())}), "
        f"{results['gold_timexes']} gold TIMEX3s\n"
    )
    print_report(results, corpora)
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
