"""End-to-end throughput against the NER model's own, on BBC News in seed format.

Builds seed files from ../shared/corpora/bbc-news (2,225 articles; --synthetic N for an N
document corpus with dates over 24 months and unique URLs) in a temporary folder, then in
one run on this machine: (a) bare `nlp.pipe` over the same headline-and-body texts with only
the NER; (a2) the same with the pipeline Newswire loads (the NER and Newswire's entity
components); (b) `newswire run` end to end into a fresh warehouse, as a subprocess whose
process tree's peak RSS is sampled from /proc; (c) the same command again with nothing
changed; (d) with --rss-compare M, `newswire run` over the first M documents alone, for its
peak RSS; (e) the analyst queries of bench/queries.py over the warehouse (b) built. Every
measurement uses Newswire's `workers` processes (default: the number of cores). Reports
docs/s, words/s, the ratios (b)/(a) and (b)/(a2), peak RSS, the no-change re-run time and
the per-stage seconds Newswire recorded. Skips without the corpus.

    python bench/throughput.py [--synthetic N] [--rss-compare M] [--no-components-baseline]
                               [--baseline-after] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import BBC, bench_texts, write_corpus  # noqa: E402

DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "throughput.json"
BARE_DISABLED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]
PAGE = os.sysconf("SC_PAGE_SIZE")


class TreeMemory:
    """Peak resident memory of a process and all its descendants, sampled from /proc."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(_rss(pid) for pid in _tree(self.pid)))
            time.sleep(self.interval)


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def bare(texts: list[str], model: str, processes: int, with_components: bool = False) -> dict:
    """The NER alone (or Newswire's whole entity pipeline) over the texts, in this process
    and its workers."""
    import spacy

    if with_components:
        from newswire.enrich.nlp import load_for
        from newswire.settings import Settings

        nlp = load_for(Settings(spacy_model=model))
    else:
        nlp = spacy.load(model, disable=BARE_DISABLED)
    list(nlp.pipe(texts[:20]))  # warm up outside the timing
    started = time.perf_counter()
    with TreeMemory(os.getpid()) as memory:
        for _ in nlp.pipe(texts, batch_size=64, n_process=processes):
            pass
    return {"seconds": time.perf_counter() - started, "peak_rss_bytes": memory.peak}


def newswire_run(folder: Path, warehouse: Path) -> dict:
    """`newswire run` as a subprocess: wall time, peak tree RSS, and the run's own row."""
    command = [
        sys.executable,
        "-m",
        "newswire.cli",
        "run",
        "--input",
        str(folder),
        "--warehouse",
        str(warehouse),
    ]
    env = {
        **os.environ,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    with TreeMemory(process.pid) as memory:
        stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"newswire run failed: {stderr.decode()[-2000:]}")
    from newswire.warehouse import connect

    row = (
        connect(str(warehouse))
        .execute(
            "select epoch(finished_at) - epoch(started_at), documents_read, articles_written, "
            "unchanged, stage_seconds from runs order by started_at desc limit 1"
        )
        .fetchone()
    )
    return {
        "wall_seconds": seconds,
        "flow_seconds": row[0],
        "documents_read": row[1],
        "articles_written": row[2],
        "unchanged": row[3],
        "stage_seconds": json.loads(row[4]),
        "peak_rss_bytes": memory.peak,
        "summary": stdout.decode().strip().splitlines()[-1:],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=None, help="documents to generate")
    parser.add_argument(
        "--rss-compare", type=int, default=None, help="also run over the first M documents"
    )
    parser.add_argument(
        "--no-components-baseline",
        action="store_true",
        help="skip (a2), the bare pipeline with Newswire's components (saves its run time)",
    )
    parser.add_argument(
        "--baseline-after",
        action="store_true",
        help="measure (a) again after (b): the two bound the machine's drift during the run",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    if not BBC.exists():
        print(f"skipped: corpus not found at {BBC}")
        return 0
    from bench.queries import report, run_queries
    from newswire.settings import Settings

    settings = Settings()
    processes = settings.workers
    smaller = None
    with tempfile.TemporaryDirectory(prefix="newswire-bench-") as tmp:
        folder, warehouse = Path(tmp) / "input", Path(tmp) / "warehouse"
        documents = write_corpus(folder, args.synthetic)
        texts = bench_texts(folder)
        words = sum(len(text.split()) for text in texts)
        baseline = bare(texts, settings.spacy_model, processes)
        pipeline = (
            None
            if args.no_components_baseline
            else bare(texts, settings.spacy_model, processes, with_components=True)
        )
        full = newswire_run(folder, warehouse)
        after = bare(texts, settings.spacy_model, processes) if args.baseline_after else None
        del texts
        again = newswire_run(folder, warehouse)
        queries = run_queries(str(warehouse))
        if args.rss_compare:
            small_folder = Path(tmp) / f"input-{args.rss_compare}"
            write_corpus(small_folder, args.rss_compare)
            smaller = newswire_run(small_folder, Path(tmp) / f"warehouse-{args.rss_compare}")
    results = {
        "documents": documents,
        "words": words,
        "processes": processes,
        "bare": {
            **baseline,
            "docs_per_second": documents / baseline["seconds"],
            "words_per_second": words / baseline["seconds"],
        },
        "newswire": {
            **full,
            "docs_per_second": documents / full["wall_seconds"],
            "words_per_second": words / full["wall_seconds"],
            "flow_docs_per_second": documents / full["flow_seconds"],
        },
        "rerun": again,
        "queries": queries,
    }
    if pipeline is not None:
        results["bare_with_components"] = {
            **pipeline,
            "docs_per_second": documents / pipeline["seconds"],
            "words_per_second": words / pipeline["seconds"],
        }
        results["ratio_wall_vs_components"] = (
            results["newswire"]["docs_per_second"]
            / results["bare_with_components"]["docs_per_second"]
        )
    if smaller is not None:
        results["rss_compare"] = {
            "documents": args.rss_compare,
            "peak_rss_bytes": smaller["peak_rss_bytes"],
            "wall_seconds": smaller["wall_seconds"],
            "peak_rss_growth": full["peak_rss_bytes"] / smaller["peak_rss_bytes"] - 1,
        }
    if after is not None:
        results["bare_after"] = {**after, "docs_per_second": documents / after["seconds"]}
        drift = results["bare_after"]["docs_per_second"] / results["bare"]["docs_per_second"] - 1
        results["bare_drift"] = drift
        results["ratio_wall_vs_both_baselines"] = results["newswire"]["docs_per_second"] / (
            (results["bare"]["docs_per_second"] + results["bare_after"]["docs_per_second"]) / 2
        )
    results["ratio_wall"] = (
        results["newswire"]["docs_per_second"] / results["bare"]["docs_per_second"]
    )
    results["ratio_flow"] = (
        results["newswire"]["flow_docs_per_second"] / results["bare"]["docs_per_second"]
    )
    results["rerun_share"] = again["wall_seconds"] / full["wall_seconds"]
    stages = full["stage_seconds"]
    results["quotes_share_of_run"] = stages.get("quotes", 0.0) / full["flow_seconds"]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    mib = 1024 * 1024
    print(f"{documents} documents, {words} words, {processes} process(es)")
    print(
        f"bare nlp.pipe   {results['bare']['docs_per_second']:7.1f} docs/s {results['bare']['words_per_second']:9.0f} words/s  peak {baseline['peak_rss_bytes'] / mib:6.0f} MiB"
    )
    print(
        f"newswire run    {results['newswire']['docs_per_second']:7.1f} docs/s {results['newswire']['words_per_second']:9.0f} words/s  peak {full['peak_rss_bytes'] / mib:6.0f} MiB  (wall {full['wall_seconds']:.1f} s, flow {full['flow_seconds']:.1f} s)"
    )
    print(
        f"ratio newswire/bare NER: {results['ratio_wall']:.2f} wall, {results['ratio_flow']:.2f} flow"
    )
    if pipeline is not None:
        print(
            f"bare + components {results['bare_with_components']['docs_per_second']:5.1f} docs/s {results['bare_with_components']['words_per_second']:9.0f} words/s  peak {pipeline['peak_rss_bytes'] / mib:6.0f} MiB; "
            f"newswire/bare with components: {results['ratio_wall_vs_components']:.2f} wall"
        )
    if after is not None:
        print(
            f"bare nlp.pipe again after the run: {results['bare_after']['docs_per_second']:.1f} docs/s "
            f"({results['bare_drift']:+.1%}); newswire against the mean of both: "
            f"{results['ratio_wall_vs_both_baselines']:.2f} wall"
        )
    if smaller is not None:
        growth = results["rss_compare"]["peak_rss_growth"]
        print(
            f"peak RSS at {args.rss_compare} documents {smaller['peak_rss_bytes'] / mib:.0f} MiB, "
            f"at {documents}: {full['peak_rss_bytes'] / mib:.0f} MiB ({growth:+.1%})"
        )
    report(queries)
    print(
        f"no-change re-run: {again['wall_seconds']:.1f} s = {results['rerun_share']:.1%} of the full run (flow {again['flow_seconds']:.1f} s)"
    )
    print("stage seconds:", json.dumps(stages))
    outside = full["wall_seconds"] - full["flow_seconds"]
    print(
        f"flow phases (wall): plan {stages['run.plan']:.1f} s, batches {stages['run.batches']:.1f} s "
        f"(of which model loads {stages.get('load', 0):.1f} worker-s), commit "
        f"{stages['run.commit']:.1f} s; outside the flow {outside:.1f} s"
    )
    print(
        f"quotes stage: {stages.get('quotes', 0):.2f} s = {results['quotes_share_of_run']:.2%} of the run"
    )
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
