"""Every HTML route × persona × GET/POST, against region A's objects.

The routes come from the URLconf: a route (or a record kind a route accepts) without an
entry in ROUTES fails the meta-test, so a new page cannot ship without saying who may
open it. /api/ has its own matrix (tests/api), /admin/ is Django's (only the redirect of
non-staff users to its login is checked here), /i18n/ only switches the language.

An entry names a *rule* per method; RULES says what each persona gets under a rule:
OK (2xx, or a redirect that is not to the login page), LOGIN (redirect to log in),
403, 404 (another region's record does not exist for outsiders) or 405.
Each request runs in a savepoint that is rolled back, so a POST that is allowed (and
deletes, moves or submits something) does not change what the next request sees.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlparse
from uuid import UUID

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from dimensions import views as dimension_views
from programs import views as programme_views
from roadmap import views as roadmap_views
from tests.security.conftest import build_region_objects, png_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_storage")]

OK, LOGIN = "ok", "login"
FORBIDDEN, MISSING, NOT_ALLOWED = 403, 404, 405

PERSONAS = (
    "anonymous",
    "outsider",  # signed in, no role anywhere
    "viewer_a",
    "editor_a",
    "economy_editor_a",  # editor of region A limited to Smart Economy
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
) -> dict[str, Any]:
    return {
        "anonymous": anonymous,
        **dict.fromkeys(OUTSIDERS, outside),
        "viewer_a": viewer,
        "editor_a": editor,
        "economy_editor_a": economy,
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


# --- the table ---------------------------------------------------------------------------------

P = "masterplan/<int:plan_id>/"
DIM_RECORD = P + "<dimensions_kind:kind>/"
PROGRAMME = P + "program/<int:pk>/"
PROG_RECORD = PROGRAMME + "<programme_record_kind:kind>/"
PLAN_RECORD = P + "<programs_plan_kind:kind>/"
ROADMAP_RECORD = PROGRAMME + "<roadmap_kind:kind>/"


def section(o, records=None):
    return {"section_id": (records or o).section.pk}


def programme(o, records):
    return {"plan_id": o.plan.pk, "pk": records.programme.pk}


def book(o):
    return {"book_id": o.book.pk}


def job(o):
    return {"job_uuid": o.export_job.uuid}


def comment(o):
    return {"comment_uuid": o.comment.uuid}


def history(o):
    return {"type_label": "programs.programme", "uuid": o.gov.programme.uuid}


def compare(o):
    first, last = o.gov.revisions[0], o.gov.revisions[-1]
    return f"a={first.pk}&b={last.pk}"


ROADMAP_KINDS = roadmap_views.KINDS
# Grouped in areas, each area one test (building region A's objects once per test).
AREAS: dict[str, dict[str, list[Case]]] = {
    # --- dashboard, plan, books, chapter editor
    "core": {
        "": both("signed-in"),
        P: both("region-view", kwargs=plan),
        P + "buku/<int:number>/": both("region-view", kwargs=lambda o: {**plan(o), "number": 1}),
        # limited editors add sub-sections inside their own dimensions: Buku 1 has ECO ones
        P + "buku/<int:number>/tambah-bagian/": both(
            "dimension-edit", kwargs=lambda o: {**plan(o), "number": 1}
        ),
        "bagian/<int:section_id>/sunting/": per_dimension(None, None, section),
        "bagian/<int:section_id>/kehadiran/": per_dimension("no-method", None, section),
        "bagian/<int:section_id>/gambar/": per_dimension(
            "no-method", None, section, data=lambda o: {"image": png_upload(), "alt": "Peta"}
        ),
        "bagian/<int:section_id>/impor-docx/": per_dimension(None, None, section),
        "bagian/<int:section_id>/hapus/": per_dimension(None, None, section),
        "bagian/<int:section_id>/pindah/<str:direction>/": per_dimension(
            "no-method", None, lambda o, r: {**section(o, r), "direction": "down"}
        ),
        "wilayah/<slug:region_slug>/gambar/<uuid:image_uuid>/": both(
            "region-view",
            kwargs=lambda o: {"region_slug": o.region.slug, "image_uuid": o.image.uuid},
        ),
        "riwayat/<str:type_label>/<uuid:uuid>/": both("region-view", kwargs=history),
        "riwayat/<str:type_label>/<uuid:uuid>/banding/": both(
            "region-view", kwargs=history, query=compare
        ),
        "revisi/<int:revision_id>/pulihkan/": per_dimension(
            "no-method", None, lambda o, r: {"revision_id": r.revisions[0].pk}
        ),
        P + "opd/": both("region-view", kwargs=plan),
        P + "opd/tambah/": both("manage", kwargs=plan),
        P + "opd/<int:agency_id>/": both(
            "manage", kwargs=lambda o: {**plan(o), "agency_id": o.free_agency.pk}
        ),
        P + "opd/<int:agency_id>/hapus/": both(
            "manage", kwargs=lambda o: {**plan(o), "agency_id": o.free_agency.pk}
        ),
    },
    # --- analysis and strategy editors (dimensions)
    "dimensions": {
        **{
            P + page: both("region-view", kwargs=plan)
            for page in (
                "profil/",
                "kesiapan/",
                "kesenjangan/",
                "swot/",
                "isu-strategis/",
                "inovasi/",
                "tujuan/",
                "strategi/",
                "kelembagaan/",
            )
        },
        DIM_RECORD + "baru/": dimension_kind_cases("create"),
        DIM_RECORD + "<int:pk>/ubah/": dimension_kind_cases("edit"),
        DIM_RECORD + "<int:pk>/hapus/": dimension_kind_cases("delete"),
        DIM_RECORD + "<int:pk>/pindah/": dimension_kind_cases("move"),
    },
    # --- programmes
    "programmes": {
        P + "program/": both("region-view", kwargs=plan),
        P + "program/baru/": both("dimension-edit", kwargs=plan),
        PROGRAMME: both("region-view", kwargs=lambda o: programme(o, o.gov)),
        PROGRAMME + "ubah/": per_dimension(None, None, programme),
        PROGRAMME + "hapus/": per_dimension(None, None, programme),
        PROGRAMME + "foto/<int:photo_id>/": both(
            "region-view", kwargs=lambda o: {**programme(o, o.gov), "photo_id": o.gov.foto.pk}
        ),
        PROGRAMME + "indikator/<int:indicator_id>/target/<int:year>/": per_dimension(
            None,
            None,
            lambda o, r: {**programme(o, r), "indicator_id": r.indikator.pk, "year": 2026},
        ),
        PROG_RECORD + "baru/": programme_kind_cases("create", programme_views.KINDS),
        PROG_RECORD + "<int:record_id>/ubah/": programme_kind_cases("edit", programme_views.KINDS),
        PROG_RECORD + "<int:record_id>/hapus/": programme_kind_cases(
            "delete", programme_views.KINDS
        ),
        PROG_RECORD + "<int:record_id>/pindah/": programme_kind_cases(
            "move", programme_views.KINDS
        ),
        P + "risiko/": both("region-view", kwargs=plan),
        P + "pembiayaan/": both("region-view", kwargs=plan),
        PLAN_RECORD + "baru/": plan_risk_cases("create"),
        PLAN_RECORD + "<int:record_id>/ubah/": plan_risk_cases("edit"),
        PLAN_RECORD + "<int:record_id>/hapus/": plan_risk_cases("delete"),
        PLAN_RECORD + "<int:record_id>/pindah/": plan_risk_cases("move"),
    },
    # --- action plan and roadmap
    "roadmap": {
        P + "rencana-aksi/": both("region-view", kwargs=plan),
        PROGRAMME + "kegiatan/": both("region-view", kwargs=lambda o: programme(o, o.gov)),
        ROADMAP_RECORD + "baru/": programme_kind_cases("create", ROADMAP_KINDS),
        ROADMAP_RECORD + "<int:record_id>/ubah/": programme_kind_cases("edit", ROADMAP_KINDS),
        ROADMAP_RECORD + "<int:record_id>/hapus/": programme_kind_cases("delete", ROADMAP_KINDS),
        ROADMAP_RECORD + "<int:record_id>/pindah/": programme_kind_cases("move", ROADMAP_KINDS),
        P + "peta-jalan/": both("region-view", kwargs=plan),
        # a cell of the grid is an edit form, even to look at
        P + "peta-jalan/<int:pk>/<int:year>/": per_dimension(
            None, None, lambda o, r: {**programme(o, r), "year": 2026}
        ),
    },
    # --- exports
    "exports": {
        P + "ekspor/": [Case(get="region-view", post="no-method-signed-in", kwargs=plan)],
        "buku/<int:book_id>/ekspor/": [
            Case(get="region-view", post="no-method-signed-in", kwargs=book)
        ],
        "buku/<int:book_id>/pratinjau/": [
            Case(get="region-view", post="no-method-signed-in", kwargs=book)
        ],
        # draft PDFs: anyone who sees the plan
        "buku/<int:book_id>/ekspor/mulai/": [
            Case(get="no-method-signed-in", post="region-view", kwargs=book)
        ],
        "buku/<int:book_id>/ekspor/final/": [
            Case(get="no-method-signed-in", post="finalise", kwargs=book)
        ],
        "buku/<int:book_id>/buka-kembali/": [
            Case(get="no-method-signed-in", post="finalise", kwargs=book)
        ],
        "ekspor/<uuid:job_uuid>/progres/": [
            Case(get="region-view", post="no-method-signed-in", kwargs=job)
        ],
        "ekspor/<uuid:job_uuid>/unduh/": [
            Case(get="region-view", post="no-method-signed-in", kwargs=job)
        ],
    },
    # --- review
    "review": {
        "komentar/<str:type_label>/<uuid:uuid>/": [
            Case(
                get="region-view",
                post="comment",
                kwargs=lambda o: {"type_label": "masterplan.section", "uuid": o.section.uuid},
                data=lambda o: {"body": "Mohon dilengkapi."},
            )
        ],
        "komentar/<uuid:comment_uuid>/balas/": [
            Case(get="no-method", post="comment", kwargs=comment, data=lambda o: {"body": "Siap."})
        ],
        "komentar/<uuid:comment_uuid>/selesai/": [
            Case(get="no-method", post="comment", kwargs=comment)
        ],
        "komentar/<uuid:comment_uuid>/buka/": [
            Case(get="no-method", post="comment", kwargs=comment)
        ],
        P + "buku/<int:number>/reviu/": both(
            "region-view", kwargs=lambda o: {**plan(o), "number": 1}
        ),
        # submitting a book with empty required chapters is refused after the role check (409)
        P + "buku/<int:number>/reviu/<str:action>/": [
            Case(
                get="no-method",
                post="submit",
                kwargs=lambda o: {**plan(o), "number": 1, "action": "submit"},
                also_ok=frozenset({409}),
            )
        ],
        "bagian/<int:section_id>/reviu/": both("region-view", kwargs=section),
        "bagian/<int:section_id>/setujui/": [Case(get="no-method", post="review", kwargs=section)],
        "pendamping/": both("mentor-only"),
        "notifikasi/": both("signed-in"),
        "notifikasi/<int:pk>/": both("own-user", kwargs=lambda o: {"pk": o.notification.pk}),
        "notifikasi/baca-semua/": [Case(get="no-method", post="signed-in")],
        "notifikasi/pengaturan/": [Case(get="no-method", post="signed-in")],
    },
    # --- checks, charts, downloads, the cohort
    "checks": {
        P + "periksa/": both("region-view", kwargs=plan),
        P + "keterlacakan/": both("region-view", kwargs=plan),
        P + "grafik/": both("region-view", kwargs=plan),
        P + "grafik/<slug:name>.svg": both(
            "region-view", kwargs=lambda o: {**plan(o), "name": "gantt"}
        ),
        P + "unduh/<slug:table>.<str:fmt>": both(
            "region-view", kwargs=lambda o: {**plan(o), "table": "program", "fmt": "csv"}
        ),
        "kohort/": both("admin-only"),
        "kohort/<int:cohort_id>/": both(
            "admin-only", kwargs=lambda o: {"cohort_id": o.plan.cohort_id}
        ),
        "kohort/<int:cohort_id>/unduh.<str:fmt>": both(
            "admin-only", kwargs=lambda o: {"cohort_id": o.plan.cohort_id, "fmt": "csv"}
        ),
    },
    # --- the navbar search: over the regions each user sees, so open to anyone signed in
    "search": {
        "cari/": [Case(get="signed-in", post="no-method-signed-in", query=lambda o: "q=kota")],
    },
    # --- accounts (django.contrib.auth); wrong credentials and unknown e-mails are harmless
    "accounts": {
        "akun/profil/": both("signed-in", data=lambda o: {"action": "revoke"}),
        "akun/login/": both("public", data=lambda o: {"username": "x", "password": "y"}),
        "akun/logout/": [Case(get="no-method", post="public")],
        "akun/password_change/": both("signed-in"),
        "akun/password_change/done/": [Case(get="signed-in", post="no-method-signed-in")],
        "akun/password_reset/": both("public", data=lambda o: {"email": "nobody@example.invalid"}),
        "akun/password_reset/done/": [Case(get="public", post="no-method")],
        "akun/reset/<uidb64>/<token>/": both(
            "public", kwargs=lambda o: {"uidb64": "MQ", "token": "set-password"}
        ),
        "akun/reset/done/": [Case(get="public", post="no-method")],
    },
    # --- probes of the load balancer (masterplan.health)
    "operations": {
        "healthz": [Case(get="public", post="no-method")],
        "readyz": [Case(get="public", post="no-method")],
    },
}
ROUTES: dict[str, list[Case]] = {
    route: cases for area in AREAS.values() for route, cases in area.items()
}

EXCLUDED_PREFIXES = ("api/", "admin/", "i18n/", "static/", "media/")


def html_routes() -> dict[str, URLPattern]:
    """Every route of the URLconf outside the excluded prefixes: its full route -> pattern."""
    found: dict[str, tuple[str, URLPattern]] = {}

    def walk(patterns, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(EXCLUDED_PREFIXES):
                continue
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}{pattern.namespace}:"
                walk(pattern.url_patterns, route, inner)
            elif isinstance(pattern, URLPattern):
                found[route] = (namespace + (pattern.name or ""), pattern)

    walk(get_resolver().url_patterns, "", "")
    return found


def test_every_html_route_has_an_entry_in_the_matrix():
    routes = html_routes()
    assert routes, "no routes found"
    missing = sorted(set(routes) - set(ROUTES))
    stale = sorted(set(ROUTES) - set(routes))
    assert not missing and not stale, f"missing: {missing}\nstale: {stale}"


def test_every_record_kind_a_route_accepts_has_cases():
    """Routes with a kind converter: each kind it accepts is called at least once."""
    problems = []
    for route, (_name, pattern) in html_routes().items():
        converter = pattern.pattern.converters.get("kind")
        kinds = getattr(converter, "kinds", None)
        if not kinds:
            continue
        untested = set(kinds) - {case.kind for case in ROUTES[route]}
        if untested:
            problems.append(f"{route}: {sorted(untested)}")
    assert not problems, problems


def test_non_staff_users_are_sent_to_the_admin_login(world, mentor_b, client):
    targets = [
        "/admin/",
        "/admin/masterplan/plan/",
        f"/admin/masterplan/plan/{world.plan_a.pk}/change/",
    ]
    for persona in PERSONAS:
        user = _user(world, mentor_b, persona)
        client.logout()
        if user is not None:
            client.force_login(user)
        for target in targets:
            response = client.get(target)
            if persona == "admin":
                assert response.status_code == 200, (persona, target)
            else:
                assert response.status_code == 302, (persona, target, response.status_code)
                assert urlparse(response["Location"]).path == "/admin/login/", (persona, target)


def _user(world, mentor_b, persona: str):
    if persona == "anonymous":
        return None
    if persona == "mentor_b":
        return mentor_b
    return getattr(world, persona)


def _names() -> dict[str, str]:
    return {route: name for route, (name, _pattern) in html_routes().items()}


def _outcome(response, case: Case) -> Any:
    code = response.status_code
    if code in (301, 302, 303, 307, 308):
        location = urlparse(response["Location"])
        if location.path == reverse("login") and "next" in parse_qs(location.query):
            return LOGIN
        return OK
    if 200 <= code < 300 or code in case.also_ok:
        return OK
    return code


def _request(client: Client, method: str, url: str, case: Case, objects: Objects) -> Any:
    """The outcome of one request, whatever it changed rolled back."""
    with transaction.atomic():
        response = client.get(url) if method == "get" else client.post(url, case.data(objects))
        got = _outcome(response, case)
        if response.streaming:
            # read to the end, which closes the file (not response.close(): a second
            # request_finished would close the database connection inside this transaction)
            b"".join(response.streaming_content)
        transaction.set_rollback(True)
    return got, response.status_code


@pytest.mark.parametrize("area", AREAS)
def test_permission_matrix(world, mentor_b, area):
    objects = build_region_objects(world.plan_a, author=world.coordinator_a, reader=world.editor_a)
    names = _names()
    clients, cookies = {}, {}
    for persona in PERSONAS:
        clients[persona] = Client()
        user = _user(world, mentor_b, persona)
        if user is not None:
            clients[persona].force_login(user)
        cookies[persona] = deepcopy(clients[persona].cookies)
    mismatches = []
    for route, cases in AREAS[area].items():
        for case in cases:
            path = reverse(names[route], kwargs=case.kwargs(objects))
            assert resolve(path).route == route, f"{path} resolves to {resolve(path).route}"
            query = case.query(objects)
            url = f"{path}?{query}" if query else path
            for persona, client in clients.items():
                for method, rule_name in (("get", case.get), ("post", case.post)):
                    expected = RULES[rule_name][persona]
                    # the session row survives a logout (rolled back); the cookie is restored
                    client.cookies = deepcopy(cookies[persona])
                    got, status = _request(client, method, url, case, objects)
                    if got != expected:
                        mismatches.append(
                            f"{persona:>16} {method.upper():<4} {url} [{case.label}]: "
                            f"expected {expected} ({rule_name}), got {got} ({status})"
                        )
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches)


# URL kwargs that name the plan or region the other kwargs are looked up in
SCOPE_KWARGS = {"plan_id", "region_slug"}
# kwargs that name no record
PLAIN_KWARGS = {"number", "kind", "name", "table", "fmt", "year", "direction", "action"}


def _nothing(value: Any) -> Any:
    """An id or uuid of the same type that names no record."""
    return UUID(int=1) if isinstance(value, UUID) else 10**6


@pytest.mark.parametrize("persona", ["editor_b", "admin"])
def test_region_a_records_are_not_found_under_region_b(world, mentor_b, persona):
    """Region B's plan (or slug) in the URL, region A's record in the rest of it.

    The answer must be a refusal, and the same as for a record that does not exist at
    all, so that nobody learns which records region A has.
    """
    objects = build_region_objects(world.plan_a, author=world.coordinator_a, reader=world.editor_a)
    swap = {"plan_id": world.plan_b.pk, "region_slug": world.region_b.slug}
    names = _names()
    client = Client()
    client.force_login(getattr(world, persona))
    cookies = deepcopy(client.cookies)
    mismatches, checked = [], 0
    for route, cases in ROUTES.items():
        for case in cases:
            kwargs = case.kwargs(objects)
            if not (SCOPE_KWARGS & set(kwargs)) or not (set(kwargs) - SCOPE_KWARGS - PLAIN_KWARGS):
                continue
            kwargs.update({key: value for key, value in swap.items() if key in kwargs})
            url = reverse(names[route], kwargs=kwargs)
            bogus = {
                key: _nothing(value) if key not in SCOPE_KWARGS | PLAIN_KWARGS else value
                for key, value in kwargs.items()
            }
            nowhere = reverse(names[route], kwargs=bogus)
            for method in ("get", "post"):
                client.cookies = deepcopy(cookies)
                got, _status = _request(client, method, url, case, objects)
                client.cookies = deepcopy(cookies)
                expected, _status = _request(client, method, nowhere, case, objects)
                checked += 1
                if got != expected or got == OK:
                    mismatches.append(
                        f"{method.upper():<4} {url}: got {got}, for no record at all {expected}"
                    )
    assert checked > 100
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches)
