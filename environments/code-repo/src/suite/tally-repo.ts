import type { SuiteRepo } from './suite-types.js';

// The package at its base commit. Each module carries one task's bug; the visible tests avoid them.

const init = String.raw`"""Small helpers for counting, parsing and merging things."""

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
`;

const stats = String.raw`"""Descriptive statistics for plain sequences of numbers."""

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
`;

const durations = String.raw`"""Parse and format durations such as "1h30m" or "45s"."""

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
`;

const names = String.raw`"""Convert identifiers between camelCase and snake_case."""

import re


def camel_to_snake(name):
    """"parseHttpResponse" -> "parse_http_response"."""
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def snake_to_camel(name):
    """"parse_http_response" -> "parseHttpResponse"."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)
`;

const roman = String.raw`"""Roman numerals."""

_VALUES = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"),
    (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
    (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]
_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def to_roman(number):
    """The Roman numeral of 1..3999: 14 -> "XIV"."""
    if not 0 < number < 4000:
        raise ValueError(f"out of range: {number}")
    out = []
    for value, letters in _VALUES:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(text):
    """The integer a Roman numeral stands for: "XIV" -> 14."""
    text = text.strip().upper()
    if not text or any(ch not in _DIGITS for ch in text):
        raise ValueError(f"not a Roman numeral: {text!r}")
    return sum(_DIGITS[ch] for ch in text)
`;

const dicts = String.raw`"""Merge nested dictionaries."""


def deep_merge(base, override):
    """A new dict with override merged into base.

    Nested dicts are merged key by key; any other value in override replaces the one in base.
    Neither argument is modified.
    """
    result = dict(base)
    for key, value in override.items():
        result[key] = value
    return result
`;

const testHeader = (module: string, names: string) => `import unittest\n\nfrom tally.${module} import ${names}\n`;

const tests: Record<string, string> = {
  'tests/__init__.py': '',
  'tests/test_stats.py': testHeader('stats', 'mean, median, mode') + String.raw`

class TestMean(unittest.TestCase):
    def test_mean_of_integers(self):
        self.assertEqual(mean([1, 2, 3, 4]), 2.5)

    def test_empty_raises(self):
        with self.assertRaises(ValueError):
            mean([])


class TestMedian(unittest.TestCase):
    def test_odd_count(self):
        self.assertEqual(median([3, 1, 2]), 2)

    def test_empty_raises(self):
        with self.assertRaises(ValueError):
            median([])


class TestMode(unittest.TestCase):
    def test_most_common(self):
        self.assertEqual(mode([1, 2, 2, 3]), 2)

    def test_tie_goes_to_first_seen(self):
        self.assertEqual(mode(["b", "a", "a", "b"]), "b")
`,
  'tests/test_durations.py': testHeader('durations', 'format_duration, parse_duration') + String.raw`

class TestParseDuration(unittest.TestCase):
    def test_single_unit(self):
        self.assertEqual(parse_duration("45s"), 45)
        self.assertEqual(parse_duration("2h"), 7200)

    def test_rejects_text(self):
        with self.assertRaises(ValueError):
            parse_duration("soon")


class TestFormatDuration(unittest.TestCase):
    def test_hours_and_minutes(self):
        self.assertEqual(format_duration(5400), "1h30m")

    def test_zero(self):
        self.assertEqual(format_duration(0), "0s")
`,
  'tests/test_names.py': testHeader('names', 'camel_to_snake, snake_to_camel') + String.raw`

class TestCamelToSnake(unittest.TestCase):
    def test_simple_words(self):
        self.assertEqual(camel_to_snake("parseHttpResponse"), "parse_http_response")

    def test_single_word(self):
        self.assertEqual(camel_to_snake("simple"), "simple")


class TestSnakeToCamel(unittest.TestCase):
    def test_words(self):
        self.assertEqual(snake_to_camel("parse_http_response"), "parseHttpResponse")
`,
  'tests/test_roman.py': testHeader('roman', 'from_roman, to_roman') + String.raw`

class TestToRoman(unittest.TestCase):
    def test_known_values(self):
        self.assertEqual(to_roman(1994), "MCMXCIV")
        self.assertEqual(to_roman(8), "VIII")


class TestFromRoman(unittest.TestCase):
    def test_additive_numerals(self):
        self.assertEqual(from_roman("XIII"), 13)
        self.assertEqual(from_roman("MDCLXVI"), 1666)

    def test_rejects_other_letters(self):
        with self.assertRaises(ValueError):
            from_roman("XIZ")
`,
  'tests/test_dicts.py': testHeader('dicts', 'deep_merge') + String.raw`

class TestDeepMerge(unittest.TestCase):
    def test_adds_new_keys(self):
        self.assertEqual(deep_merge({"a": 1}, {"b": 2}), {"a": 1, "b": 2})

    def test_override_replaces_scalars(self):
        self.assertEqual(deep_merge({"a": 1}, {"a": 5}), {"a": 5})
`,
};

const visibleTests: Record<string, string[]> = {
  'tests/test_stats.py': [
    'tests.test_stats.TestMean.test_mean_of_integers',
    'tests.test_stats.TestMean.test_empty_raises',
    'tests.test_stats.TestMedian.test_odd_count',
    'tests.test_stats.TestMedian.test_empty_raises',
    'tests.test_stats.TestMode.test_most_common',
    'tests.test_stats.TestMode.test_tie_goes_to_first_seen',
  ],
  'tests/test_durations.py': [
    'tests.test_durations.TestParseDuration.test_single_unit',
    'tests.test_durations.TestParseDuration.test_rejects_text',
    'tests.test_durations.TestFormatDuration.test_hours_and_minutes',
    'tests.test_durations.TestFormatDuration.test_zero',
  ],
  'tests/test_names.py': [
    'tests.test_names.TestCamelToSnake.test_simple_words',
    'tests.test_names.TestCamelToSnake.test_single_word',
    'tests.test_names.TestSnakeToCamel.test_words',
  ],
  'tests/test_roman.py': [
    'tests.test_roman.TestToRoman.test_known_values',
    'tests.test_roman.TestFromRoman.test_additive_numerals',
    'tests.test_roman.TestFromRoman.test_rejects_other_letters',
  ],
  'tests/test_dicts.py': [
    'tests.test_dicts.TestDeepMerge.test_adds_new_keys',
    'tests.test_dicts.TestDeepMerge.test_override_replaces_scalars',
  ],
};

/** tally: a pure-Python helper package, tested with `python3 -m unittest`. */
export const TALLY: SuiteRepo = {
  name: 'crucible/tally',
  framework: 'python-unittest',
  files: {
    'README.md': '# tally\n\nSmall helpers for counting, parsing and merging things.\n\nRun the tests with `python3 -m unittest -v`.\n',
    '.gitignore': '__pycache__/\n*.pyc\n',
    'pyproject.toml': '[project]\nname = "tally"\nversion = "0.3.0"\nrequires-python = ">=3.8"\n',
    'tally/__init__.py': init,
    'tally/stats.py': stats,
    'tally/durations.py': durations,
    'tally/names.py': names,
    'tally/roman.py': roman,
    'tally/dicts.py': dicts,
    ...tests,
  },
  visibleTests,
};
