"""The table of the HTML permission matrix: every route of the URLconf (outside /api/,
/admin/, /i18n/), its cases and their rules (tests/security/matrix_rules.py)."""

from __future__ import annotations

import uuid

from django.urls import URLPattern, URLResolver, get_resolver

from checks.spreadsheets import FORMATS
from checks.tables import PLAN_TABLES
from masterplan.models import Membership
from programs import views as programme_views
from roadmap import views as roadmap_views
from tests.security.conftest import png_upload
from tests.security.matrix_rules import (
    Case,
    both,
    dimension_kind_cases,
    per_dimension,
    plan,
    plan_risk_cases,
    programme_kind_cases,
)

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


def complete_job(o):
    return {"job_uuid": o.complete_job.uuid}


def evaluation_job(o):
    return {"job_uuid": o.evaluation_job.uuid}


def docx_job(o):
    return {"job_uuid": o.docx_job.uuid}


def edition(o):
    return {"edition_uuid": o.edition.uuid}


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
        P + "opd/anggota/": both(
            "manage",
            kwargs=plan,
            data=lambda o: {
                "membership": Membership.objects.get(user__username="editor-a", region=o.region).pk,
                "agency": o.agency.pk,
            },
        ),
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
        # the four books in one PDF: administrators
        P + "ekspor/dokumen-lengkap/": [
            Case(get="no-method-signed-in", post="finalise", kwargs=plan)
        ],
        # the official pages of the books: the coordinator's
        P + "halaman-resmi/": both("manage", kwargs=plan),
        P + "halaman-resmi/singkatan/": [
            Case(
                get="no-method-signed-in",
                post="manage",
                kwargs=plan,
                data=lambda o: {"term": f"U{uuid.uuid4().hex[:8]}", "meaning": "Uji"},
            )
        ],
        P + "halaman-resmi/singkatan/<int:abbreviation_id>/hapus/": [
            Case(
                get="no-method-signed-in",
                post="manage",
                kwargs=lambda o: {**plan(o), "abbreviation_id": o.abbreviation.pk},
            )
        ],
        P + "halaman-resmi/logo/": [
            Case(
                get="no-method-signed-in",
                post="manage",
                kwargs=plan,
                data=lambda o: {"logo": png_upload()},
            )
        ],
        "buku/<int:book_id>/ekspor/": [
            Case(get="region-view", post="no-method-signed-in", kwargs=book)
        ],
        "buku/<int:book_id>/pratinjau/": [
            Case(get="region-view", post="no-method-signed-in", kwargs=book)
        ],
        # the Word file: whoever may export the book's draft PDF (the GET URL, for
        # scripts, starts the job like the POST of the page's button)
        "buku/<int:book_id>/word/": [
            Case(get="region-view", post="no-method-signed-in", kwargs=book)
        ],
        "buku/<int:book_id>/word/buat/": [
            Case(get="no-method-signed-in", post="region-view", kwargs=book)
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
        # a book's and an evaluation report's job: who sees the plan; the complete
        # document's: administrators
        "ekspor/<uuid:job_uuid>/progres/": [
            Case(get="region-view", post="no-method-signed-in", kwargs=job),
            Case(get="region-view", post="no-method-signed-in", kwargs=docx_job),
            Case(get="region-view", post="no-method-signed-in", kwargs=evaluation_job),
            Case(get="finalise", post="no-method-signed-in", kwargs=complete_job),
        ],
        "ekspor/<uuid:job_uuid>/unduh/": [
            Case(get="region-view", post="no-method-signed-in", kwargs=job),
            Case(get="region-view", post="no-method-signed-in", kwargs=docx_job),
            Case(get="region-view", post="no-method-signed-in", kwargs=evaluation_job),
            Case(get="finalise", post="no-method-signed-in", kwargs=complete_job),
        ],
    },
    # --- editions: frozen, so only looked at; the regulation is entered by coordinators
    "editions": {
        "buku/<int:book_id>/edisi/": [
            Case(get="region-view", post="no-method-signed-in", kwargs=book)
        ],
        "buku/<int:book_id>/redline/": [
            Case(get="region-view", post="no-method-signed-in", kwargs=book)
        ],
        "buku/<int:book_id>/redline.pdf": [
            Case(get="region-view", post="no-method-signed-in", kwargs=book)
        ],
        # the redline PDF of any other pair: an export job, for whoever sees the book
        "buku/<int:book_id>/redline.pdf/buat/": [
            Case(
                get="no-method-signed-in",
                post="region-view",
                kwargs=book,
                data=lambda o: {"dari": "1", "ke": "draf"},
            )
        ],
        "buku/<int:book_id>/redline/<int:older>/<int:newer>/": [
            Case(
                get="region-view",
                post="no-method-signed-in",
                kwargs=lambda o: {**book(o), "older": 1, "newer": 2},
            )
        ],
        "edisi/<uuid:edition_uuid>/regulasi/": [
            Case(
                get="no-method-signed-in",
                post="manage",
                kwargs=edition,
                data=lambda o: {
                    "e2-regulation_number": "Perbup No. 1/2026",
                    "e2-regulation_date": "2026-01-05",
                },
            )
        ],
        "edisi/<uuid:edition_uuid>/unduh/": [
            Case(get="region-view", post="no-method-signed-in", kwargs=edition)
        ],
        "edisi/<uuid:edition_uuid>/redline.pdf": [
            Case(get="region-view", post="no-method-signed-in", kwargs=edition)
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
        "komentar/<str:type_label>/<uuid:uuid>/orang/": [
            Case(
                get="comment",
                post="no-method",
                kwargs=lambda o: {"type_label": "masterplan.section", "uuid": o.section.uuid},
                query=lambda o: "q=a",
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
        # the override of open re-review flags: admins only
        P + "reviu-ulang/": [
            Case(
                get="region-view",
                post="finalise",
                kwargs=plan,
                data=lambda o: {"book": "1", "reason": "x"},
            )
        ],
        # a mentor suggests, the owners of the (GOV) record accept or reject
        "saran/<str:type_label>/<uuid:uuid>/": [
            Case(
                get="region-view",
                post="review",
                kwargs=lambda o: {"type_label": "programs.programme", "uuid": o.gov.programme.uuid},
                data=lambda o: {"field_name": "name", "value": "Nama lain"},
            )
        ],
        "saran/<uuid:suggestion_uuid>/terima/": [
            Case(
                get="no-method",
                post="gov-edit",
                kwargs=lambda o: {"suggestion_uuid": o.suggestion.uuid},
            )
        ],
        "saran/<uuid:suggestion_uuid>/tolak/": [
            Case(
                get="no-method",
                post="gov-edit",
                kwargs=lambda o: {"suggestion_uuid": o.suggestion.uuid},
                data=lambda o: {"reply": "Tidak sesuai"},
            )
        ],
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
        # every table in every format
        P + "unduh/<slug:table>.<str:fmt>": [
            Case(
                get="region-view",
                post="region-view",
                kwargs=lambda o, table=table, fmt=fmt: {**plan(o), "table": table, "fmt": fmt},
                label=f"{table}.{fmt}",
            )
            for table in PLAN_TABLES
            for fmt in sorted(FORMATS)
        ],
        "kohort/": both("admin-only"),
        "kohort/<int:cohort_id>/": both(
            "admin-only", kwargs=lambda o: {"cohort_id": o.plan.cohort_id}
        ),
        "kohort/<int:cohort_id>/unduh.<str:fmt>": [
            Case(
                get="admin-only",
                post="admin-only",
                kwargs=lambda o, fmt=fmt: {"cohort_id": o.plan.cohort_id, "fmt": fmt},
                label=fmt,
            )
            for fmt in sorted(FORMATS)
        ],
    },
    # --- implementation monitoring: readers see the figures, editors of the programme's
    # dimension report on it (members reporting for an agency: on its programmes only),
    # admins see the cohort
    "monitoring": {
        P + "pemantauan/": both("region-view", kwargs=plan, query=lambda o: "tahun=2026"),
        P + "pemantauan/<int:year>/program/<int:pk>/": [
            *per_dimension(
                None,
                None,
                lambda o, r: {**plan(o), "year": 2026, "pk": r.programme.pk},
                also_ok=frozenset({400}),
            ),
            Case(
                get="other-agency-report",
                post="other-agency-report",
                kwargs=lambda o: {**plan(o), "year": 2026, "pk": o.other_agency_programme.pk},
                label="other agency",
                also_ok=frozenset({400}),
            ),
        ],
        P + "pemantauan/bukti/<int:realisation_id>/": both(
            "region-view", kwargs=lambda o: {**plan(o), "realisation_id": o.gov.realisasi.pk}
        ),
        P + "pemantauan/<int:year>/templat.xlsx": both(
            "region-view",
            kwargs=lambda o: {**plan(o), "year": 2026},
            query=lambda o: f"opd={o.agency.pk}",
        ),
        P + "pemantauan/<int:year>/unggah/": both(
            "dimension-edit", kwargs=lambda o: {**plan(o), "year": 2026}, also_ok=frozenset({400})
        ),
        # the evaluation report: made by an export job (never in the request) for whoever
        # sees the plan; the old URL of the PDF starts or reuses it, for scripts
        P + "pemantauan/<int:year>/laporan.pdf": [
            Case(
                get="region-view",
                post="no-method-signed-in",
                kwargs=lambda o: {**plan(o), "year": 2026},
            )
        ],
        P + "pemantauan/<int:year>/laporan/buat/": [
            Case(
                get="no-method-signed-in",
                post="region-view",
                kwargs=lambda o: {**plan(o), "year": 2026},
            )
        ],
        "pemantauan/kohort/<int:cohort_id>/": both(
            "admin-only", kwargs=lambda o: {"cohort_id": o.plan.cohort_id}
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
