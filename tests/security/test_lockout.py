"""Login lockout (django-axes) per username and address, and the password length rule."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

OFFICE = "203.0.113.10"
HOME = "198.51.100.7"
WRONG = "bukan-sandinya-123"


def attempt(client, username: str, password: str, ip: str = OFFICE):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def fail(client, username: str, times: int, ip: str = OFFICE):
    return [attempt(client, username, WRONG, ip) for _ in range(times)]


def logged_in(client) -> bool:
    return SESSION_KEY in client.session


def test_the_limits_are_five_attempts_and_thirty_minutes_per_user_and_address():
    assert settings.AXES_ENABLED is True
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_four_failures_still_let_the_right_password_in(client, world):
    answers = fail(client, "editor-a", 4)
    assert [a.status_code for a in answers] == [200] * 4
    response = attempt(client, "editor-a", factories.DEMO_PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


def test_the_fifth_failure_locks_the_user_out_even_with_the_right_password(client, world):
    answers = fail(client, "editor-a", 5)
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    response = attempt(client, "editor-a", factories.DEMO_PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)
    page = response.content.decode()
    # Indonesian first, like every page.
    assert "Terlalu banyak" in page or "Too many failed login attempts" in page
    assert "30" in page
    assert reverse("password_reset") in page


def test_the_lockout_page_speaks_english_when_chosen(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    fail(client, "editor-a", 5)
    page = attempt(client, "editor-a", factories.DEMO_PASSWORD).content.decode()
    assert "Too many failed login attempts" in page
    assert "30 minutes" in page


def test_other_users_behind_the_same_address_are_not_locked(client, world):
    fail(client, "editor-a", 6)
    response = attempt(client, "viewer-a", factories.DEMO_PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


def test_the_same_user_from_another_address_is_not_locked(client, world):
    fail(client, "editor-a", 6)
    response = attempt(client, "editor-a", factories.DEMO_PASSWORD, ip=HOME)
    assert response.status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, world):
    fail(client, "editor-a", 5)
    assert attempt(client, "editor-a", factories.DEMO_PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=31)
    )
    response = attempt(client, "editor-a", factories.DEMO_PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


def test_the_admin_login_is_locked_too(client, world):
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": "admin", "password": WRONG}, REMOTE_ADDR=OFFICE)
    response = client.post(
        url, {"username": "admin", "password": factories.DEMO_PASSWORD}, REMOTE_ADDR=OFFICE
    )
    assert response.status_code == 429
    assert not logged_in(client)


def test_unknown_usernames_are_counted_like_known_ones(client, world):
    answers = fail(client, "tidak-ada", 5)
    assert answers[-1].status_code == 429


def test_the_test_client_and_shell_logins_still_work(client, world):
    # No request, no address to count: authenticate() without one is not locked.
    assert client.login(username="editor-a", password=factories.DEMO_PASSWORD)
    assert not client.login(username="editor-a", password=WRONG)


@pytest.mark.parametrize(
    "password", ["pendek-123", "kotacerdas1", "12345678901234", "password1234"]
)
def test_short_numeric_or_common_passwords_are_refused(world, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=world.editor_a)


def test_a_password_of_twelve_characters_is_accepted(world):
    validate_password("sawah-hijau-7", user=world.editor_a)
    validate_password("kotacerdas2024", user=world.editor_a)  # the demo password


def test_changing_to_an_eleven_character_password_is_refused(client, world):
    client.force_login(world.editor_a)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": factories.DEMO_PASSWORD,
            "new_password1": "Sawah-Hij4u",
            "new_password2": "Sawah-Hij4u",
        },
    )
    assert response.status_code == 200
    assert "new_password2" in response.context["form"].errors
    world.editor_a.refresh_from_db()
    assert world.editor_a.check_password(factories.DEMO_PASSWORD)
