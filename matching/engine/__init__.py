"""The matching engine: pure Python, no database and no Django models.

The portal's digests and the `rank_matches` command both build a `MatchingIndex` from
plain `ResultDoc`/`NeedDoc` records and ask it for ranked `Candidate`s.
"""

from .index import GOOD_SCORE, MatchingIndex
from .types import TRANSFER_MODES, Candidate, NeedDoc, ResultDoc

__all__ = ["GOOD_SCORE", "TRANSFER_MODES", "Candidate", "MatchingIndex", "NeedDoc", "ResultDoc"]
