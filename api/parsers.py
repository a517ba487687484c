"""The API's JSON parser: every JSON body is read with a size cap and refused when it
nests too deeply, before any recursive parser sees it (``masterplan.lib.untrusted``)."""

from __future__ import annotations

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, get_encoding

from masterplan.lib.untrusted import JSON_MAX_DEPTH, Refused, loads_json, read_capped


class BoundedJSONParser(JSONParser):
    max_depth = JSON_MAX_DEPTH

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = read_capped(stream, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
            return loads_json(
                data,
                max_depth=self.max_depth,
                strict=self.strict,
                encoding=get_encoding(parser_context or {}),
            )
        except Refused as refused:
            raise ParseError(refused.message, code=refused.code) from refused
