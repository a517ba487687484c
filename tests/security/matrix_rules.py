"""The rules of the HTML permission matrix (tests/security/test_html_matrix.py): what each
persona gets under a rule, and the ``Case`` that names the rule of each method of a route."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dimensions import views as dimension_views

OK, LOGIN = "ok", "login"
FORBIDDEN, MISSING, NOT_ALLOWED = 403, 404, 405

PERSONAS = (
    "anonymous",
    "outsider",  # signed in, no role anywhere
    "viewer_a",
    "editor_a",
    "economy_editor_a",  # editor of region A limited to Smart Economy
    # editor of region A reporting for the agency (OPD) leading its GOV and ECO programmes
    "agency_editor_a",
    "coordinator_a",
    "mentor_a",
    "mentor_b",
    "editor_b",
    "admin",
)
OUTSIDERS = ("outsider", "mentor_b", "editor_b")


def rule(
    *,
    anonymous: Any = LOGIN,
    outside: Any = MISSING,
    admin: Any = OK,
    viewer: Any = FORBIDDEN,
    editor: Any = FORBIDDEN,
    economy: Any = FORBIDDEN,
    coordinator: Any = FORBIDDEN,
    mentor: Any = FORBIDDEN,
    agency: Any = None,
) -> dict[str, Any]:
    return {
        "anonymous": anonymous,
        **dict.fromkeys(OUTSIDERS, outside),
        "viewer_a": viewer,
        "editor_a": editor,
        "economy_editor_a": economy,
        # everywhere an editor, except where a rule says otherwise
        "agency_editor_a": editor if agency is None else agency,
        "coordinator_a": coordinator,
        "mentor_a": mentor,
        "admin": admin,
    }


def everyone(outcome: Any, *, anonymous: Any = None) -> dict[str, Any]:
    return rule(
        anonymous=outcome if anonymous is None else anonymous,
        **dict.fromkeys(
            ("outside", "admin", "viewer", "editor", "economy", "coordinator", "mentor"), outcome
        ),
    )


READERS = dict.fromkeys(("viewer", "editor", "economy", "coordinator", "mentor"), OK)
RULES: dict[str, dict[str, Any]] = {
    # no sign-in needed (log in, reset a password)
    "public": everyone(OK),
    # any signed-in user, whatever their roles (their own dashboard, notifications)
    "signed-in": everyone(OK, anonymous=LOGIN),
    # who sees region A's plan: its members, its mentor, admins
    "region-view": rule(**READERS),
    # change region A's records that belong to no dimension (or to GOV)
    "region-edit": rule(editor=OK, coordinator=OK),
    # change a record of the ECO dimension, or open an add form where one picks a dimension
    "dimension-edit": rule(editor=OK, economy=OK, coordinator=OK),
    # report on a programme another agency leads: not for a member reporting for an agency
    "other-agency-report": rule(editor=OK, coordinator=OK, agency=FORBIDDEN),
    # the region's agencies (OPD): coordinators
    "manage": rule(coordinator=OK),
    # start a comment thread, reply, resolve: not the viewers
    "comment": rule(editor=OK, economy=OK, coordinator=OK, mentor=OK),
    # sign a section off: the region's mentor
    "review": rule(mentor=OK),
    # submit a book to the mentor: the coordinator
    "submit": rule(coordinator=OK),
    # make a book final / reopen it: admins only
    "finalise": rule(),
    # the cohort dashboard of all regions: admins only, a 403 for everybody else
    "admin-only": rule(outside=FORBIDDEN),
    # the mentor dashboard: any mentor (of their own regions) and admins
    "mentor-only": {**rule(outside=FORBIDDEN, mentor=OK), "mentor_b": OK},
    # a notification of editor_a: nobody else's business, not even an admin's
    "own-user": {**everyone(MISSING, anonymous=LOGIN), "editor_a": OK},
    # the method is refused before anything else
    "no-method": everyone(NOT_ALLOWED),
    "no-method-signed-in": everyone(NOT_ALLOWED, anonymous=LOGIN),
    # region A's insiders are told the method is not allowed, outsiders that nothing is there
    "no-method-inside": rule(
        **dict.fromkeys(("admin", "viewer", "editor", "economy", "coordinator", "mentor"), 405)
    ),
}
# A GOV record: the economy editor is just a reader.
RULES["gov-edit"] = RULES["region-edit"]
RULES["eco-edit"] = RULES["dimension-edit"]


Objects = Any  # what build_region_objects returns


@dataclass(frozen=True)
class Case:
    """One way to call a route: its kwargs, and the rule of each method."""

    get: str
    post: str
    kwargs: Callable[[Objects], dict] = lambda o: {}
    query: Callable[[Objects], str] = lambda o: ""
    data: Callable[[Objects], dict] = lambda o: {}
    label: str = ""
    kind: str = ""  # the record kind named in the URL, if any
    # statuses that mean "let in, then refused by a business rule" (e.g. nothing to submit)
    also_ok: frozenset[int] = field(default_factory=frozenset)


def both(rule_name: str, **options) -> list[Case]:
    return [Case(get=rule_name, post=rule_name, **options)]


def plan(o: Objects) -> dict:
    return {"plan_id": o.plan.pk}


def per_dimension(get: str | None, post: str | None, kwargs, **options) -> list[Case]:
    """A record of GOV (the economy editor only reads it) and one of ECO (they may edit it).

    ``get``/``post`` None means the edit rule of the record's dimension.
    """
    return [
        Case(
            get=get or f"{key}-edit",
            post=post or f"{key}-edit",
            kwargs=lambda o, key=key: kwargs(o, getattr(o, key)),
            label=key,
            **options,
        )
        for key in ("gov", "eco")
    ]


# --- record kinds edited inline (masterplan.editing) ----------------------------------------

# dimensions: kinds whose records belong to a dimension, and the plan-wide ones
DIMENSION_KINDS = ("kesenjangan", "swot", "isu-strategis", "inovasi", "tujuan", "strategi")
PLAN_WIDE_KINDS = ("profil", "kesiapan", "kelembagaan", "anggota")


def _movable(kinds: dict, slug: str) -> bool:
    return kinds[slug].siblings_by is not None


def _keys(slug: str, kinds) -> tuple[str, ...]:
    """Every kind with a GOV record (the economy editor must be refused); the allowed
    ECO case once per route, as the kinds share their permission code."""
    return ("gov", "eco") if slug == kinds[0] else ("gov",)


def dimension_kind_cases(action: str) -> list[Case]:
    kinds = dimension_views.KINDS
    cases = []
    for slug in DIMENSION_KINDS + PLAN_WIDE_KINDS:
        plan_wide = slug in PLAN_WIDE_KINDS
        if action == "create":
            # the add form is offered to whoever may add in some dimension, where there is one
            name = "region-edit" if plan_wide else "dimension-edit"
            cases.append(
                Case(
                    get=name,
                    post=name,
                    kwargs=lambda o, s=slug: {**plan(o), "kind": s},
                    label=slug,
                    kind=slug,
                )
            )
            continue
        get = "no-method-signed-in" if action == "move" else None
        post = None if action != "move" or _movable(kinds, slug) else "no-method-inside"
        if plan_wide:
            cases.append(
                Case(
                    get=get or "region-edit",
                    post=post or "region-edit",
                    kwargs=lambda o, s=slug: {**plan(o), "kind": s, "pk": getattr(o, s).pk},
                    label=slug,
                    kind=slug,
                )
            )
        else:
            cases += [
                Case(
                    get=get or f"{key}-edit",
                    post=post or f"{key}-edit",
                    kwargs=lambda o, s=slug, key=key: {
                        **plan(o),
                        "kind": s,
                        "pk": getattr(getattr(o, key), s).pk,
                    },
                    label=f"{slug}-{key}",
                    kind=slug,
                )
                for key in _keys(slug, DIMENSION_KINDS)
            ]
    return cases


def programme_kind_cases(action: str, kinds: dict, record_key: str = "record_id") -> list[Case]:
    """Records of a programme: whoever may edit the programme (its dimension) may edit them."""
    cases = []
    for slug in kinds:
        get = "no-method-signed-in" if action == "move" else None
        post = None if action != "move" or _movable(kinds, slug) else "no-method-inside"
        for key in _keys(slug, list(kinds)):

            def kwargs(o, s=slug, key=key):
                records = getattr(o, key)
                found = {"plan_id": o.plan.pk, "pk": records.programme.pk, "kind": s}
                if action != "create":
                    found[record_key] = getattr(records, s).pk
                return found

            cases.append(
                Case(
                    get=get or f"{key}-edit",
                    post=post or f"{key}-edit",
                    kwargs=kwargs,
                    label=f"{slug}-{key}",
                    kind=slug,
                )
            )
    return cases


def plan_risk_cases(action: str) -> list[Case]:
    """Risks of the whole plan belong to no dimension."""

    def kwargs(o):
        found = {**plan(o), "kind": "risiko-rencana"}
        if action != "create":
            found["record_id"] = o.plan_risk.pk
        return found

    if action == "move":
        rules = {"get": "no-method-signed-in", "post": "no-method-inside"}
    else:
        rules = {"get": "region-edit", "post": "region-edit"}
    return [Case(**rules, kwargs=kwargs, kind="risiko-rencana")]
