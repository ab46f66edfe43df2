"""Shared fixtures: the spaCy model and other heavy resources are loaded once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def nlp():
    from chronicle.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def settings():
    from chronicle.config import Settings

    return Settings.from_env()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA.exists():
        pytest.skip(f"development data not found at {DATA} (a fresh clone has no ../shared/data)")
    return DATA


def pytest_collection_modifyitems(config, items):
    """Tests marked `data` skip with a clear reason when ../shared/data is absent."""
    if DATA.exists():
        return
    skip = pytest.mark.skip(reason=f"needs the development data at {DATA}, which is absent")
    for item in items:
        if "data" in item.keywords:
            item.add_marker(skip)
