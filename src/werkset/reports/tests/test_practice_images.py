"""Images of practice items: PNG/JPEG by content, limits before decoding, metadata stripped,
alternative text required, served only to those who may see the report."""

import io
import struct
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from werkset.reports.limits import IMAGE_MAX_BYTES
from werkset.reports.models import PracticeItem, Report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def item(report: Report) -> PracticeItem:
    theme = report.catalogue_version.themes.get(key="acuut")
    return PracticeItem.objects.create(
        report=report, theme=theme, kind="anders", title="Krantenknipsel", text="t"
    )


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "Camera Merk"  # Make
    exif[0x9003] = "2024:05:01 10:00:00"  # DateTimeOriginal
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def _png(width: int = 20, height: int = 10) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "blue").save(out, format="PNG")
    return out.getvalue()


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a huge size: its header, and no pixel data worth decoding."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 100)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _upload(client, report, item, content: bytes, *, name="beeld.jpg", alt="Een rode vlak"):
    return client.post(
        reverse("reports:practice_image_upload", args=[report.pk, item.pk]),
        {"image": SimpleUploadedFile(name, content), "image_alt": alt},
        follow=True,
    )


def test_a_jpeg_is_stored_without_its_metadata(client_for, report, rapporteur_friesland, item):
    _upload(client_for(rapporteur_friesland), report, item, _jpeg_with_exif())
    item.refresh_from_db()
    assert (item.image_width, item.image_height, item.image_alt) == (40, 30, "Een rode vlak")
    with default_storage.open(item.image.name) as stored:
        image = Image.open(stored)
        assert not image.getexif()


def test_a_file_is_recognised_by_its_content_not_its_name(
    client_for, report, rapporteur_friesland, item
):
    _upload(client_for(rapporteur_friesland), report, item, _png(), name="beeld.jpg")
    item.refresh_from_db()
    assert item.image.name.endswith(".png")


def test_a_file_that_is_no_image_is_refused_in_dutch(
    client_for, report, rapporteur_friesland, item
):
    response = _upload(
        client_for(rapporteur_friesland), report, item, b"%PDF-1.7 nep", name="beeld.png"
    )
    assert "geen PNG- of JPEG-afbeelding" in response.content.decode()
    item.refresh_from_db()
    assert not item.image


def test_an_image_without_alternative_text_is_refused(
    client_for, report, rapporteur_friesland, item
):
    response = _upload(client_for(rapporteur_friesland), report, item, _png(), alt="  ")
    assert "alternatieve tekst" in response.content.decode()
    item.refresh_from_db()
    assert not item.image


def test_an_image_with_too_many_pixels_is_refused_before_decoding(
    client_for, report, rapporteur_friesland, item
):
    response = _upload(
        client_for(rapporteur_friesland), report, item, _png_header_only(10_000, 10_000)
    )
    assert "te veel pixels" in response.content.decode()
    item.refresh_from_db()
    assert not item.image


def test_a_too_large_file_is_refused(client_for, report, rapporteur_friesland, item):
    big = b"\x89PNG\r\n\x1a\n" + b"\0" * IMAGE_MAX_BYTES
    response = _upload(client_for(rapporteur_friesland), report, item, big)
    assert "te groot" in response.content.decode()
    item.refresh_from_db()
    assert not item.image


def test_a_refused_file_keeps_the_image_there_was(client_for, report, rapporteur_friesland, item):
    client = client_for(rapporteur_friesland)
    _upload(client, report, item, _png())
    item.refresh_from_db()
    before = item.image.name
    _upload(client, report, item, b"niet een afbeelding")
    item.refresh_from_db()
    assert item.image.name == before
    assert default_storage.exists(before)


def test_the_image_is_served_to_who_sees_the_report(
    client_for, report, rapporteur_friesland, netwerklid_noord, item
):
    _upload(client_for(rapporteur_friesland), report, item, _png())
    response = client_for(netwerklid_noord).get(
        reverse("reports:practice_image", args=[report.pk, item.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_the_image_of_a_concept_is_hidden_from_another_network(
    client_for, report, rapporteur_friesland, netwerklid_oost, item
):
    _upload(client_for(rapporteur_friesland), report, item, _png())
    response = client_for(netwerklid_oost).get(
        reverse("reports:practice_image", args=[report.pk, item.pk])
    )
    assert response.status_code == 404


def test_the_theme_page_shows_the_image_with_its_alternative_text(
    client_for, report, rapporteur_friesland, netwerklid_noord, item
):
    _upload(client_for(rapporteur_friesland), report, item, _png())
    page = client_for(netwerklid_noord).get(reverse("reports:theme", args=[report.pk, "acuut"]))
    url = reverse("reports:practice_image", args=[report.pk, item.pk])
    assert f'<img src="{url}" alt="Een rode vlak" width="20" height="10"' in page.content.decode()


def test_removing_the_image_deletes_its_file(
    client_for, report, rapporteur_friesland, item, django_capture_on_commit_callbacks
):
    client = client_for(rapporteur_friesland)
    _upload(client, report, item, _png())
    item.refresh_from_db()
    name = item.image.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:practice_image_remove", args=[report.pk, item.pk]))
    item.refresh_from_db()
    assert not item.image
    assert not default_storage.exists(name)
