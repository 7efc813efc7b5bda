"""Serving private uploads (receipts, proof of spending): only from views that checked who asks."""

from django.http import FileResponse


def private_download(field_file, *, filename: str, content_type: str) -> FileResponse:
    """Always a download, never rendered: no sniffing, a sandbox, and no caching on the way."""
    response = FileResponse(
        field_file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
