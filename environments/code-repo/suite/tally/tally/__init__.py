"""Small helpers for counting, parsing and merging things."""

from .dicts import deep_merge
from .durations import format_duration, parse_duration
from .names import camel_to_snake, snake_to_camel
from .roman import from_roman, to_roman
from .stats import mean, median, mode

__all__ = [
    "camel_to_snake",
    "deep_merge",
    "format_duration",
    "from_roman",
    "mean",
    "median",
    "mode",
    "parse_duration",
    "snake_to_camel",
    "to_roman",
]
