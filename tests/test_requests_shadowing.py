from pathlib import Path

from django.conf import settings


def test_import_requests_gives_our_technology_needs_app_not_the_pypi_library():
    import requests

    assert Path(requests.__file__).resolve().parent == Path(settings.BASE_DIR) / "requests"
    assert not hasattr(requests, "get"), "the PyPI requests library is shadowing our app"

    from requests.models import TechNeed

    assert TechNeed._meta.app_label == "needs"


def test_runtime_requirements_do_not_list_the_pypi_requests_library():
    lines = (Path(settings.BASE_DIR) / "requirements.txt").read_text().splitlines()
    names = {line.split("=")[0].split("[")[0].strip().lower() for line in lines if line and not line.startswith("#")}
    assert "requests" not in names
