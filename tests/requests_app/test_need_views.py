"""Posting, editing, closing and reviewing needs through the pages."""

import pytest
from django.urls import reverse

from requests.models import NeedStatus, TechNeed
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def erin_client(client, erin):
    client.force_login(erin)
    client.cookies["django_language"] = "en"
    return client


def test_an_enterprise_posts_a_need_for_review(erin_client, enterprise, form_data):
    response = erin_client.post(reverse("needs:create"), form_data)
    need = TechNeed.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("needs:detail", args=[need.pk])
    assert need.enterprise == enterprise
    assert need.status == NeedStatus.SUBMITTED
    assert set(need.preferred_modes.values_list("code", flat=True)) == {"licence", "co_development"}


def test_save_as_draft_keeps_it_a_draft(erin_client, form_data):
    erin_client.post(reverse("needs:create"), {**form_data, "action": "draft"})
    assert TechNeed.objects.get().status == NeedStatus.DRAFT


def test_a_double_clicked_submit_creates_one_need(erin_client, form_data):
    first = erin_client.post(reverse("needs:create"), form_data)
    second = erin_client.post(reverse("needs:create"), form_data)
    need = TechNeed.objects.get()
    assert first["Location"] == second["Location"] == reverse("needs:detail", args=[need.pk])


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"budget_min_wan": "-10"}, "budget_min_wan"),
        ({"budget_min_wan": "300", "budget_max_wan": "100"}, "budget_max_wan"),
        ({"deadline": "2020-01-01"}, "deadline"),
        ({"description": "长" * 20000}, "description"),
        ({"budget_min_wan": "abc"}, "budget_min_wan"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_input_comes_back_with_a_message_and_nothing_lost(erin_client, form_data, changes, field):
    response = erin_client.post(reverse("needs:create"), {**form_data, **changes})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not TechNeed.objects.exists()
    assert form_data["target_indicators"] in response.content.decode()


def test_a_20000_character_description_names_the_limit(erin_client, form_data):
    response = erin_client.post(reverse("needs:create"), {**form_data, "description": "长" * 20000})
    assert "Keep this under 5000 characters; it has 20000." in response.context["form"].errors["description"]


def test_script_tags_are_shown_as_text(erin_client, form_data):
    erin_client.post(reverse("needs:create"), {**form_data, "title": "<script>alert(1)</script>"})
    need = TechNeed.objects.get()
    page = erin_client.get(reverse("needs:detail", args=[need.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_posting_is_rate_limited_per_user(erin_client, form_data):
    for n in range(20):
        erin_client.post(reverse("needs:create"), {**form_data, "title": f"需求{n}"})
    response = erin_client.post(reverse("needs:create"), {**form_data, "title": "第二十一个"})
    assert response.status_code == 429
    assert TechNeed.objects.count() == 20


def test_the_enterprise_edits_a_draft(erin_client, draft, form_data):
    response = erin_client.post(
        reverse("needs:edit", args=[draft.pk]), {**form_data, "title": "新标题", "action": "draft"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "新标题"
    assert draft.status == NeedStatus.DRAFT


def test_an_approved_need_can_no_longer_be_edited(erin_client, open_need, form_data):
    response = erin_client.post(reverse("needs:edit", args=[open_need.pk]), {**form_data, "title": "新标题"})
    assert response.status_code == 302
    open_need.refresh_from_db()
    assert open_need.title != "新标题"


def test_the_enterprise_submits_and_closes_its_need(erin_client, draft):
    erin_client.post(reverse("needs:submit", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == NeedStatus.SUBMITTED
    erin_client.post(reverse("needs:close", args=[draft.pk]), {"outcome": "dropped"})
    draft.refresh_from_db()
    assert (draft.status, draft.close_outcome) == (NeedStatus.CLOSED, "dropped")


def test_closing_without_an_outcome_changes_nothing(erin_client, draft):
    erin_client.post(reverse("needs:close", args=[draft.pk]), {})
    draft.refresh_from_db()
    assert draft.status == NeedStatus.DRAFT


def test_the_enterprise_sees_its_status_timeline(erin_client, open_need):
    page = erin_client.get(reverse("needs:detail", args=[open_need.pk])).content.decode()
    assert 'id="history"' in page
    assert "Submitted for review" in page


def test_bureau_staff_approve_from_the_queue(client, dora, submitted):
    client.force_login(dora)
    assert submitted.title in client.get(reverse("needs:review")).content.decode()
    client.post(reverse("needs:approve", args=[submitted.pk]))
    submitted.refresh_from_db()
    assert submitted.status == NeedStatus.OPEN
    assert submitted.approved_at is not None


def test_bureau_staff_reject_with_a_reason(client, dora, submitted):
    client.force_login(dora)
    client.post(reverse("needs:reject", args=[submitted.pk]), {"reason": ""})
    submitted.refresh_from_db()
    assert submitted.status == NeedStatus.SUBMITTED
    client.post(reverse("needs:reject", args=[submitted.pk]), {"reason": "广告信息"})
    submitted.refresh_from_db()
    assert (submitted.status, submitted.review_note) == (NeedStatus.REJECTED, "广告信息")


def test_bureau_staff_ask_for_changes_and_the_enterprise_sees_the_note(client, dora, erin, submitted):
    client.force_login(dora)
    client.post(reverse("needs:changes", args=[submitted.pk]), {"note": "请补充目标指标"})
    submitted.refresh_from_db()
    assert submitted.status == NeedStatus.CHANGES_REQUESTED
    client.force_login(erin)
    assert "请补充目标指标" in client.get(reverse("needs:edit", args=[submitted.pk])).content.decode()


def test_bulk_approve_opens_only_the_ticked_needs(client, dora, erin, enterprise, need_data):
    from requests import services

    ticked = [
        services.need_create(user=erin, enterprise=enterprise, submit=True, **{**need_data, "title": f"需求{n}"})
        for n in range(2)
    ]
    left = services.need_create(user=erin, enterprise=enterprise, submit=True, **{**need_data, "title": "不勾选"})
    draft = services.need_create(user=erin, enterprise=enterprise, **{**need_data, "title": "草稿"})
    client.force_login(dora)
    client.post(reverse("needs:bulk_approve"), {"need": [n.pk for n in ticked] + [draft.pk, "x"]})
    statuses = dict(TechNeed.objects.values_list("pk", "status"))
    assert [statuses[n.pk] for n in ticked] == [NeedStatus.OPEN, NeedStatus.OPEN]
    assert statuses[left.pk] == NeedStatus.SUBMITTED
    assert statuses[draft.pk] == NeedStatus.DRAFT


def test_a_second_review_of_a_decided_need_is_refused_politely(client, dora, open_need):
    client.force_login(dora)
    response = client.post(reverse("needs:reject", args=[open_need.pk]), {"reason": "晚了"})
    assert response.status_code == 302
    open_need.refresh_from_db()
    assert open_need.status == NeedStatus.OPEN


def test_get_is_not_allowed_on_actions(client, dora, submitted):
    client.force_login(dora)
    assert client.get(reverse("needs:approve", args=[submitted.pk])).status_code == 405
    factories.TechNeedFactory()  # nothing else changes
