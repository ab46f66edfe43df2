"""Fixtures for the web map tests (see browser.py)."""
from webmap import browser, open_page  # noqa: F401  (pytest fixtures)
