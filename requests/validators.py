"""The unified social credit code (统一社会信用代码) of GB 32100-2015, and the terms of a technology need."""

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The code's alphabet leaves out I, O, S, V and Z so they are not misread.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def credit_code_check_char(first_17: str) -> str:
    total = sum(CREDIT_CODE_ALPHABET.index(char) * weight for char, weight in zip(first_17, _WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def normalise_credit_code(value: str) -> str:
    return value.strip().upper()


def validate_credit_code(value: str) -> None:
    code = normalise_credit_code(value)
    if len(code) != 18:
        raise ValidationError(_("A unified social credit code has 18 characters."), code="length")
    if not _SHAPE.match(code):
        raise ValidationError(
            _("A unified social credit code uses digits and capital letters except I, O, S, V and Z."),
            code="characters",
        )
    if credit_code_check_char(code[:17]) != code[17]:
        raise ValidationError(
            _("The check digit of this unified social credit code is wrong: please check the code."),
            code="check_digit",
        )


def validate_need_terms(
    *, budget_min_wan: Decimal | None, budget_max_wan: Decimal | None, deadline: datetime.date | None
) -> None:
    """A need's budget range is 0 or more with the minimum not above the maximum; its deadline is not past.

    Raises one ValidationError naming each field at fault, so a form can show the message beside it.
    """
    errors = {}
    if budget_min_wan is not None and budget_min_wan < 0:
        errors["budget_min_wan"] = _("A budget cannot be negative.")
    if budget_max_wan is not None and budget_max_wan < 0:
        errors["budget_max_wan"] = _("A budget cannot be negative.")
    if not errors and budget_min_wan is not None and budget_max_wan is not None and budget_min_wan > budget_max_wan:
        errors["budget_max_wan"] = _("The highest budget must not be below the lowest.")
    if deadline is not None and deadline < timezone.localdate():
        errors["deadline"] = _("The deadline cannot be in the past.")
    if errors:
        raise ValidationError(errors)
