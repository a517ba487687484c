"""The navbar search: per kind, a word found only there, highlighted; never another
region's records; a hint for empty queries; hostile queries neither break nor inject."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dimensions.models import StrategicIssue, Strategy, SwotItem
from masterplan.models import Section
from roadmap.models import Activity
from search.engine import highlight_text, query_words, search
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

URL = reverse("search:search_results")

# kind key -> the word that occurs only in that kind's record
WORDS = {
    "bagian": "zamrudkota",
    "program": "safirdesa",
    "kegiatan": "rubikampung",
    "swot": "topazwarga",
    "isu": "kecubungdata",
    "strategi": "mirahlayanan",
}


def fill(plan, suffix: str = "") -> dict[str, object]:
    """One record of each kind in the plan, each with its own word (and ``suffix``)."""
    section = Section.objects.filter(book__plan=plan).order_by("pk").first()
    Section.objects.filter(pk=section.pk).update(
        body=f"<p>Uraian panjang tentang <strong>{WORDS['bagian']}</strong>{suffix} di kota.</p>"
    )
    programme = factories.programme(plan, name=f"Program {WORDS['program']}{suffix}")
    gov = factories.dimension("GOV")
    return {
        "bagian": section,
        "program": programme,
        "kegiatan": Activity.objects.create(
            programme=programme, name=f"Pelatihan {WORDS['kegiatan']}{suffix}", year=2026
        ),
        "swot": SwotItem.objects.create(
            plan=plan, kind="S", text=f"Kekuatan {WORDS['swot']}{suffix}"
        ),
        "isu": StrategicIssue.objects.create(
            plan=plan, dimension=gov, title=f"Isu {WORDS['isu']}{suffix}"
        ),
        "strategi": Strategy.objects.create(
            plan=plan, dimension=gov, strategy=f"Strategi {WORDS['strategi']}{suffix}"
        ),
    }


@pytest.fixture
def records(world):
    mine = fill(world.plan_a)
    fill(world.plan_b, suffix="")  # the same words in region B: the canary
    return mine


def groups(response) -> dict[str, object]:
    return {group.kind.key: group for group in response.context["result"].groups}


def test_it_asks_anonymous_users_to_log_in(client):
    response = client.get(URL, {"q": "kota"})
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("key", list(WORDS))
def test_it_finds_a_word_of_each_kind_in_that_kind_only_with_highlight(client, world, records, key):
    client.force_login(world.viewer_a)
    response = client.get(URL, {"q": WORDS[key].upper()})
    assert response.status_code == 200
    assert f'id="navbar-search" name="q" value="{WORDS[key].upper()}"' in response.text
    found = groups(response)
    assert list(found) == [key]
    group = found[key]
    assert group.total == 1
    hit = group.hits[0]
    assert "<mark>" in hit.title + hit.snippet
    content = response.content.decode()
    assert f"<mark>{WORDS[key]}</mark>" in content.lower()
    record = records[key]
    assert hit.url.split("#")[0] in content
    assert client.get(hit.url.split("#")[0]).status_code == 200
    if key not in ("bagian", "program"):
        assert hit.url.endswith(f"#{record._meta.model_name}-{record.pk}")


def test_it_never_finds_another_regions_records(client, world, records):
    client.force_login(world.editor_a)
    for word in WORDS.values():
        result = search(world.editor_a, word)
        assert result.total == 1, word
        hit = result.groups[0].hits[0]
        assert "region-b" not in hit.url
        assert f"/masterplan/{world.plan_b.pk}/" not in hit.url
    # the outsider sees no region at all
    assert search(world.outsider, WORDS["kegiatan"]).groups == []


def test_it_shows_the_region_when_the_user_sees_several(client, world, records):
    client.force_login(world.admin)
    response = client.get(URL, {"q": WORDS["swot"]})
    assert groups(response)["swot"].total == 2
    assert "Kabupaten B" in response.content.decode()


def test_it_links_sections_to_the_editor_or_the_review_page(world, records):
    section = records["bagian"]
    editor_url = search(world.editor_a, WORDS["bagian"]).groups[0].hits[0].url
    mentor_url = search(world.mentor_a, WORDS["bagian"]).groups[0].hits[0].url
    assert editor_url == reverse("section_edit", args=[section.pk])
    assert mentor_url == reverse("reviews:section_review", args=[section.pk])


def test_it_needs_every_word(world, records):
    assert search(world.editor_a, f"pelatihan {WORDS['kegiatan']}").total == 1
    assert search(world.editor_a, f"{WORDS['kegiatan']} tidakada").total == 0


@pytest.mark.parametrize("query", ["", "   ", "a", "% _", "''", "<>"])
def test_it_shows_a_hint_for_an_empty_or_too_short_query(client, world, query):
    client.force_login(world.editor_a)
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert 'id="search-hint"' in response.content.decode()
    assert "Ketik kata minimal 2 huruf" in response.content.decode()
    assert response.context["result"].groups == []


HOSTILE = [
    "'",
    "%",
    "%%",
    "_",
    "' OR 1=1 --",
    "kota'); DROP TABLE masterplan_section; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "a" * 10_000,
    "kota " * 2_000,
    "kota\x00kota",
    "!!:* & | <-> ( )",
    "\\",
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_neither_fail_nor_inject(client, world, records, query):
    client.force_login(world.editor_a)
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert" not in content
    assert "<img src=x" not in content
    assert len(content) < 200_000


def test_record_text_is_escaped_and_only_marks_survive(client, world, records):
    SwotItem.objects.create(
        plan=world.plan_a,
        kind="W",
        text='<script>alert(1)</script> <b onclick="x()">tebal</b> kelemahan akikbatu',
    )
    client.force_login(world.editor_a)
    response = client.get(URL, {"q": "akikbatu"})
    content = response.content.decode()
    assert groups(response)["swot"].total == 1
    assert "<mark>akikbatu</mark>" in content
    assert "<script>alert" not in content
    assert "<b onclick" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content  # shown as typed, not run


def test_query_words_keep_letters_and_digits_only():
    assert query_words("  Kota'Cerdas 2025 -- a <b> x_y  ") == ["kota", "cerdas", "2025"]
    assert len(query_words("kata " * 100)) == 1
    assert len(query_words(" ".join(f"kata{n}" for n in range(20)))) == 8


def test_highlight_text_escapes_and_cuts_around_the_first_match():
    text = "<b>" + "isi " * 100 + "Posyandu digital " + "lagi " * 100
    snippet = highlight_text(text, ["posyandu"], width=120)
    assert "<mark>Posyandu</mark>" in snippet
    assert "&lt;b&gt;" not in snippet  # cut away: the match is far from the start
    assert snippet.startswith("…") and snippet.endswith("…")
    assert highlight_text("<i>x</i> kota", ["kota"], width=100) == (
        "&lt;i&gt;x&lt;/i&gt; <mark>kota</mark>"
    )


@pytest.mark.postgresql  # full-text search is PostgreSQL's; SQLite has the icontains fallback
def test_postgres_folds_accents_and_matches_prefixes(world):
    SwotItem.objects.create(plan=world.plan_a, kind="O", text="Peluang kafé kreatif digitalisasi")
    result = search(world.editor_a, "kafe digital")
    assert result.total == 1
    hit = result.groups[0].hits[0]
    assert "<mark>kafé</mark>" in hit.title
    assert "<mark>digitalisasi</mark>" in hit.title


def test_clean_highlight_keeps_only_marks():
    from masterplan.lib.sanitize import clean_highlight

    dirty = '<mark onclick="x()">kota</mark> <script>alert(1)</script><b>cerdas</b> &lt;i&gt;'
    assert clean_highlight(dirty) == "<mark>kota</mark> cerdas &lt;i&gt;"
    assert clean_highlight("") == ""
