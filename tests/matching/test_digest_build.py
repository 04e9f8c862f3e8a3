"""The weekly digest of a liaison pair: what is in it, what never is, and that it is made once."""

import datetime

import pytest
from django.core import mail
from django.utils import translation

from achievements.models import AchievementStatus
from matching import corpus
from matching.models import Digest, DigestSection, Match, MatchState
from matching.services import digest_build, match_dismiss, period_start_of
from notifications.models import Notification
from requests.models import NeedStatus
from tests.matching import digest_data as data

pytestmark = pytest.mark.django_db

WEEK = datetime.date(2026, 11, 23)
NEXT_WEEK = WEEK + datetime.timedelta(days=7)


@pytest.fixture
def battery_result(university):
    return data.result(university, **data.BATTERY_RESULT)


@pytest.fixture
def battery_need(enterprise, erin):
    return data.need(enterprise, erin, **data.BATTERY_NEED)


@pytest.fixture
def crayfish_need(enterprise, erin):
    return data.need(enterprise, erin, **data.CRAYFISH_NEED)


def section(digest, key):
    return list(digest.items.filter(section=key).select_related("match").order_by("rank"))


def test_a_period_is_the_iso_week_from_monday():
    assert period_start_of(datetime.date(2026, 11, 28)) == datetime.date(2026, 11, 23)
    assert period_start_of(datetime.date(2026, 11, 23)) == datetime.date(2026, 11, 23)
    with pytest.raises(ValueError):
        digest_build(pair=None, period_start=datetime.date(2026, 11, 24))


def test_a_new_need_is_matched_to_our_result_with_a_reason(pair, battery_result, battery_need, crayfish_need):
    digest = digest_build(pair=pair, period_start=WEEK)

    (item,) = section(digest, DigestSection.NEW_NEEDS)
    assert (item.need, item.match.achievement) == (battery_need, battery_result)
    assert item.match.state == MatchState.SUGGESTED
    assert item.score > 0
    terms = {term["zh"] for term in item.match.explanation["terms"]}
    assert terms & {"电解液", "低温", "磷酸铁锂", "锂电池", "储能"}
    assert item.match.explanation["field"] == "same"


def test_a_need_with_no_good_answer_here_is_a_scouting_hint(pair, battery_result, battery_need, crayfish_need):
    digest = digest_build(pair=pair, period_start=WEEK)
    assert [item.need for item in section(digest, DigestSection.SCOUTING)] == [crayfish_need]


def test_our_new_result_is_ranked_against_open_needs_city_wide(pair, university, battery_need):
    first = digest_build(pair=pair, period_start=WEEK)
    assert [item.need for item in section(first, DigestSection.SCOUTING)] == [battery_need]

    battery_result = data.result(university, **data.BATTERY_RESULT)
    digest = digest_build(pair=pair, period_start=NEXT_WEEK)

    (item,) = section(digest, DigestSection.NEW_RESULTS)
    assert (item.match.achievement, item.need) == (battery_result, battery_need)
    assert not section(digest, DigestSection.NEW_NEEDS), "the need is not new any more"


def test_a_pairing_new_on_both_sides_is_listed_once(pair, battery_result, battery_need):
    digest = digest_build(pair=pair, period_start=WEEK)
    assert len(section(digest, DigestSection.NEW_NEEDS)) == 1
    assert not section(digest, DigestSection.NEW_RESULTS)


def test_other_universities_withdrawn_results_and_closed_needs_are_never_suggested(
    pair, other_university, enterprise, erin, university
):
    data.result(other_university, **data.BATTERY_RESULT)
    data.result(university, status=AchievementStatus.WITHDRAWN, **data.BATTERY_RESULT)
    data.need(enterprise, erin, status=NeedStatus.CLOSED, close_outcome="dropped", **data.BATTERY_NEED)
    data.need(enterprise, erin, status=NeedStatus.REJECTED, **data.BATTERY_NEED)

    digest = digest_build(pair=pair, period_start=WEEK)

    assert not digest.items.exclude(section=DigestSection.SCOUTING).exists()
    assert not Match.objects.exists()


def test_a_dismissed_suggestion_is_never_made_again(pair, alice, battery_result, battery_need):
    first = digest_build(pair=pair, period_start=WEEK)
    match = section(first, DigestSection.NEW_NEEDS)[0].match
    match_dismiss(match=match, officer=alice, reason="团队不做储能方向")
    battery_need.description += "补充：需在明年一季度前完成试点。"
    battery_need.save()  # changed since the last digest, so it is new again

    second = digest_build(pair=pair, period_start=NEXT_WEEK)

    assert not second.items.filter(match=match).exists()
    match.refresh_from_db()
    assert match.state == MatchState.DISMISSED


def test_the_next_week_holds_only_what_changed_since(pair, battery_result, battery_need, university, enterprise, erin):
    digest_build(pair=pair, period_start=WEEK)
    second = digest_build(pair=pair, period_start=NEXT_WEEK)
    assert not second.items.exists()

    steel_need = data.need(
        enterprise,
        erin,
        title="车身用超高强钢板供应",
        description="需要抗拉强度1500兆帕以上的热成形钢板用于车身安全件。",
        industry="advanced_materials",
    )
    steel_result = data.result(university, **data.STEEL_RESULT)
    third = digest_build(pair=pair, period_start=NEXT_WEEK + datetime.timedelta(days=7))
    assert {
        (item.need_id, item.match.achievement_id) for item in third.items.exclude(section=DigestSection.SCOUTING)
    } == {(steel_need.pk, steel_result.pk)}


def test_building_twice_gives_one_digest_and_one_email_per_officer(
    pair, alice, bob, battery_result, battery_need, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = digest_build(pair=pair, period_start=WEEK)
    with django_capture_on_commit_callbacks(execute=True):
        again = digest_build(pair=pair, period_start=WEEK)

    assert again.pk == first.pk
    assert Digest.objects.count() == 1
    assert sorted(message.to[0] for message in mail.outbox) == sorted([alice.email, bob.email])
    assert Notification.objects.filter(event_key=f"digest:{first.pk}").count() == 2


def test_the_email_has_text_and_html_with_the_reason_and_escaped_titles(
    pair, alice, battery_result, enterprise, erin, django_capture_on_commit_callbacks
):
    data.need(enterprise, erin, **{**data.BATTERY_NEED, "title": "<b>储能锂电池低温容量衰减</b>"})
    with django_capture_on_commit_callbacks(execute=True):
        digest_build(pair=pair, period_start=WEEK)
    message = next(m for m in mail.outbox if m.to == [alice.email])
    html = message.alternatives[0][0]
    assert "&lt;b&gt;储能锂电池低温容量衰减&lt;/b&gt;" in html
    assert "共同关键词" in message.body
    assert f"/matches/digests/{Digest.objects.get().pk}/" in message.body


def test_an_officer_who_prefers_english_gets_the_email_in_english(
    pair, alice, battery_result, battery_need, django_capture_on_commit_callbacks
):
    alice.preferred_language = "en"
    alice.save()
    with django_capture_on_commit_callbacks(execute=True):
        digest_build(pair=pair, period_start=WEEK)
    message = next(m for m in mail.outbox if m.to == [alice.email])
    assert "Matching digest" in message.subject
    assert "Shared key terms" in message.body


def test_a_rebuild_from_a_full_index_gives_the_same_items_and_no_second_email(
    pair, battery_result, battery_need, crayfish_need, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        digest = digest_build(pair=pair, period_start=WEEK)
    before = list(digest.items.values_list("section", "rank", "need_id", "match_id"))
    sent = len(mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        digest_build(pair=pair, period_start=WEEK, rebuild=True, index=corpus.index_build())

    assert list(digest.items.values_list("section", "rank", "need_id", "match_id")) == before
    assert len(mail.outbox) == sent


def test_the_index_is_reused_until_the_corpus_changes(battery_result, battery_need):
    first = corpus.index_current()
    assert corpus.index_current() is first
    battery_result.title += "（第二版）"
    battery_result.save()
    assert corpus.index_current() is not first


def test_building_a_digest_runs_a_bounded_number_of_queries(
    pair, university, enterprise, erin, django_assert_max_num_queries
):
    for number in range(5):
        data.result(university, **{**data.BATTERY_RESULT, "title": f"宽温域电解液{number}"})
        data.need(enterprise, erin, **{**data.BATTERY_NEED, "title": f"储能电池低温衰减{number}"})
    corpus.index_current()
    with translation.override("zh-hans"), django_assert_max_num_queries(40):
        digest_build(pair=pair, period_start=WEEK)


def test_a_rebuild_keeps_the_items_already_acted_on(pair, alice, battery_result, battery_need):
    digest = digest_build(pair=pair, period_start=WEEK)
    match = section(digest, DigestSection.NEW_NEEDS)[0].match
    match_dismiss(match=match, officer=alice, reason="团队不做储能方向")

    digest_build(pair=pair, period_start=WEEK, rebuild=True)

    (item,) = section(digest, DigestSection.NEW_NEEDS)
    assert item.match == match
    assert item.match.state == MatchState.DISMISSED
