"""The need page lets officers forward a result and the enterprise answer it; every role on every URL."""

import pytest
from django.urls import reverse

from matching.models import Match, MatchState
from matching.services import match_forward_to_enterprise
from requests.models import NeedStatus
from tests import factories
from tests.access import FORBIDDEN, LOGIN, NOT_FOUND, PAGE, assert_access

pytestmark = pytest.mark.django_db

REDIRECT = 302
NOTE = "该成果的低温容量保持率达到85%，适合贵司的储能场景。"


def _check(client, request, url, expected, **kwargs):
    for role, outcome in expected.items():
        user = request.getfixturevalue(role) if role else None
        assert_access(client, url, user, outcome, **kwargs)


@pytest.fixture
def forwarded(alice, need, result):
    return match_forward_to_enterprise(need=need, achievement=result, officer=alice, note=NOTE)


def test_only_officers_may_post_a_forward(client, request, need, result):
    url = reverse("matching:forward", args=[need.pk])
    data = {"achievement": result.pk, "note": NOTE}
    _check(
        client,
        request,
        url,
        {"erin": FORBIDDEN, "dora": FORBIDDEN, None: LOGIN, "alice": REDIRECT},
        method="post",
        data=data,
    )
    assert Match.objects.get().state == MatchState.FORWARDED_TO_ENTERPRISE


def test_forward_is_post_only(client, alice, need):
    client.force_login(alice)
    assert client.get(reverse("matching:forward", args=[need.pk])).status_code == 405


def test_an_officer_of_another_university_cannot_forward_our_result(client, carol, need, result):
    client.force_login(carol)
    response = client.post(reverse("matching:forward", args=[need.pk]), {"achievement": result.pk, "note": NOTE})
    assert response.status_code == PAGE
    assert "请选择本校已发布的成果。" in response.content.decode()
    assert not Match.objects.exists()


def test_an_officer_cannot_forward_to_a_need_they_cannot_see(client, alice, enterprise, result):
    need = factories.TechNeedFactory(enterprise=enterprise, status=NeedStatus.SUBMITTED, approved_at=None)
    assert_access(
        client, reverse("matching:forward", args=[need.pk]), alice, NOT_FOUND, method="post", data={"note": NOTE}
    )


def test_an_error_keeps_the_note_the_officer_typed(client, alice, need):
    client.force_login(alice)
    response = client.post(reverse("matching:forward", args=[need.pk]), {"achievement": "", "note": NOTE})
    assert response.status_code == PAGE
    content = response.content.decode()
    assert NOTE in content
    assert "请选择要推送的成果。" in content
    assert need.description in content  # the need page itself, not a bare form


def test_a_service_refusal_is_shown_on_the_form_with_the_note(client, alice, erin, forwarded, need, result):
    from matching.services import match_respond

    match_respond(match=forwarded, user=erin, interested=True)
    client.force_login(alice)
    response = client.post(reverse("matching:forward", args=[need.pk]), {"achievement": result.pk, "note": "再次推荐"})
    content = response.content.decode()
    assert "不再重复推送" in content
    assert "再次推荐" in content


def test_the_officer_sees_the_forward_form_with_only_our_published_results(
    client, alice, need, result, other_result, draft_result
):
    client.force_login(alice)
    content = client.get(reverse("needs:detail", args=[need.pk])).content.decode()
    assert 'data-testid="forward-result"' in content
    assert reverse("deals:lookup_results") in content  # the result is found by typing
    found = client.get(reverse("deals:lookup_results"), {"q": ""}).json()["results"]
    assert [row["value"] for row in found] == [result.pk]
    assert other_result.title not in str(found) and draft_result.title not in str(found)


def test_bureau_staff_and_enterprises_get_no_forward_form(client, dora, erin, need, result):
    for user in (dora, erin):
        client.force_login(user)
        assert (
            'data-testid="forward-result"' not in client.get(reverse("needs:detail", args=[need.pk])).content.decode()
        )


def test_a_closed_need_offers_no_forward_form(client, alice, enterprise, result):
    need = factories.TechNeedFactory(enterprise=enterprise, status=NeedStatus.SOLVED)
    client.force_login(alice)
    assert 'data-testid="forward-result"' not in client.get(reverse("needs:detail", args=[need.pk])).content.decode()


def test_the_enterprise_sees_the_forwarded_result_with_the_note(client, erin, forwarded, result, university):
    client.force_login(erin)
    content = client.get(reverse("needs:detail", args=[forwarded.need_id])).content.decode()
    assert result.title in content
    assert reverse("achievements:detail", args=[result.pk]) in content
    assert university.name_en in content or university.name_zh in content
    assert NOTE in content
    assert 'data-testid="match-interested"' in content
    assert 'data-testid="match-not-relevant"' in content


def test_bureau_staff_see_the_forwarded_result_without_answer_buttons(client, dora, forwarded, result):
    client.force_login(dora)
    content = client.get(reverse("needs:detail", args=[forwarded.need_id])).content.decode()
    assert NOTE in content
    assert 'data-testid="match-interested"' not in content


def test_only_the_needs_enterprise_may_answer(client, request, forwarded):
    url = reverse("matching:respond", args=[forwarded.pk])
    _check(
        client,
        request,
        url,
        {
            "outsider": NOT_FOUND,
            "alice": FORBIDDEN,
            "dora": FORBIDDEN,
            None: LOGIN,
            "erin": REDIRECT,
        },
        method="post",
        data={"answer": "interested"},
    )
    forwarded.refresh_from_db()
    assert forwarded.state == MatchState.INTERESTED
    assert forwarded.need.status == NeedStatus.MATCHED


def test_another_enterprise_gets_404_on_the_need_and_sees_nothing(client, outsider, forwarded):
    assert_access(client, reverse("needs:detail", args=[forwarded.need_id]), outsider, NOT_FOUND)


def test_not_relevant_without_a_reason_is_refused_with_a_message(client, erin, forwarded):
    client.force_login(erin)
    response = client.post(
        reverse("matching:respond", args=[forwarded.pk]), {"answer": "not_relevant", "reason": ""}, follow=True
    )
    assert "请说明该成果为何不相关" in response.content.decode()
    forwarded.refresh_from_db()
    assert forwarded.state == MatchState.FORWARDED_TO_ENTERPRISE


def test_not_relevant_with_a_reason_is_recorded_and_shown(client, erin, forwarded):
    client.force_login(erin)
    response = client.post(
        reverse("matching:respond", args=[forwarded.pk]), {"answer": "not_relevant", "reason": "成本太高"}, follow=True
    )
    forwarded.refresh_from_db()
    assert (forwarded.state, forwarded.reason) == (MatchState.NOT_RELEVANT, "成本太高")
    content = response.content.decode()
    assert "成本太高" in content
    assert 'data-testid="match-interested"' not in content


def test_the_need_page_loads_forwarded_results_in_a_fixed_number_of_queries(
    client, erin, need, alice, university, django_assert_max_num_queries
):
    for _ in range(5):
        result = factories.AchievementFactory(university=university)
        match_forward_to_enterprise(need=need, achievement=result, officer=alice, note=NOTE)
    client.force_login(erin)
    url = reverse("needs:detail", args=[need.pk])
    with django_assert_max_num_queries(40) as one_run:
        client.get(url)
    first = len(one_run)
    result = factories.AchievementFactory(university=university)
    match_forward_to_enterprise(need=need, achievement=result, officer=alice, note=NOTE)
    with django_assert_max_num_queries(first):
        client.get(url)
