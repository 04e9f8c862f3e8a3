"""The catalogue and edit pages: save as draft, publish, clear messages on bad input, nothing typed is lost."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_save_as_draft_creates_a_draft_and_opens_it(client, alice, university, form_data):
    client.force_login(alice)
    response = client.post(reverse("achievements:create"), form_data)
    result = university.achievements.get()
    assert response["Location"] == reverse("achievements:detail", args=[result.pk])
    assert result.status == "draft"
    assert result.catalogued_by == alice


def test_publish_creates_a_published_result(client, alice, university, form_data):
    client.force_login(alice)
    client.post(reverse("achievements:create"), {**form_data, "action": "publish"})
    assert university.achievements.get().status == "published"


def test_publish_without_a_transfer_mode_says_so_and_keeps_the_form(client, alice, university, form_data):
    client.force_login(alice)
    data = {**form_data, "action": "publish"}
    del data["transfer_modes"]
    response = client.post(reverse("achievements:create"), data)
    assert response.status_code == 200
    assert "Choose at least one transfer mode before publishing." in response.content.decode()
    assert form_data["abstract"] in response.content.decode()
    assert not university.achievements.exists()


def test_the_form_offers_only_the_officers_own_teams(client, alice, team, other_team):
    client.force_login(alice)
    page = client.get(reverse("achievements:create")).content.decode()
    assert team.name in page
    assert other_team.name not in page


def test_a_team_of_another_university_posted_by_hand_is_refused_not_saved(
    client, alice, university, other_team, form_data
):
    client.force_login(alice)
    response = client.post(reverse("achievements:create"), {**form_data, "team": other_team.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["team"]
    assert not university.achievements.exists()


def test_cataloguing_from_a_visit_links_the_visit_and_suggests_its_team(client, alice, pair, team, form_data):
    visit = factories.CampusVisitFactory(pair=pair)
    visit.teams.set([team])
    client.force_login(alice)
    url = f"{reverse('achievements:create')}?visit={visit.pk}"
    response = client.get(url)
    assert response.context["form"].initial["team"] == team.pk
    assert reverse("visits:detail", args=[visit.pk]) in response.content.decode()
    client.post(url, form_data)
    assert visit.catalogued_achievements.get().title == form_data["title"]


@pytest.mark.parametrize("trl", ["0", "10", "-3", "abc"])
def test_a_trl_out_of_range_gets_a_clear_message(client, alice, form_data, trl):
    client.force_login(alice)
    response = client.post(reverse("achievements:create"), {**form_data, "trl": trl})
    assert response.context["form"].errors["trl"] == ["The technology readiness level is a whole number from 1 to 9."]


def test_a_negative_price_gets_a_clear_message_and_the_rest_is_kept(client, alice, form_data):
    client.force_login(alice)
    response = client.post(reverse("achievements:create"), {**form_data, "asking_price_wan": "-5"})
    assert response.context["form"].errors["asking_price_wan"] == ["The asking price cannot be negative."]
    page = response.content.decode()
    assert form_data["abstract"] in page
    assert 'value="固态锂电池电解质薄膜"' in page


def test_missing_required_fields_are_named(client, alice):
    client.force_login(alice)
    response = client.post(reverse("achievements:create"), {"action": "draft"})
    errors = response.context["form"].errors
    assert set(errors) >= {"title", "abstract", "field", "trl", "ip_type"}


def test_html_typed_into_a_result_is_shown_as_text(client, alice, erin, university, form_data):
    client.force_login(alice)
    script = "<script>alert('x')</script>"
    client.post(
        reverse("achievements:create"),
        {
            **form_data,
            "title": f"{script}标题",
            "abstract": f"<img src=x onerror=alert(1)>{script}",
            "action": "publish",
        },
    )
    result = university.achievements.get()
    for user in (alice, erin):
        client.force_login(user)
        for url in (reverse("achievements:detail", args=[result.pk]), reverse("achievements:list")):
            page = client.get(url).content.decode()
            assert "<script>alert" not in page
            assert "&lt;script&gt;alert" in page
            assert "<img src=x" not in page


def test_an_admin_chooses_the_university_when_not_cataloguing_from_a_visit(
    client, admin_user, university, team, form_data
):
    client.force_login(admin_user)
    response = client.get(reverse("achievements:create"))
    assert "university" in response.context["form"].fields
    client.post(reverse("achievements:create"), {**form_data, "university": university.pk})
    assert university.achievements.get().catalogued_by == admin_user


def test_the_edit_form_is_filled_in_and_saves_changes(client, bob, published, modes):
    client.force_login(bob)
    url = reverse("achievements:edit", args=[published.pk])
    form = client.get(url).context["form"]
    assert form.initial["title"] == published.title
    data = {
        "title": published.title,
        "team": published.team_id,
        "field": published.field,
        "abstract": "更新后的摘要",
        "keywords": published.keywords,
        "language": "zh",
        "trl": "7",
        "ip_type": published.ip_type,
        "patent_numbers": "",
        "transfer_modes": ["licence"],
        "asking_price_wan": "",
        "action": "save",
    }
    assert client.post(url, data).status_code == 302
    published.refresh_from_db()
    assert (published.abstract, published.trl, published.asking_price_wan) == ("更新后的摘要", 7, None)


def test_a_transferred_result_cannot_be_opened_for_editing(client, alice, university):
    transferred = factories.AchievementFactory(university=university, status="transferred")
    client.force_login(alice)
    response = client.get(reverse("achievements:edit", args=[transferred.pk]))
    assert response["Location"] == reverse("achievements:detail", args=[transferred.pk])


def test_the_detail_page_shows_buttons_only_to_those_allowed(client, alice, carol, dora, erin, draft, published):
    client.force_login(alice)
    page = client.get(reverse("achievements:detail", args=[draft.pk])).content.decode()
    assert reverse("achievements:edit", args=[draft.pk]) in page
    assert reverse("achievements:publish", args=[draft.pk]) in page
    assert reverse("achievements:attachment_upload", args=[draft.pk]) in page
    for user, result in [(dora, draft), (carol, published), (erin, published)]:
        client.force_login(user)
        page = client.get(reverse("achievements:detail", args=[result.pk])).content.decode()
        assert 'data-testid="result-actions"' not in page
        assert reverse("achievements:attachment_upload", args=[result.pk]) not in page


def test_the_detail_page_shows_the_change_history_to_portal_staff(client, alice, dora, erin, published):
    published.abstract = "改过的摘要"
    published.save()
    client.force_login(dora)
    response = client.get(reverse("achievements:detail", args=[published.pk]))
    assert response.context["history"][0].changes
    assert 'id="history"' in response.content.decode()
    client.force_login(erin)
    assert 'id="history"' not in client.get(reverse("achievements:detail", args=[published.pk])).content.decode()


def test_the_visit_link_is_shown_only_to_those_who_can_open_the_visit(client, alice, carol, pair, published):
    visit = factories.CampusVisitFactory(pair=pair)
    published.source_visit = visit
    published.save()
    visit_url = reverse("visits:detail", args=[visit.pk])
    client.force_login(alice)
    assert visit_url in client.get(reverse("achievements:detail", args=[published.pk])).content.decode()
    client.force_login(carol)
    assert visit_url not in client.get(reverse("achievements:detail", args=[published.pk])).content.decode()
