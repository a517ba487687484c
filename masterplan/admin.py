"""The back office: every core model, narrowed by the permissions module.

Region- and plan-scoped admins and inlines use ``ScopedAdminMixin``, so the admin
asks the same questions as the portal (``visible_to``, ``can_view``, ``can_edit``)
on top of Django's model permissions. The book apps register their own models in
their ``admin.py`` and reuse the base classes defined here.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# The history's admins (audit log, revisions, trash) live in their own module.
from masterplan import admin_history  # noqa: F401
from masterplan.admin_base import (
    TRACKED_FIELDSET,
    AuditedAdmin,
    AuditedAdminMixin,
    ScopedAdmin,
    ScopedTabularInline,
    may_administer,
    may_manage_region,
)
from masterplan.models import (
    Agency,
    BimtekStage,
    Book,
    BookTemplate,
    Cohort,
    Institution,
    InstitutionMember,
    Membership,
    MentorAssignment,
    Plan,
    Region,
    Section,
    SectionTemplate,
    User,
)
from masterplan.outlines import DEFAULT_STAGES
from masterplan.services import audit_record, cohort_create_templates, plan_add_books

admin.site.site_header = _("Kota Cerdas Studio – administration")
admin.site.site_title = _("Kota Cerdas Studio")
admin.site.index_title = _("Administration")

# --- People ---------------------------------------------------------------------------


class MembershipInline(ScopedTabularInline):
    model = Membership
    show_change_link = False

    def user_may_edit(self, user, obj) -> bool:
        return may_manage_region(user, obj)


class UserMembershipInline(MembershipInline):
    fields = ("region", "role", "dimensions", "agency")
    autocomplete_fields = ("region", "agency")


class RegionMembershipInline(MembershipInline):
    fields = ("user", "role", "dimensions", "agency")
    autocomplete_fields = ("user", "agency")


class MentorAssignmentInline(ScopedTabularInline):
    model = MentorAssignment
    show_change_link = False

    def user_may_edit(self, user, obj) -> bool:
        return may_administer(user, obj)


class UserMentorAssignmentInline(MentorAssignmentInline):
    fields = ("region",)
    autocomplete_fields = ("region",)


class RegionMentorAssignmentInline(MentorAssignmentInline):
    fields = ("user",)
    autocomplete_fields = ("user",)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(AuditedAdminMixin, BaseGroupAdmin):
    pass


@admin.register(User)
class UserAdmin(AuditedAdminMixin, BaseUserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Personal info"),
            {"fields": ("full_name", "position", "first_name", "last_name", "email")},
        ),
        (
            _("Permissions"),
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ),
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Personal info"), {"fields": ("full_name", "position", "email")}),
    )
    list_display = ("username", "full_name", "position", "email", "is_staff", "is_active")
    search_fields = ("username", "full_name", "first_name", "last_name", "email")
    inlines = [UserMembershipInline, UserMentorAssignmentInline]

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, unquote(id))
        if request.method != "POST" or user is None:
            return super().user_change_password(request, id, form_url)
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            changed = User.objects.get(pk=user.pk)
            if changed.password != user.password:
                # The hash never reaches the audit: the event says only that it was set.
                audit_record(
                    actor=request.user,
                    action="user.password_set",
                    target=changed,
                    changes={"usable": changed.has_usable_password()},
                )
        return response


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin):
    list_display = ("user", "region", "role", "agency", "created_at")
    list_filter = ("role", ("region", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("user", "region", "agency")
    search_fields = ("user__username", "user__full_name", "region__name")
    autocomplete_fields = ("user", "region", "agency")
    filter_horizontal = ("dimensions",)

    def user_may_edit(self, user, obj) -> bool:
        return may_manage_region(user, obj)


@admin.register(MentorAssignment)
class MentorAssignmentAdmin(ScopedAdmin):
    list_display = ("user", "region", "assigned_at")
    list_filter = (("region", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("user", "region")
    search_fields = ("user__username", "user__full_name", "region__name")
    autocomplete_fields = ("user", "region")

    def user_may_edit(self, user, obj) -> bool:
        return may_administer(user, obj)


# --- The programme: cohorts, stages, book templates ------------------------------------


class BimtekStageInline(admin.TabularInline):
    model = BimtekStage
    fields = ("number", "name", "starts_on", "ends_on", "location", "expectations")
    extra = 0
    show_change_link = True

    def get_extra(self, request, obj=None, **kwargs):
        # A new cohort gets the four default stages prefilled; rows left undated are skipped.
        return len(DEFAULT_STAGES) if obj is None else 0


class BookTemplateInline(admin.TabularInline):
    model = BookTemplate
    fields = ("number", "title", "title_en")
    extra = 0
    show_change_link = True


@admin.register(Cohort)
class CohortAdmin(AuditedAdmin):
    list_display = ("year", "name", "framework")
    list_select_related = ("framework",)
    search_fields = ("name", "year")
    inlines = [BimtekStageInline, BookTemplateInline]

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, BimtekStageInline) and getattr(obj, "pk", None) is None:
            kwargs["initial"] = [
                {"number": number, "name": name, "expectations": expectations}
                for number, name, expectations, _books in DEFAULT_STAGES
            ]
        return kwargs

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            # After the inlines, so book templates typed in by hand win over the defaults.
            cohort_create_templates(cohort=form.instance)


@admin.register(BimtekStage)
class BimtekStageAdmin(AuditedAdmin):
    list_display = ("__str__", "name", "starts_on", "ends_on", "location")
    list_filter = ("cohort", "number")
    list_select_related = ("cohort",)
    search_fields = ("name", "location")
    filter_horizontal = ("expected_books",)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            # Every cohort has its own "Buku 1": offer only this cohort's books.
            form.base_fields["expected_books"].queryset = obj.cohort.book_templates.all()
        return form


class SectionTemplateInline(admin.TabularInline):
    model = SectionTemplate
    fields = ("order", "key", "title", "title_en", "parent", "required", "per_dimension")
    raw_id_fields = ("parent",)
    extra = 0
    show_change_link = True


@admin.register(BookTemplate)
class BookTemplateAdmin(AuditedAdmin):
    list_display = ("__str__", "cohort", "title_en")
    list_filter = ("cohort",)
    list_select_related = ("cohort",)
    search_fields = ("title", "title_en", "cohort__name")
    inlines = [SectionTemplateInline]


@admin.register(SectionTemplate)
class SectionTemplateAdmin(AuditedAdmin):
    list_display = ("title", "key", "book_template", "parent", "order", "per_dimension")
    list_filter = ("book_template__cohort", "book_template__number", "per_dimension")
    list_select_related = ("book_template", "parent")
    search_fields = ("title", "title_en", "key")
    autocomplete_fields = ("book_template", "parent")


# --- Regions and their agencies --------------------------------------------------------


@admin.register(Region)
class RegionAdmin(ScopedAdmin):
    list_display = ("name", "kind", "province", "code", "is_active")
    list_filter = ("kind", "is_active", "province")
    search_fields = ("name", "code", "province")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [RegionMembershipInline, RegionMentorAssignmentInline]

    def user_may_edit(self, user, obj) -> bool:
        return may_manage_region(user, obj)


@admin.register(Agency)
class AgencyAdmin(ScopedAdmin):
    list_display = ("name", "acronym", "kind", "region")
    list_filter = ("kind", ("region", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("region",)
    search_fields = ("name", "acronym", "region__name")
    autocomplete_fields = ("region",)

    def user_may_edit(self, user, obj) -> bool:
        return may_manage_region(user, obj)


# --- Plans, books, sections ------------------------------------------------------------


class BookInline(ScopedTabularInline):
    model = Book
    fields = ("number", "title", "status", "updated_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(ScopedAdmin):
    list_display = ("title", "region", "cohort", "period", "framework", "updated_at")
    list_filter = ("cohort", ("region", admin.RelatedOnlyFieldListFilter), "framework")
    list_select_related = ("region", "cohort", "framework")
    search_fields = ("title", "region__name")
    autocomplete_fields = ("region",)
    inlines = [BookInline]
    actions = ["add_missing_books"]
    fieldsets = (
        (None, {"fields": ("region", "cohort", "framework", "title")}),
        (_("Period"), {"fields": ("start_year", "end_year", "rpjmd_reference")}),
        (_("Vision and mission"), {"fields": ("vision", "mission")}),
        TRACKED_FIELDSET,
    )

    @admin.display(description=_("period"))
    def period(self, obj: Plan) -> str:
        return obj.period

    def get_inlines(self, request, obj):
        # The books are copied from the cohort's templates once the plan exists.
        return self.inlines if obj else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "framework":
            # Plan.clean() takes the cohort's framework when none is chosen.
            kwargs["required"] = False
            kwargs["help_text"] = _("Leave empty to use the cohort's framework.")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            plan_add_books(plan=obj, by=request.user)

    @admin.action(description=_("Add the books of the cohort that the plan lacks"))
    def add_missing_books(self, request, queryset):
        count = 0
        for plan in queryset.select_related("cohort", "framework"):
            if self.user_may_edit(request.user, plan):
                books = plan_add_books(plan=plan, by=request.user)
                if books:
                    audit_record(
                        actor=request.user,
                        action="plan.add_books",
                        target=plan,
                        changes={"books": [book.number for book in books]},
                    )
                count += len(books)
        message = ngettext("%(count)s book added.", "%(count)s books added.", count)
        self.message_user(request, message % {"count": count})


class SectionInline(ScopedTabularInline):
    """The outline as links; each section's text is edited on its own page."""

    model = Section
    fields = ("title", "parent", "dimension", "required", "updated_at")
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        # Sections are created depth-first from the template, so creation order is outline order.
        return super().get_queryset(request).select_related("parent", "dimension").order_by("pk")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Book)
class BookAdmin(ScopedAdmin):
    list_display = ("__str__", "plan", "plan__region", "status", "updated_at")
    list_filter = (
        "status",
        "number",
        "plan__cohort",
        ("plan__region", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("plan__region",)
    search_fields = ("title", "title_en", "plan__title", "plan__region__name")
    fields = ("plan", "template", "number", "title", "title_en", "status")
    readonly_fields = ("plan", "template", "number")
    inlines = [SectionInline]

    def has_add_permission(self, request):
        # Books are copied from the cohort's book templates when a plan is created.
        return False


@admin.register(Section)
class SectionAdmin(ScopedAdmin):
    list_display = ("title", "book", "book__plan__region", "dimension", "required", "updated_at")
    list_filter = (
        ("book__plan__region", admin.RelatedOnlyFieldListFilter),
        "book__number",
        ("dimension", admin.RelatedOnlyFieldListFilter),
        "required",
    )
    list_select_related = ("book__plan__region", "dimension")
    search_fields = ("title", "title_en", "key", "book__plan__title")
    autocomplete_fields = ("book", "parent", "template")
    fields = (
        "book",
        "parent",
        "template",
        "key",
        "order",
        "title",
        "title_en",
        "dimension",
        "required",
        "records",
        "body",
    )
    # Rich text enters through the portal's editor, which sanitises it.
    readonly_fields = ("body",)


# --- Institutions ----------------------------------------------------------------------


class InstitutionMemberInline(ScopedTabularInline):
    model = InstitutionMember
    fields = ("order", "name", "position", "agency", "role")
    autocomplete_fields = ("agency",)
    show_change_link = False


@admin.register(Institution)
class InstitutionAdmin(ScopedAdmin):
    list_display = ("__str__", "kind", "plan", "plan__region", "decree_number", "decree_date")
    list_filter = ("kind", ("plan__region", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("plan__region",)
    search_fields = ("name", "decree_number", "plan__title")
    autocomplete_fields = ("plan",)
    inlines = [InstitutionMemberInline]


@admin.register(InstitutionMember)
class InstitutionMemberAdmin(ScopedAdmin):
    list_display = ("name", "role", "position", "institution", "agency")
    list_filter = (
        "institution__kind",
        ("institution__plan__region", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("institution", "agency")
    search_fields = ("name", "position", "role")
    autocomplete_fields = ("institution", "agency")
