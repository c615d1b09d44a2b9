import unittest

from tally.roman import from_roman, to_roman


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
