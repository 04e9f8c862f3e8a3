"""Chinese-capable search: text is segmented in the application and its terms are stored and indexed.

A document's terms are jieba's search-mode words, every CJK character and character
bigram, and English words (lower-cased, plural endings folded). A query matches a
document holding all of the query's terms, so a two-character query like 电池 or 直播
finds every text that contains it, and no query scans the texts themselves.
"""

import logging
import re
from functools import cache

from django.db.models import Count, Model, QuerySet

MAX_QUERY_LENGTH = 100
MAX_TERM_LENGTH = 64

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN_WORD = re.compile(r"[a-z0-9][a-z0-9\-\.]*[a-z0-9]|[a-z0-9]")


@cache
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _fold_english(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _cjk_ngrams(run: str) -> set[str]:
    return set(run) | {run[i : i + 2] for i in range(len(run) - 1)}


def document_terms(text: str) -> set[str]:
    """Every term a document is found by."""
    text = text.lower()
    terms = {_fold_english(word) for word in _LATIN_WORD.findall(text)}
    for run in _CJK_RUN.findall(text):
        terms |= _cjk_ngrams(run)
        terms |= {word for word in _jieba().cut_for_search(run) if len(word) > 1}
    return {term[:MAX_TERM_LENGTH] for term in terms if term.strip()}


def query_terms(query: str) -> set[str]:
    """The terms a document must hold to match the query: bigrams for Chinese (a character alone if
    the run is one character long), folded words for English."""
    query = query.lower()[:MAX_QUERY_LENGTH]
    terms = {_fold_english(word)[:MAX_TERM_LENGTH] for word in _LATIN_WORD.findall(query)}
    for run in _CJK_RUN.findall(query):
        terms |= {run} if len(run) == 1 else {run[i : i + 2] for i in range(len(run) - 1)}
    return terms


def search_filter(queryset: QuerySet, *, term_model: type[Model], query: str) -> QuerySet:
    """Keep the documents of `queryset` that hold every term of `query`."""
    terms = query_terms(query)
    if not terms:
        return queryset
    matching = (
        term_model.objects.filter(term__in=terms)
        .values("document")
        .annotate(hits=Count("term", distinct=True))
        .filter(hits=len(terms))
        .values("document")
    )
    return queryset.filter(pk__in=matching)


def search_index(*, term_model: type[Model], document, text: str) -> None:
    """Replace the stored terms of one document."""
    term_model.objects.filter(document=document).delete()
    term_model.objects.bulk_create(term_model(document=document, term=term) for term in sorted(document_terms(text)))
