"""Load the demo data: ten first-batch universities, their liaison pairs, teams, results, needs, visits and deals.

Idempotent: every record is found by its natural key before it is created, so a
second run changes nothing and prints the same logins.
"""

import datetime
import json
import random
from decimal import Decimal
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from achievements.models import Achievement, AchievementStatus
from achievements.services import achievement_reindex
from core.models import TransferModeOption
from deals.models import Deal, DealStageChange, EventAttendee, Landing, MatchmakingEvent
from deals.services import (
    deal_implement,
    deal_lose,
    deal_open,
    deal_register,
    deal_sign,
    deal_start_negotiation,
    event_record_signing,
)
from introductions.services import introduction_propose, introduction_record_team_consent
from matching.models import Match, MatchState
from matching.services import match_forward_to_enterprise, match_respond
from requests.models import CloseOutcome, Enterprise, EnterpriseMembership, EnterpriseStatus, NeedStatus, TechNeed
from requests.services import need_reindex
from requests.validators import credit_code_check_char
from universities.models import Contact, LiaisonOfficer, LiaisonPair, ResearchTeam, University
from universities.services import pair_station
from visits.models import CampusVisit, FollowUp, FollowUpStatus, VisitPurpose

DATA = Path(__file__).resolve().parents[2] / "demo_data"
DEMO_PASSWORD = "demo-2020"  # noqa: S105 - printed for the demo, never used in production
PAIRS_STARTED_ON = datetime.date(2020, 12, 1)
DOUYU_SESSION_DAY = datetime.date(2020, 11, 23)
# The brief says 8 live-streaming results signed for over 30 million yuan; the split per contract is illustrative.
DOUYU_AMOUNTS_WAN = [Decimal(v) for v in ("620", "480", "450", "400", "360", "300", "260", "190")]


def load(name: str) -> list[dict]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def credit_code_for(index: int) -> str:
    first_17 = f"91420100MA4K{index:05d}"
    return first_17 + credit_code_check_char(first_17)


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        with transaction.atomic():
            self.today = timezone.localdate()
            self.random = random.Random(2020)
            self.modes = {mode.code: mode for mode in TransferModeOption.objects.all()}
            self._users()
            universities = self._universities()
            pairs = self._pairs(universities)
            teams = self._teams(universities)
            results = self._achievements(universities, teams, pairs)
            enterprises = self._enterprises()
            self._needs(enterprises)
            self._visits(pairs, teams)
            self._events_and_deals(universities, enterprises, results)
            self._introductions(pairs, enterprises["douyu"])
        # This week's digests, as beat would make them on Monday; a second run finds them made.
        call_command("build_digests", stdout=self.stdout)
        self._print_logins()

    # -- people ---------------------------------------------------------------------------------

    def _user(self, username: str, *, role: str, full_name: str, email: str = "", **extra) -> User:
        user, created = User.objects.get_or_create(
            username=username, defaults={"role": role, "full_name": full_name, "email": email, **extra}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        return user

    def _users(self):
        self._user("admin", role=Role.ADMIN, full_name="系统管理员", is_staff=True, is_superuser=True)
        self._user("bureau", role=Role.BUREAU, full_name="成果转化局 王处长", email="bureau@example.gov.cn")

    def _universities(self) -> dict[str, University]:
        universities = {}
        for row in load("universities.json"):
            slug = row.pop("slug")
            universities[slug], _created = University.objects.get_or_create(
                slug=slug, defaults={**row, "in_first_batch": True}
            )
        return universities

    def _pairs(self, universities) -> dict[str, LiaisonPair]:
        officers_by_university: dict[str, list[LiaisonOfficer]] = {}
        for index, row in enumerate(load("officers.json"), start=1):
            user = self._user(
                row["username"],
                role=Role.OFFICER,
                full_name=row["full_name"],
                email=f"{row['username']}@example.gov.cn",
            )
            officer, _created = LiaisonOfficer.objects.get_or_create(
                user=user, defaults={"centre": row["centre"], "phone": f"027-8500{index:04d}"}
            )
            officers_by_university.setdefault(row["university"], []).append(officer)
        pairs = {}
        for slug, officers in officers_by_university.items():
            active = LiaisonPair.objects.filter(university=universities[slug], ended_on__isnull=True).first()
            pairs[slug] = active or pair_station(
                university=universities[slug], officers=officers, started_on=PAIRS_STARTED_ON
            )
        return pairs

    # -- campus ---------------------------------------------------------------------------------

    def _teams(self, universities) -> dict[tuple[str, str], ResearchTeam]:
        teams = {}
        for row in load("teams.json"):
            team, _created = ResearchTeam.objects.get_or_create(
                university=universities[row["university"]],
                name=row["name"],
                defaults={"leader": row["leader"], "discipline": row.get("discipline", "")},
            )
            for contact in row.get("contacts", []):
                Contact.objects.get_or_create(team=team, name=contact["name"], defaults=contact)
            teams[(row["university"], row["name"])] = team
        return teams

    def _achievements(self, universities, teams, pairs) -> list[Achievement]:
        results = []
        now = timezone.now()
        for index, row in enumerate(load("achievements.json")):
            university = universities[row["university"]]
            cataloguer = pairs[row["university"]].memberships.order_by("seat").first().officer.user
            created_at = now - datetime.timedelta(days=5 + (index * 37) % 700)
            achievement, created = Achievement.objects.get_or_create(
                university=university,
                title=row["title"],
                defaults={
                    "team": teams.get((row["university"], row["team"])),
                    "abstract": row["abstract"],
                    "field": row["field"],
                    "keywords": ", ".join(row["keywords"]),
                    "language": row["lang"],
                    "trl": row["trl"],
                    "ip_type": row["ip_type"],
                    "patent_numbers": row.get("patent_numbers", ""),
                    "asking_price_wan": row.get("asking_price_wan"),
                    "status": row["status"],
                    "catalogued_by": cataloguer,
                    "published_at": created_at + datetime.timedelta(days=2) if row["status"] == "published" else None,
                },
            )
            if created:
                achievement.transfer_modes.set([self.modes[code] for code in row["transfer_modes"]])
                Achievement.objects.filter(pk=achievement.pk).update(created_at=created_at)
                achievement_reindex(achievement=achievement)
            results.append(achievement)
        return results

    # -- enterprises ----------------------------------------------------------------------------

    def _enterprise(self, index: int, row: dict, status: str) -> Enterprise:
        enterprise, _created = Enterprise.objects.get_or_create(
            name=row["name"],
            defaults={
                "credit_code": credit_code_for(index),
                "district": row["district"],
                "industry": row["industry"],
                "contact_person": row["contact_person"],
                "phone": row["phone"],
                "email": row["email"],
                "status": status,
            },
        )
        user = self._user(row["key"], role=Role.ENTERPRISE, full_name=row["contact_person"], email=row["email"])
        EnterpriseMembership.objects.get_or_create(user=user, defaults={"enterprise": enterprise, "is_manager": True})
        return enterprise

    def _enterprises(self) -> dict[str, Enterprise]:
        enterprises = {
            row["key"]: self._enterprise(index, row, EnterpriseStatus.APPROVED)
            for index, row in enumerate(load("enterprises.json"), start=1)
        }
        waiting = {
            "key": "pending-co",
            "name": "武汉江城智造装备有限公司",
            "district": "cai_dian",
            "industry": "intelligent_manufacturing",
            "contact_person": "钱立新",
            "phone": "13900009999",
            "email": "pending@example.com",
        }
        self._enterprise(999, waiting, EnterpriseStatus.PENDING)
        return enterprises

    def _needs(self, enterprises):
        closed_outcomes = [CloseOutcome.SOLVED_ELSEWHERE, CloseOutcome.DROPPED]
        for index, row in enumerate(load("needs.json")):
            enterprise = enterprises[row["enterprise"]]
            status = row["status"]
            approved = status in (NeedStatus.OPEN, NeedStatus.CLOSED)
            need, created = TechNeed.objects.get_or_create(
                enterprise=enterprise,
                title=row["title"],
                defaults={
                    "description": row["description"],
                    "tried": row.get("tried", ""),
                    "target_indicators": row.get("target_indicators", ""),
                    "industry": row["industry"],
                    "budget_min_wan": row.get("budget_min_wan"),
                    "budget_max_wan": row.get("budget_max_wan"),
                    "deadline": self.today + datetime.timedelta(days=row["deadline_days"]),
                    "language": row["lang"],
                    "is_public": row["is_public"],
                    "status": status,
                    "close_outcome": closed_outcomes[index % 2] if status == NeedStatus.CLOSED else "",
                    "created_by": enterprise.memberships.first().user,
                    "approved_at": timezone.now() - datetime.timedelta(days=3 + index % 60) if approved else None,
                },
            )
            if created:
                need.preferred_modes.set([self.modes[code] for code in row["preferred_modes"]])
                need_reindex(need=need)

    # -- visits ---------------------------------------------------------------------------------

    def _visits(self, pairs, teams):
        purposes = {purpose.code: purpose for purpose in VisitPurpose.objects.all()}
        plans = [
            (1, ["scouting", "follow_up"], "与团队负责人交流了最新进展，约定下月再访，了解中试安排。"),
            (9, ["presenting_needs"], "介绍了两家企业的技术需求，团队表示可以先做小样验证。"),
            (23, ["policy", "scouting"], "宣讲了成果转化收益分配政策，团队关心作价入股的审批流程。"),
        ]
        for slug, pair in pairs.items():
            if CampusVisit.objects.filter(university=pair.university).exists():
                continue
            officers = [membership.officer.user for membership in pair.memberships.order_by("seat")]
            university_teams = [team for (team_slug, _name), team in teams.items() if team_slug == slug]
            for number, (days_ago, purpose_codes, notes) in enumerate(plans):
                visit = CampusVisit.objects.create(
                    pair=pair,
                    university=pair.university,
                    visited_on=self.today - datetime.timedelta(days=days_ago),
                    notes=notes,
                    created_by=officers[number % 2],
                )
                visit.officers_present.set(officers if number != 1 else officers[:1])
                met = university_teams[number % len(university_teams)] if university_teams else None
                if met is not None:
                    visit.teams.set([met])
                    visit.contacts.set(met.contacts.all()[:1])
                visit.purposes.set([purposes[code] for code in purpose_codes])
            FollowUp.objects.create(
                university=pair.university,
                owner=officers[0],
                title="把企业需求材料发给团队并确认样品测试时间",
                due_on=self.today - datetime.timedelta(days=3),
                status=FollowUpStatus.OPEN,
            )
            FollowUp.objects.create(
                university=pair.university,
                owner=officers[1],
                title="回访团队，了解专利许可意向",
                due_on=self.today + datetime.timedelta(days=5),
                status=FollowUpStatus.OPEN,
            )

    # -- events and deals -----------------------------------------------------------------------
    # Deals are made through the deal services, as an officer or bureau staff would make them, so the
    # results' and needs' statuses and the stage audit follow exactly as they do in the portal.

    def _session_day(self, row: dict) -> datetime.date:
        if "date" in row:
            return datetime.date.fromisoformat(row["date"])
        return datetime.date(self.today.year, row["month"], row["day"])

    def _sessions(self, universities, enterprises) -> dict[str, MatchmakingEvent]:
        bureau = User.objects.get(username="bureau")
        sessions = {}
        for row in load("sessions.json"):
            event, created = MatchmakingEvent.objects.get_or_create(
                name=row["name"],
                defaults={
                    "level": row["level"],
                    "theme_kind": row["theme_kind"],
                    "theme": row["theme"],
                    "organiser": row["organiser"],
                    "held_on": self._session_day(row),
                    "venue": row.get("venue", ""),
                    "is_online": row.get("is_online", False),
                    "university": universities.get(row.get("university", "")),
                    "is_published": True,
                },
            )
            if created:
                event.enterprises_invited.set([enterprises[key] for key in row.get("invited", [])])
            if event.held_on <= self.today:
                for key, name in row.get("checked_in", []):
                    attendee, created = EventAttendee.objects.get_or_create(
                        event=event,
                        enterprise=enterprises[key],
                        defaults={"name": name, "organisation": enterprises[key].name, "checked_in_by": bureau},
                    )
                    if created:  # at the door on the day, not when the demo was loaded
                        arrival = datetime.datetime.combine(event.held_on, datetime.time(9, 10 + len(name)))
                        EventAttendee.objects.filter(pk=attendee.pk).update(checked_in_at=timezone.make_aware(arrival))
            sessions[row["key"]] = event
        return sessions

    def _officer_of(self, achievement):
        return achievement.university.pairs.get(ended_on__isnull=True).memberships.order_by("seat").first().officer.user

    def _date_the_audit(self, deal: Deal, signed_on: datetime.date | None) -> None:
        """Spread the stage changes over the weeks around the signing, as they happened, not at seed time."""
        anchor = signed_on or self.today - datetime.timedelta(days=10)
        offsets = {"introduced": -45, "negotiating": -20, "signed": 0, "registered": 12, "implemented": 60, "lost": 0}
        now = timezone.now()
        for change in deal.stage_changes.all():
            day = anchor + datetime.timedelta(days=offsets[change.to_stage])
            moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 30)))
            DealStageChange.objects.filter(pk=change.pk).update(changed_at=min(moment, now))

    def _events_and_deals(self, universities, enterprises, results):
        sessions = self._sessions(universities, enterprises)
        bureau = User.objects.get(username="bureau")
        # Drafts never; the others by catalogue order whatever their status now, so a second run picks the same.
        published = [result for result in results if result.status != AchievementStatus.DRAFT]
        streaming = [result for result in published if result.field == "internet_media"][:8]
        douyu_event = sessions["douyu"]
        douyu_event.achievements_on_show.add(*streaming)
        for achievement, amount in zip(streaming, DOUYU_AMOUNTS_WAN, strict=False):
            if Deal.objects.filter(achievement=achievement, event=douyu_event).exists():
                continue
            deal = event_record_signing(
                event=douyu_event,
                user=bureau,
                achievement=achievement,
                enterprise=enterprises["douyu"],
                mode="licence",
                amount_wan=amount,
                signed_on=DOUYU_SESSION_DAY,
                landing=Landing.WUHAN,
            )
            Deal.objects.filter(pk=deal.pk).update(responsible_officer=self._officer_of(achievement))
            self._date_the_audit(deal, DOUYU_SESSION_DAY)
        self._deals_this_year(published, enterprises, sessions, used={result.pk for result in streaming})

    def _deals_this_year(self, published, enterprises, sessions, used):
        """This year's deals of deals.json at every stage, matched by field, landing mostly in Wuhan.

        The choice of results depends only on the catalogue, so a second run finds the same deals.
        """
        year = self.today.year
        partners = [key for key in enterprises if key != "douyu"]
        for number, row in enumerate(load("deals.json")):
            enterprise = enterprises[partners[number % len(partners)]]
            candidates = [r for r in published if r.pk not in used and r.field == enterprise.industry] or [
                r for r in published if r.pk not in used
            ]
            achievement = candidates[0]
            used.add(achievement.pk)
            if Deal.objects.filter(achievement=achievement, enterprise=enterprise).exists():
                continue
            event = sessions.get(row.get("session", ""))
            if event is not None and event.held_on > self.today:
                event = None  # nothing is signed at a session that has not happened yet
            signed_on = None
            if row["stage"] in ("signed", "registered", "implemented"):
                signed_on = (
                    event.held_on if event else min(datetime.date(year, 1 + number % 12, 10 + number), self.today)
                )
            self._deal(achievement, enterprise, row, event=event, signed_on=signed_on)

    def _deal(self, achievement, enterprise, row, *, event, signed_on):
        officer = self._officer_of(achievement)
        if event is not None:
            event.achievements_on_show.add(achievement)
        deal = deal_open(
            achievement=achievement, enterprise=enterprise, opened_by=officer, mode=row["mode"], event=event
        )
        stage = row["stage"]
        if (
            stage in ("negotiating", "signed", "registered", "implemented") and row["mode"] != "co_development"
        ) or stage == "negotiating":
            deal = deal_start_negotiation(deal=deal, user=officer)
        if stage in ("signed", "registered", "implemented"):
            deal = deal_sign(
                deal=deal,
                user=officer,
                amount_wan=Decimal(row["amount_wan"]),
                signed_on=signed_on,
                landing=row["landing"],
            )
        if stage in ("registered", "implemented"):
            deal = deal_register(deal=deal, user=officer, registration_number=f"{signed_on.year}{row['registration']}")
        if stage == "implemented":
            deal = deal_implement(deal=deal, user=officer)
        if stage == "lost":
            deal = deal_lose(deal=deal, user=officer, reason=row["lost_reason"])
        self._date_the_audit(deal, signed_on)

    # -- forwarded results and introductions ----------------------------------------------------

    def _forward(self, pair, enterprise, *, result_title: str, need_title: str, note: str):
        """An officer of `pair` forwards a result to one of the enterprise's needs, once."""
        achievement = Achievement.objects.get(university=pair.university, title=result_title)
        need = TechNeed.objects.get(enterprise=enterprise, title=need_title)
        existing = Match.objects.filter(need=need, achievement=achievement).exclude(state=MatchState.SUGGESTED)
        if existing.exists():
            return None
        officer = pair.memberships.order_by("seat").first().officer.user
        return match_forward_to_enterprise(need=need, achievement=achievement, officer=officer, note=note)

    def _introductions(self, pairs, douyu):
        """Douyu's story in the demo: one introduction waits for its acceptance, one result for its answer."""
        match = self._forward(
            pairs["ccnu"],
            douyu,
            result_title="直播弹幕情感分析与违规文本识别引擎",
            need_title="直播内容多模态实时智能审核",
            note="弹幕与语音转写文本的违规识别可直接接入贵司审核链路，识别暗语和引流话术。",
        )
        if match is not None:
            douyu_user = douyu.memberships.first().user
            match = match_respond(match=match, user=douyu_user, interested=True)
            officer = match.forwarded_by
            introduction = introduction_propose(
                officer=officer,
                match=match,
                contact=match.achievement.team.contacts.order_by("name").first(),
                mode="licence",
                message="团队负责人下周二、周四下午可在华师面谈，也可线上演示。",
            )
            introduction_record_team_consent(
                introduction=introduction,
                officer=officer,
                consent_by=match.achievement.team.leader,
                consent_on=self.today,
                channel="phone",
            )
        self._forward(
            pairs["wut"],
            douyu,
            result_title="户外直播5G多链路聚合传输终端",
            need_title="移动端直播超低延迟传输技术优化",
            note="多链路聚合可在户外弱网下把端到端延迟稳定在800毫秒以内。",
        )

    # -- output ---------------------------------------------------------------------------------

    def _print_logins(self):
        write = self.stdout.write
        write(self.style.SUCCESS("Demo data ready. Every demo account's password is: " + DEMO_PASSWORD))
        write("  admin            系统管理员 (Django admin at /admin/)")
        write("  bureau           成果转化局工作人员 (bureau staff)")
        for officer in LiaisonOfficer.objects.select_related("user").order_by("user__username"):
            write(f"  {officer.user.username:<16} {officer.user.full_name} (liaison officer)")
        memberships = EnterpriseMembership.objects.select_related("user", "enterprise").order_by("user__username")
        featured = ("douyu", "pending-co")
        for membership in sorted(memberships, key=lambda m: (m.user.username not in featured, m.user.username))[:6]:
            enterprise = membership.enterprise
            write(f"  {membership.user.username:<16} {enterprise} ({enterprise.get_status_display()})")
        write("Open http://127.0.0.1:8000 and log in with one of the names above.")
