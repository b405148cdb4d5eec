"""Parse: decoded seed documents into article rows."""

from newswire.parse.article import article_id_for, parse_article

__all__ = ["article_id_for", "parse_article"]
