"""Descriptive statistics for plain sequences of numbers."""

from collections import Counter


def mean(values):
    """The arithmetic mean; raises ValueError for an empty sequence."""
    values = list(values)
    if not values:
        raise ValueError("mean() of an empty sequence")
    return sum(values) / len(values)


def median(values):
    """The middle of the sorted values (the mean of the two middle ones for an even count)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("median() of an empty sequence")
    middle = len(ordered) // 2
    return ordered[middle]


def mode(values):
    """The most common value; ties go to the value seen first."""
    counts = Counter(values)
    if not counts:
        raise ValueError("mode() of an empty sequence")
    best = max(counts.values())
    for value in values:
        if counts[value] == best:
            return value
