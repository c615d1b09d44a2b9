"""Convert identifiers between camelCase and snake_case."""

import re


def camel_to_snake(name):
    """"parseHttpResponse" -> "parse_http_response"."""
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def snake_to_camel(name):
    """"parse_http_response" -> "parseHttpResponse"."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)
