import datetime

import factory
from django.utils import timezone

from accounts.models import Role, User
from achievements.models import Achievement, AchievementStatus
from deals.models import Deal, MatchmakingEvent
from matching.models import Digest, DigestItem, Match
from requests.models import Enterprise, EnterpriseMembership, EnterpriseStatus, NeedStatus, TechNeed
from requests.validators import credit_code_check_char
from universities.models import Contact, LiaisonOfficer, LiaisonPair, PairMembership, ResearchTeam, University
from visits.models import CampusVisit, FollowUp

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name", locale="zh_CN")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    role = Role.ENTERPRISE
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class UniversityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = University

    slug = factory.Sequence(lambda n: f"uni{n}")
    name_zh = factory.Sequence(lambda n: f"武汉第{n}大学")
    name_en = factory.Sequence(lambda n: f"Wuhan University No. {n}")
    short_name = factory.Sequence(lambda n: f"武{n}")
    tier = "211"
    district = "hong_shan"
    in_first_batch = True


class ResearchTeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResearchTeam

    university = factory.SubFactory(UniversityFactory)
    name = factory.Sequence(lambda n: f"先进材料研究团队{n}")
    leader = factory.Faker("name", locale="zh_CN")
    discipline = "材料科学与工程"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    team = factory.SubFactory(ResearchTeamFactory)
    name = factory.Faker("name", locale="zh_CN")
    title = "教授"
    phone = factory.Sequence(lambda n: f"1380000{n:04d}")
    email = factory.Sequence(lambda n: f"prof{n}@example.edu.cn")


class LiaisonOfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LiaisonOfficer

    user = factory.SubFactory(UserFactory, role=Role.OFFICER)
    centre = "achievement_transformation"
    phone = "027-85000000"


class LiaisonPairFactory(factory.django.DjangoModelFactory):
    """An active pair with two officers in seats 1 and 2."""

    class Meta:
        model = LiaisonPair
        skip_postgeneration_save = True

    university = factory.SubFactory(UniversityFactory)
    started_on = datetime.date(2020, 12, 1)

    @factory.post_generation
    def officers(pair, create, extracted, **kwargs):
        if not create:
            return
        for seat, officer in enumerate(extracted or [LiaisonOfficerFactory(), LiaisonOfficerFactory()], start=1):
            PairMembership.objects.create(pair=pair, officer=officer, seat=seat, started_on=pair.started_on)


def valid_credit_code(n: int) -> str:
    first_17 = f"91420100MA4K{n:05d}"
    return first_17 + credit_code_check_char(first_17)


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"武汉光谷测试科技有限公司{n}")
    credit_code = factory.Sequence(valid_credit_code)
    district = "east_lake_hitech"
    industry = "optoelectronics"
    contact_person = factory.Faker("name", locale="zh_CN")
    phone = "13900000000"
    email = factory.Sequence(lambda n: f"company{n}@example.com")
    status = EnterpriseStatus.APPROVED


class EnterpriseMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnterpriseMembership

    user = factory.SubFactory(UserFactory, role=Role.ENTERPRISE)
    enterprise = factory.SubFactory(EnterpriseFactory)
    is_manager = True


class AchievementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Achievement

    university = factory.SubFactory(UniversityFactory)
    team = factory.SubFactory(ResearchTeamFactory, university=factory.SelfAttribute("..university"))
    title = factory.Sequence(lambda n: f"高能量密度磷酸铁锂电池正极材料{n}")
    abstract = "通过碳包覆与纳米化工艺，将磷酸铁锂正极材料的压实密度提升至2.6 g/cm³，适用于储能电池。"
    field = "new_energy"
    keywords = "磷酸铁锂, 正极材料, 储能"
    trl = 6
    ip_type = "invention_patent"
    status = AchievementStatus.PUBLISHED
    catalogued_by = factory.SubFactory(UserFactory, role=Role.OFFICER)
    published_at = factory.LazyFunction(timezone.now)


class TechNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TechNeed

    enterprise = factory.SubFactory(EnterpriseFactory)
    title = factory.Sequence(lambda n: f"储能电池低温性能提升{n}")
    description = "我司储能电池在零下20摄氏度时容量衰减超过40%，需要低温电解液或正极改性方案。"
    industry = "new_energy"
    status = NeedStatus.OPEN
    created_by = factory.SubFactory(UserFactory, role=Role.ENTERPRISE)
    approved_at = factory.LazyFunction(timezone.now)


class CampusVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampusVisit

    pair = factory.SubFactory(LiaisonPairFactory)
    university = factory.SelfAttribute("pair.university")
    visited_on = factory.LazyFunction(timezone.localdate)
    notes = "与团队交流了中试进展。"
    created_by = factory.LazyAttribute(lambda visit: visit.pair.memberships.first().officer.user)


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    university = factory.SubFactory(UniversityFactory)
    owner = factory.SubFactory(UserFactory, role=Role.OFFICER)
    title = "把企业需求材料发给团队"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=3))


class MatchmakingEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MatchmakingEvent

    name = factory.Sequence(lambda n: f"人工智能专场对接会{n}")
    level = "large"
    theme_kind = "industry"
    theme = "人工智能"
    organiser = "武汉市科技成果转化局"
    held_on = datetime.date(2026, 4, 16)
    is_published = True


class DealFactory(factory.django.DjangoModelFactory):
    """A deal signed on 2025-03-10 for 100 (10k yuan), landing in Wuhan; pass stage/landing/signed_on to vary."""

    class Meta:
        model = Deal

    achievement = factory.SubFactory(AchievementFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    mode = "licence"
    amount_wan = 100
    stage = "signed"
    signed_on = datetime.date(2025, 3, 10)
    landing = "wuhan"


class MatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    need = factory.SubFactory(TechNeedFactory)
    achievement = factory.SubFactory(AchievementFactory)


class DigestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Digest

    pair = factory.SubFactory(LiaisonPairFactory)
    period_start = datetime.date(2025, 3, 3)


class DigestItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DigestItem

    digest = factory.SubFactory(DigestFactory)
    match = factory.SubFactory(MatchFactory)
    need = factory.SelfAttribute("match.need")
    section = "new_needs"
    rank = factory.Sequence(lambda n: n % 10 + 1)
