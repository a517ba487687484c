from __future__ import annotations

import pytest
from django.urls import reverse

from masterplan.models import Section
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_login_page_speaks_indonesian_and_logs_in(client, world):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert 'lang="id"' in response.text
    response = client.post(
        reverse("login"), {"username": "editor-a", "password": factories.DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_a_wrong_password_gets_a_clear_error_not_a_crash(client, world):
    response = client.post(reverse("login"), {"username": "editor-a", "password": "salah"})
    assert response.status_code == 200
    assert "alert-danger" in response.text


def test_a_member_sees_own_plan_and_books_and_not_the_other_region(client, world):
    client.force_login(world.editor_a)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "Kabupaten A" in response.text
    assert "Kabupaten B" not in response.text
    assert "Analisis Strategis" in response.text


def test_a_mentor_sees_the_assigned_region_only(client, world):
    client.force_login(world.mentor_a)
    response = client.get(reverse("home"))
    assert "Kabupaten A" in response.text
    assert "Kabupaten B" not in response.text


def test_someone_without_a_region_is_told_what_to_do(client, world):
    client.force_login(world.outsider)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "Kabupaten A" not in response.text
    assert "alert-info" in response.text


def test_book_progress_counts_written_required_sections(client, world):
    book = world.plan_a.books.get(number=4)
    required = book.sections.filter(required=True)
    total = required.count()
    Section.objects.filter(pk__in=list(required.values_list("pk", flat=True)[:2])).update(
        body="<p>Isi</p>"
    )
    client.force_login(world.editor_a)
    response = client.get(reverse("home"))
    assert f"2/{total}" in response.text


def test_the_dashboard_speaks_english_on_request(client, world):
    client.force_login(world.editor_a)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    response = client.get(reverse("home"))
    assert "Dashboard" in response.text
    assert 'lang="en"' in response.text


def test_pages_speak_indonesian_whatever_the_browser_prefers(client, world):
    client.force_login(world.editor_a)
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="id"' in response.text
    assert "Dasbor" in response.text


@pytest.mark.smoke
def test_the_dashboard_issues_the_same_queries_for_one_or_many_plans(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.admin)
    client.get(reverse("home"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("home"))
    for index in range(3):
        factories.make_plan(
            factories.RegionFactory(name=f"Kota {index}", slug=f"kota-{index}"),
            world.plan_a.cohort,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("home"))


def test_the_plan_page_shows_own_plan_and_404s_for_outsiders(client, world):
    url = reverse("plan_detail", args=[world.plan_a.pk])
    client.force_login(world.viewer_a)
    response = client.get(url)
    assert response.status_code == 200
    assert world.plan_a.title in response.text
    client.force_login(world.editor_b)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_each_book_links_to_its_chapter_editor(client, world):
    client.force_login(world.editor_a)
    response = client.get(reverse("home"))
    for number in (1, 2, 3, 4):
        assert reverse("book_detail", args=[world.plan_a.pk, number]) in response.text


def test_the_dashboard_names_the_books_the_current_stage_expects(client, world):
    import datetime

    from django.utils import timezone

    stage = world.plan_a.cohort.stages.get(number=3)
    today = timezone.localdate()
    world.plan_a.cohort.stages.filter(number__gt=3).update(
        starts_on=today + datetime.timedelta(days=30), ends_on=today + datetime.timedelta(days=31)
    )
    stage.starts_on, stage.ends_on = today - datetime.timedelta(days=1), today
    stage.save()
    world.plan_a.cohort.stages.filter(number__lt=3).update(
        starts_on=today - datetime.timedelta(days=90), ends_on=today - datetime.timedelta(days=89)
    )
    expected = {template.number for template in stage.expected_books.all()}
    assert expected
    client.force_login(world.editor_a)
    response = client.get(reverse("home"))
    plan = response.context["plans"][0]
    assert plan.stage == stage
    assert {book.number for book in plan.expected_books} == expected
    assert "stage-expects" in response.text


def test_members_see_what_the_checks_would_flag(client, world):
    client.force_login(world.coordinator_a)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert reverse("checks:plan_checks", args=[world.plan_a.pk]) in response.text
    assert "plan-findings" in response.text
