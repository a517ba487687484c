from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from editions.forms import DRAFT, AdoptionForm, RedlinePairForm, default_pair
from editions.models import Edition
from editions.redline import redline
from editions.services import edition_adopt
from editions.snapshot import book_snapshot
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


def _redline_pair(request: HttpRequest, book: Book, data) -> dict:
    """The pair the form asks for: ``older`` and ``newer`` (None: the current draft), their
    labels and snapshots; ``form`` with its errors when the pair is no pair."""
    editions = _editions(book)
    if not editions:
        raise Http404("The book has no edition yet.")
    form = RedlinePairForm(data or default_pair(editions), editions=editions)
    pair = {"form": form, "editions": editions, "older": None, "newer": None}
    if not form.is_valid():
        return pair
    by_number = {edition.number: edition for edition in editions}
    older, newer = by_number[form.cleaned_data["dari"]], form.cleaned_data["ke"]
    newer = by_number[newer] if newer is not None else None
    numbers = [older.number] + ([newer.number] if newer else [])
    snapshots = dict(
        Edition.objects.filter(book=book, number__in=numbers).values_list("number", "snapshot")
    )
    pair.update(older=older, newer=newer, older_snapshot=snapshots[older.number])
    if newer is None:
        pair["newer_snapshot"] = book_snapshot(book)
        pair["newer_label"] = _("Current draft (version %(version)s)") % {"version": book.version}
    else:
        pair["newer_snapshot"] = snapshots[newer.number]
        pair["newer_label"] = newer.label
    query = {"dari": older.number, "ke": newer.number if newer else DRAFT}
    pair["pdf_url"] = f"{reverse('editions:redline_pdf', args=[book.pk])}?{urlencode(query)}"
    if newer is not None and newer.number == older.number + 1 and newer.redline_pdf:
        # frozen with the edition: no need to render it again
        pair["pdf_url"] = reverse("editions:edition_redline_pdf", args=[newer.uuid])
    return pair


def _redline_page(request: HttpRequest, book: Book, data, strict: bool = False) -> HttpResponse:
    pair = _redline_pair(request, book, data)
    if strict and pair["older"] is None:
        raise Http404("No such pair of editions.")
    context = {"book": book, **pair}
    if pair["older"] is not None:
        result = redline(pair["older_snapshot"], pair["newer_snapshot"])
        context.update(redline=result, nodes=result.changed_nodes)
    return render(
        request, "editions/edition_redline.html", plan_context(request, book.plan, **context)
    )


@login_required
@require_GET
def book_redline(request: HttpRequest, book_id: int) -> HttpResponse:
    """The redline of any two versions of a book (``?dari=1&ke=3``, ``ke=draf``), in the
    browser, with the form to pick them."""
    book = access(request.user, BOOKS, pk=book_id)
    return _redline_page(request, book, request.GET if request.GET else None)


@login_required
@require_GET
def edition_redline(request: HttpRequest, book_id: int, older: int, newer: int) -> HttpResponse:
    """The redline of two editions of a book (older first), in the browser."""
    book = access(request.user, BOOKS, pk=book_id)
    if older >= newer:
        raise Http404("No such pair of editions.")
    return _redline_page(request, book, {"dari": str(older), "ke": str(newer)}, strict=True)


@login_required
@require_GET
def book_redline_pdf(request: HttpRequest, book_id: int) -> HttpResponse:
    """The redline PDF of any two versions (``?dari=1&ke=3``), rendered on request like a
    book (the redline against the previous edition was rendered when it was frozen)."""
    book = access(request.user, BOOKS, pk=book_id)
    from editions.redline import render_redline_pdf  # looked up when called (tests stub it)

    with translation.override("id"):  # the labels print in the book's language
        pair = _redline_pair(request, book, request.GET)
        older, newer = pair["older"], pair["newer"]
        if older is None:
            raise Http404("No such pair of editions.")
        result = render_redline_pdf(
            book,
            older=pair["older_snapshot"],
            newer=pair["newer_snapshot"],
            older_label=older.label,
            newer_label=pair["newer_label"],
        )
        to = str(newer.number) if newer is not None else DRAFT
    if not result.pdf:
        raise Http404("The redline could not be rendered.")
    name = _download_name(older, "Redline-").removesuffix(".pdf") + f"-{to}.pdf"
    response = HttpResponse(result.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def edition_redline_pdf(request: HttpRequest, edition_uuid) -> FileResponse:
    """The redline PDF against the previous edition, rendered when the edition was frozen."""
    edition = access(request.user, EDITIONS.select_related("book__plan__region"), uuid=edition_uuid)
    return _file_response(edition.redline_pdf, _download_name(edition, "Redline-"))
