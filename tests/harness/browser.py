"""What the browser tests share: a headless Chromium with a given browser language, and what a
person does and sees on the page (ask through the form, screenshots, sideways scrolling, tap
targets, text whose language its markup does not name)."""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from service.config import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / "test-artifacts"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
]


def driver_for(profile: str, accept_language: str) -> webdriver.Chrome:
    """A fresh headless Chromium whose browser language is ``accept_language``."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in [*ARGS, f"--user-data-dir={profile}", f"--accept-lang={accept_language}"]:
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": accept_language})
    return webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))


def session(accept_language: str):
    """A browser with a fresh profile, quit when the module's tests are done."""
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        driver = driver_for(profile, accept_language)
        yield driver
        driver.quit()


def ask(driver, base_url: str, question: str, path: str = "/", report: str = "") -> None:
    """Open the page, type the question into the form (and pick the report to read first, by its
    id) and submit it as a person would."""
    driver.get(base_url + path)
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys(question)
    if report:
        Select(driver.find_element(By.ID, "report")).select_by_value(report)
    driver.find_element(By.CSS_SELECTOR, "form.ask button[type=submit]").click()
    WebDriverWait(driver, 30).until(
        lambda d: "q=" in d.current_url and d.execute_script("return document.readyState") == "complete"
    )
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".passage, .notice")))


def texts(driver, selector: str) -> list[str]:
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, selector)]


def screenshot(driver, name: str) -> Path:
    """The whole page (not just the viewport) as test-artifacts/<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    width, height = driver.execute_script("return [window.innerWidth, document.documentElement.scrollHeight]")
    clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
    )
    path = ARTIFACTS / f"{name}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def no_horizontal_scroll(driver) -> bool:
    return driver.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth"
        " && document.body.scrollWidth <= window.innerWidth"
    )


def small_targets(browser) -> list[str]:
    """Controls and stand-alone links a finger must hit that are under 24 px high (links
    inside running text are exempt, as WCAG 2.5.8 allows)."""
    return browser.execute_script(
        "return [...document.querySelectorAll('input:not([type=hidden]), button, select, .examples a, .top-row a,"
        " .cite a, .passage .open a, .back a')].filter(e => e.getBoundingClientRect().height < 24)"
        ".map(e => e.outerHTML.slice(0, 80))"
    )


def unmarked_language(driver) -> list[str]:
    """Text the page shows in a language its nearest ``lang`` does not name: Chinese under an
    English ``lang``, or English words under a Chinese one (digits and signs are neither; nor is an
    acronym in capitals, which Chinese text writes as it is: a highlighted 占GDP比重's GDP)."""
    return driver.execute_script(
        """
        const out = [];
        const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          const text = n.textContent.trim();
          const lang = (n.parentElement.closest('[lang]') || document.documentElement).lang;
          const han = /[\u3400-\u9fff]/.test(text), latin = /[A-Za-z]{3,}/.test(text);
          const acronym = /^OpenAPI$|^[A-Z][A-Z0-9]{1,5}$/.test(text);
          if ((han && !lang.startsWith('zh')) || (latin && !han && !acronym && lang.startsWith('zh')))
            out.push(lang + ': ' + text.slice(0, 60));
        }
        return out;
        """
    )
