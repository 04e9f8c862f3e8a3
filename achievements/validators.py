"""What a file is, read from its first bytes: a name ending in .pdf proves nothing."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from achievements.models import ATTACHMENT_MAX_BYTES, AttachmentType

# The signature each allowed type starts with, and the name endings that go with it.
_SIGNATURES = [
    (b"%PDF-", AttachmentType.PDF, (".pdf",)),
    (b"\x89PNG\r\n\x1a\n", AttachmentType.PNG, (".png",)),
    (b"\xff\xd8\xff", AttachmentType.JPEG, (".jpg", ".jpeg")),
]


def _head(upload, length: int = 16) -> bytes:
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(length)
    upload.seek(position)
    return head


def attachment_content_type(upload) -> str:
    """The checked content type of an uploaded file; a ValidationError says in plain words what is wrong."""
    name = PurePath(upload.name or "").name
    if not upload.size:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty_file")
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is %(size)s; a file can be at most %(limit)s.")
            % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(ATTACHMENT_MAX_BYTES)},
            code="file_too_large",
        )
    head = _head(upload)
    extension = PurePath(name).suffix.lower()
    for signature, content_type, extensions in _SIGNATURES:
        if head.startswith(signature):
            if extension not in extensions:
                raise ValidationError(
                    _(
                        "“%(name)s” is a %(kind)s file but its name does not end in %(extension)s; "
                        "rename it and try again."
                    )
                    % {"name": name, "kind": AttachmentType(content_type).label, "extension": extensions[0]},
                    code="extension_mismatch",
                )
            return content_type
    raise ValidationError(
        _("“%(name)s” is not a PDF, PNG or JPEG file. Only these three types can be attached.") % {"name": name},
        code="file_type_not_allowed",
    )


def attachment_content_types(uploads) -> list[str]:
    """The checked content type of each upload; one ValidationError naming every bad file at once."""
    content_types, errors = [], []
    for upload in uploads:
        try:
            content_types.append(attachment_content_type(upload))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return content_types
