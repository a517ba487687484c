from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from editions.forms import AdoptionForm
from editions.models import Edition
from editions.redline import redline
from editions.services import edition_adopt
from masterplan.context import plan_context
from masterplan.models import Book
from masterplan.permissions import access, can_manage_region

BOOKS = Book.objects.select_related("plan__region", "plan__cohort", "plan__framework")
EDITIONS = Edition.objects.select_related("frozen_by").defer("snapshot")


def _editions(book: Book) -> list[Edition]:
    return list(EDITIONS.filter(book=book).order_by("number"))


@login_required
@require_GET
def book_editions(request: HttpRequest, book_id: int) -> HttpResponse:
    book = access(request.user, BOOKS, pk=book_id)
    editions = _editions(book)
    can_adopt = can_manage_region(request.user, book.plan.region_id)
    for edition in editions:
        edition.form = AdoptionForm(
            prefix=f"e{edition.number}",
            initial={
                "regulation_number": edition.regulation_number,
                "regulation_date": edition.regulation_date,
            },
        )
    return render(
        request,
        "editions/book_editions.html",
        plan_context(
            request,
            book.plan,
            book=book,
            editions=editions,
            can_adopt=can_adopt,
            next_number=(editions[-1].number + 1 if editions else 1),
        ),
    )


@login_required
@require_POST
def edition_regulation(request: HttpRequest, edition_uuid) -> HttpResponse:
    edition = access(request.user, EDITIONS.select_related("book__plan"), uuid=edition_uuid)
    if not can_manage_region(request.user, edition.book.plan.region_id):
        raise PermissionDenied
    form = AdoptionForm(request.POST, prefix=f"e{edition.number}")
    if form.is_valid():
        edition_adopt(
            edition=edition,
            number=form.cleaned_data["regulation_number"],
            date=form.cleaned_data["regulation_date"],
            by=request.user,
        )
        messages.success(request, _("The regulation was recorded."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("editions:book_editions", book_id=edition.book_id)


def _file_response(field_file, filename: str) -> FileResponse:
    if not field_file:
        raise Http404("No file.")
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The file is gone.") from missing
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _download_name(edition: Edition, prefix: str = "") -> str:
    from exports.models import download_name

    return (
        prefix + download_name(edition.book).removesuffix(".pdf") + f"-Edisi-{edition.number}.pdf"
    )


@login_required
@require_GET
def edition_download(request: HttpRequest, edition_uuid) -> FileResponse:
    edition = access(request.user, EDITIONS.select_related("book__plan__region"), uuid=edition_uuid)
    return _file_response(edition.pdf, _download_name(edition))


@login_required
@require_GET
def edition_redline(request: HttpRequest, book_id: int, older: int, newer: int) -> HttpResponse:
    """The redline of two editions of a book, in the browser."""
    book = access(request.user, BOOKS, pk=book_id)
    pair = {
        edition.number: edition
        for edition in Edition.objects.filter(book=book, number__in=[older, newer])
    }
    if older >= newer or len(pair) != 2:
        raise Http404("No such pair of editions.")
    result = redline(pair[older].snapshot, pair[newer].snapshot)
    return render(
        request,
        "editions/edition_redline.html",
        plan_context(
            request,
            book.plan,
            book=book,
            older=pair[older],
            newer=pair[newer],
            redline=result,
            nodes=result.changed_nodes,
        ),
    )


@login_required
@require_GET
def edition_redline_pdf(request: HttpRequest, edition_uuid) -> FileResponse:
    """The redline PDF against the previous edition, rendered when the edition was frozen."""
    edition = access(request.user, EDITIONS.select_related("book__plan__region"), uuid=edition_uuid)
    return _file_response(edition.redline_pdf, _download_name(edition, "Redline-"))
