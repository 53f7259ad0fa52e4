"""The web page in a real browser (headless Chromium through Selenium), as a person uses it.

The real app (shared model and index) is served on a free local port; the tests type into
the form, submit it and check what is on screen, in English, Simplified and Traditional,
and at phone width. Screenshots go to ``test-artifacts/`` for a human to look at.
Needs Debian's chromium and chromium-driver (``scripts/ensure_browser.sh`` installs them).
"""

from __future__ import annotations

import json
import threading
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from service.http.citations import below_the_answer
from tests.harness.browser import (
    CHROMEDRIVER,
    CHROMIUM,
    ask,
    no_horizontal_scroll,
    screenshot,
    session,
    small_targets,
    texts,
    unmarked_language,
)

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip(
        "chromium or chromedriver is missing: run scripts/ensure_browser.sh (apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def base_url(config, state):
    """The real app on 127.0.0.1 at a free port, served from a background thread."""
    from werkzeug.serving import make_server

    from service import create_app

    server = make_server("127.0.0.1", 0, create_app(config, state), threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="web-test-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    """A browser set to English (it also asks Chinese questions: the page follows the question)."""
    yield from session("en-US,en")


@pytest.fixture(scope="module")
def browser_zh():
    yield from session("zh-CN,zh")


def asked_of_the_api(base_url: str, question: str) -> dict:
    """The answer /api/ask gives the question, read over HTTP from the server the browser uses."""
    body = json.dumps({"question": question}).encode()
    request = Request(base_url + "/api/ask", data=body, headers={"Content-Type": "application/json"})
    with urlopen(request, timeout=30) as response:
        return json.load(response)


@pytest.mark.parametrize(
    "name, ui, question, figure, more",
    [
        ("en", "en", "What was Wuchang's GDP in the first half of 2021?", "779.43亿元", "RMB 77.943 billion"),
        ("zh-Hans", "zh", "2021年地区生产总值预期增长多少?", "7%", "地区生产总值增长7%"),
        ("zh-Hant", "zh", "2021年地區生產總值預期增長多少?", "7%", "地區生產總值增長7%"),
    ],
)
def test_asking_in_each_language_shows_answer_and_passages(browser, base_url, name, ui, question, figure, more):
    ask(browser, base_url, question, path=f"/?ui={ui}")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == name  # page text follows the asker
    answer = browser.find_element(By.CSS_SELECTOR, ".answer").text
    assert texts(browser, ".answer-text mark") == [figure] and more in answer  # only the answering figure
    assert figure in browser.find_element(By.CSS_SELECTOR, ".answer-line").text  # said first, in one line
    listed = below_the_answer(asked_of_the_api(base_url, question))  # not the quoted one, nor overlapping windows
    assert len(texts(browser, ".passage")) == len(listed) > 0
    reports = texts(browser, ".passage .report")
    dates = texts(browser, ".passage .date time")
    assert all(r.startswith("武昌") for r in reports) and all(d.startswith("202") for d in dates)
    assert texts(browser, ".passage .text mark"), "the question's words are highlighted in the passages"
    assert browser.find_element(By.ID, "q").get_attribute("value") == question
    if name == "en":  # each figure in English says what it counts
        assert "GDP: 779.43亿元 = RMB 77.943 billion" in texts(browser, ".renderings li")
    if name == "zh-Hant":
        page = browser.find_element(By.TAG_NAME, "main").text
        assert "武昌區人民政府" in page and "經濟" in page and "经济" not in page and "億" in answer
    screenshot(browser, f"web-{name}")


@pytest.mark.parametrize(
    "name, question, term, names, definition",
    [
        ("en-glossary", "What is the Two Lakes Tunnel?", "两湖隧道", "Two Lakes Tunnel", "下穿东湖、南湖的隧道。"),
        ("zh-Hant-glossary", "什麼是兩湖隧道?", "兩湖隧道", "Two Lakes Tunnel", "下穿東湖、南湖的隧道。"),
    ],
)
def test_glossary_question_shows_a_card(browser, base_url, name, question, term, names, definition):
    ask(browser, base_url, question)
    card = browser.find_elements(By.CSS_SELECTOR, ".glossary .term")[0]
    heading = card.find_element(By.TAG_NAME, "h3").text
    assert heading.startswith(term) and "两湖隧道" in heading and "兩湖隧道" in heading  # both scripts
    assert names in card.text and definition in card.text and "East Lake and South Lake" in card.text
    screenshot(browser, f"web-{name}")


def test_chinese_browser_gets_a_chinese_page_and_an_honest_notice(browser_zh, base_url):
    browser_zh.get(base_url + "/")
    assert browser_zh.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-Hans"
    assert browser_zh.find_element(By.CSS_SELECTOR, "form.ask button").text == "提问"
    ask(browser_zh, base_url, "武昌区2021年的房价涨了多少?")
    assert "报告中没有找到答案" in browser_zh.find_element(By.CSS_SELECTOR, ".notice").text
    assert "最接近的段落" in browser_zh.find_element(By.TAG_NAME, "main").text and texts(browser_zh, ".passage")
    screenshot(browser_zh, "web-zh-not-found")
    browser_zh.find_element(By.CSS_SELECTOR, "a.switch").click()
    assert browser_zh.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert "The reports do not say" in browser_zh.find_element(By.CSS_SELECTOR, ".notice").text


def test_script_in_a_question_stays_text(browser, base_url):
    browser.get(base_url + "/?" + urlencode({"q": "<script>alert(1)</script>"}))
    assert browser.find_element(By.ID, "q").get_attribute("value") == "<script>alert(1)</script>"
    assert "<script>alert(1)</script>" in browser.title
    assert not browser.execute_script("return document.querySelectorAll('script').length")


def test_phone_width_has_no_horizontal_scroll(browser, base_url):
    metrics = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    try:
        browser.get(base_url + "/")
        assert browser.execute_script("return window.innerWidth") == 390 and no_horizontal_scroll(browser)
        screenshot(browser, "web-phone-390-form")
        assert browser.execute_script("return document.activeElement === document.body"), "no autofocus on a phone"
        assert not small_targets(browser), "tap targets under 24 px"
        for name, question in [
            ("en", "What is the Two Lakes Tunnel?"),
            ("en-figure", "What was the GDP in the first half of 2021?"),
            ("en-long-term", "What is the China urban high-quality development top 100 list?"),
            ("zh-Hant", "2021年地區生產總值預期增長多少?"),
        ]:
            ask(browser, base_url, question)
            assert no_horizontal_scroll(browser), f"the {name} answer page scrolls sideways at 390 px"
            bottom = browser.execute_script(
                "const e = document.querySelector('.answer-line') || document.querySelector('.answer-text');"
                " return e.getBoundingClientRect().bottom"
            )
            assert bottom < 844, f"the {name} answer ends below the fold of a 390 x 844 phone"
            assert not small_targets(browser), "tap targets under 24 px"
            screenshot(browser, f"web-phone-390-{name}")
            browser.find_element(By.CSS_SELECTOR, ".passage .open a").click()
            assert not small_targets(browser), "tap targets under 24 px on the report page"
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize("width", [1280, 390])
def test_the_source_link_opens_the_report_with_the_cited_words_in_view(browser, base_url, width):
    """A person clicks the answer's source: the report opens with the quoted words marked and
    scrolled into view, on a desktop and on a phone, without sideways scrolling."""
    metrics = {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": width < 600}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    try:
        ask(browser, base_url, "2021年地区生产总值预期增长多少?")
        quoted = browser.find_element(By.CSS_SELECTOR, ".answer-text").text
        browser.find_element(By.CSS_SELECTOR, ".cite a").click()
        WebDriverWait(browser, 30).until(EC.presence_of_element_located((By.ID, "cited")))
        mark = browser.find_element(By.ID, "cited")
        top, bottom = browser.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom];", mark
        )
        assert "/reports/" in browser.current_url and mark.text == quoted
        assert 0 <= top < browser.execute_script("return window.innerHeight"), (top, bottom)
        assert no_horizontal_scroll(browser)
        screenshot(browser, f"report-page-{width}")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize(
    "ui, question",
    [
        ("en", "What was the GDP in the first half of 2021?"),
        ("en", "What is the Two Lakes Tunnel?"),
        ("en", "What will the district do to renovate old residential communities?"),
        ("zh", "2021年地区生产总值预期增长多少?"),
        ("zh", "什么是两湖隧道?"),
    ],
)
def test_every_piece_of_text_says_its_language(browser, base_url, ui, question):
    """Screen readers and fonts follow ``lang``: Chinese inside an English page (the answer
    line's 地区生产总值, a report's title) and English inside a Chinese one are marked."""
    ask(browser, base_url, question, path=f"/?ui={ui}")
    assert not unmarked_language(browser)
    browser.find_element(By.CSS_SELECTOR, ".answer-text + .cite a, .passage .open a").click()
    assert not unmarked_language(browser)


def test_a_report_picked_in_the_form_is_read_first_and_stays_picked(browser, base_url):
    browser.get(base_url + "/")
    reports = [o.get_attribute("value") for o in Select(browser.find_element(By.ID, "report")).options][1:]
    for report in reports:
        ask(browser, base_url, "新增城镇就业多少人?", report=report)
        assert Select(browser.find_element(By.ID, "report")).first_selected_option.get_attribute("value") == report
        source = browser.find_element(By.CSS_SELECTOR, ".cite a").get_attribute("href")
        assert f"/reports/{report}?" in source, (report, source)
