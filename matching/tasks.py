"""Thin Celery wrappers around the digest services. Safe to run twice: the digest is unique per pair and week."""

import datetime

from celery import shared_task
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from matching import services
from universities.models import LiaisonPair

RETRY = {
    "acks_late": True,
    "autoretry_for": (OperationalError, InterfaceError, BrokerError),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 6,
}


@shared_task(**RETRY)
def digest_build_for_pair(*, pair_id: int, period_start: str, rebuild: bool = False) -> int:
    pair = LiaisonPair.objects.get(pk=pair_id)
    digest = services.digest_build(pair=pair, period_start=datetime.date.fromisoformat(period_start), rebuild=rebuild)
    return digest.pk


@shared_task(**RETRY)
def digests_build_weekly() -> int:
    """Beat's weekly entry: one task per active pair, after this transaction (if any) commits."""
    period_start = services.period_start_of(timezone.localdate()).isoformat()
    pair_ids = list(LiaisonPair.objects.filter(ended_on__isnull=True).values_list("pk", flat=True))
    for pair_id in pair_ids:
        transaction.on_commit(
            lambda pair_id=pair_id: digest_build_for_pair.delay(pair_id=pair_id, period_start=period_start)
        )
    return len(pair_ids)


def digest_regenerate(*, pair: LiaisonPair, period_start: datetime.date) -> None:
    """Queue a rebuild of one digest once the current transaction commits (the regenerate button)."""
    transaction.on_commit(
        lambda: digest_build_for_pair.delay(pair_id=pair.pk, period_start=period_start.isoformat(), rebuild=True)
    )
