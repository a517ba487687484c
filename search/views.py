from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from search.engine import MIN_WORD, search


@login_required
@require_GET
def search_results(request: HttpRequest) -> HttpResponse:
    result = search(request.user, request.GET.get("q", ""))
    return render(request, "search/search_results.html", {"result": result, "min_word": MIN_WORD})
