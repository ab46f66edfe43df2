"""Take the README's screenshots of the map with headless Chromium (Debian's /usr/bin/chromium via
Playwright): the default view, an incident popup and the control-of-territory layer, over a store
of the bundled examples plus the fuse gold reports (chronicle/fuse/gold/articles.txt, written by
this project), ingested with the real pipeline.

    .venv/bin/python docs/screenshots.py            # writes docs/map-*.png
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "web"))


def build(db: Path) -> None:
    txt = (ROOT / "chronicle/fuse/gold/articles.txt").read_text(encoding="utf-8")
    feed = db.with_suffix(".jsonl")
    with feed.open("w", encoding="utf-8") as out:
        for part in re.split(r"^### ", txt, flags=re.M)[1:]:
            head, _, body = part.partition("\n")
            aid, _inc, outlet, date, title = [x.strip() for x in head.split("|")]
            out.write(json.dumps({"id": aid, "source": outlet, "published": date, "title": title,
                                  "url": f"https://{outlet.lower().replace(' ', '')}.example/{aid}",
                                  "text": body.strip()}) + "\n")
    subprocess.run([sys.executable, "-m", "chronicle", "ingest", str(ROOT / "examples"), str(feed), "--db", str(db)],
                   check=True)


def main() -> None:
    import duckdb
    from playwright.sync_api import sync_playwright
    from webmap import start_server

    db = Path(tempfile.mkdtemp()) / "shots.duckdb"
    build(db)
    with duckdb.connect(str(db), read_only=True) as con:
        inc = con.execute("SELECT id FROM incidents WHERE location = 'Mosul' ORDER BY n_articles DESC, "
                          "coalesce(killed, 0) DESC LIMIT 1").fetchone()[0]
    url, stop = start_server(str(db))
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = b.new_page(viewport={"width": 1280, "height": 760})

            def shot(query: str, name: str, wait: str | None = None) -> None:
                page.goto("about:blank")
                page.goto(url + query)
                page.wait_for_function("document.body.dataset.state === 'ready'")
                if wait:
                    page.wait_for_selector(wait)
                page.wait_for_timeout(1500)          # labels and outline
                page.screenshot(path=str(ROOT / "docs" / name))
                print("wrote", name)
            shot("", "map-default.png")
            shot(f"#6/35.5/43.5&open=incidents:{inc}", "map-incident-popup.png", ".leaflet-popup-content .reports li")
            shot("?layer=control#5/34/42", "map-control.png", ".badge")
            b.close()
    finally:
        stop()


if __name__ == "__main__":
    main()
