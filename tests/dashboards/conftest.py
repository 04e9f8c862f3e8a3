import pytest

from .city import build_city


@pytest.fixture
def city(university, other_university, pair, other_pair, enterprise):
    """The hand-computed year 2025 of `city.py`."""
    return build_city(
        university=university,
        other_university=other_university,
        pair=pair,
        other_pair=other_pair,
        enterprise=enterprise,
    )
