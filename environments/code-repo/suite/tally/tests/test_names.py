import unittest

from tally.names import camel_to_snake, snake_to_camel


class TestCamelToSnake(unittest.TestCase):
    def test_simple_words(self):
        self.assertEqual(camel_to_snake("parseHttpResponse"), "parse_http_response")

    def test_single_word(self):
        self.assertEqual(camel_to_snake("simple"), "simple")


class TestSnakeToCamel(unittest.TestCase):
    def test_words(self):
        self.assertEqual(snake_to_camel("parse_http_response"), "parseHttpResponse")
