import unittest

from tally.durations import format_duration, parse_duration


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
