from __future__ import annotations

import io
import uuid as uuid_lib

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import CASCADE, Max, Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from PIL import Image
from rest_framework.authtoken.models import Token

from masterplan import services
from masterplan.context import plan_context
from masterplan.forms import (
    AgencyForm,
    DocxImportForm,
    ImageUploadForm,
    SectionAddForm,
    SectionForm,
    check_image,
)
from masterplan.lib.docx import DocxError, docx_to_html
from masterplan.lib.records import record_links
from masterplan.lib.sanitize import clean_html
from masterplan.lib.textdiff import is_long_text, line_diff
from masterplan.models import (
    Agency,
    AuditEvent,
    BimtekStage,
    Book,
    Plan,
    Revision,
    Section,
    SectionImage,
    SectionPresence,
    TrackedModel,
    VersionConflict,
)
from masterplan.permissions import (
    access,
    can_create_in,
    can_edit,
    can_manage_region,
    role_in,
)
from masterplan.services import audit_record, record_delete, record_save
from masterplan.signals import section_edited

# --- Dashboard and plan -----------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The region dashboard: the user's plans, their books' progress, the bimtek stage."""
    stages = BimtekStage.objects.order_by("number").prefetch_related("expected_books")
    plans = list(
        Plan.objects.visible_to(request.user)
        .select_related("region", "cohort")
        .prefetch_related(
            Prefetch("books", queryset=Book.objects.with_progress().order_by("number")),
            Prefetch("cohort__stages", queryset=stages),
        )
        .order_by("-cohort__year", "region__name")
    )
    today = timezone.localdate()
    for plan in plans:
        plan.role = role_in(request.user, plan.region_id)
        plan.stage = plan.cohort.current_stage(today)
        plan.next_stage = next((s for s in plan.cohort.stages.all() if s.starts_on > today), None)
        plan.expected_books = _expected_books(plan, plan.stage or plan.next_stage)
    recent = (
        AuditEvent.objects.visible_to(request.user)
        .select_related("actor", "region")
        .order_by("-at")[:10]
    )
    return render(
        request, "masterplan/home.html", {"plans": plans, "recent": recent, "today": today}
    )


def _expected_books(plan: Plan, stage: BimtekStage | None) -> list[Book]:
    """The plan's books that the stage expects, from the prefetched rows."""
    if stage is None:
        return []
    template_ids = {template.pk for template in stage.expected_books.all()}
    return [book for book in plan.books.all() if book.template_id in template_ids]


def _plan_for(request: HttpRequest, plan_id: int) -> Plan:
    return access(
        request.user, Plan.objects.select_related("region", "cohort", "framework"), pk=plan_id
    )


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan_for(request, plan_id)
    books = plan.books.with_progress().order_by("number")
    return render(request, "masterplan/plan_detail.html", plan_context(request, plan, books=books))


# --- Books and their outline ------------------------------------------------------------


@login_required
def book_detail(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
    """The whole book as one page, its outline as navigation."""
    plan = _plan_for(request, plan_id)
    book = get_object_or_404(plan.books.with_progress(), number=number)
    book.plan = plan
    outline = book.outline()
    nodes = [node for root in outline for node in root.walk()]
    for node in nodes:
        node.section.book = book
        node.editable = can_edit(request.user, node.section)
    links = record_links(plan, {node.section.records for node in nodes if node.section.records})
    for node in nodes:
        node.record = links.get(node.section.records)
    context = plan_context(
        request,
        plan,
        book=book,
        outline=outline,
        nodes=nodes,
        can_add=not book.is_locked() and can_create_in(request.user, plan.region_id),
        can_add_any=not book.is_locked() and any(node.editable for node in nodes),
    )
    template = "masterplan/book_detail.html"
    if request.htmx:
        template += "#book_body"
    return render(request, template, context)


def _section_for(request: HttpRequest, section_id: int, action: str = "view") -> Section:
    queryset = Section.objects.select_related(
        "book__plan__region", "book__plan__cohort", "dimension", "template", "updated_by"
    )
    return access(request.user, queryset, action=action, pk=section_id)


def _book_url(section: Section) -> str:
    url = reverse("book_detail", args=[section.book.plan_id, section.book.number])
    return f"{url}#bagian-{section.pk}"


def _section_context(request: HttpRequest, section: Section, **extra) -> dict:
    return plan_context(
        request,
        section.book.plan,
        book=section.book,
        section=section,
        others=SectionPresence.others_on(section, request.user),
        **extra,
    )


# --- The chapter editor -----------------------------------------------------------------


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
                        _("Some formatting of the document could not be kept (%(n)s notes).")
                        % {"n": len(warnings)},
                    )
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
    plan = _plan_for(request, plan_id)
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


# --- Revision history of any tracked record ---------------------------------------------


def _tracked_model(type_label: str) -> type[TrackedModel]:
    try:
        model = apps.get_model(type_label)
    except (LookupError, ValueError) as error:
        raise Http404 from error
    if not issubclass(model, TrackedModel):
        raise Http404
    return model


def _plan_of(obj) -> Plan | None:
    """The plan a record belongs to, when it belongs to one (for the page layout)."""
    if isinstance(obj, Plan):
        return obj
    owner_path = obj.region_path.rpartition("__")[0]
    plan = obj._walk(owner_path) if owner_path else None
    return plan if isinstance(plan, Plan) else None


def _record_url(user, obj) -> str | None:
    if isinstance(obj, Section):
        # Readers (viewers, mentors) open the chapter's review page, not the editor.
        name = "section_edit" if can_edit(user, obj) else "reviews:section_review"
        return reverse(name, args=[obj.pk])
    getter = getattr(obj, "get_absolute_url", None)
    return getter() if getter else None


def _history_context(request: HttpRequest, obj, **extra) -> dict:
    plan = _plan_of(obj)
    context = {
        "target": obj,
        "target_label": obj._meta.label_lower,
        "target_name": obj._meta.verbose_name,
        "target_url": _record_url(request.user, obj),
        "can_restore": can_edit(request.user, obj),
        **extra,
    }
    if plan is not None:
        context.update(plan_context(request, plan))
    return context


@login_required
def record_history(request: HttpRequest, type_label: str, uuid: uuid_lib.UUID) -> HttpResponse:
    """Who changed a record, when and what; pick two revisions to compare."""
    obj = access(request.user, _tracked_model(type_label), uuid=uuid)
    revisions = list(Revision.objects.for_object(obj).select_related("actor")[:500])
    show_all = request.GET.get("all") == "1"
    shown = []
    for index, revision in enumerate(revisions):
        newer = revisions[index - 1] if index else None
        if not show_all and _is_superseded_autosave(revision, newer):
            continue
        shown.append(revision)
    for index, revision in enumerate(shown):
        older = shown[index + 1] if index + 1 < len(shown) else None
        revision.changed = [
            _field_label(obj, name) for name, _before, _after in revision.changes_since(older)
        ]
    context = _history_context(
        request, obj, revisions=shown, folded=len(revisions) - len(shown), show_all=show_all
    )
    template = "masterplan/record_history.html"
    if request.htmx:
        template = "masterplan/revision_list.html"
    return render(request, template, context)


AUTOSAVE_FOLD_MINUTES = 15


def _is_superseded_autosave(revision: Revision, newer: Revision | None) -> bool:
    """An autosave that the same person replaced soon after: noise in the history."""
    return (
        revision.note == "autosave"
        and newer is not None
        and newer.actor_id == revision.actor_id
        and (newer.at - revision.at).total_seconds() < AUTOSAVE_FOLD_MINUTES * 60
    )


def _field_label(obj, name: str) -> str:
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


@login_required
def revision_compare(request: HttpRequest, type_label: str, uuid: uuid_lib.UUID) -> HttpResponse:
    obj = access(request.user, _tracked_model(type_label), uuid=uuid)
    try:
        ids = {int(request.GET["a"]), int(request.GET["b"])}
    except (KeyError, ValueError) as error:
        raise Http404 from error
    pair = sorted(
        Revision.objects.for_object(obj).filter(pk__in=ids).select_related("actor"),
        key=lambda revision: (revision.at, revision.pk),
    )
    if not pair:
        raise Http404
    older, newer = pair[0], pair[-1]
    rows = []
    for name in dict.fromkeys([*older.snapshot, *newer.snapshot]):
        before, after = older.snapshot.get(name), newer.snapshot.get(name)
        long = is_long_text(before) or is_long_text(after)
        rows.append(
            {
                "name": name,
                "label": _field_label(obj, name),
                "before": before,
                "after": after,
                "changed": before != after,
                "diff": line_diff(before, after) if long and before != after else None,
            }
        )
    context = _history_context(request, obj, older=older, newer=newer, rows=rows)
    return render(request, "masterplan/revision_compare.html", context)


@require_POST
@login_required
def revision_restore(request: HttpRequest, revision_id: int) -> HttpResponse:
    revision = get_object_or_404(Revision.objects.visible_to(request.user), pk=revision_id)
    model = _tracked_model(revision.target_type)
    obj = access(request.user, model, action="edit", uuid=revision.target_uuid)
    services.revision_restore(revision, by=request.user)
    messages.success(
        request,
        _("Version %(version)s was restored as a new version.") % {"version": revision.version},
    )
    return redirect("record_history", obj._meta.label_lower, obj.uuid)


# --- Agencies (OPD) of the region -------------------------------------------------------


def _agency_manager(request: HttpRequest, plan_id: int) -> Plan:
    plan = _plan_for(request, plan_id)
    if not can_manage_region(request.user, plan.region_id):
        raise PermissionDenied
    return plan


@login_required
def agency_list(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan_for(request, plan_id)
    agencies = Agency.objects.visible_to(request.user).filter(region=plan.region).order_by("name")
    context = plan_context(
        request,
        plan,
        agencies=agencies,
        can_manage=can_manage_region(request.user, plan.region_id),
    )
    return render(request, "masterplan/agency_list.html", context)


@login_required
def agency_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _agency_manager(request, plan_id)
    form = AgencyForm(request.POST or None, region=plan.region)
    if request.method == "POST" and form.is_valid():
        agency = form.save(commit=False)
        record_save(agency, by=request.user)
        messages.success(request, _("The agency was added."))
        return redirect("agency_list", plan.pk)
    return render(request, "masterplan/agency_form.html", plan_context(request, plan, form=form))


def _agency_for(request: HttpRequest, plan: Plan, agency_id: int) -> Agency:
    return access(request.user, Agency.objects.filter(region=plan.region), pk=agency_id)


@login_required
def agency_edit(request: HttpRequest, plan_id: int, agency_id: int) -> HttpResponse:
    plan = _agency_manager(request, plan_id)
    agency = _agency_for(request, plan, agency_id)
    form = AgencyForm(request.POST or None, instance=agency, region=plan.region)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            record_save(
                form.save(commit=False),
                by=request.user,
                based_on=form.cleaned_data["version"] or agency.version,
                update_fields=["name", "acronym", "kind"],
            )
        except VersionConflict:
            current = Agency.objects.select_related("updated_by").get(pk=agency.pk)
            form.add_error(
                None,
                _(
                    "%(who)s changed this agency meanwhile (now “%(name)s”). "
                    "Check the values and save again."
                )
                % {"who": current.updated_by or _("Someone"), "name": current.name},
            )
            form.data = form.data.copy()
            form.data["version"] = current.version
            status = 409
        else:
            messages.success(request, _("The agency was saved."))
            return redirect("agency_list", plan.pk)
    return render(
        request,
        "masterplan/agency_form.html",
        plan_context(request, plan, form=form, agency=agency),
        status=status,
    )


def _references(obj) -> list[tuple[str, int]]:
    """Records that point at ``obj`` and would lose the link if it were deleted."""
    found = []
    for relation in obj._meta.related_objects:
        if relation.on_delete is CASCADE:
            continue
        manager = relation.related_model._base_manager
        count = manager.filter(**{relation.field.name: obj}).count()
        if count:
            found.append((str(relation.related_model._meta.verbose_name_plural), count))
    return found


@login_required
def agency_delete(request: HttpRequest, plan_id: int, agency_id: int) -> HttpResponse:
    plan = _agency_manager(request, plan_id)
    agency = _agency_for(request, plan, agency_id)
    references = _references(agency)
    if request.method == "POST" and not references:
        record_delete(agency, by=request.user)
        messages.success(
            request,
            _("“%(name)s” was deleted. An administrator can restore it.") % {"name": agency},
        )
        return redirect("agency_list", plan.pk)
    return render(
        request,
        "masterplan/agency_delete.html",
        plan_context(request, plan, agency=agency, references=references),
        status=409 if request.method == "POST" else 200,
    )


# --- The user's profile and API token ---------------------------------------------------


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """Who the user is in which region, and their API token: created or replaced, and
    revoked, by POST. A new key is shown once, in the answer to the POST that made it."""
    user = request.user
    new_key = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            with transaction.atomic():
                replaced = Token.objects.filter(user=user).delete()[0] > 0
                new_key = Token.objects.create(user=user).key
                audit_record(
                    actor=user,
                    action="api_token.replace" if replaced else "api_token.create",
                    target=user,
                )
        elif action == "revoke":
            with transaction.atomic():
                if Token.objects.filter(user=user).delete()[0]:
                    audit_record(actor=user, action="api_token.revoke", target=user)
            messages.success(request, _("Your API token was revoked."))
            return redirect("profile")
        else:
            return HttpResponse(status=400)
    context = {
        "token": Token.objects.filter(user=user).first(),
        "new_key": new_key,
        "memberships": user.memberships.select_related("region").order_by("region__name"),
        "mentor_assignments": user.mentor_assignments.select_related("region").order_by(
            "region__name"
        ),
        "api_root": request.build_absolute_uri("/api/v1/"),
    }
    response = render(request, "masterplan/profile.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
