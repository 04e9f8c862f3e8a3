"""The matching index: built once per run from all results and needs, queried per pair.

Ranking is TF-IDF cosine similarity (scikit-learn) in two channels:

- the Chinese channel (jieba words + character bigrams), used when both texts are Chinese;
- the English pivot channel (stems and stem pairs; Chinese texts reach it through the
  glossary and CC-CEDICT), used for every pair and the only one across languages.

The similarity is then multiplied by signals that tell a real answer from a text that
merely shares words: field agreement, reviews and studies, lab-only methods offered for
inline needs, and very low TRL. All of it is sparse-matrix arithmetic on whole rows, so
one need against 100,000 results is one sparse product, not a Python loop.
"""

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfTransformer

from . import lexicon, signals, text
from .types import Candidate, NeedDoc, ResultDoc

TITLE_WEIGHT = 2.0
KEYWORD_WEIGHT = 1.5
BODY_WEIGHT = 1.0
EXTRA_WEIGHT = 0.7

# Weight of the Chinese channel when both texts are Chinese; the rest goes to the English pivot.
CHINESE_CHANNEL_WEIGHT = 0.6
# Cross-language pairs meet only through translation, which is noisier than the text itself;
# this puts their similarity on the same scale as same-language pairs (measured on the dev set).
CROSS_LANGUAGE_BOOST = 1.5

FIELD_MULTIPLIER = {"same": 1.0, "unknown": 0.95, "different": 0.85}
REVIEW_MULTIPLIER = 0.6
LAB_FOR_INLINE_MULTIPLIER = 0.8
LOW_TRL_MULTIPLIER = 0.85  # TRL 1-2: an idea or a principle, not yet something to transfer

MAX_TERMS = 6
BATCH_SIZE = 128

# Calibrated on the dev set (docs/matching.md): below it a candidate is rarely worth forwarding.
GOOD_SCORE = 0.2


def result_features(result: ResultDoc) -> Counter:
    features: Counter = Counter()
    text.add_text(features, result.title, TITLE_WEIGHT)
    text.add_text(features, result.abstract, BODY_WEIGHT)
    for keyword in result.keywords:
        text.add_text(features, keyword, KEYWORD_WEIGHT)
    return features


def need_features(need: NeedDoc) -> Counter:
    features: Counter = Counter()
    text.add_text(features, need.title, TITLE_WEIGHT)
    text.add_text(features, need.description, BODY_WEIGHT)
    if need.extra_text:
        text.add_text(features, need.extra_text, EXTRA_WEIGHT)
    return features


def _channels(features: Iterable[Counter]) -> tuple[sparse.csr_matrix, list, sparse.csr_matrix, list]:
    """TF-IDF matrices of the Chinese channel and the English pivot channel, with their
    feature names. One pass over a generator: no list of 120,000 feature dicts is kept."""
    features = iter(features)
    first = next(features, None)
    if first is None:  # a portal with nothing published yet: an empty index, not an error
        empty = sparse.csr_matrix((0, 0), dtype=np.float64)
        return empty, [], empty.copy(), []
    vectoriser = DictVectorizer(dtype=np.float64)
    counts = vectoriser.fit_transform(itertools.chain([first], features)).tocsr()
    # Damp repeated words (a long abstract repeating 电池 is not ten times about batteries).
    counts.data = np.log1p(counts.data)
    names = vectoriser.feature_names_
    chinese = np.array([i for i, name in enumerate(names) if name[0] in "zb"], dtype=np.int64)
    english = np.array([i for i, name in enumerate(names) if name[0] not in "zb"], dtype=np.int64)
    matrices = []
    for columns in (chinese, english):
        tfidf = TfidfTransformer(norm="l2", smooth_idf=True)
        matrices.append(tfidf.fit_transform(counts[:, columns]).tocsr())
    return matrices[0], [names[i] for i in chinese], matrices[1], [names[i] for i in english]


def _is_chinese(lang: str) -> bool:
    return (lang or "zh").lower().startswith("zh")


class MatchingIndex:
    """All results and needs of one run, vectorised once."""

    def __init__(self, results: Sequence[ResultDoc], needs: Sequence[NeedDoc]):
        self.results = list(results)
        self.needs = list(needs)
        for kind, docs in (("result", self.results), ("need", self.needs)):
            ids = [doc.id for doc in docs]
            if len(set(ids)) != len(ids):
                duplicate = next(i for i in ids if ids.count(i) > 1)
                raise ValueError(f"duplicate {kind} id {duplicate!r}")
        self._result_pos = {doc.id: i for i, doc in enumerate(self.results)}
        self._need_pos = {doc.id: i for i, doc in enumerate(self.needs)}

        features = (result_features(r) for r in self.results)
        zh_matrix, self._zh_names, en_matrix, self._en_names = _channels(
            itertools.chain(features, (need_features(n) for n in self.needs))
        )
        n_results = len(self.results)
        self._zh_results, self._zh_needs = zh_matrix[:n_results], zh_matrix[n_results:]
        self._en_results, self._en_needs = en_matrix[:n_results], en_matrix[n_results:]
        self._zh_results_t = self._zh_results.T.tocsr()
        self._en_results_t = self._en_results.T.tocsr()

        self._result_zh = np.array([_is_chinese(r.lang) for r in self.results], dtype=bool)
        self._need_zh = np.array([_is_chinese(n.lang) for n in self.needs], dtype=bool)
        # Fields as small integers (-1 = unknown): comparing strings over a 128 x 100,000 block is slow.
        codes: dict[str, int] = {}
        self._result_field = np.array([_code(codes, r.field) for r in self.results], dtype=np.int32)
        self._need_field = np.array([_code(codes, n.industry) for n in self.needs], dtype=np.int32)
        prior = np.ones(n_results)
        for i, result in enumerate(self.results):
            if signals.is_review(result):
                prior[i] *= REVIEW_MULTIPLIER
            if result.trl is not None and result.trl <= 2:
                prior[i] *= LOW_TRL_MULTIPLIER
        self._result_prior = prior
        self._result_lab = np.array([signals.is_lab_only(r) for r in self.results], dtype=bool)
        self._need_inline = np.array([signals.needs_inline(n) for n in self.needs], dtype=bool)
        # Ties are broken by id, so precompute each document's place in id order.
        self._result_id_order = _id_order(self.results)
        self._need_id_order = _id_order(self.needs)

    @classmethod
    def build(cls, results: Iterable[ResultDoc] = (), needs: Iterable[NeedDoc] = ()) -> "MatchingIndex":
        return cls(list(results), list(needs))

    # Scoring ---------------------------------------------------------------------------

    def _scores(self, need_rows: np.ndarray, result_rows: np.ndarray | None = None) -> np.ndarray:
        """Dense scores for the given needs (rows) against all or some results (columns)."""
        # A few results: slice their rows and transpose (slicing columns of a CSR matrix is slow).
        zh_r = self._zh_results_t if result_rows is None else self._zh_results[result_rows].T
        en_r = self._en_results_t if result_rows is None else self._en_results[result_rows].T
        zh = (self._zh_needs[need_rows] @ zh_r).toarray()
        en = (self._en_needs[need_rows] @ en_r).toarray()
        cols = slice(None) if result_rows is None else result_rows
        need_zh = self._need_zh[need_rows][:, None]
        result_zh = self._result_zh[cols][None, :]
        both_chinese = need_zh & result_zh
        same_language = need_zh == result_zh
        score = np.where(
            both_chinese,
            CHINESE_CHANNEL_WEIGHT * zh + (1 - CHINESE_CHANNEL_WEIGHT) * en,
            np.where(same_language, en, np.minimum(1.0, en * CROSS_LANGUAGE_BOOST)),
        )
        need_field = self._need_field[need_rows][:, None]
        result_field = self._result_field[cols][None, :]
        known = (need_field >= 0) & (result_field >= 0)
        field = np.where(
            known,
            np.where(need_field == result_field, FIELD_MULTIPLIER["same"], FIELD_MULTIPLIER["different"]),
            FIELD_MULTIPLIER["unknown"],
        )
        score = score * field * self._result_prior[cols][None, :]
        lab = self._need_inline[need_rows][:, None] & self._result_lab[cols][None, :]
        score = np.where(lab, score * LAB_FOR_INLINE_MULTIPLIER, score)
        return np.clip(score, 0.0, 1.0)

    def score(self, need_id: str, result_id: str) -> float:
        need, result = self._need_pos[need_id], self._result_pos[result_id]
        return float(self._scores(np.array([need]), np.array([result]))[0, 0])

    # Queries ---------------------------------------------------------------------------

    def results_for_need(
        self,
        need_id: str,
        *,
        top: int = 10,
        allowed_result_ids: Iterable[str] | None = None,
        excluded_result_ids: Iterable[str] = frozenset(),
        explain: bool = True,
    ) -> list[Candidate]:
        """The best results for one need, rank 1 first. `explain=False` leaves `terms` empty
        (the costly part) for bulk runs such as the command line."""
        row = self._scores(np.array([self._need_pos[need_id]]))[0]
        mask = _mask(self._result_pos, len(self.results), allowed_result_ids, excluded_result_ids)
        picked = _top(row, mask, self._result_id_order, top)
        need = self.needs[self._need_pos[need_id]]
        return [
            self._candidate(need, self.results[i], float(row[i]), rank, explain)
            for rank, i in enumerate(picked, start=1)
        ]

    def needs_for_result(
        self,
        result_id: str,
        *,
        top: int = 10,
        allowed_need_ids: Iterable[str] | None = None,
        excluded_need_ids: Iterable[str] = frozenset(),
        explain: bool = True,
    ) -> list[Candidate]:
        """The best needs for one result, rank 1 first."""
        column = self._scores(np.arange(len(self.needs)), np.array([self._result_pos[result_id]]))[:, 0]
        mask = _mask(self._need_pos, len(self.needs), allowed_need_ids, excluded_need_ids)
        picked = _top(column, mask, self._need_id_order, top)
        result = self.results[self._result_pos[result_id]]
        return [
            self._candidate(self.needs[i], result, float(column[i]), rank, explain)
            for rank, i in enumerate(picked, start=1)
        ]

    def rank_all_needs(self, *, top: int = 10, explain: bool = False) -> Iterator[tuple[str, list[Candidate]]]:
        """Every need's best results, in need order, computed in batches of needs so that a
        city-scale run holds one batch of dense scores in memory at a time."""
        everything = np.ones(len(self.results), dtype=bool)
        for start in range(0, len(self.needs), BATCH_SIZE):
            rows = np.arange(start, min(start + BATCH_SIZE, len(self.needs)))
            block = self._scores(rows)
            for offset, need_row in enumerate(rows):
                need = self.needs[need_row]
                picked = _top(block[offset], everything, self._result_id_order, top)
                yield (
                    need.id,
                    [
                        self._candidate(need, self.results[i], float(block[offset, i]), rank, explain)
                        for rank, i in enumerate(picked, start=1)
                    ],
                )

    # Explanations ----------------------------------------------------------------------

    def _candidate(self, need: NeedDoc, result: ResultDoc, score: float, rank: int, explain: bool) -> Candidate:
        return Candidate(
            need_id=need.id,
            result_id=result.id,
            score=round(score, 6),
            rank=rank,
            explanation=self.explain(need, result, with_terms=explain),
        )

    def explain(self, need: NeedDoc, result: ResultDoc, *, with_terms: bool = True) -> dict:
        return {
            "terms": self._shared_terms(need, result) if with_terms else [],
            "field": signals.field_agreement(need, result),
            "trl": result.trl,
            "modes": signals.shared_modes(need, result),
            "budget": signals.budget_fit(need, result),
            "asking_price_wan": result.asking_price_wan,
            "budget_max_wan": need.budget_max_wan,
            "cross_language": _is_chinese(need.lang) != _is_chinese(result.lang),
        }

    def _shared_terms(self, need: NeedDoc, result: ResultDoc) -> list[dict]:
        """Shared features ordered by their share of the similarity, shown as zh/en pairs."""
        n, r = self._need_pos[need.id], self._result_pos[result.id]
        contributions: dict[str, float] = {}
        for needs, results, names in (
            (self._zh_needs, self._zh_results, self._zh_names),
            (self._en_needs, self._en_results, self._en_names),
        ):
            product = needs[n].multiply(results[r]).tocoo()
            for column, value in zip(product.col, product.data, strict=True):
                contributions[names[column]] = float(value)
        need_surface = _surface(f"{need.title} {need.description} {need.extra_text}")
        result_surface = _surface(f"{result.title} {result.abstract} {' '.join(result.keywords)}")
        shared_english = {name for name in contributions if name[0] in "ep"}
        pairs = []
        for name, _ in sorted(contributions.items(), key=lambda item: (-item[1], item[0])):
            pair = _display(name, need_surface, result_surface, shared_english)
            if pair is not None:
                pairs.append(pair)
        terms: list[dict] = []
        seen: set[str] = set()
        for pair in pairs:
            if pair["zh"] in seen or pair["en"] in seen:
                continue
            # jieba's search mode also yields the parts of a word (小龙 and 龙虾 of 小龙虾): when the
            # whole word is shared too, show only the whole word.
            if pair["zh"] and any(pair["zh"] in other["zh"] and pair["zh"] != other["zh"] for other in pairs):
                continue
            seen.update(value for value in pair.values() if value)
            terms.append(pair)
            if len(terms) == MAX_TERMS:
                break
        return terms


def _surface(raw: str) -> dict[str, str]:
    return text.tokens_for_display(raw)


def _best_sense(word: str, shared_english: set[str]) -> str:
    """The dictionary sense of a Chinese word that the other text shares, whole phrases first."""
    senses, _ = lexicon.translate(word)
    best, best_hits = (senses[0] if senses else ""), 0
    for sense in senses:
        stems = [s for s in text.english_stems(sense) if s]
        hits = sum(1 for s in stems if "e:" + s in shared_english)
        if len(stems) > 1 and "p:" + "_".join(stems[:2]) in shared_english:
            hits += 2
        if hits > best_hits:
            best, best_hits = sense, hits
    return best


def _display(name: str, need_surface: dict, result_surface: dict, shared_english: set[str]) -> dict | None:
    kind, _, value = name.partition(":")
    if kind == "z":
        return {"zh": value, "en": _best_sense(value, shared_english)}
    if kind in ("e", "p"):
        zh = need_surface.get(f"zh-{kind}:{value}") or result_surface.get(f"zh-{kind}:{value}") or ""
        if zh:
            return {"zh": zh, "en": _best_sense(zh, shared_english)}
        en = need_surface.get(name) or result_surface.get(name) or ""
        if not en:
            return None
        return {"zh": lexicon.english_to_chinese().get(en, ""), "en": en}
    return None  # character bigrams and numbers support the score but read badly alone


def _code(codes: dict[str, int], field: str) -> int:
    return codes.setdefault(field, len(codes)) if field else -1


def _id_order(docs: Sequence) -> np.ndarray:
    order = np.empty(len(docs), dtype=np.int64)
    order[np.argsort(np.array([doc.id for doc in docs], dtype=object), kind="stable")] = np.arange(len(docs))
    return order


def _mask(positions: dict, size: int, allowed: Iterable[str] | None, excluded: Iterable[str]) -> np.ndarray:
    if allowed is None:
        mask = np.ones(size, dtype=bool)
    else:
        mask = np.zeros(size, dtype=bool)
        mask[[positions[i] for i in allowed if i in positions]] = True
    excluded_rows = [positions[i] for i in excluded if i in positions]
    if excluded_rows:
        mask[excluded_rows] = False
    return mask


def _top(scores: np.ndarray, mask: np.ndarray, id_order: np.ndarray, top: int) -> list[int]:
    """Indices of the `top` best scores among the masked ones with a score above zero,
    best first, equal scores in id order."""
    rounded = np.round(scores, 6)
    eligible = np.flatnonzero(mask & (rounded > 0))
    if len(eligible) > top:
        threshold = np.partition(rounded[eligible], len(eligible) - top)[len(eligible) - top]
        eligible = eligible[rounded[eligible] >= threshold]
    order = np.lexsort((id_order[eligible], -rounded[eligible]))
    return [int(i) for i in eligible[order][:top]]
