"""Every file kind round-trips through an S3-compatible bucket (moto's server on 127.0.0.1):
uploaded through the portal, served only by the permission-checked views, printed, exported
once and reused, backed up and restored; no page ever names the bucket."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from exports.models import ExportJob
from masterplan.models import Section, SectionImage
from programs.models import ProgrammePhoto
from tests import factories
from tests.exports.conftest import Pdf
from tests.exports.test_section_images_print import images_in

pytestmark = pytest.mark.django_db

SIZE = (37, 23)  # unusual, so the image found in the PDF can only be ours


def png(colour: str = "green") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", SIZE, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def section_of(world) -> Section:
    return world.plan_a.books.get(number=1).sections.get(key="pendahuluan")


def upload_section_image(client, section) -> SectionImage:
    response = client.post(
        reverse("section_image_upload", args=[section.pk]),
        {"image": SimpleUploadedFile("peta.png", png(), content_type="image/png"), "alt": "Peta"},
    )
    assert response.status_code == 201, response.content
    image = SectionImage.objects.get(region=section.book.plan.region)
    Section.objects.filter(pk=section.pk).update(
        body=f'<p>Peta wilayah layanan</p><img src="{response.json()["url"]}" alt="Peta">'
    )
    return image


def assert_no_bucket_in(html: str, bucket) -> None:
    assert bucket.endpoint not in html
    assert bucket.name not in html
    assert "X-Amz-Signature" not in html


def test_uploads_live_in_the_bucket_and_are_served_by_the_checked_views(
    client, world, bucket, settings
):
    section = section_of(world)
    client.force_login(world.editor_a)
    image = upload_section_image(client, section)
    programme = factories.programme(world.plan_a)
    response = client.post(
        reverse("programs:record_create", args=[world.plan_a.pk, programme.pk, "foto"]),
        {"image": SimpleUploadedFile("peluncuran.png", png("red"), content_type="image/png")},
    )
    assert response.status_code == 302
    photo = ProgrammePhoto.objects.get()

    keys = bucket.keys()
    assert f"media/{image.file.name}" in keys and f"media/{photo.image.name}" in keys
    assert bucket.read(f"media/{photo.image.name}") == png("red")
    assert not Path(settings.MEDIA_ROOT).exists()  # nothing on the local disk

    image_view = reverse(
        "section_image", kwargs={"region_slug": "region-a", "image_uuid": image.uuid}
    )
    photo_view = reverse("programs:programme_photo", args=[world.plan_a.pk, programme.pk, photo.pk])
    client.force_login(world.viewer_a)
    for view, body in ((image_view, png()), (photo_view, png("red"))):
        served = client.get(view)
        assert served.status_code == 200
        assert served["Content-Type"] == "image/png"
        assert b"".join(served.streaming_content) == body
    client.force_login(world.editor_b)
    assert client.get(image_view).status_code == 404
    assert client.get(photo_view).status_code == 404

    client.force_login(world.viewer_a)
    for page in (
        reverse("section_edit", args=[section.pk]),
        reverse("programs:programme_detail", args=[world.plan_a.pk, programme.pk]),
    ):
        answer = client.get(page)
        assert answer.status_code in (200, 403)
        assert_no_bucket_in(answer.content.decode(), bucket)
    detail = client.get(reverse("programs:programme_detail", args=[world.plan_a.pk, programme.pk]))
    assert photo_view in detail.content.decode()


def test_a_book_is_printed_from_the_bucket_stored_there_and_reused(
    client, world, bucket, django_capture_on_commit_callbacks
):
    section = section_of(world)
    client.force_login(world.editor_a)
    upload_section_image(client, section)
    book = section.book
    start = reverse("exports:export_start", args=[book.pk])

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(start).status_code == 302
    job = ExportJob.objects.get(book=book)
    assert job.state == ExportJob.State.DONE, job.error
    assert bucket.keys("exports/") == [f"exports/{job.file.name}"]
    download = reverse("exports:export_download", args=[job.uuid])
    pdf = b"".join(client.get(download).streaming_content)
    assert pdf == bucket.read(f"exports/{job.file.name}")
    assert SIZE in [(w, h) for _, w, h in images_in(Pdf(pdf))]  # read through the bucket

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(start).status_code == 302
    again = ExportJob.objects.exclude(pk=job.pk).get(book=book)
    assert again.state == ExportJob.State.DONE
    assert (again.reused_from, again.file.name) == (job, job.file.name)
    assert bucket.keys("exports/") == [f"exports/{job.file.name}"]
    client.force_login(world.viewer_a)
    assert b"".join(client.get(reverse("exports:export_download", args=[again.uuid]))) == pdf
    client.force_login(world.editor_b)
    assert client.get(download).status_code == 404

    # The file gone from the bucket: a new render, not a broken reuse.
    bucket.client.delete_object(Bucket=bucket.name, Key=f"exports/{job.file.name}")
    client.force_login(world.editor_a)
    assert client.get(download).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        client.post(start)
    third = ExportJob.objects.order_by("-pk").first()
    assert third.reused_from is None and third.state == ExportJob.State.DONE
    assert f"exports/{third.file.name}" in bucket.keys("exports/")
    pages = client.get(reverse("exports:book_exports", args=[book.pk])).content.decode()
    assert_no_bucket_in(pages, bucket)


def test_the_backup_round_trip_keeps_the_images_in_the_bucket(
    world, bucket, tmp_path, django_capture_on_commit_callbacks
):
    plan = world.plan_a
    plan.region.logo.save("logo.png", ContentFile(png("blue")))
    image = SectionImage(region=plan.region, content_type="image/png", width=SIZE[0])
    image.file.save("peta.png", ContentFile(png()), save=False)
    image.save()
    old_keys = {f"media/{plan.region.logo.name}", f"media/{image.file.name}"}
    assert old_keys <= set(bucket.keys("media/"))

    path = tmp_path / "plan.json"
    call_command("export_plan", "region-a", output=str(path), stderr=io.StringIO())
    before = path.read_text()
    assert json.loads(before)["region"]["logo"]["name"] == "logo.png"

    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_plan", str(path), "--replace", stdout=io.StringIO())

    restored = SectionImage.objects.get(region=world.region_a)
    assert restored.file.read() == png()
    world.region_a.refresh_from_db()
    assert world.region_a.logo.read() == png("blue")
    # The replaced plan's files are deleted once the import commits: nothing is left behind.
    assert set(bucket.keys("media/")) == {
        f"media/{restored.file.name}",
        f"media/{world.region_a.logo.name}",
    }
    after = io.StringIO()
    call_command("export_plan", "region-a", stdout=after)
    assert after.getvalue() == before
