"""Parse and format durations such as "1h30m" or "45s"."""

import re

_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_PART = re.compile(r"(\d+)\s*([dhms])")


def parse_duration(text):
    """The number of seconds in a duration such as "2h", "1h30m" or "1d 4h 5s"."""
    text = text.strip().lower()
    match = _PART.match(text)
    if not match:
        raise ValueError(f"not a duration: {text!r}")
    amount, unit = match.groups()
    return int(amount) * _UNITS[unit]


def format_duration(seconds):
    """The inverse of parse_duration: 5400 -> "1h30m"."""
    if seconds < 0:
        raise ValueError("negative duration")
    if seconds == 0:
        return "0s"
    parts = []
    for unit, size in _UNITS.items():
        amount, seconds = divmod(seconds, size)
        if amount:
            parts.append(f"{amount}{unit}")
    return "".join(parts)
