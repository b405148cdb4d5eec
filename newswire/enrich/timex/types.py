"""The result of normalisation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Timex:
    """A TIMEX3 type and value; `value` is None when the expression could not be resolved."""

    type: str
    value: str | None
