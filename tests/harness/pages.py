"""What the web page tests share: browser headers, a GET of the page as a browser without JavaScript
sends it, and readers of the HTML it returns."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlencode

EN = {"Accept-Language": "en-US,en;q=0.9"}
ZH = {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}
TW = {"Accept-Language": "zh-TW,zh;q=0.9"}
UNANSWERABLE = "武昌区2021年的房价涨了多少?"


def page(client, question: str | None = None, headers=EN, **params) -> tuple[int, str]:
    """GET / with the question (if any) and extra params, as a browser without JS would."""
    args = {"q": question, **params} if question is not None else params
    response = client.get("/?" + urlencode(args), headers=headers)
    assert response.mimetype == "text/html"
    return response.status_code, response.get_data(as_text=True)


def section(html: str, cls: str) -> str:
    """The HTML from the first element with the class to the end of its block (roughly)."""
    start = html.index(f'class="{cls}')
    return html[start : start + 4000]


class FormFields(HTMLParser):
    """The form's action and its named fields with their default values."""

    def __init__(self):
        super().__init__()
        self.form: dict = {}
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.form = attrs
        elif tag in ("input", "select") and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""
