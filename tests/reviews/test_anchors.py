"""Comments on selected text find their passage again (W3C TextQuoteSelector), or say
they are outdated when it was edited away."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reviews import services
from reviews.anchors import find_quote, quote_context
from reviews.models import Comment

pytestmark = pytest.mark.django_db

TEXT = (
    "<p>Kabupaten Pekalongan menyiapkan layanan terpadu.</p>"
    "<p>Layanan terpadu ALDINO menyatukan kesehatan dan kependudukan.</p>"
)


def test_it_finds_the_quote_with_its_context_among_repeated_words():
    first = find_quote(TEXT, "layanan terpadu", prefix="Pekalongan menyiapkan ", suffix=".")
    second = find_quote(TEXT, "terpadu", prefix="Layanan ", suffix=" ALDINO")
    assert first is not None and first.with_context
    assert second is not None and second.with_context
    assert second.start > first.start


def test_it_still_finds_the_quote_after_text_moved_around_it():
    moved = "<p>Paragraf baru di depan.</p>" + TEXT.replace("</p><p>", " ")
    found = find_quote(moved, "menyatukan kesehatan", "terpadu ALDINO ", " dan kependudukan")
    assert found is not None and found.with_context


def test_it_falls_back_to_the_quote_alone_when_its_context_changed():
    changed = TEXT.replace("ALDINO", "ALDINO (Alhamdulillah Dia Nongol)")
    found = find_quote(changed, "menyatukan kesehatan", "terpadu ALDINO ", " dan")
    assert found is not None and not found.with_context


def test_it_reports_no_match_when_the_passage_is_gone():
    assert find_quote(TEXT.replace("menyatukan", "memisahkan"), "menyatukan kesehatan") is None


def test_it_takes_the_context_from_the_text_when_none_was_sent():
    prefix, suffix = quote_context(TEXT, "ALDINO")
    assert prefix.endswith("Layanan terpadu ") and suffix.startswith(" menyatukan")
    assert len(prefix) <= 32 and len(suffix) <= 32


def test_a_comment_on_a_quote_is_found_moved_and_then_outdated(client, world, section_a):
    section_a.body = TEXT
    section_a.save()
    comment = services.comment_create(
        target=section_a,
        by=world.mentor_a,
        body="Jelaskan cara kerjanya.",
        quote="menyatukan kesehatan",
        quote_prefix="Layanan terpadu ALDINO ",
        quote_suffix=" dan kependudukan.",
    )
    assert (comment.quote_prefix, comment.quote_suffix) == (
        "Layanan terpadu ALDINO ",
        " dan kependudukan.",
    )
    assert not comment.is_outdated(section_a)

    section_a.body = "<p>Pendahuluan yang baru ditulis.</p>" + TEXT
    section_a.version += 1
    section_a.save()
    assert not comment.is_outdated(section_a)  # newer version, the passage is still there

    section_a.body = "<p>ALDINO dihapus dari rencana.</p>"
    section_a.save()
    assert comment.is_outdated(section_a)
    client.force_login(world.editor_a)
    page = client.get(reverse("reviews:section_review", args=[section_a.pk]))
    html = page.content.decode()
    assert "comment-outdated" in html and "Usang" in html
    assert "“menyatukan kesehatan”" in html  # the quote is still shown


def test_the_form_keeps_prefix_and_suffix_posted_by_the_browser(client, world, section_a):
    section_a.body = TEXT
    section_a.save()
    client.force_login(world.mentor_a)
    url = reverse("reviews:comment_list", args=["masterplan.section", section_a.uuid])
    response = client.post(
        url,
        {
            "body": "Apa itu?",
            "quote": "terpadu",
            "quote_prefix": "Layanan ",
            "quote_suffix": " ALDINO menyatukan",
        },
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.quote, comment.quote_prefix, comment.quote_suffix) == (
        "terpadu",
        "Layanan ",
        " ALDINO menyatukan",
    )
    page = client.get(reverse("reviews:section_review", args=[section_a.pk])).content.decode()
    assert f'data-anchor-for="{section_a.uuid}"' in page
    assert 'data-prefix="Layanan "' in page
