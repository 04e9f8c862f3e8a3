import datetime

import pytest
from django.urls import reverse

from achievements.models import AchievementStatus
from deals.models import Deal, DealStage, MatchmakingEvent
from tests import factories
from tests.access import FORBIDDEN, LOGIN, NOT_FOUND, PAGE, assert_access

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(result, enterprise):
    event = factories.MatchmakingEventFactory(name="直播技术专场对接会", held_on=datetime.date(2026, 11, 3))
    event.achievements_on_show.add(result)
    event.enterprises_invited.add(enterprise)
    return event


def event_data(**overrides):
    return {
        "name": "人工智能专场",
        "level": "large",
        "theme_kind": "industry",
        "theme": "人工智能",
        "organiser": "武汉市科技成果转化局",
        "held_on": "2026-12-10",
        "venue": "光谷科技会展中心",
        **overrides,
    }


def test_only_bureau_staff_create_and_edit_sessions(client, event, alice, dora, erin, admin_user):
    for url in (reverse("deals:event_create"), reverse("deals:event_edit", args=[event.pk])):
        assert_access(client, url, dora, PAGE)
        assert_access(client, url, admin_user, PAGE)
        assert_access(client, url, alice, FORBIDDEN)
        assert_access(client, url, erin, FORBIDDEN)
        assert_access(client, url, None, LOGIN)


def test_bureau_staff_create_a_session_with_results_and_invited_enterprises(client, dora, result, enterprise):
    client.force_login(dora)
    data = event_data(achievements_on_show=[result.pk], enterprises_invited=[enterprise.pk], is_published="on")
    response = client.post(reverse("deals:event_create"), data)
    event = MatchmakingEvent.objects.get(name="人工智能专场")
    assert response.status_code == 302
    assert list(event.achievements_on_show.all()) == [result] and list(event.enterprises_invited.all()) == [enterprise]
    assert event.is_published


def test_a_draft_result_cannot_be_put_on_show(client, dora, university):
    draft = factories.AchievementFactory(university=university, status=AchievementStatus.DRAFT)
    client.force_login(dora)
    response = client.post(reverse("deals:event_create"), event_data(achievements_on_show=[draft.pk]))
    assert response.status_code == 200 and not MatchmakingEvent.objects.exists()
    assert 'value="人工智能专场"' in response.content.decode()  # nothing typed is lost


def test_the_public_page_needs_no_login_but_a_published_session(client, event, result):
    url = reverse("deals:event_public", args=[event.pk])
    assert_access(client, url, None, PAGE)
    assert result.title in client.get(url).content.decode()
    MatchmakingEvent.objects.filter(pk=event.pk).update(is_published=False)
    assert_access(client, url, None, NOT_FOUND)


def test_an_enterprise_sees_published_sessions_only(client, event, erin):
    unpublished = factories.MatchmakingEventFactory(is_published=False)
    assert_access(client, reverse("deals:event_detail", args=[event.pk]), erin, PAGE)
    assert_access(client, reverse("deals:event_detail", args=[unpublished.pk]), erin, NOT_FOUND)


def test_checking_in_an_invited_enterprise_and_a_walk_in(client, event, dora, enterprise, erin):
    client.force_login(dora)
    url = reverse("deals:event_check_in", args=[event.pk])
    assert client.post(url, {"enterprise": enterprise.pk}).status_code == 302
    assert client.post(url, {"enterprise": enterprise.pk}).status_code == 400  # no longer offered
    assert client.post(url, {"name": ""}).status_code == 400
    assert client.post(url, {"name": "张三", "organisation": "光谷创投"}).status_code == 302
    assert list(event.attendees.values_list("name", flat=True)) == [enterprise.contact_person, "张三"]
    assert_access(client, url, erin, FORBIDDEN, method="post", data={"name": "x"})


def test_recording_a_signing_at_the_session_makes_a_signed_deal(client, event, dora, result, enterprise):
    client.force_login(dora)
    data = {
        "achievement": result.pk,
        "enterprise": enterprise.pk,
        "mode": "assignment",
        "amount_wan": "480.00",
        "signed_on": "2026-11-03",
        "landing": "wuhan",
    }
    response = client.post(reverse("deals:event_signing", args=[event.pk]), data)
    assert response.status_code == 302
    deal = Deal.objects.get()
    assert (deal.event, deal.stage, deal.opened_by) == (event, DealStage.SIGNED, dora)
    result.refresh_from_db()
    assert result.status == AchievementStatus.TRANSFERRED
    page = client.get(reverse("deals:event_detail", args=[event.pk])).content.decode()
    assert 'data-testid="signing-count">1<' in page


def test_a_result_not_on_show_cannot_be_signed_at_the_session(client, event, dora, enterprise, university):
    elsewhere = factories.AchievementFactory(university=university)
    client.force_login(dora)
    data = {"achievement": elsewhere.pk, "enterprise": enterprise.pk, "mode": "licence", "amount_wan": "10",
            "signed_on": "2026-11-03", "landing": "wuhan"}  # fmt: skip
    assert client.post(reverse("deals:event_signing", args=[event.pk]), data).status_code == 400
    assert not Deal.objects.exists()


def test_another_universitys_officer_cannot_sign_a_result_at_a_session(client, event, carol, result, enterprise):
    client.force_login(carol)
    data = {"achievement": result.pk, "enterprise": enterprise.pk, "mode": "licence", "amount_wan": "10",
            "signed_on": "2026-11-03", "landing": "wuhan"}  # fmt: skip
    response = client.post(reverse("deals:event_signing", args=[event.pk]), data)
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert not Deal.objects.exists()


def test_the_calendar_shows_the_months_sessions_and_progress_against_the_targets(client, dora, event):
    factories.MatchmakingEventFactory(name="区级新材料专场", level="medium", held_on=datetime.date(2026, 11, 20))
    factories.MatchmakingEventFactory(name="十二月专场", level="small", held_on=datetime.date(2026, 12, 1))
    client.force_login(dora)
    page = client.get(reverse("deals:event_calendar") + "?month=2026-11").content.decode()
    assert "直播技术专场对接会" in page and "区级新材料专场" in page and "十二月专场" not in page
    assert 'data-testid="progress-large">1 / 10<' in page
    assert 'data-testid="progress-medium">1 / 50<' in page
    assert 'data-testid="progress-small">1 / 100<' in page


def test_a_bad_month_falls_back_to_this_month(client, dora):
    client.force_login(dora)
    assert client.get(reverse("deals:event_calendar") + "?month=2026-13").status_code == 200


def test_the_session_list_needs_few_queries(client, dora, django_assert_max_num_queries):
    for _index in range(10):
        factories.MatchmakingEventFactory()
    client.force_login(dora)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("deals:event_list")).status_code == 200


def test_an_officer_records_a_signing_of_the_own_universitys_result(client, event, alice, result, enterprise):
    client.force_login(alice)
    data = {"achievement": result.pk, "enterprise": enterprise.pk, "mode": "licence", "amount_wan": "66.60",
            "signed_on": "2026-11-03", "landing": "hubei"}  # fmt: skip
    assert client.post(reverse("deals:event_signing", args=[event.pk]), data).status_code == 302
    deal = Deal.objects.get()
    assert (deal.responsible_officer, deal.landing, deal.event) == (alice, "hubei", event)
    result.refresh_from_db()
    assert result.status == AchievementStatus.PUBLISHED  # a licence leaves the result available
