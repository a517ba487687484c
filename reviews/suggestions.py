"""A mentor's suggestion: a value proposed for one field of a structured record (target
2027: 50 → 60, a budget line's amount, a programme's name), or a passage of a chapter to
replace ("replace this sentence with …").

Mentors still cannot edit: the owner accepts (the value is applied through the save
service, with a revision and an audit event naming the mentor) or rejects with a reply.
A suggestion whose field (or quoted passage) changed since it was made is outdated and
can no longer be accepted.
"""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan.lib.sanitize import clean_html
from masterplan.models import Region, Scoped, Section, User
from masterplan.permissions import can_edit, can_review
from masterplan.registry import plan_record_kind
from masterplan.scoping import ScopedQuerySet
from masterplan.services import audit_record, record_save
from masterplan.signals import section_edited

# Fields nobody suggests a value for: bookkeeping, and what the portal sets itself.
NOT_SUGGESTED = frozenset(
    {"id", "uuid", "version", "created_at", "updated_at", "created_by", "updated_by", "order"}
)
SUGGESTED_TYPES = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.DecimalField,
)


class SuggestionQuerySet(ScopedQuerySet):
    def pending(self) -> SuggestionQuerySet:
        return self.filter(status=Suggestion.Status.PENDING)

    def on(self, target: models.Model) -> SuggestionQuerySet:
        return self.filter(target_type=target._meta.label_lower, target_uuid=target.uuid)


class Suggestion(Scoped):
    class Status(models.TextChoices):
        PENDING = "pending", gettext_lazy("Pending")
        ACCEPTED = "accepted", gettext_lazy("Accepted")
        REJECTED = "rejected", gettext_lazy("Rejected")
        OUTDATED = "outdated", gettext_lazy("Outdated")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(
        Region, verbose_name=gettext_lazy("region"), on_delete=models.CASCADE, related_name="+"
    )
    target_type = models.CharField(gettext_lazy("record type"), max_length=60)
    target_uuid = models.UUIDField(gettext_lazy("record"), db_index=True)
    target_repr = models.CharField(gettext_lazy("record name"), max_length=250, blank=True)
    target_version = models.PositiveIntegerField(gettext_lazy("version seen"), default=1)
    field_name = models.CharField(gettext_lazy("field"), max_length=60)
    quote = models.TextField(
        gettext_lazy("passage to replace"),
        blank=True,
        help_text=gettext_lazy("For a chapter: the sentence or passage the new text replaces."),
    )
    old_value = models.JSONField(gettext_lazy("value when suggested"), null=True, blank=True)
    new_value = models.JSONField(gettext_lazy("suggested value"), null=True, blank=True)
    note = models.TextField(gettext_lazy("why"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("suggested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(gettext_lazy("created at"), auto_now_add=True)
    status = models.CharField(
        gettext_lazy("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(gettext_lazy("decided at"), null=True, blank=True)
    reply = models.TextField(gettext_lazy("reply"), blank=True)

    objects = SuggestionQuerySet.as_manager()
    region_path = "region"
    dimension_path = None
    plan_anchor = "target_uuid"  # a plan record on the record it is about, like comments

    class Meta:
        verbose_name = gettext_lazy("suggestion")
        verbose_name_plural = gettext_lazy("suggestions")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["target_type", "target_uuid", "status"])]

    def __str__(self) -> str:
        return f"{self.target_repr} · {self.field_label}"

    def target_model(self) -> type[models.Model]:
        return apps.get_model(self.target_type)

    def target(self) -> models.Model | None:
        return self.target_model()._default_manager.filter(uuid=self.target_uuid).first()

    @property
    def field_label(self) -> str:
        try:
            return str(self.target_model()._meta.get_field(self.field_name).verbose_name)
        except (LookupError, Exception):
            return self.field_name

    def _shown(self, value: Any) -> str:
        """The value as the portal shows it: Rupiah for amounts, Indonesian numbers."""
        from masterplan.lib.money import number, rupiah

        if value in (None, ""):
            return "–"
        try:
            field = self.target_model()._meta.get_field(self.field_name)
        except Exception:
            return str(value)
        if isinstance(field, models.IntegerField) and field.name in {"amount", "budget"}:
            return rupiah(value)
        if isinstance(field, models.DecimalField | models.IntegerField):
            try:  # JSON holds decimals as text ("50.00"): shown as the cell shows them, "50"
                return number(Decimal(str(value)))
            except ArithmeticError:
                return str(value)
        return str(value)

    @property
    def old_shown(self) -> str:
        return self._shown(self.old_value)

    @property
    def new_shown(self) -> str:
        return self._shown(self.new_value)

    @property
    def is_passage(self) -> bool:
        return bool(self.quote)

    def is_outdated(self, target: models.Model | None) -> bool:
        """The field (or the quoted passage) is no longer what the mentor saw."""
        if target is None:
            return True
        if self.is_passage:
            return escape(self.quote) not in getattr(target, self.field_name, "")
        return current_value(target, self.field_name) != self.old_value


# --- Which fields take suggestions -----------------------------------------------------------


def suggested_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields of a record a mentor may propose a value for (a chapter: its text)."""
    if model is Section:
        return [model._meta.get_field("body")]
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable
        and not field.is_relation
        and not field.choices
        and field.name not in NOT_SUGGESTED
        and isinstance(field, SUGGESTED_TYPES)
    ]


def suggestion_target_model(label: str) -> type[models.Model]:
    """The model of ``"app.model"`` when suggestions may be made on it; LookupError if not."""
    kind = plan_record_kind(label)
    if not kind.tracked or not suggested_fields(kind.model) or kind.of_region:
        raise LookupError(f"{label} takes no suggestions")
    return kind.model


# --- Writes ------------------------------------------------------------------------------------


def _notify_owners(suggestion: Suggestion, target: models.Model, by: User) -> None:
    from masterplan.models import Revision
    from reviews.models import Notification
    from reviews.services import notify, record_url, region_people

    editors = User.objects.filter(pk__in=Revision.objects.for_object(target).values("actor_id"))
    owners = [user for user in editors if can_edit(user, target)]
    if not owners:
        owners = [user for user in region_people(suggestion.region_id) if can_edit(user, target)]
    notify(
        users=owners,
        verb=Notification.Verb.SUGGESTION,
        actor=by,
        text=_("%(who)s suggested a change to “%(what)s”")
        % {"who": by.display_name, "what": target},
        url=f"{page}#saran-{suggestion.uuid}" if (page := record_url(target).split("#")[0]) else "",
        target=target,
    )


@transaction.atomic
def suggestion_create(
    *,
    target: models.Model,
    by: User,
    field_name: str,
    value: Any,
    quote: str = "",
    note: str = "",
) -> Suggestion:
    """A mentor proposes ``value`` for ``field_name`` of ``target`` (or, with ``quote``, a
    replacement for that passage of a chapter's text)."""
    if not can_review(by, target):
        raise PermissionDenied
    fields = {field.name: field for field in suggested_fields(type(target))}
    if field_name not in fields:
        raise ValidationError({"field_name": _("This field takes no suggestions.")}, "field")
    field = fields[field_name]
    quote = (quote or "").strip()
    if isinstance(field, models.TextField) and quote:
        if escape(quote) not in getattr(target, field_name, ""):
            raise ValidationError(
                {"quote": _("The passage is not in the current text; copy it exactly.")},
                "quote",
            )
        value = str(value or "").strip()
    else:
        quote = ""
        try:
            value = field.clean(value, target)
        except ValidationError as error:
            raise ValidationError({"value": error.messages}, "value") from error
    if value in (None, ""):
        raise ValidationError({"value": _("Write the value you suggest.")}, "value")
    old_value = quote if quote else current_value(target, field_name)
    new_value = value if quote else snapshot_of_value(field, value)
    if not quote and new_value == old_value:
        raise ValidationError({"value": _("That is already the current value.")}, "same")
    suggestion = Suggestion.objects.create(
        region_id=target.scope_region_id(),
        target_type=target._meta.label_lower,
        target_uuid=target.uuid,
        target_repr=str(target)[:250],
        target_version=target.version,
        field_name=field_name,
        quote=quote[:2000],
        old_value=old_value,
        new_value=new_value,
        note=note.strip()[:2000],
        author=by,
    )
    audit_record(
        actor=by,
        action="suggestion.create",
        target=suggestion,
        changes={
            "on": target._meta.label_lower,
            "record": str(target.uuid),
            "field": field_name,
            "before": old_value,
            "after": new_value,
        },
    )
    _notify_owners(suggestion, target, by)
    return suggestion


def snapshot_of_value(field: models.Field, value: Any) -> Any:
    """The value as JSON holds it, decimals with the field's places: "60.00"."""
    value = field.to_python(value)
    if isinstance(field, models.DecimalField) and value is not None:
        value = value.quantize(Decimal(10) ** -field.decimal_places)
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def current_value(target: models.Model, field_name: str) -> Any:
    field = target._meta.get_field(field_name)
    return snapshot_of_value(field, field.value_from_object(target))


class SuggestionRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _locked_pending(suggestion: Suggestion) -> Suggestion:
    row = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if row.status != Suggestion.Status.PENDING:
        raise SuggestionRefused(_("This suggestion was already decided."))
    return row


def _decide(row: Suggestion, *, status: str, by: User, reply: str = "") -> None:
    row.status = status
    row.decided_by = by
    row.decided_at = timezone.now()
    row.reply = reply.strip()[:2000]
    row.save(update_fields=["status", "decided_by", "decided_at", "reply"])
    if status in {Suggestion.Status.ACCEPTED, Suggestion.Status.REJECTED}:
        _notify_author(row, by)


def _notify_author(row: Suggestion, by: User) -> None:
    """The mentor learns the outcome; the link opens the record's suggestions, the reply."""
    from reviews.models import Notification
    from reviews.services import notify

    if row.status == Suggestion.Status.ACCEPTED:
        text = _("%(who)s accepted your suggestion on “%(what)s”")
    else:
        text = _("%(who)s rejected your suggestion on “%(what)s”")
    url = reverse("reviews:suggestion_list", args=[row.target_type, row.target_uuid])
    notify(
        users=[row.author] if row.author else [],
        verb=Notification.Verb.DECIDED,
        actor=by,
        text=text % {"who": by.display_name, "what": row.target_repr},
        url=f"{url}#saran-{row.uuid}",
        target=row.target(),
    )


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, by: User) -> Suggestion:
    """Apply the value through the save service; the revision's note credits the mentor."""
    model = suggestion.target_model()
    target = model._default_manager.select_for_update().filter(uuid=suggestion.target_uuid).first()
    if target is None or not can_edit(by, target):
        raise PermissionDenied
    row = _locked_pending(suggestion)
    if getattr(target, "is_locked", lambda: False)():
        raise SuggestionRefused(_("The book is final; reopen it before changing it."))
    if row.is_outdated(target):
        _decide(row, status=Suggestion.Status.OUTDATED, by=by)
        return row
    field = model._meta.get_field(row.field_name)
    if row.is_passage:
        text = getattr(target, row.field_name).replace(escape(row.quote), escape(row.new_value), 1)
        slug = Region.objects.filter(pk=row.region_id).values_list("slug", flat=True).first()
        setattr(target, row.field_name, clean_html(text, region_slug=slug))
    else:
        setattr(target, field.attname, field.to_python(row.new_value))
    target.full_clean()
    _decide(row, status=Suggestion.Status.ACCEPTED, by=by)
    author = row.author.display_name if row.author else "–"
    record_save(
        target,
        by=by,
        based_on=target.version,
        update_fields=[field.attname],
        note=_("Suggestion by %(who)s accepted") % {"who": author},
    )
    if isinstance(target, Section):
        section_edited.send(sender=Section, section=target, by=by)
    audit_record(
        actor=by,
        action="suggestion.accept",
        target=row,
        changes={"field": row.field_name, "suggested_by": row.author_id},
    )
    return row


@transaction.atomic
def suggestion_reject(*, suggestion: Suggestion, by: User, reply: str) -> Suggestion:
    target = suggestion.target()
    if target is None or not can_edit(by, target):
        raise PermissionDenied
    row = _locked_pending(suggestion)
    if not reply.strip():
        raise SuggestionRefused(_("Reply to the mentor: say why the suggestion is rejected."))
    _decide(row, status=Suggestion.Status.REJECTED, by=by, reply=reply)
    audit_record(actor=by, action="suggestion.reject", target=row, changes={"reply": row.reply})
    return row


def outdate_suggestions(record: models.Model, before: dict[str, Any], after: dict[str, Any]):
    """Receiver side of a save: pending suggestions on a field that changed are outdated."""
    uuid_value = getattr(record, "uuid", None)
    if uuid_value is None:
        return
    changed = [name for name in after if before.get(name) != after.get(name)]
    if not changed:
        return
    rows = Suggestion.objects.filter(
        target_type=record._meta.label_lower,
        target_uuid=uuid_value,
        status=Suggestion.Status.PENDING,
        field_name__in=changed,
    )
    for row in rows:
        if row.is_outdated(record):
            row.status = Suggestion.Status.OUTDATED
            row.decided_at = timezone.now()
            row.save(update_fields=["status", "decided_at"])


def on_record_saved(sender, *, record, before, after, created, **kwargs) -> None:
    if not created:
        outdate_suggestions(record, before, after)
