"""`docket serve` in a real browser: Debian's headless chromium driven by
Selenium through /usr/bin/chromedriver (named explicitly, so selenium-manager
downloads nothing). Skips when chromium, its driver or selenium is missing;
.ci/run installs them."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("datasette")
webdriver = pytest.importorskip("selenium.webdriver")

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from docket.cli import main  # noqa: E402
from serve_support import make_database  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium and chromium-driver not installed")
PASSWORD = "river crossing"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    """(base URL, database path, ids): `docket serve` running on a free port."""
    path, ids = make_database(tmp_path)
    added = CliRunner().invoke(main, ["--db", str(path), "user", "add", "lan", "--password", PASSWORD])
    assert added.exit_code == 0, added.output
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "docket", "--db", str(path), "serve", "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT, cwd=Path(__file__).parent.parent)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("docket serve did not start: " + (tmp_path / "serve.log").read_text())
                time.sleep(0.2)
        yield base, path, ids
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def _item_links(browser) -> list[str]:
    return [a.get_attribute("href").rsplit("/", 1)[-1]
            for a in browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns a[href*='/items/']")]


def test_overdue_page_links_to_items_and_a_login_is_needed_to_change_one(served, browser, tmp_path):
    base, path, ids = served
    browser.get(base + "/works/overdue")
    assert _item_links(browser) == [ids["budget"], ids["road"]]  # not the done leaflets, nor future ones
    browser.save_screenshot(str(tmp_path / "serve_overdue.png"))

    browser.find_element(By.CSS_SELECTOR, f"a[href$='/items/{ids['budget']}']").click()
    assert browser.current_url == f"{base}/works/items/{ids['budget']}"
    assert "release the road repair budget" in browser.find_element(By.TAG_NAME, "body").text
    assert browser.find_elements(By.NAME, "status") == []
    assert "Log in to change this item's status" in browser.find_element(By.ID, "docket-login-hint").text

    browser.get(base + "/-/login")
    browser.find_element(By.NAME, "username").send_keys("lan")
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    # checking the password takes a while (many hash rounds): going on before the
    # answer sets the login cookie would abandon the login
    WebDriverWait(browser, 30).until(lambda driver: driver.get_cookie("ds_actor"))
    browser.get(f"{base}/works/items/{ids['budget']}")
    Select(browser.find_element(By.NAME, "status")).select_by_value("done")
    browser.find_element(By.NAME, "note").send_keys("paid out on Monday")
    browser.find_element(By.CSS_SELECTOR, ".docket-status input[type=submit]").click()
    assert browser.current_url == f"{base}/works/items/{ids['budget']}"
    message = browser.find_element(By.CSS_SELECTOR, ".message-info").text
    assert message == f"{ids['budget']}: open → done, recorded as lan"
    assert browser.find_element(By.ID, "docket-current-status").text == "done"
    browser.save_screenshot(str(tmp_path / "serve_item_done.png"))

    browser.get(base + "/works/overdue")
    assert _item_links(browser) == [ids["road"]]
    shown = CliRunner().invoke(main, ["--db", str(path), "show", ids["budget"]])
    assert "status open → done by lan — paid out on Monday" in shown.output
