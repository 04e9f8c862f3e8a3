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
from deals.models import Deal, DealStage, EventLevel, Landing, MatchmakingEvent, ThemeKind
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

    def _event(self, name: str, **fields) -> tuple[MatchmakingEvent, bool]:
        return MatchmakingEvent.objects.get_or_create(name=name, defaults=fields)

    def _sign(self, *, achievement, enterprise, event, mode, amount, signed_on, landing, officer):
        deal, created = Deal.objects.get_or_create(
            achievement=achievement,
            enterprise=enterprise,
            defaults={
                "event": event,
                "mode": mode,
                "amount_wan": amount,
                "stage": DealStage.SIGNED,
                "signed_on": signed_on,
                "landing": landing,
                "responsible_officer": officer,
            },
        )
        if created and mode in ("assignment", "equity"):
            Achievement.objects.filter(pk=achievement.pk).update(status=AchievementStatus.TRANSFERRED)
        return deal

    def _officer_of(self, achievement):
        return achievement.university.pairs.get(ended_on__isnull=True).memberships.order_by("seat").first().officer.user

    def _events_and_deals(self, universities, enterprises, results):
        published = [result for result in results if result.status != AchievementStatus.DRAFT]
        streaming = [result for result in published if result.field == "internet_media"][:8]
        douyu_event, created = self._event(
            "斗鱼直播技术成果专场对接会",
            level=EventLevel.LARGE,
            theme_kind=ThemeKind.INDUSTRY,
            theme="互联网与直播",
            organiser="武汉市科技成果转化局",
            held_on=DOUYU_SESSION_DAY,
            venue="武汉斗鱼网络科技有限公司",
            is_published=True,
        )
        if created:
            douyu_event.achievements_on_show.set(streaming)
            douyu_event.enterprises_invited.set([enterprises["douyu"]])
        for achievement, amount in zip(streaming, DOUYU_AMOUNTS_WAN, strict=False):
            self._sign(
                achievement=achievement,
                enterprise=enterprises["douyu"],
                event=douyu_event,
                mode="licence",
                amount=amount,
                signed_on=DOUYU_SESSION_DAY,
                landing=Landing.WUHAN,
                officer=self._officer_of(achievement),
            )
        year = self.today.year
        sessions = [
            (
                "人工智能与光电子专场对接会",
                EventLevel.LARGE,
                ThemeKind.INDUSTRY,
                "人工智能与光电子",
                "武汉市科技成果转化局",
                datetime.date(year, 4, 16),
                "光谷科技会展中心",
                None,
            ),
            (
                "东湖高新区激光产业专场",
                EventLevel.MEDIUM,
                ThemeKind.INDUSTRY,
                "激光与光电子",
                "东湖新技术开发区管委会",
                datetime.date(year, 6, 20),
                "光谷创新天地",
                None,
            ),
            (
                "华中农业大学成果专场",
                EventLevel.SMALL,
                ThemeKind.UNIVERSITY,
                "华中农业大学",
                "武汉江汉技术转移服务中心",
                datetime.date(year, 9, 12),
                "华中农业大学国际学术交流中心",
                "hzau",
            ),
            (
                "新能源与新材料专场对接会",
                EventLevel.LARGE,
                ThemeKind.INDUSTRY,
                "新能源与新材料",
                "武汉市科技成果转化局",
                datetime.date(year, 12, 10),
                "武汉国际博览中心",
                None,
            ),
        ]
        events = []
        for name, level, kind, theme, organiser, held_on, venue, university_slug in sessions:
            event, _created = self._event(
                name,
                level=level,
                theme_kind=kind,
                theme=theme,
                organiser=organiser,
                held_on=held_on,
                venue=venue,
                university=universities.get(university_slug) if university_slug else None,
                is_published=True,
            )
            events.append(event)
        self._deals_this_year(published, enterprises, events, used={result.pk for result in streaming})

    def _deals_this_year(self, published, enterprises, events, used):
        """About a dozen deals of this year, matched by field, landing mostly in Wuhan.

        The choice of results depends only on the catalogue, so a second run finds the same deals.
        """
        year = self.today.year
        plan = [
            (DealStage.SIGNED, "licence", Landing.WUHAN, "180"),
            (DealStage.SIGNED, "assignment", Landing.WUHAN, "320"),
            (DealStage.SIGNED, "co_development", Landing.WUHAN, "150"),
            (DealStage.SIGNED, "equity", Landing.WUHAN, "800"),
            (DealStage.SIGNED, "licence", Landing.HUBEI, "90"),
            (DealStage.SIGNED, "licence", Landing.WUHAN, "60"),
            (DealStage.SIGNED, "assignment", Landing.OUTSIDE, "260"),
            (DealStage.SIGNED, "commissioned_development", Landing.WUHAN, "120"),
            (DealStage.SIGNED, "licence", Landing.HUBEI, "75"),
            (DealStage.NEGOTIATING, "licence", "", None),
            (DealStage.NEGOTIATING, "assignment", "", None),
            (DealStage.LOST, "licence", "", None),
        ]
        partners = [key for key in enterprises if key != "douyu"]
        for number, (stage, mode, landing, amount) in enumerate(plan):
            enterprise = enterprises[partners[number % len(partners)]]
            candidates = [r for r in published if r.pk not in used and r.field == enterprise.industry] or [
                r for r in published if r.pk not in used
            ]
            achievement = candidates[0]
            used.add(achievement.pk)
            if Deal.objects.filter(achievement=achievement, enterprise=enterprise).exists():
                continue
            event = events[number % 3] if number < 6 else None
            if event is not None:
                event.achievements_on_show.add(achievement)
            if stage == DealStage.SIGNED:
                signed_on = min(datetime.date(year, 1 + number, 10 + number), self.today)
                self._sign(
                    achievement=achievement,
                    enterprise=enterprise,
                    event=event,
                    mode=mode,
                    amount=Decimal(amount),
                    signed_on=signed_on,
                    landing=landing,
                    officer=self._officer_of(achievement),
                )
                continue
            Deal.objects.create(
                achievement=achievement,
                enterprise=enterprise,
                mode=mode,
                stage=stage,
                lost_reason="企业转向自主研发，暂停合作" if stage == DealStage.LOST else "",
                responsible_officer=self._officer_of(achievement),
            )
            if stage == DealStage.NEGOTIATING:
                Achievement.objects.filter(pk=achievement.pk).update(status=AchievementStatus.NEGOTIATING)

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
