from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mailbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_password_reset_by_email(client, world):
    response = client.get(reverse("password_reset"))
    assert response.status_code == 200
    assert "navbar" in response.text  # our layout, not the admin's
    response = client.post(reverse("password_reset"), {"email": world.editor_a.email})
    assert response.url == reverse("password_reset_done")
    assert "navbar" in client.get(response.url).text
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.editor_a.email]
    link = re.search(r"https?://[^/]+(/akun/reset/\S+)", message.body)[1]
    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert response.context["validlink"]
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "kota-cerdas-baru-77", "new_password2": "kota-cerdas-baru-77"},
    )
    assert response.url == reverse("password_reset_complete")
    assert "navbar" in client.get(response.url).text
    assert client.login(username="editor-a", password="kota-cerdas-baru-77")


def test_an_unknown_email_sends_nothing_and_reveals_nothing(client, world):
    response = client.post(reverse("password_reset"), {"email": "tidak-terdaftar@example.id"})
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_changing_the_password(client, world):
    client.force_login(world.editor_a)
    assert reverse("password_change") in client.get(reverse("home")).text
    response = client.post(
        reverse("password_change"),
        {
            "old_password": factories.DEMO_PASSWORD,
            "new_password1": "kota-cerdas-baru-77",
            "new_password2": "kota-cerdas-baru-77",
        },
    )
    assert response.url == reverse("password_change_done")
    assert "navbar" in client.get(response.url).text
