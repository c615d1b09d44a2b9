import type { SuiteRepo } from './suite-types.js';

// Its files at the base commit are the folder suite/tally/ of this package. Each module carries one task's bug;
// the visible tests avoid them.

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
  fixture: 'tally',
  visibleTests,
};
