import { lines, type SuiteTask } from './suite-types.js';
import { TALLY } from './tally-repo.js';

const repo = TALLY;

/** tally-2's bug: only the first unit of a duration is read. */
const FIRST_PART_ONLY = lines(
  '    match = _PART.match(text)',
  '    if not match:',
  '        raise ValueError(f"not a duration: {text!r}")',
  '    amount, unit = match.groups()',
  '    return int(amount) * _UNITS[unit]',
);

/** The tally tasks: one bug each, all present at the repository's single commit. */
export const TALLY_TASKS: SuiteTask[] = [
  {
    id: 'tally-1',
    repo,
    difficulty: 1,
    problem: lines(
      'median() is wrong for an even number of values',
      '',
      '```python',
      '>>> from tally import median',
      '>>> median([1, 2, 3, 4])',
      '3',
      '```',
      '',
      'The docstring (and every statistics textbook) says the median of an even-length list is the mean of the two middle values, so this should be 2.5.',
    ),
    fix: [
      {
        path: 'tally/stats.py',
        find: '    middle = len(ordered) // 2\n    return ordered[middle]\n',
        replace: '    middle = len(ordered) // 2\n    if len(ordered) % 2 == 1:\n        return ordered[middle]\n    return (ordered[middle - 1] + ordered[middle]) / 2\n',
      },
    ],
    wrongFix: [
      {
        path: 'tally/stats.py',
        find: '    middle = len(ordered) // 2\n    return ordered[middle]\n',
        replace: '    middle = len(ordered) // 2\n    if len(ordered) % 2 == 1:\n        return ordered[middle]\n    return (ordered[middle] + ordered[middle + 1]) / 2\n',
      },
    ],
    hiddenTests: [
      {
        path: 'tests/test_stats.py',
        append: lines(
          '',
          '',
          'class TestMedianEvenCount(unittest.TestCase):',
          '    def test_averages_the_two_middle_values(self):',
          '        self.assertEqual(median([1, 2, 3, 4]), 2.5)',
          '',
          '    def test_unsorted_input(self):',
          '        self.assertEqual(median([10, 2, 8, 4]), 6)',
          '',
        ),
      },
    ],
    failToPass: [
      'tests.test_stats.TestMedianEvenCount.test_averages_the_two_middle_values',
      'tests.test_stats.TestMedianEvenCount.test_unsorted_input',
    ],
  },
  {
    id: 'tally-2',
    repo,
    difficulty: 2,
    problem: lines(
      'parse_duration ignores everything after the first unit',
      '',
      '```python',
      '>>> parse_duration("1h30m")',
      '3600',
      '>>> parse_duration("1d 4h 5s")',
      '86400',
      '```',
      '',
      'Expected 5400 and 100805. Also, garbage after a valid prefix is silently accepted: parse_duration("1h30x") returns 3600 instead of raising ValueError.',
    ),
    fix: [
      {
        path: 'tally/durations.py',
        find: FIRST_PART_ONLY,
        replace: lines(
          '    parts = _PART.findall(text)',
          '    if not parts or _PART.sub("", text).strip():',
          '        raise ValueError(f"not a duration: {text!r}")',
          '    return sum(int(amount) * _UNITS[unit] for amount, unit in parts)',
        ),
      },
    ],
    wrongFix: [
      {
        path: 'tally/durations.py',
        find: FIRST_PART_ONLY,
        replace: lines(
          '    parts = _PART.findall(text)',
          '    if not parts:',
          '        raise ValueError(f"not a duration: {text!r}")',
          '    return sum(int(amount) * _UNITS[unit] for amount, unit in parts)',
        ),
      },
    ],
    hiddenTests: [
      {
        path: 'tests/test_durations.py',
        append: lines(
          '',
          '',
          'class TestParseCompoundDuration(unittest.TestCase):',
          '    def test_several_units(self):',
          '        self.assertEqual(parse_duration("1h30m"), 5400)',
          '        self.assertEqual(parse_duration("1d 4h 5s"), 100805)',
          '',
          '    def test_trailing_garbage_is_rejected(self):',
          '        with self.assertRaises(ValueError):',
          '            parse_duration("1h30x")',
          '',
        ),
      },
    ],
    failToPass: [
      'tests.test_durations.TestParseCompoundDuration.test_several_units',
      'tests.test_durations.TestParseCompoundDuration.test_trailing_garbage_is_rejected',
    ],
  },
  {
    id: 'tally-3',
    repo,
    difficulty: 3,
    problem: lines(
      'camel_to_snake splits acronyms into single letters',
      '',
      '```python',
      '>>> camel_to_snake("HTTPServer")',
      "'h_t_t_p_server'",
      '>>> camel_to_snake("getHTTPResponseCode")',
      "'get_h_t_t_p_response_code'",
      '```',
      '',
      'An acronym should stay one word: "http_server" and "get_http_response_code". Regular names like "parseHttpResponse" already work and must keep working.',
    ),
    fix: [
      {
        path: 'tally/names.py',
        find: '    return re.sub(r"(?<!^)([A-Z])", r"_\\1", name).lower()',
        replace: lines(
          '    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\\1_\\2", name)',
          '    name = re.sub(r"([a-z0-9])([A-Z])", r"\\1_\\2", name)',
          '    return name.lower()',
        ),
      },
    ],
    wrongFix: [
      {
        path: 'tally/names.py',
        find: '    return re.sub(r"(?<!^)([A-Z])", r"_\\1", name).lower()',
        replace: '    return re.sub(r"(?<!^)(?<![A-Z])([A-Z])", r"_\\1", name).lower()',
      },
    ],
    hiddenTests: [
      {
        path: 'tests/test_names.py',
        append: lines(
          '',
          '',
          'class TestCamelToSnakeAcronyms(unittest.TestCase):',
          '    def test_leading_acronym(self):',
          '        self.assertEqual(camel_to_snake("HTTPServer"), "http_server")',
          '',
          '    def test_acronym_inside(self):',
          '        self.assertEqual(camel_to_snake("getHTTPResponseCode"), "get_http_response_code")',
          '',
        ),
      },
    ],
    failToPass: [
      'tests.test_names.TestCamelToSnakeAcronyms.test_leading_acronym',
      'tests.test_names.TestCamelToSnakeAcronyms.test_acronym_inside',
    ],
  },
  {
    id: 'tally-4',
    repo,
    difficulty: 2,
    problem: lines(
      'from_roman gets subtractive numerals wrong',
      '',
      '```python',
      '>>> from_roman("IV")',
      '6',
      '>>> from_roman("MCMXCIV")',
      '2216',
      '```',
      '',
      'IV is 4 and MCMXCIV is 1994 (to_roman(1994) even produces it). from_roman should invert to_roman for every number it supports.',
    ),
    fix: [
      {
        path: 'tally/roman.py',
        find: '    return sum(_DIGITS[ch] for ch in text)\n',
        replace: lines(
          '    total = 0',
          '    for current, following in zip(text, text[1:] + " "):',
          '        value = _DIGITS[current]',
          '        if following != " " and _DIGITS[following] > value:',
          '            total -= value',
          '        else:',
          '            total += value',
          '    return total',
          '',
        ),
      },
    ],
    wrongFix: [
      {
        path: 'tally/roman.py',
        find: '    return sum(_DIGITS[ch] for ch in text)\n',
        replace: '    text = text.replace("IV", "IIII").replace("IX", "VIIII")\n    return sum(_DIGITS[ch] for ch in text)\n',
      },
    ],
    hiddenTests: [
      {
        path: 'tests/test_roman.py',
        append: lines(
          '',
          '',
          'class TestFromRomanSubtractive(unittest.TestCase):',
          '    def test_subtractive_pairs(self):',
          '        for numeral, value in [("IV", 4), ("IX", 9), ("XL", 40), ("XC", 90), ("CD", 400), ("CM", 900)]:',
          '            self.assertEqual(from_roman(numeral), value, numeral)',
          '',
          '    def test_inverts_to_roman(self):',
          '        for number in range(1, 4000):',
          '            self.assertEqual(from_roman(to_roman(number)), number)',
          '',
        ),
      },
    ],
    failToPass: [
      'tests.test_roman.TestFromRomanSubtractive.test_subtractive_pairs',
      'tests.test_roman.TestFromRomanSubtractive.test_inverts_to_roman',
    ],
  },
  {
    id: 'tally-5',
    repo,
    difficulty: 3,
    problem: lines(
      'deep_merge does not merge nested dictionaries',
      '',
      '```python',
      '>>> defaults = {"db": {"host": "localhost", "port": 5432}}',
      '>>> deep_merge(defaults, {"db": {"port": 6543}})',
      "{'db': {'port': 6543}}",
      '```',
      '',
      'The "host" key is lost; I expected {\'db\': {\'host\': \'localhost\', \'port\': 6543}}. Per the docstring, neither argument may be modified: we reuse `defaults` for every environment.',
    ),
    fix: [
      {
        path: 'tally/dicts.py',
        find: '    for key, value in override.items():\n        result[key] = value\n',
        replace: lines(
          '    for key, value in override.items():',
          '        if isinstance(result.get(key), dict) and isinstance(value, dict):',
          '            result[key] = deep_merge(result[key], value)',
          '        else:',
          '            result[key] = value',
          '',
        ),
      },
    ],
    wrongFix: [
      {
        path: 'tally/dicts.py',
        find: '    result = dict(base)\n    for key, value in override.items():\n        result[key] = value\n    return result\n',
        replace: lines(
          '    for key, value in override.items():',
          '        if isinstance(base.get(key), dict) and isinstance(value, dict):',
          '            base[key] = deep_merge(base[key], value)',
          '        else:',
          '            base[key] = value',
          '    return base',
          '',
        ),
      },
    ],
    hiddenTests: [
      {
        path: 'tests/test_dicts.py',
        append: lines(
          '',
          '',
          'class TestDeepMergeNested(unittest.TestCase):',
          '    def test_nested_dicts_merge_key_by_key(self):',
          '        merged = deep_merge({"db": {"host": "localhost", "port": 5432}}, {"db": {"port": 6543}})',
          '        self.assertEqual(merged, {"db": {"host": "localhost", "port": 6543}})',
          '',
          '    def test_inputs_are_not_modified(self):',
          '        base = {"db": {"host": "localhost", "port": 5432}, "debug": False}',
          '        override = {"db": {"port": 6543}, "debug": True}',
          '        deep_merge(base, override)',
          '        self.assertEqual(base, {"db": {"host": "localhost", "port": 5432}, "debug": False})',
          '        self.assertEqual(override, {"db": {"port": 6543}, "debug": True})',
          '',
        ),
      },
    ],
    failToPass: ['tests.test_dicts.TestDeepMergeNested.test_nested_dicts_merge_key_by_key'],
    extraPassToPass: ['tests.test_dicts.TestDeepMergeNested.test_inputs_are_not_modified'],
  },
];
