"""Exact and near duplicates on self-written near-copies; unrelated stories stay apart."""

from __future__ import annotations

from datetime import date

from newswire.dedup import body_fingerprint, cluster_duplicates, minhash_values, normalised_words

TRAM = (
    "The city council voted on Tuesday to extend the tram network into the northern suburbs, "
    "a project expected to cost 400 million euros and take six years to build. Supporters said "
    "the line would cut commuting times by half for some 60,000 residents, while opponents "
    "warned that construction would close the main shopping street for at least two summers. "
    "The mayor said the first trams could run before the next election if the national "
    "government confirmed its share of the funding in the autumn budget."
)
DROUGHT = (
    "Farmers in the southern provinces said the drought had cut the wheat harvest by a third, "
    "and bread prices rose sharply at the main wholesale market on Monday. The agriculture "
    "ministry promised emergency payments to growers who lost more than half of their crop, "
    "but farm unions said the money would arrive too late to pay for next season's seed."
)
# Another paper's story on the same council vote: same facts and names, different words.
TRAM_OTHER_WRITER = (
    "Councillors approved the northern tram extension on Tuesday after a four-hour debate. "
    "The 400 million euro line, which will take six years to complete, is meant to halve "
    "journeys for 60,000 people, but shopkeepers fear two summers of roadworks on the main "
    "street. The mayor hopes to open it before the election, provided the state pays its share."
)
STORIES = {
    "tram": TRAM,
    "tram-syndicated": "From our partners. " + TRAM + " This story first appeared in the "
    "Northern Courier and is republished under a content-sharing agreement.",
    "tram-edited": TRAM.replace("six years", "seven years").replace(
        "Supporters said", "Backers said"
    ),
    "tram-exact": TRAM.replace("  ", " "),
    "drought": DROUGHT,
    "drought-edited": DROUGHT.replace("by a third", "by almost a third").replace(
        "Monday", "Tuesday"
    ),
    "tram-other-writer": TRAM_OTHER_WRITER,
}
PUBLISHED = {
    "tram": date(2025, 3, 4),
    "tram-syndicated": date(2025, 3, 5),
    "tram-edited": date(2025, 3, 6),
    "tram-exact": date(2025, 3, 4),
    "drought": date(2025, 3, 2),
    "drought-edited": date(2025, 3, 1),
    "tram-other-writer": date(2025, 3, 4),
}


def clusters() -> dict[str, tuple[str, str | None]]:
    ids = list(STORIES)
    found = cluster_duplicates(
        ids,
        [PUBLISHED[i] for i in ids],
        [body_fingerprint(normalised_words(STORIES[i])) for i in ids],
        [minhash_values(normalised_words(STORIES[i])) for i in ids],
    )
    return {c.article_id: (c.cluster_id, c.duplicate_of) for c in found}


def test_planted_copies_share_a_cluster_and_unrelated_stories_do_not() -> None:
    result = clusters()
    tram = {result[name][0] for name in ("tram", "tram-syndicated", "tram-edited", "tram-exact")}
    drought = {result[name][0] for name in ("drought", "drought-edited")}
    assert len(tram) == 1 and len(drought) == 1 and tram != drought
    assert "tram-other-writer" not in result  # same story, own words: not a copy


def test_the_earliest_published_copy_is_canonical() -> None:
    result = clusters()
    # "tram" and "tram-exact" share the earliest date: the smaller id wins the tie.
    assert result["tram"] == ("tram", None)
    assert result["tram-syndicated"] == ("tram", "tram")
    assert result["drought"] == ("drought-edited", "drought-edited")
    assert result["drought-edited"] == ("drought-edited", None)


def test_exact_duplicates_ignore_spacing_case_and_punctuation() -> None:
    assert _fingerprint("The Tram, opened!") == _fingerprint("the  tram opened")
    assert _fingerprint("The tram opened.") != _fingerprint("The tram closed.")


def _fingerprint(body: str) -> str:
    return body_fingerprint(normalised_words(body))


def test_exact_copies_join_the_near_copies_of_their_first() -> None:
    # Only the first of exact copies is compared: the later copy (listed first here) and a
    # near copy of the story must still land in one cluster.
    ids = ["tram-exact-2", "tram", "tram-edited", "tram-exact"]
    bodies = {"tram-exact-2": TRAM, **STORIES}
    found = cluster_duplicates(
        ids,
        [date(2025, 3, 9), PUBLISHED["tram"], PUBLISHED["tram-edited"], PUBLISHED["tram-exact"]],
        [body_fingerprint(normalised_words(bodies[i])) for i in ids],
        [minhash_values(normalised_words(bodies[i])) for i in ids],
    )
    similarity = {c.article_id: c.similarity for c in found if c.cluster_id == "tram"}
    assert set(similarity) == set(ids)
    assert similarity["tram-exact-2"] == similarity["tram-exact"] == 1.0
    assert 0.5 <= similarity["tram-edited"] < 1.0
