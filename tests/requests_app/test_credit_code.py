import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from requests.validators import credit_code_check_char, validate_credit_code
from tests import factories

# Published codes of Huawei Technologies, Tencent Technology (Shenzhen) and Xiaomi.
REAL_CODES = ["914403001922038216", "9144030071526726XG", "91110108551385082Q"]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_credit_codes_pass(code):
    validate_credit_code(code)


def test_lower_case_and_spaces_are_accepted_as_typed():
    validate_credit_code("  9144030071526726xg ")


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("9144030071526726XA", "check_digit"),
        ("9111000080210043", "length"),
        ("91110000802100433BX", "length"),
        ("9111000080210O433B", "characters"),
        ("911100008021004I3B", "characters"),
    ],
)
def test_wrong_credit_codes_are_refused_with_the_reason(code, problem):
    with pytest.raises(ValidationError) as error:
        validate_credit_code(code)
    assert error.value.code == problem


def test_the_check_digit_is_computed_over_the_first_17_characters():
    assert credit_code_check_char("91110108551385082") == "Q"


@pytest.mark.django_db
def test_two_enterprises_cannot_share_a_credit_code():
    first = factories.EnterpriseFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.EnterpriseFactory(credit_code=first.credit_code)
