"""The chapter editor: a section's text, its images, Word import, adding, deleting, moving."""

from __future__ import annotations

import io
import uuid as uuid_lib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from PIL import Image

from masterplan.context import plan_context
from masterplan.editing import plan_for
from masterplan.forms import (
    DocxImportForm,
    ImageUploadForm,
    SectionAddForm,
    SectionForm,
    check_image,
)
from masterplan.lib.docx import DocxError, docx_notes, docx_to_html
from masterplan.lib.sanitize import clean_html
from masterplan.lib.textdiff import line_diff
from masterplan.models import Section, SectionImage, SectionPresence, VersionConflict
from masterplan.permissions import access, can_create_in, can_edit
from masterplan.services import audit_record, record_delete, record_save
from masterplan.signals import section_edited
from masterplan.views.plans import book_detail


def _section_for(request: HttpRequest, section_id: int, action: str = "view") -> Section:
    queryset = Section.objects.select_related(
        "book__plan__region", "book__plan__cohort", "dimension", "template", "updated_by"
    )
    return access(request.user, queryset, action=action, pk=section_id)


def _book_url(section: Section) -> str:
    url = reverse("book_detail", args=[section.book.plan_id, section.book.number])
    return f"{url}#bagian-{section.pk}"


def _section_context(request: HttpRequest, section: Section, **extra) -> dict:
    nodes = [node for root in section.book.outline() for node in root.walk()]
    index = next((i for i, node in enumerate(nodes) if node.section.pk == section.pk), None)
    return plan_context(
        request,
        section.book.plan,
        book=section.book,
        section=section,
        others=SectionPresence.others_on(section, request.user),
        outline_nodes=nodes,
        previous_node=nodes[index - 1] if index else None,
        next_node=nodes[index + 1] if index is not None and index + 1 < len(nodes) else None,
        **extra,
    )


@login_required
def section_edit(request: HttpRequest, section_id: int) -> HttpResponse:
    section = _section_for(request, section_id)
    if not can_edit(request.user, section):
        if section.is_locked():
            return render(
                request,
                "masterplan/section_edit.html",
                _section_context(request, section, locked=True),
            )
        raise PermissionDenied
    region_slug = section.book.plan.region.slug
    autosave = request.POST.get("autosave") == "1"
    if request.method == "POST":
        form = SectionForm(request.POST, instance=section, region_slug=region_slug)
        if form.is_valid():
            try:
                # The save and the book's return to draft stand or fall together.
                with transaction.atomic():
                    record_save(
                        section,
                        by=request.user,
                        based_on=form.cleaned_data["version"],
                        update_fields=["title", "body"],
                        note="autosave" if autosave else "",
                    )
                    section_edited.send(sender=Section, section=section, by=request.user)
            except VersionConflict:
                return _section_conflict(request, section_id, form.cleaned_data)
            if request.htmx:
                return _save_status(request, section, "saved")
            messages.success(request, _("The section was saved."))
            if request.POST.get("next") == "book":
                return redirect(_book_url(section))
            return redirect("section_edit", section.pk)
        if request.htmx:
            return _save_status(request, section, "invalid", form=form, status=422)
    else:
        form = SectionForm(instance=section, region_slug=region_slug)
    SectionPresence.touch(section, request.user)
    return render(
        request, "masterplan/section_edit.html", _section_context(request, section, form=form)
    )


def _save_status(
    request: HttpRequest, section: Section, state: str, *, form=None, status: int = 200, **extra
) -> HttpResponse:
    response = render(
        request,
        "masterplan/section_edit.html#save_status",
        {"section": section, "state": state, "form": form, "saved_at": timezone.now(), **extra},
        status=status,
    )
    response["X-Section-Version"] = str(section.version)
    return response


def _section_conflict(request: HttpRequest, section_id: int, mine: dict) -> HttpResponse:
    """Someone saved meanwhile: show their text and ours; ours stays in the form."""
    current = _section_for(request, section_id)
    if request.htmx:
        return _save_status(request, current, "conflict", status=409)
    form = SectionForm(
        instance=current,
        region_slug=current.book.plan.region.slug,
        initial={
            "title": mine.get("title") or current.title,
            "body": mine.get("body", ""),
            "version": current.version,
        },
    )
    context = _section_context(
        request,
        current,
        form=form,
        conflict=True,
        my_body=mine.get("body", ""),
        my_title=mine.get("title", ""),
        diff=line_diff(current.body, mine.get("body", "")),
    )
    return render(request, "masterplan/section_edit.html", context, status=409)


@require_POST
@login_required
def section_presence(request: HttpRequest, section_id: int) -> HttpResponse:
    """Heartbeat of an open editor; answers who else has the section open."""
    section = _section_for(request, section_id, "edit")
    SectionPresence.touch(section, request.user)
    return render(
        request,
        "masterplan/section_edit.html#presence",
        {"section": section, "others": SectionPresence.others_on(section, request.user)},
    )


@require_POST
@login_required
def section_image_upload(request: HttpRequest, section_id: int) -> JsonResponse:
    section = _section_for(request, section_id, "edit")
    form = ImageUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    upload = form.cleaned_data["image"]
    image = _store_image(section, upload, upload.image, request.user)
    return JsonResponse(
        {"url": _image_url(image), "alt": form.cleaned_data["alt"], "uuid": str(image.uuid)},
        status=201,
    )


def _store_image(section: Section, file, pil_image, user) -> SectionImage:
    width, height = pil_image.size
    with transaction.atomic():
        image = SectionImage.objects.create(
            region=section.book.plan.region,
            section=section,
            file=file,
            content_type=SectionImage.FORMATS[pil_image.format],
            width=width,
            height=height,
            uploaded_by=user,
        )
        audit_record(actor=user, action="sectionimage.create", target=image)
    return image


def _image_url(image: SectionImage) -> str:
    return reverse(
        "section_image", kwargs={"region_slug": image.region.slug, "image_uuid": image.uuid}
    )


@login_required
def section_image(request: HttpRequest, region_slug: str, image_uuid: uuid_lib.UUID):
    """Serve an uploaded image to those who may read the region's plan."""
    image = access(
        request.user,
        SectionImage.objects.select_related("region"),
        region__slug=region_slug,
        uuid=image_uuid,
    )
    response = FileResponse(image.file.open("rb"), content_type=image.content_type)
    response["Cache-Control"] = "private, max-age=86400"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def section_import_docx(request: HttpRequest, section_id: int) -> HttpResponse:
    section = _section_for(request, section_id, "edit")
    if request.method == "POST":
        form = DocxImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                imported, warnings = docx_to_html(
                    form.cleaned_data["file"],
                    store_image=lambda data, _type: _store_docx_image(section, data, request.user),
                )
            except DocxError as error:
                form.add_error("file", error.message)
            else:
                imported = clean_html(imported, region_slug=section.book.plan.region.slug)
                if form.cleaned_data["mode"] == DocxImportForm.Mode.APPEND:
                    body = f"{section.body}\n{imported}".strip()
                else:
                    body = imported
                section.body = body
                try:
                    record_save(
                        section,
                        by=request.user,
                        based_on=form.cleaned_data["version"],
                        update_fields=["body"],
                        note="docx",
                    )
                except VersionConflict:
                    return _section_conflict(request, section_id, {"body": body})
                messages.success(request, _("The Word document was imported."))
                if warnings:
                    messages.info(
                        request,
                        _("Some formatting of the document could not be kept (%(n)s notes):")
                        % {"n": len(warnings)},
                    )
                    for note in docx_notes(warnings):
                        messages.warning(request, note)
                return redirect("section_edit", section.pk)
    else:
        form = DocxImportForm(initial={"version": section.version})
    return render(
        request, "masterplan/section_import.html", _section_context(request, section, form=form)
    )


def _store_docx_image(section: Section, data: bytes, user) -> str | None:
    try:
        pil_image = Image.open(io.BytesIO(data))
        pil_image.verify()
        check_image(len(data), pil_image)
    except (OSError, ValueError, Image.DecompressionBombError, ValidationError):
        return None
    extension = pil_image.format.lower().replace("jpeg", "jpg")
    image = _store_image(section, ContentFile(data, name=f"docx.{extension}"), pil_image, user)
    return _image_url(image)


@login_required
def section_delete(request: HttpRequest, section_id: int) -> HttpResponse:
    section = _section_for(request, section_id, "edit")
    book_url = reverse("book_detail", args=[section.book.plan_id, section.book.number])
    if request.method == "POST":
        with transaction.atomic():
            # Presence is not content: it does not belong in the trash.
            SectionPresence.objects.filter(section__in=_subtree(section)).delete()
            record_delete(section, by=request.user)
        messages.success(
            request,
            _("“%(title)s” was deleted. An administrator can restore it.") % {"title": section},
        )
        return redirect(book_url)
    children = _subtree(section)[1:]
    return render(
        request,
        "masterplan/section_delete.html",
        _section_context(request, section, children=children, book_url=book_url),
    )


def _subtree(section: Section) -> list[Section]:
    sections = list(section.book.sections.only("pk", "parent_id", "title"))
    result, frontier = [section], {section.pk}
    while frontier:
        found = [s for s in sections if s.parent_id in frontier]
        result.extend(found)
        frontier = {s.pk for s in found}
    return result


@login_required
def section_add(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    book = get_object_or_404(plan.books.all(), number=number)
    book.plan = plan
    nodes = [node for root in book.outline() for node in root.walk()]
    for node in nodes:
        node.section.book = book
    # Editors limited to some dimensions add sub-sections inside their dimensions only.
    whole_book = can_create_in(request.user, plan.region_id)
    parents = [node for node in nodes if whole_book or can_edit(request.user, node.section)]
    if book.is_locked() or not (whole_book or parents):
        raise PermissionDenied
    form = SectionAddForm(request.POST or None, book=book, outline_nodes=parents)
    if not whole_book:
        form.fields["parent"].required = True
    if request.method == "POST" and form.is_valid():
        section = form.save(commit=False)
        parent = section.parent
        section.dimension = parent.dimension if parent else None
        siblings = book.sections.filter(parent=parent)
        section.order = (siblings.aggregate(m=Max("order"))["m"] or 0) + 1
        section.key = f"{slugify(section.title)[:60] or 'bagian'}-{uuid_lib.uuid4().hex[:8]}"
        section.required = False
        record_save(section, by=request.user)
        messages.success(request, _("The section was added."))
        return redirect("section_edit", section.pk)
    return render(
        request, "masterplan/section_add.html", plan_context(request, plan, book=book, form=form)
    )


@require_POST
@login_required
def section_move(request: HttpRequest, section_id: int, direction: str) -> HttpResponse:
    """Move a section one place up or down among its siblings."""
    if direction not in {"up", "down"}:
        raise Http404
    section = _section_for(request, section_id, "edit")
    siblings = list(
        section.book.sections.filter(parent_id=section.parent_id).order_by("order", "pk")
    )
    index = next(i for i, s in enumerate(siblings) if s.pk == section.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(siblings):
        siblings.insert(target, siblings.pop(index))
        try:
            based_on = int(request.POST.get("version", ""))
        except ValueError:
            based_on = section.version
        try:
            with transaction.atomic():
                for order, sibling in enumerate(siblings, start=1):
                    if sibling.order == order:
                        continue
                    sibling.order = order
                    record_save(
                        sibling,
                        by=request.user,
                        based_on=based_on if sibling.pk == section.pk else sibling.version,
                        update_fields=["order"],
                    )
        except VersionConflict:
            messages.warning(
                request, _("Someone changed this section meanwhile; check the order and try again.")
            )
            status = 409
        else:
            status = 200
    else:
        status = 200
    book = section.book
    if request.htmx:
        response = book_detail(request, book.plan_id, book.number)
        response.status_code = status
        return response
    return redirect(_book_url(section))
