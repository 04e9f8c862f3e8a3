"""The engine's input and output records: plain data, no database, no Django."""

from dataclasses import dataclass, field

TRANSFER_MODES = ("assignment", "licence", "equity", "co_development", "commissioned_development")


@dataclass(frozen=True)
class ResultDoc:
    """A research result (an achievement) as the engine sees it."""

    id: str
    title: str
    abstract: str
    keywords: tuple[str, ...] = ()
    field: str = ""
    university: str = ""
    lang: str = "zh"
    trl: int | None = None
    modes: tuple[str, ...] = ()
    asking_price_wan: float | None = None


@dataclass(frozen=True)
class NeedDoc:
    """An enterprise technology need as the engine sees it.

    `extra_text` carries what was tried and the target indicators; `industry` uses the
    same codes as a result's `field`.
    """

    id: str
    title: str
    description: str
    industry: str = ""
    lang: str = "zh"
    extra_text: str = ""
    budget_min_wan: float | None = None
    budget_max_wan: float | None = None
    modes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """One ranked (need, result) pair with a JSON-serialisable explanation."""

    need_id: str
    result_id: str
    score: float
    rank: int
    explanation: dict = field(default_factory=dict)
