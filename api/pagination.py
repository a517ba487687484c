from __future__ import annotations

from rest_framework.pagination import PageNumberPagination


class PagePagination(PageNumberPagination):
    """``?page=2&page_size=100``: 50 by default, never more than 200 at once."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
