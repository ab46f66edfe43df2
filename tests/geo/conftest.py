"""The gazetteer, loaded (or built and cached) once per test session for every geo test."""
import pytest

from chronicle.geo.gazetteer import Gazetteer


@pytest.fixture(scope="session")
def gaz(settings):
    return Gazetteer.load(settings)
