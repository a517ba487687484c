"""Programme photos through the API: multipart upload, checked like the portal's form,
served only to those who see the programme."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from programs.models import ProgrammePhoto
from tests import factories
from tests.api.conftest import client_for, if_match, png_upload, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(world):
    return factories.programme(world.plan_a)


def upload(client, programme, image, **extra):
    data = {"programme": programme.pk, "image": image, **extra}
    return client.post(url("programme-photos"), data, format="multipart")


def test_an_editor_uploads_a_photo_named_by_its_content(world, programme):
    response = upload(
        client_for(world.editor_a, token=True),
        programme,
        png_upload("../../etc/evil.jpg"),
        caption="Peluncuran",
    )
    assert response.status_code == 201, response.data
    photo = ProgrammePhoto.objects.get(pk=response.data["id"])
    assert photo.caption == "Peluncuran"
    assert photo.image.name.startswith(f"regions/{world.region_a.slug}/programmephoto/")
    assert photo.image.name.endswith("/foto.png")
    assert "image" not in response.data  # write-only
    assert response.data["image_url"].endswith(f"/api/v1/programme-photos/{photo.pk}/image/")


def test_the_picture_is_served_to_readers_of_the_region_only(world, programme):
    photo_id = upload(client_for(world.editor_a), programme, png_upload()).data["id"]
    image_url = url("programme-photos", photo_id) + "image/"

    seen = client_for(world.viewer_a, token=True).get(image_url, HTTP_ACCEPT="image/*")
    assert seen.status_code == 200
    assert seen["Content-Type"] == "image/png"
    assert b"".join(seen.streaming_content).startswith(b"\x89PNG")

    assert client_for(world.editor_b).get(image_url).status_code == 404
    assert client_for(None).get(image_url).status_code == 401


def gif_upload() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="GIF")
    return SimpleUploadedFile("x.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.parametrize(
    ("image", "code", "message"),
    [
        (
            SimpleUploadedFile("x.png", b"not a picture", content_type="image/png"),
            "invalid_image",
            "Unggah gambar yang valid",
        ),
        (gif_upload(), "format", "Unggah foto JPEG, PNG, atau WebP"),
    ],
)
def test_what_is_not_a_photo_is_refused_in_the_users_language(
    world, programme, image, code, message
):
    client = client_for(world.editor_a)
    client.credentials(HTTP_ACCEPT_LANGUAGE="id")
    response = upload(client, programme, image)
    assert response.status_code == 400
    [error] = response.data["image"]
    assert error.code == code
    assert str(error).startswith(message)
    assert not ProgrammePhoto.objects.exists()


def test_a_photo_of_another_region_cannot_be_made(world, programme):
    other = factories.programme(world.plan_b)
    response = upload(client_for(world.editor_a), other, png_upload())
    assert response.status_code == 400
    assert not ProgrammePhoto.objects.exists()


def test_the_caption_changes_with_json_but_the_picture_stays(world, programme):
    client = client_for(world.editor_a)
    photo = ProgrammePhoto.objects.get(pk=upload(client, programme, png_upload()).data["id"])
    before = photo.image.name

    response = client.patch(
        url("programme-photos", photo.pk),
        {"caption": "Peresmian", "image": "x"},
        format="json",
        **if_match(photo),
    )

    assert response.status_code == 200, response.data
    photo.refresh_from_db()
    assert photo.caption == "Peresmian"
    assert photo.image.name == before


def test_readers_may_not_upload(world, programme):
    for reader in (world.viewer_a, world.mentor_a):
        assert upload(client_for(reader), programme, png_upload()).status_code == 403
    assert not ProgrammePhoto.objects.exists()
