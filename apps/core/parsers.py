"""The API's JSON parser, with a bound on nesting.

DRF hands the body (at most DATA_UPLOAD_MAX_MEMORY_SIZE bytes: it reads `request.body` for
JSON) to `json.load`, which recurses once per level: 2,000 nested arrays were a
RecursionError, a 500. Here too deep a body is a 400 that says why.
"""
from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


def depth(value) -> int:
    """How deeply lists and objects nest in `value` (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in item)
    return deepest


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_MAX_JSON_DEPTH
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON nested deeper than %(max)s levels is not accepted.") % {"max": limit}) from None
        if depth(data) > limit:
            raise ParseError(_("JSON nested deeper than %(max)s levels is not accepted.") % {"max": limit})
        return data
