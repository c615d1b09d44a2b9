import unittest

from tally.dicts import deep_merge


class TestDeepMerge(unittest.TestCase):
    def test_adds_new_keys(self):
        self.assertEqual(deep_merge({"a": 1}, {"b": 2}), {"a": 1, "b": 2})

    def test_override_replaces_scalars(self):
        self.assertEqual(deep_merge({"a": 1}, {"a": 5}), {"a": 5})
