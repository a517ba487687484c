from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from masterplan.models import SectionImage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def section(world):
    return world.plan_a.books.get(number=1).sections.get(key="pendahuluan")


def png(name="peta.png", size=(20, 10), image_format="PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def upload(client, section, file):
    url = reverse("section_image_upload", args=[section.pk])
    return client.post(url, {"image": file, "alt": "Peta wilayah"})


def test_an_editor_uploads_an_image_stored_per_region(client, world, section):
    client.force_login(world.editor_a)
    response = upload(client, section, png())
    assert response.status_code == 201
    payload = response.json()
    image = SectionImage.objects.get()
    assert image.region == world.region_a
    assert image.section == section
    assert image.content_type == "image/png"
    assert (image.width, image.height) == (20, 10)
    assert image.file.name.startswith("regions/region-a/")
    assert payload["url"] == reverse(
        "section_image", kwargs={"region_slug": "region-a", "image_uuid": image.uuid}
    )
    assert payload["alt"] == "Peta wilayah"


def test_the_upload_ladder(client, world, section):
    url = reverse("section_image_upload", args=[section.pk])
    assert client.post(url, {"image": png()}).status_code == 302
    client.force_login(world.editor_b)
    assert upload(client, section, png()).status_code == 404
    client.force_login(world.viewer_a)
    assert upload(client, section, png()).status_code == 403
    client.force_login(world.mentor_a)
    assert upload(client, section, png()).status_code == 403
    assert not SectionImage.objects.exists()


@pytest.mark.parametrize(
    "file",
    [
        SimpleUploadedFile("x.png", b"not an image", content_type="image/png"),
        SimpleUploadedFile(
            "x.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            content_type="image/svg+xml",
        ),
    ],
)
def test_files_that_are_not_images_are_refused(client, world, section, file):
    client.force_login(world.editor_a)
    response = upload(client, section, file)
    assert response.status_code == 400
    assert "image" in response.json()["errors"]
    assert not SectionImage.objects.exists()


def test_an_image_format_outside_the_web_set_is_refused(client, world, section):
    client.force_login(world.editor_a)
    response = upload(client, section, png("x.bmp", image_format="BMP"))
    assert response.status_code == 400
    assert response.json()["errors"]["image"][0]["code"] == "image_format"


def test_a_too_large_image_is_refused(client, world, section, monkeypatch):
    monkeypatch.setattr(SectionImage, "MAX_BYTES", 50)
    client.force_login(world.editor_a)
    response = upload(client, section, png())
    assert response.status_code == 400
    assert response.json()["errors"]["image"][0]["code"] == "too_large"


def test_images_are_served_to_readers_of_the_region_only(client, world, section):
    client.force_login(world.editor_a)
    url = upload(client, section, png()).json()["url"]
    client.force_login(world.viewer_a)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"].startswith("private")
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    client.force_login(world.editor_b)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    # The region in the URL must be the image's own.
    client.force_login(world.admin)
    wrong = url.replace("region-a", "region-b")
    assert client.get(wrong).status_code == 404


def test_an_uploaded_image_survives_saving_the_section(client, world, section):
    client.force_login(world.editor_a)
    url = upload(client, section, png()).json()["url"]
    body = f'<p>Peta:</p><img src="{url}" alt="Peta"><img src="https://evil.example/x.png">'
    response = client.post(
        reverse("section_edit", args=[section.pk]),
        {"title": section.title, "body": body, "version": section.version},
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.body == f'<p>Peta:</p><img src="{url}" alt="Peta">'
    page = client.get(reverse("book_detail", args=[world.plan_a.pk, 1]))
    assert f'<img src="{url}" alt="Peta">' in page.text
