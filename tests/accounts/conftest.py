import pytest

from requests.models import EnterpriseStatus
from tests import factories

CREDIT_CODE = factories.valid_credit_code(90001)


@pytest.fixture
def registration():
    """What a company types into the registration form."""
    return {
        "name": "武汉智光激光科技有限公司",
        "credit_code": CREDIT_CODE.lower(),
        "district": "east_lake_hitech",
        "industry": "optoelectronics",
        "contact_person": "李经理",
        "email": "li@zhiguang.example.cn",
        "phone": "027-87654321",
        "username": "zhiguang",
        "password1": "Laser-Cutting-2026",
        "password2": "Laser-Cutting-2026",
    }


@pytest.fixture
def pending_enterprise(db):
    return factories.EnterpriseFactory(status=EnterpriseStatus.PENDING)


@pytest.fixture
def pending_manager(pending_enterprise):
    return factories.EnterpriseMembershipFactory(enterprise=pending_enterprise, is_manager=True).user


@pytest.fixture
def colleague(enterprise):
    """Erin's colleague: a member of her enterprise but not its manager."""
    return factories.EnterpriseMembershipFactory(enterprise=enterprise, is_manager=False).user
