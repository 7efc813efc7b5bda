"""Uploads are known by their content (the filetype library), never by their name."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from nolimits.files import UPLOAD_MAX_BYTES, private_name, upload_type

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"1 0 obj\n" * 5
GIF = b"GIF89a" + b"\x00" * 40


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (PNG, "photo.pdf", "image/png"),
        (JPEG, "r.txt", "image/jpeg"),
        (PDF, "x.png", "application/pdf"),
    ],
)
def test_a_photo_or_pdf_is_taken_whatever_its_name(content, name, expected):
    upload = SimpleUploadedFile(name, content, content_type="text/plain")
    assert upload_type(upload, noun="receipt") == expected
    assert upload.read(4) == content[:4]  # left at the start for saving


@pytest.mark.parametrize("content", [GIF, b"hello, this is text", b"", b"<html><script>"])
def test_anything_else_is_refused_in_plain_words(content):
    with pytest.raises(ValidationError) as refused:
        upload_type(
            SimpleUploadedFile("receipt.png", content, content_type="image/png"), noun="receipt"
        )
    assert refused.value.messages == ["The receipt must be a photo (JPG or PNG) or a PDF"]


def test_a_file_over_5_mb_is_refused():
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * UPLOAD_MAX_BYTES)
    with pytest.raises(ValidationError, match="smaller than 5 MB"):
        upload_type(big, noun="file")


def test_stored_names_are_made_by_the_server():
    name = private_name("receipts", "image/png")
    assert name.startswith("receipts/") and name.endswith(".png")
    assert private_name("receipts", "text/html").endswith(".bin")
