"""Headless Chromium (Debian's /usr/bin/chromium, driven by Playwright; no browser is downloaded)
against `chronicle serve`'s app on a free loopback port. Every host but 127.0.0.1 is unresolvable,
so these pass only if the page needs nothing from outside."""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time

import pytest
import uvicorn

from chronicle.api import create_app


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    msg = "headless Chromium is not installed: apt-get install -y chromium (.ci/run does this)"
    pytest.fail(msg) if os.environ.get("CI") else pytest.skip(msg)


def start_server(db: str):
    """(url, stop) for the API and map over `db` on a free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail(f"the API server did not start on 127.0.0.1:{port}")
        time.sleep(0.05)

    def stop():
        srv.should_exit = True
        thread.join(10)
    return f"http://127.0.0.1:{port}/", stop


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=[
            "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])
        yield b
        b.close()


class Page:
    """A page on the map with what it asked for and any script error, ready when data-state is."""

    def __init__(self, browser, base: str, *, width: int = 1280, height: int = 800):
        self.base = base
        self.ctx = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.ctx.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, query: str = "") -> "Page":
        self.page.goto(self.base + query)
        self.ready()
        return self

    def ready(self) -> None:
        self.page.wait_for_function("document.body.dataset.state !== 'loading'", timeout=20000)

    def settle(self) -> None:
        """Wait for the refresh that an action started to finish."""
        self.page.wait_for_timeout(50)
        self.ready()

    def close(self) -> None:
        self.ctx.close()


@pytest.fixture
def open_page(browser):
    pages: list[Page] = []

    def go(base: str, query: str = "", **kw) -> Page:
        p = Page(browser, base, **kw).open(query)
        pages.append(p)
        return p
    yield go
    for p in pages:
        assert not p.errors, f"script errors on the page: {p.errors}"
        p.close()
