"""Private uploads (receipts, proof of spending): where they are kept, what types are taken, and
how they are served (only from views that checked who asks)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.utils import timezone

import filetype

# What a person may upload as a receipt or proof: a photo or a PDF, known by its first bytes
# (the filetype library), never by the name or the type the browser claims.
UPLOAD_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
UPLOAD_MAX_BYTES = 5 * 1024 * 1024


def private_storage() -> FileSystemStorage:
    """Outside MEDIA_ROOT, with no URL: files are served only by views that check who asks."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def private_name(folder: str, content_type: str) -> str:
    """Server-made names only: nothing the uploader typed reaches the file system."""
    extension = UPLOAD_TYPES.get(content_type, "bin")
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


def upload_type(upload, *, noun: str = "file") -> str:
    """The upload's real type, from its content. Raises ValidationError in plain words."""
    if upload.size > UPLOAD_MAX_BYTES:
        raise ValidationError(f"The {noun} must be smaller than 5 MB")
    head = upload.read(261)  # as much as filetype needs to tell
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in UPLOAD_TYPES:
        raise ValidationError(f"The {noun} must be a photo (JPG or PNG) or a PDF")
    return kind.mime


def private_download(field_file, *, filename: str, content_type: str) -> FileResponse:
    """Always a download, never rendered: no sniffing, a sandbox, and no caching on the way."""
    response = FileResponse(
        field_file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
