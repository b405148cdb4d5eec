"""Enrich: entities, temporal expressions and quotes (`newswire.enrich.articles`).

Kept empty so that light modules (the gazetteer, a no-op run's bookkeeping) can be imported
without loading spaCy.
"""
