"""Who sees an introduction, when contact details appear, and that errors keep what was typed."""

import pytest
from django.urls import reverse
from django.utils import timezone

from introductions.models import Introduction, IntroductionStatus
from introductions.services import introduction_accept, introduction_record_team_consent
from matching.models import InterestRequest
from tests.access import FORBIDDEN, LOGIN, NOT_FOUND, PAGE, assert_access
from universities.models import ContactDataView

pytestmark = pytest.mark.django_db


def agree_both(introduction, officer, enterprise_user):
    introduction_record_team_consent(
        introduction=introduction,
        officer=officer,
        consent_by="李教授",
        consent_on=timezone.localdate(),
        channel="phone",
    )
    introduction_accept(introduction=introduction, user=enterprise_user)


@pytest.mark.parametrize(
    ("role", "outcome"),
    [
        ("alice", PAGE),
        ("bob", PAGE),
        ("erin", PAGE),
        ("dora", PAGE),
        ("carol", NOT_FOUND),
        ("outsider", NOT_FOUND),
        (None, LOGIN),
    ],
)
def test_the_introduction_page_is_for_the_two_sides_and_the_bureau(client, request, introduction, role, outcome):
    user = request.getfixturevalue(role) if role else None
    assert_access(client, reverse("introductions:detail", args=[introduction.pk]), user, outcome)


def test_the_list_shows_each_user_only_their_introductions(client, introduction, carol, outsider, erin):
    url = reverse("introductions:list")
    for user, visible in [(erin, True), (carol, False), (outsider, False)]:
        client.force_login(user)
        assert (introduction.achievement.title in client.get(url).content.decode()) is visible, user


def test_contacts_stay_hidden_until_both_sides_agree(client, introduction, alice, erin, professor, enterprise):
    client.force_login(erin)
    page = client.get(reverse("introductions:detail", args=[introduction.pk])).content.decode()
    assert professor.phone not in page and professor.email not in page
    client.force_login(alice)
    page = client.get(reverse("introductions:detail", args=[introduction.pk])).content.decode()
    assert enterprise.phone not in page and enterprise.email not in page
    assert not ContactDataView.objects.exists()

    agree_both(introduction, alice, erin)

    client.force_login(erin)
    page = client.get(reverse("introductions:detail", args=[introduction.pk])).content.decode()
    assert professor.phone in page and professor.email in page
    assert ContactDataView.objects.get().viewer == erin
    client.force_login(alice)
    page = client.get(reverse("introductions:detail", args=[introduction.pk])).content.decode()
    assert enterprise.phone in page and enterprise.email in page


def test_an_outsider_never_sees_the_contacts_even_after_agreement(client, introduction, alice, erin, carol):
    agree_both(introduction, alice, erin)
    assert_access(client, reverse("introductions:detail", args=[introduction.pk]), carol, NOT_FOUND)


def test_the_officer_proposes_from_an_interested_match(client, alice, interested_match, professor, erin):
    client.force_login(alice)
    need_page = client.get(reverse("needs:detail", args=[interested_match.need_id])).content.decode()
    propose_url = reverse("introductions:propose") + f"?match={interested_match.pk}"
    assert propose_url in need_page.replace("&amp;", "&")

    response = client.post(
        reverse("introductions:propose"),
        {"match": interested_match.pk, "contact": professor.pk, "mode": "licence", "message": "周三可来校"},
    )
    introduction = Introduction.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/introductions/{introduction.pk}/"
    client.force_login(erin)
    need_page = client.get(reverse("needs:detail", args=[interested_match.need_id])).content.decode()
    assert f"/introductions/{introduction.pk}/" in need_page


def test_another_university_cannot_open_the_propose_page(client, carol, interested_match):
    assert_access(client, reverse("introductions:propose") + f"?match={interested_match.pk}", carol, NOT_FOUND)
    assert_access(client, reverse("introductions:propose") + "?match=abc", carol, NOT_FOUND)


def test_enterprises_cannot_propose(client, erin, interested_match):
    assert_access(client, reverse("introductions:propose") + f"?match={interested_match.pk}", erin, FORBIDDEN)


def test_the_officer_proposes_from_an_expression_of_interest_on_the_home_page(
    client, alice, result, professor, enterprise, erin
):
    interest = InterestRequest.objects.create(achievement=result, enterprise=enterprise, requested_by=erin)
    client.force_login(alice)
    home = client.get("/").content.decode()
    assert f"{reverse('introductions:propose')}?interest={interest.pk}" in home
    client.post(reverse("introductions:propose"), {"interest": interest.pk, "contact": professor.pk, "mode": "equity"})
    assert Introduction.objects.get().interest == interest


def test_a_propose_error_keeps_the_message(client, alice, interested_match):
    client.force_login(alice)
    response = client.post(
        reverse("introductions:propose"), {"match": interested_match.pk, "mode": "licence", "message": "周三可来校"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "请选择团队联系人" in page or "Choose the team" in page
    assert "周三可来校" in page
    assert not Introduction.objects.exists()


def test_a_consent_error_keeps_what_the_officer_typed(client, alice, introduction):
    client.force_login(alice)
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    response = client.post(
        reverse("introductions:consent", args=[introduction.pk]),
        {"consent_by": "李教授的助理", "consent_on": tomorrow.isoformat(), "channel": "email"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "李教授的助理" in page
    assert "不能是将来" in page
    introduction.refresh_from_db()
    assert not introduction.team_consented


def test_the_enterprise_accepts_and_sees_the_contact_once_the_team_agreed(client, alice, erin, introduction, professor):
    introduction_record_team_consent(
        introduction=introduction, officer=alice, consent_by="李教授", consent_on=timezone.localdate(), channel="phone"
    )
    client.force_login(erin)
    response = client.post(reverse("introductions:accept", args=[introduction.pk]), follow=True)
    assert professor.phone in response.content.decode()
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.ACCEPTED


def test_officers_cannot_accept_for_the_enterprise(client, alice, introduction):
    assert_access(client, reverse("introductions:accept", args=[introduction.pk]), alice, FORBIDDEN, method="post")


def test_messages_are_escaped(client, erin, introduction):
    client.force_login(erin)
    client.post(reverse("introductions:message", args=[introduction.pk]), {"body": "<script>alert(1)</script>"})
    page = client.get(reverse("introductions:detail", args=[introduction.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_detail_page_runs_a_bounded_number_of_queries(client, erin, introduction, django_assert_max_num_queries):
    client.force_login(erin)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("introductions:detail", args=[introduction.pk])).status_code == 200


def test_the_deal_page_links_back_to_its_introduction(client, alice, erin, introduction):
    agree_both(introduction, alice, erin)
    introduction.refresh_from_db()
    client.force_login(alice)
    page = client.get(reverse("deals:detail", args=[introduction.deal.pk])).content.decode()
    assert f"/introductions/{introduction.pk}/" in page


def test_the_enterprise_home_lists_introductions_waiting_for_its_answer(client, erin, introduction):
    client.force_login(erin)
    page = client.get("/").content.decode()
    assert 'data-testid="introductions-waiting"' in page
    assert f"/introductions/{introduction.pk}/" in page
    introduction_accept(introduction=introduction, user=erin)
    assert 'data-testid="introductions-waiting"' not in client.get("/").content.decode()


def test_the_history_names_people_not_row_ids(client, alice, introduction):
    introduction_record_team_consent(
        introduction=introduction, officer=alice, consent_by="李教授", consent_on=timezone.localdate(), channel="phone"
    )
    client.force_login(alice)
    page = client.get(reverse("introductions:detail", args=[introduction.pk])).content.decode()
    assert f"→ {alice.full_name or alice.username}" in page
    assert "team consent recorded by" not in page


@pytest.mark.parametrize("action", ["consent", "accept", "close", "message"])
@pytest.mark.parametrize(
    ("role", "outcome"),
    [("carol", NOT_FOUND), ("outsider", NOT_FOUND), ("dora", FORBIDDEN), (None, LOGIN)],
)
def test_the_wrong_users_cannot_act_on_an_introduction(client, request, introduction, action, role, outcome):
    user = request.getfixturevalue(role) if role else None
    if action in ("consent",) and role == "outsider":
        outcome = FORBIDDEN  # an enterprise user never records a team's consent
    if action == "accept" and role == "carol":
        outcome = FORBIDDEN  # officers never accept for an enterprise
    url = reverse(f"introductions:{action}", args=[introduction.pk])
    assert_access(client, url, user, outcome, method="post", data={"body": "你好", "reason": "不合适"})
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PROPOSED
    assert not introduction.messages.exclude(author=introduction.proposed_by).exists()


@pytest.mark.parametrize(
    ("role", "outcome"), [("alice", PAGE), ("erin", PAGE), ("dora", PAGE), ("carol", PAGE), (None, LOGIN)]
)
def test_the_introduction_list_is_open_to_every_portal_role_and_shows_only_their_own(client, request, role, outcome):
    user = request.getfixturevalue(role) if role else None
    assert_access(client, reverse("introductions:list"), user, outcome)
