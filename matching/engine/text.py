"""Turning Chinese and English text into weighted features for the index.

Two feature families, kept apart so each can be scored on its own (see index.py):

- Chinese: `z:` jieba search-mode words (glossary terms kept whole) and `b:` character
  bigrams, which catch compounds jieba splits differently in two texts (渣线, 钢渣).
- English pivot: `e:` Snowball stems and `p:` adjacent-stem pairs ("point cloud" is
  more telling than "point" and "cloud"). English text produces them directly; Chinese
  words produce them through the glossary and CC-CEDICT, which is what lets a Chinese
  need meet an English result.
"""

import itertools
import logging
import re
from collections import Counter
from functools import cache

import snowballstemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from . import lexicon

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*|\d+(?:\.\d+)?")


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Function words and the boilerplate of needs and abstracts ("we need", "this study"),
# which say nothing about the problem.
CHINESE_STOP_WORDS = _words(
    "的 了 和 与 及 或 在 是 对 为 以 将 把 被 从 中 等 并 其 该 此 这 那 我们 我司 公司 企业 本 "
    "需要 希望 要求 进行 实现 通过 采用 可以 能够 一种 一个 以上 以下 目前 现有 问题 技术 方法 研究 "
    "提高 提升 降低 基于 用于 具有 相关 方面 情况 主要 达到 满足 合作 开发 许可 转让 万元 左右 "
    "我们 他们 已经 没有 不能 无法 比较 更 很 也 都 而 但 且 或者 以及 并且 同时 其中 之间"
)
EXTRA_ENGLISH_STOP_WORDS = _words(
    "need needs want wants looking seek seeking require requires required company we our us "
    "use used using based new study result results provide provides able method methods also "
    "per within across licence license licensing co-development development commissioned"
)
ENGLISH_STOPS = ENGLISH_STOP_WORDS | EXTRA_ENGLISH_STOP_WORDS

# British and American spellings meet before stemming.
_SPELLING = {
    "fibre": "fiber",
    "fibres": "fibers",
    "aluminium": "aluminum",
    "colour": "color",
    "colours": "colors",
    "modelling": "modeling",
    "sulphide": "sulfide",
    "sulphur": "sulfur",
    "tumour": "tumor",
    "vapour": "vapor",
    "centre": "center",
    "metre": "meter",
    "metres": "meters",
    "litre": "liter",
}

BIGRAM_WEIGHT = 0.3
PAIR_WEIGHT = 0.6
GLOSSARY_WEIGHT = 1.0
CEDICT_WEIGHT = 1.0
# English words also add the other English senses of their Chinese translations ("landslide"
# -> 滑坡 -> "landslip"), so that an English text meets the sense a Chinese text was
# translated to. Weight and the cap on Chinese words are in docs/matching.md.
ROUND_TRIP_WEIGHT = 0.5
ROUND_TRIP_WORDS = 4


@cache
def _stemmer():
    return snowballstemmer.stemmer("english")


@cache
def stem(word: str) -> str:
    word = word.lower()
    word = _SPELLING.get(word, word)
    return _stemmer().stemWord(word)


@cache
def _jieba():
    """A private jieba tokenizer that knows the glossary's terms, so that the portal's
    search index (core/search.py, the global jieba) is not changed by the engine."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for term in lexicon.glossary():
        if len(term) > 1:
            tokenizer.add_word(term, freq=20000)
    return tokenizer


def chinese_words(run: str) -> list[str]:
    """jieba's search-mode words of one CJK run: whole words and their dictionary sub-words."""
    glossary = lexicon.glossary()
    words = []
    for word in _jieba().cut_for_search(run):
        if word in CHINESE_STOP_WORDS:
            continue
        if len(word) > 1 or word in glossary:
            words.append(word)
    return words


def english_stems(text: str) -> list[str | None]:
    """Stems of the English words; None where a stop word or a break sits, so that pairs
    never bridge a removed word."""
    stems: list[str | None] = []
    for word in _LATIN_WORD.findall(text):
        lower = word.lower()
        if lower in ENGLISH_STOPS or (len(lower) < 2 and not lower.isdigit()):
            stems.append(None)
            continue
        stems.append(stem(lower))
    return stems


def _add_english(features: Counter, stems: list[str | None], weight: float, *, round_trip: bool = False) -> None:
    for position, current in enumerate(stems):
        if current is None:
            continue
        if current[0].isdigit():
            features["n:" + current] += weight
            continue
        features["e:" + current] += weight
        if round_trip:
            for name, share in _round_trip(current):
                features[name] += weight * ROUND_TRIP_WEIGHT * share
        following = stems[position + 1] if position + 1 < len(stems) else None
        if following is not None and not following[0].isdigit():
            features[f"p:{current}_{following}"] += weight * PAIR_WEIGHT


def _segments(text: str):
    """Split mixed text into CJK runs and the Latin text between them, in order."""
    position = 0
    for match in _CJK_RUN.finditer(text):
        if match.start() > position:
            yield False, text[position : match.start()]
        yield True, match.group()
        position = match.end()
    if position < len(text):
        yield False, text[position:]


def add_text(features: Counter, text: str, weight: float) -> None:
    """Add one text's features, scaled by `weight` (titles count more than bodies)."""
    for is_chinese, segment in _segments(text):
        if not is_chinese:
            _add_english(features, english_stems(segment), weight, round_trip=True)
            continue
        for index in range(len(segment) - 1):
            features["b:" + segment[index : index + 2]] += weight * BIGRAM_WEIGHT
        for word in chinese_words(segment):
            features["z:" + word] += weight
            add_translation(features, word, weight)


def add_translation(features: Counter, word: str, weight: float) -> None:
    for name, share in _translation_features(word):
        features[name] += weight * share


@cache
def _translation_features(word: str) -> tuple[tuple[str, float], ...]:
    """English pivot features of one Chinese word at weight 1; cached, as vocabularies are bounded."""
    senses, curated = lexicon.translate(word)
    if not senses:
        return ()
    features: Counter = Counter()
    share = (GLOSSARY_WEIGHT if curated else CEDICT_WEIGHT) / len(senses)
    for sense in senses:
        _add_english(features, english_stems(sense), share)
    return tuple(features.items())


@cache
def _chinese_for_stem() -> dict[str, tuple[str, ...]]:
    """Chinese words by the stem of a one-word English sense, glossary words first."""
    found: dict[str, list[str]] = {}
    for table in (lexicon.glossary(), lexicon.cedict()):
        for word, senses in table.items():
            for sense in senses:
                stems = [s for s in english_stems(sense) if s]
                if len(stems) == 1 and word not in found.setdefault(stems[0], []):
                    found[stems[0]].append(word)
    return {stem: tuple(words[:ROUND_TRIP_WORDS]) for stem, words in found.items()}


@cache
def _round_trip(stem: str) -> tuple[tuple[str, float], ...]:
    """The other English pivot stems reached through the Chinese translations of one stem."""
    words = _chinese_for_stem().get(stem, ())
    reached: Counter = Counter()
    for word in words:
        for name, share in _translation_features(word):
            if name[0] == "e" and name != "e:" + stem:
                reached[name] += share / len(words)
    return tuple(reached.items())


def tokens_for_display(text: str) -> dict[str, str]:
    """Map each feature of a text to the surface word that produced it (for explanations)."""
    surface: dict[str, str] = {}
    for is_chinese, segment in _segments(text):
        if is_chinese:
            for word in chinese_words(segment):
                surface.setdefault("z:" + word, word)
                senses, _ = lexicon.translate(word)
                for sense in senses:
                    stems = [s for s in english_stems(sense) if s]
                    for s in stems:
                        surface.setdefault("zh-e:" + s, word)
                    for first, second in itertools.pairwise(stems):
                        surface.setdefault(f"zh-p:{first}_{second}", word)
            continue
        words = _LATIN_WORD.findall(segment)
        stems = english_stems(segment)
        for position, current in enumerate(stems):
            if current is None or current[0].isdigit():
                continue
            surface.setdefault("e:" + current, words[position].lower())
            following = stems[position + 1] if position + 1 < len(stems) else None
            if following is not None and not following[0].isdigit():
                surface.setdefault(f"p:{current}_{following}", f"{words[position]} {words[position + 1]}".lower())
    return surface
