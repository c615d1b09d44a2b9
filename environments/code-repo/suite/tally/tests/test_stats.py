import unittest

from tally.stats import mean, median, mode


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
