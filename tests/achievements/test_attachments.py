"""Attachments: PDF, PNG or JPEG by content, at most 10 MB, stored under MEDIA_ROOT, downloaded only by
those who may see the result."""

from pathlib import Path

import pytest
from django.urls import reverse

from achievements import services
from achievements.models import ATTACHMENT_MAX_BYTES, Attachment
from tests.access import FORBIDDEN, LOGIN, NOT_FOUND, PAGE, assert_access
from tests.achievements.conftest import EXE_BYTES, PDF_BYTES, PNG_BYTES, upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fixture", "content_type"),
    [("pdf_file", "application/pdf"), ("png_file", "image/png"), ("jpeg_file", "image/jpeg")],
)
def test_pdf_png_and_jpeg_files_are_attached(request, alice, draft, media_root, fixture, content_type):
    attachment = services.attachment_add(achievement=draft, user=alice, upload=request.getfixturevalue(fixture))
    assert attachment.content_type == content_type
    stored = Path(attachment.file.path)
    assert stored.is_relative_to(Path(media_root) / "achievements" / str(draft.pk))
    assert stored.exists()


def test_the_original_name_is_kept_for_the_download_but_not_used_on_disk(alice, draft, pdf_file):
    attachment = services.attachment_add(achievement=draft, user=alice, upload=pdf_file)
    assert attachment.original_name == "专利证书.pdf"
    assert "专利证书" not in attachment.file.name


def test_a_program_renamed_to_pdf_is_refused_by_its_content(alice, draft):
    with pytest.raises(services.ValidationError) as error:
        services.attachment_add(achievement=draft, user=alice, upload=upload("report.pdf", EXE_BYTES))
    assert "report.pdf" in error.value.messages[0]
    assert "PDF, PNG or JPEG" in error.value.messages[0]
    assert not Attachment.objects.exists()


def test_an_html_page_named_png_is_refused(alice, draft):
    with pytest.raises(services.ValidationError):
        services.attachment_add(achievement=draft, user=alice, upload=upload("photo.png", b"<script>alert(1)</script>"))


def test_a_pdf_named_like_an_image_is_refused_with_a_hint_to_rename(alice, draft):
    with pytest.raises(services.ValidationError) as error:
        services.attachment_add(achievement=draft, user=alice, upload=upload("scan.jpg", PDF_BYTES))
    assert ".pdf" in error.value.messages[0]


def test_a_file_over_10_mb_is_refused_with_its_size_in_the_message(alice, draft):
    big = upload("brochure.pdf", b"%PDF-" + b"0" * ATTACHMENT_MAX_BYTES)
    with pytest.raises(services.ValidationError) as error:
        services.attachment_add(achievement=draft, user=alice, upload=big)
    assert "brochure.pdf" in error.value.messages[0]
    assert "10.0" in error.value.messages[0]


def test_an_empty_file_is_refused(alice, draft):
    with pytest.raises(services.ValidationError):
        services.attachment_add(achievement=draft, user=alice, upload=upload("empty.pdf", b""))


def test_only_the_universitys_officers_attach_files(carol, dora, draft, pdf_file):
    for user in (carol, dora):
        with pytest.raises(services.PermissionDenied):
            services.attachment_add(achievement=draft, user=user, upload=pdf_file)


def test_files_chosen_in_the_catalogue_form_are_checked_before_anything_is_saved(
    client, alice, university, form_data, pdf_file
):
    client.force_login(alice)
    bad = upload("virus.pdf", EXE_BYTES)
    response = client.post(reverse("achievements:create"), {**form_data, "attachments": [pdf_file, bad]})
    assert response.status_code == 200
    page = response.content.decode()
    assert "virus.pdf" in page
    assert form_data["abstract"] in page
    assert not university.achievements.exists()
    assert not Attachment.objects.exists()


def test_files_chosen_in_the_catalogue_form_are_attached(client, alice, university, form_data, pdf_file, png_file):
    client.force_login(alice)
    response = client.post(reverse("achievements:create"), {**form_data, "attachments": [pdf_file, png_file]})
    assert response.status_code == 302
    result = university.achievements.get()
    assert sorted(result.attachments.values_list("content_type", flat=True)) == ["application/pdf", "image/png"]


def test_files_are_added_from_the_result_page(client, bob, draft, jpeg_file):
    client.force_login(bob)
    response = client.post(reverse("achievements:attachment_upload", args=[draft.pk]), {"attachments": [jpeg_file]})
    assert response.status_code == 302
    assert draft.attachments.get().uploaded_by == bob


def test_a_wrong_file_on_the_result_page_gives_a_message_not_an_error_page(client, alice, draft):
    client.force_login(alice)
    url = reverse("achievements:attachment_upload", args=[draft.pk])
    response = client.post(url, {"attachments": [upload("x.png", EXE_BYTES)]}, follow=True)
    assert response.status_code == 200
    assert "x.png" in response.content.decode()
    assert not draft.attachments.exists()


def test_who_may_upload_to_a_draft(client, draft, carol, dora, erin):
    url = reverse("achievements:attachment_upload", args=[draft.pk])
    data = {"attachments": [upload("a.png", PNG_BYTES)]}
    assert_access(client, url, carol, NOT_FOUND, method="post", data=data)
    assert_access(client, url, dora, FORBIDDEN, method="post", data=data)
    assert_access(client, url, erin, FORBIDDEN, method="post", data=data)
    assert not draft.attachments.exists()


def test_a_draft_attachment_downloads_only_for_those_who_see_the_draft(
    client, alice, bob, carol, dora, erin, admin_user, draft, pdf_file
):
    attachment = services.attachment_add(achievement=draft, user=alice, upload=pdf_file)
    url = reverse("achievements:attachment_download", args=[draft.pk, attachment.pk])
    for user, expected in [(alice, PAGE), (bob, PAGE), (dora, PAGE), (admin_user, PAGE)]:
        assert_access(client, url, user, expected)
    assert_access(client, url, carol, NOT_FOUND)
    assert_access(client, url, erin, NOT_FOUND)
    assert_access(client, url, None, LOGIN)


def test_a_published_results_attachment_downloads_for_every_logged_in_user(client, alice, carol, erin, published):
    attachment = services.attachment_add(achievement=published, user=alice, upload=upload("a.png", PNG_BYTES))
    url = reverse("achievements:attachment_download", args=[published.pk, attachment.pk])
    assert_access(client, url, carol, PAGE)
    assert_access(client, url, erin, PAGE)


def test_the_download_is_the_file_with_its_name_and_checked_type(client, alice, draft, pdf_file):
    attachment = services.attachment_add(achievement=draft, user=alice, upload=pdf_file)
    client.force_login(alice)
    response = client.get(reverse("achievements:attachment_download", args=[draft.pk, attachment.pk]))
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment;" in response["Content-Disposition"]
    assert "filename*=utf-8''%E4%B8%93%E5%88%A9" in response["Content-Disposition"]


def test_an_attachment_is_not_reachable_through_another_result(client, alice, draft, published, pdf_file):
    attachment = services.attachment_add(achievement=draft, user=alice, upload=pdf_file)
    url = reverse("achievements:attachment_download", args=[published.pk, attachment.pk])
    assert_access(client, url, alice, NOT_FOUND)


def test_removing_an_attachment_deletes_the_file_and_keeps_the_record_in_history(
    client, alice, draft, pdf_file, django_capture_on_commit_callbacks
):
    attachment = services.attachment_add(achievement=draft, user=alice, upload=pdf_file)
    path = Path(attachment.file.path)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("achievements:attachment_delete", args=[draft.pk, attachment.pk]))
    assert response.status_code == 302
    assert not draft.attachments.exists()
    assert not path.exists()
    assert Attachment.history.filter(id=attachment.pk, history_type="-").get().history_user == alice


def test_another_officer_cannot_remove_an_attachment(client, alice, carol, published, pdf_file):
    attachment = services.attachment_add(achievement=published, user=alice, upload=pdf_file)
    url = reverse("achievements:attachment_delete", args=[published.pk, attachment.pk])
    assert_access(client, url, carol, NOT_FOUND, method="post")
    assert published.attachments.exists()
