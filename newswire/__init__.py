"""Newswire: raw news articles in, a validated, enriched, DuckDB-queryable dataset out."""

__version__ = "0.1.0"
