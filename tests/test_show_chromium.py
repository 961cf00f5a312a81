"""`chidao show` rendered by a real browser: headless Chromium takes a screenshot and dumps the DOM.

Debian's ``chromium`` is installed by ``scripts/ensure-chromium`` (called from ``.ci/run``);
without it these tests are skipped, saying why.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import handmade
from chidao.export.html import render_html

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER = next((found for name in BROWSERS if (found := shutil.which(name))), None)

pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no Chromium on PATH: run scripts/ensure-chromium (apt-get install chromium)"
)

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--window-size=1400,1000",
)


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    assert BROWSER is not None
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run(
        [BROWSER, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        timeout=90,
        check=False,
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("show") / "notice.html"
    path.write_text(render_html(handmade.notice(), file="tb-283.txt"), encoding="utf-8")
    return path


def test_chromium_takes_a_screenshot_of_the_page(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "notice.png"
    done = _chromium(tmp_path, f"--screenshot={shot}", page.as_uri())
    assert shot.exists(), done.stderr.decode("utf-8", "replace")[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000


def test_the_highlights_are_in_the_dom_chromium_builds(page: Path, tmp_path: Path) -> None:
    done = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    soup = BeautifulSoup(done.stdout.decode("utf-8"), "html.parser")
    d = handmade.notice()
    assert [m.get_text() for m in soup.select("#notice mark.ent.actor")] == [a.text for t in d.tasks for a in t.actors]
    assert [m.get_text() for m in soup.select("#notice mark.ent.deadline")] == [
        dl.text for t in d.tasks for dl in t.deadlines
    ]
    assert [m.get_text() for m in soup.select("#notice mark.ent.cite")] == [c.text for c in d.citations]
    assert len(soup.select("#notice mark.ent.verb")) == sum(len(t.verbs) for t in d.tasks)
    assert soup.select_one("#notice mark.actor.r-coordinate").get_text() == "Sở Tài chính"  # type: ignore[union-attr]
    assert len(soup.select("#tasks li.task-item")) == len(d.tasks)
    assert len(soup.select("#notice .task")) == len(d.tasks)
    assert soup.title is not None and soup.title.get_text() == "Thông báo 283/TB-UBND ngày 27/08/2021"
