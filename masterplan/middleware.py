from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class IndonesianFirstLocaleMiddleware(LocaleMiddleware):
    """Pages speak Indonesian unless the user chose another language with the switch.

    Browsers here mostly send ``Accept-Language: en-US``; following it would greet
    most regional staff in English. The language switch sets a cookie, which wins;
    the API keeps honouring ``Accept-Language`` for its clients.
    """

    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith("/api/") or settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
            return super().process_request(request)
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
        return None
