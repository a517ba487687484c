"""The profile page, where users create, replace and revoke their API token; and the
admin, where admins make tokens for others."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import Token, TokenProxy

from masterplan.models import AuditEvent
from tests.api.conftest import url

pytestmark = pytest.mark.django_db

PROFILE = "/akun/profil/"


def api_status(key: str) -> int:
    return Client().get(url("plans"), HTTP_AUTHORIZATION=f"Token {key}").status_code


def shown_key(response) -> str:
    match = re.search(
        r'<code[^>]*id="new-token"[^>]*>([0-9a-f]{40})</code>', response.content.decode()
    )
    assert match, "the new key is shown"
    return match[1]


def test_the_profile_needs_a_login(client):
    assert reverse("profile") == PROFILE
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert "/akun/login/" in response["Location"]
    assert client.post(PROFILE, {"action": "create"}).status_code == 302
    assert not Token.objects.exists()


def test_a_user_creates_sees_once_replaces_and_revokes_a_token(client, world):
    client.force_login(world.editor_a)
    page = client.get(PROFILE)
    assert page.status_code == 200
    assert not page.context["token"]
    assert "Kabupaten A" in page.content.decode()  # the user's region and role
    assert 'id="new-token"' not in page.content.decode()

    created = client.post(PROFILE, {"action": "create"})
    assert created.status_code == 200
    assert created["Cache-Control"] == "private, no-store"
    key = shown_key(created)
    assert Token.objects.get(user=world.editor_a).key == key
    assert api_status(key) == 200

    # shown once: the next visit says a token exists, without its key
    later = client.get(PROFILE).content.decode()
    assert key not in later
    assert 'id="new-token"' not in later

    replaced = client.post(PROFILE, {"action": "create"})
    new_key = shown_key(replaced)
    assert new_key != key
    assert api_status(key) == 401
    assert api_status(new_key) == 200

    revoked = client.post(PROFILE, {"action": "revoke"})
    assert revoked.status_code == 302 and revoked["Location"] == PROFILE
    assert not Token.objects.filter(user=world.editor_a).exists()
    assert api_status(new_key) == 401
    assert list(
        AuditEvent.objects.filter(actor=world.editor_a, action__startswith="api_token.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["api_token.create", "api_token.replace", "api_token.revoke"]


def test_a_get_never_creates_a_token_and_unknown_actions_are_refused(client, world):
    client.force_login(world.viewer_a)
    client.get(PROFILE, {"action": "create"})
    assert client.post(PROFILE, {"action": "steal"}).status_code == 400
    assert not Token.objects.exists()


def test_the_forms_need_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.editor_a)
    assert client.post(PROFILE, {"action": "create"}).status_code == 403
    assert not Token.objects.exists()
    page = client.get(PROFILE).content.decode()
    assert page.count('name="csrfmiddlewaretoken"') >= 1


def test_the_menu_links_to_the_profile(client, world):
    client.force_login(world.mentor_a)
    assert f'href="{PROFILE}"' in client.get("/").content.decode()


def test_admins_make_tokens_in_the_admin(client, world):
    from django.contrib import admin

    assert isinstance(admin.site._registry.get(TokenProxy), TokenAdmin)
    client.force_login(world.admin)
    assert client.get("/admin/authtoken/tokenproxy/add/").status_code == 200
    response = client.post("/admin/authtoken/tokenproxy/add/", {"user": world.viewer_a.pk})
    assert response.status_code == 302
    assert Token.objects.filter(user=world.viewer_a).exists()
    # a member who is not staff does not reach the admin
    client.force_login(world.coordinator_a)
    assert client.get("/admin/authtoken/tokenproxy/add/").status_code == 302
