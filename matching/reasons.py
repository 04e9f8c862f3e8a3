"""Why a suggestion fits, in words: the engine's explanation rendered in the reader's language."""

from django.utils.translation import gettext as _

from core.choices import TransferMode


def _term(term: dict) -> str:
    zh, en = term.get("zh", ""), term.get("en", "")
    return f"{zh} / {en}" if zh and en and zh != en else (zh or en)


def reason_phrases(explanation: dict) -> list[str]:
    """Short phrases for a person: shared key terms, field, TRL, transfer modes and price against budget."""
    phrases = []
    terms = [_term(term) for term in explanation.get("terms", []) if _term(term)]
    if terms:
        phrases.append(_("Shared key terms: %(terms)s") % {"terms": "、".join(terms)})
    if explanation.get("cross_language"):
        phrases.append(_("Found across Chinese and English"))
    if explanation.get("field") == "same":
        phrases.append(_("Same field as the need"))
    if explanation.get("trl"):
        phrases.append(_("Technology readiness level %(trl)s") % {"trl": explanation["trl"]})
    modes = [str(TransferMode(code).label) for code in explanation.get("modes", []) if code in TransferMode.values]
    if modes:
        phrases.append(_("Both accept: %(modes)s") % {"modes": "、".join(modes)})
    budget = explanation.get("budget")
    if budget == "within":
        phrases.append(_("Asking price within the budget"))
    elif budget == "above":
        phrases.append(
            _("Asking price %(price)s above the budget of %(budget)s (10k yuan)")
            % {"price": explanation.get("asking_price_wan"), "budget": explanation.get("budget_max_wan")}
        )
    return phrases


def reason_text(explanation: dict) -> str:
    return "；".join(reason_phrases(explanation))
