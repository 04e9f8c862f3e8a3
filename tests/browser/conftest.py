import pytest

from core.choices import TransferMode
from core.models import TransferModeOption
from visits.models import Purpose, VisitPurpose


@pytest.fixture(autouse=True)
def lookup_rows(transactional_db):
    """The rows the data migrations create, present for every journey.

    Journeys run on committed data and the database is flushed after each one; the
    serialized rollback meant to restore these rows was seen to lose the race now and
    then when a journey followed another one, so each journey makes sure of them itself.
    """
    for position, (code, _label) in enumerate(TransferMode.choices):
        TransferModeOption.objects.get_or_create(code=code, defaults={"position": position})
    for position, (code, _label) in enumerate(Purpose.choices):
        VisitPurpose.objects.get_or_create(code=code, defaults={"position": position})
