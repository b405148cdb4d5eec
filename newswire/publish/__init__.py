"""Publish: an immutable, validated, self-describing release of the warehouse for other teams."""

from newswire.publish.release import PublishRefused, PublishResult, publish

__all__ = ["PublishRefused", "PublishResult", "publish"]
