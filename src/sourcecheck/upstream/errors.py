"""Why an upstream's answer could not be turned into its local file."""

from __future__ import annotations


class FormatError(ValueError):
    """The body is not what the upstream's ``format`` says it is (in words for the user)."""
