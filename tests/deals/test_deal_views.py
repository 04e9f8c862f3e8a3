import datetime

import pytest
from django.urls import reverse

from achievements.models import AchievementStatus
from deals import services
from deals.models import Deal, DealStage
from tests import factories
from tests.access import FORBIDDEN, LOGIN, NOT_FOUND, PAGE, assert_access

pytestmark = pytest.mark.django_db


def test_who_may_open_a_deals_page(client, open_deal, alice, bob, carol, dora, erin, admin_user):
    url = reverse("deals:detail", args=[open_deal.pk])
    for user, expected in [(alice, PAGE), (bob, PAGE), (dora, PAGE), (admin_user, PAGE), (erin, PAGE)]:
        assert_access(client, url, user, expected)
    assert_access(client, url, carol, NOT_FOUND)
    other_company_user = factories.EnterpriseMembershipFactory().user
    assert_access(client, url, other_company_user, NOT_FOUND)
    assert_access(client, url, None, LOGIN)


def test_the_enterprise_reads_its_deal_but_gets_no_buttons(client, open_deal, erin, alice):
    client.force_login(erin)
    page = client.get(reverse("deals:detail", args=[open_deal.pk])).content.decode()
    assert "直播低延迟编码算法" in page and 'data-testid="deal-actions"' not in page
    client.force_login(alice)
    assert 'data-testid="deal-actions"' in client.get(reverse("deals:detail", args=[open_deal.pk])).content.decode()


def test_who_may_move_a_deal(client, open_deal, carol, dora, erin, alice):
    url = reverse("deals:move", args=[open_deal.pk, "negotiate"])
    assert_access(client, url, carol, NOT_FOUND, method="post")
    assert_access(client, url, dora, FORBIDDEN, method="post")
    assert_access(client, url, erin, FORBIDDEN, method="post")
    assert Deal.objects.get(pk=open_deal.pk).stage == DealStage.INTRODUCED
    client.force_login(alice)
    response = client.post(url)
    assert response.status_code == 302
    assert Deal.objects.get(pk=open_deal.pk).stage == DealStage.NEGOTIATING


def test_signing_from_the_page_shows_errors_beside_the_fields_and_keeps_the_input(client, open_deal, alice, result):
    client.force_login(alice)
    url = reverse("deals:move", args=[open_deal.pk, "sign"])
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    response = client.post(url, {"amount_wan": "120.5", "signed_on": tomorrow.isoformat(), "landing": "wuhan"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "The signing date cannot be in the future." in page and 'value="120.5"' in page
    response = client.post(url, {"amount_wan": "120.5", "signed_on": "2026-10-01", "landing": "hubei"})
    assert response.status_code == 302
    deal = Deal.objects.get(pk=open_deal.pk)
    assert (deal.stage, str(deal.amount_wan), deal.landing) == ("signed", "120.50", "hubei")


def test_losing_from_the_page_asks_for_a_reason(client, open_deal, alice):
    client.force_login(alice)
    url = reverse("deals:move", args=[open_deal.pk, "lose"])
    assert client.post(url, {"lost_reason": ""}).status_code == 400
    assert client.post(url, {"lost_reason": "企业搬离武汉"}).status_code == 302
    page = client.get(reverse("deals:detail", args=[open_deal.pk])).content.decode()
    assert "企业搬离武汉" in page and "Lost" in page


def test_an_officer_opens_a_deal_by_hand(client, alice, result, enterprise):
    client.force_login(alice)
    response = client.post(
        reverse("deals:create"), {"achievement": result.pk, "enterprise": enterprise.pk, "mode": "licence"}
    )
    deal = Deal.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("deals:detail", args=[deal.pk])
    assert deal.responsible_officer == alice and deal.stage == DealStage.INTRODUCED


def test_an_officer_cannot_open_a_deal_for_another_universitys_result(client, carol, result, enterprise):
    client.force_login(carol)
    response = client.post(
        reverse("deals:create"), {"achievement": result.pk, "enterprise": enterprise.pk, "mode": "licence"}
    )
    assert response.status_code == 200 and not Deal.objects.exists()
    assert "Select a valid choice" in response.content.decode()


def test_the_board_shows_the_pairs_deals_by_stage(
    client, alice, carol, other_university, open_deal, enterprise, django_assert_max_num_queries
):
    other = factories.AchievementFactory(university=other_university, title="碳纤维回收工艺")
    services.deal_open(achievement=other, enterprise=enterprise, opened_by=carol, mode="licence")
    for index in range(6):
        result = factories.AchievementFactory(university=open_deal.achievement.university, title=f"板上成果{index}")
        deal = services.deal_open(achievement=result, enterprise=enterprise, opened_by=alice, mode="licence")
        if index % 2:
            services.deal_start_negotiation(deal=deal, user=alice)
    client.force_login(alice)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("deals:board"))
    page = response.content.decode()
    assert page.count('data-testid="deal-card"') == 7
    assert "直播低延迟编码算法" in page and "碳纤维回收工艺" not in page


def test_the_board_is_not_for_enterprises(client, erin):
    assert_access(client, reverse("deals:board"), erin, FORBIDDEN)


def test_the_list_filters_by_the_names_the_dashboards_use(
    client, dora, alice, university, other_university, enterprise, django_assert_max_num_queries
):
    wuhan = factories.AchievementFactory(university=university, field="new_energy")
    elsewhere = factories.AchievementFactory(university=other_university, field="biomedicine")
    carol_user = factories.LiaisonPairFactory(university=other_university)
    deal = services.deal_open(achievement=wuhan, enterprise=enterprise, opened_by=dora, mode="assignment")
    services.deal_sign(deal=deal, user=alice, amount_wan="300", signed_on=datetime.date(2026, 3, 1), landing="wuhan")
    services.deal_open(achievement=elsewhere, enterprise=enterprise, opened_by=dora, mode="licence")
    for _index in range(8):
        result = factories.AchievementFactory(university=other_university)
        services.deal_open(achievement=result, enterprise=enterprise, opened_by=dora, mode="licence")
    client.force_login(dora)
    url = reverse("deals:deal_list")
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200
    cases = {
        f"university={university.pk}": 1,
        "stage=signed": 1,
        "mode=assignment": 1,
        "landing=wuhan": 1,
        "field=biomedicine": 1,
        "signed_from=2026-02-01&signed_to=2026-03-31": 1,
        "signed_from=2026-04-01": 0,
    }
    for query, expected in cases.items():
        response = client.get(f"{url}?{query}")
        assert response.context["page_obj"].paginator.count == expected, query
    assert carol_user  # the other university has its own pair; its deals are still in the bureau's list
    assert client.get(url).context["page_obj"].paginator.count == 10


def test_the_list_exports_what_it_shows_as_csv(client, dora, alice, open_deal):
    services.deal_sign(
        deal=open_deal, user=alice, amount_wan="88.5", signed_on=datetime.date(2026, 5, 5), landing="wuhan"
    )
    client.force_login(dora)
    response = client.get(reverse("deals:export") + "?stage=signed")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "直播低延迟编码算法" in body and "88.50" in body and "2026-05-05" in body


def test_an_officer_lists_only_the_universitys_deals_and_an_enterprise_its_own(client, alice, erin, carol, open_deal):
    services.deal_open(
        achievement=factories.AchievementFactory(university=carol.officer.memberships.first().pair.university),
        enterprise=factories.EnterpriseFactory(),
        opened_by=carol,
        mode="licence",
    )
    for user in (alice, erin):
        client.force_login(user)
        page = client.get(reverse("deals:deal_list"))
        assert [deal.pk for deal in page.context["page_obj"]] == [open_deal.pk]
    client.force_login(carol)
    assert open_deal not in client.get(reverse("deals:deal_list")).context["page_obj"]


def test_the_deal_page_shows_each_stage_change_with_who_and_when(client, alice, bob, open_deal):
    services.deal_start_negotiation(deal=open_deal, user=bob)
    client.force_login(alice)
    page = client.get(reverse("deals:detail", args=[open_deal.pk])).content.decode()
    changes = page.split('data-testid="stage-changes"')[1].split("</ul>")[0]
    assert str(bob) in changes and "Introduced → <strong>Negotiating</strong>" in changes


def test_a_signed_assignment_shows_the_result_transferred(client, alice, open_deal, result):
    Deal.objects.filter(pk=open_deal.pk).update(mode="assignment")
    client.force_login(alice)
    client.post(
        reverse("deals:move", args=[open_deal.pk, "sign"]),
        {"amount_wan": "500", "signed_on": "2026-10-01", "landing": "wuhan"},
    )
    result.refresh_from_db()
    assert result.status == AchievementStatus.TRANSFERRED
    page = client.get(reverse("deals:detail", args=[open_deal.pk])).content.decode()
    assert "Transferred" in page


def test_the_pair_hands_a_deal_to_the_partner_officer(client, alice, bob, carol, open_deal):
    url = reverse("deals:move", args=[open_deal.pk, "terms"])
    assert_access(
        client, url, carol, NOT_FOUND, method="post", data={"mode": "licence", "responsible_officer": carol.pk}
    )
    client.force_login(alice)
    assert client.post(url, {"mode": "licence", "responsible_officer": carol.pk}).status_code == 400  # not in the pair
    assert client.post(url, {"mode": "licence", "responsible_officer": bob.pk}).status_code == 302
    assert Deal.objects.get(pk=open_deal.pk).responsible_officer == bob
