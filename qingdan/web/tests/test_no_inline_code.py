"""No page carries inline code or styles: the Content-Security-Policy allows scripts and style sheets from
files only. Every template is read as written: no <style> element, no style attribute, no <script> without
src (a JSON data island is data, not code), no event-handler attribute (onclick=…)."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = sorted(Path(__file__).resolve().parents[2].glob("*/templates/**/*.html")) + sorted(
    Path(__file__).resolve().parents[2].glob("*/*/templates/**/*.html")
)


def print_only(name: str) -> bool:
    """An app's print.html is fed only to WeasyPrint to make a PDF (tasks/pdf.py, burden, staffing, …),
    never served to a browser: its <style> sets the printed page."""
    return name.endswith("/print.html")


# A {# #} comment ends on its line (Django shows a longer one as text); {% comment %} may span lines.
COMMENTS = re.compile(r"{#[^\n]*?#}|{% comment %}.*?{% endcomment %}", re.S)
STYLE_ELEMENT = re.compile(r"<style\b", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.I | re.S)
HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I | re.S)
SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)


def name_of(path: Path) -> str:
    parts = path.parts
    return "/".join(parts[parts.index("templates") + 1 :])


def problems(text: str) -> list[str]:
    text = COMMENTS.sub("", text)
    found = []
    if STYLE_ELEMENT.search(text):
        found.append("a <style> element")
    if STYLE_ATTRIBUTE.search(text):
        found.append("a style attribute")
    if HANDLER.search(text):
        found.append("an event-handler attribute")
    for attributes in SCRIPT.findall(text):
        if "src=" not in attributes and 'type="application/json"' not in attributes:
            found.append("an inline <script>")
    return found


def test_the_check_finds_each_kind_of_inline_code():
    assert problems('<div style="width: 3%">') == ["a style attribute"]
    assert problems("<style>p {}</style>") == ["a <style> element"]
    assert problems('<button onclick="go()">') == ["an event-handler attribute"]
    assert problems("<script>go()</script>") == ["an inline <script>"]
    assert problems('<script type="application/json" id="d">{}</script><script src="/a.js"></script>') == []
    assert problems('{# no <style> here #}<p class="pct-5">') == []
    assert problems("{# a comment over two lines\n is shown, <style> and all #}") == ["a <style> element"]


def test_no_template_served_to_browsers_has_inline_code_or_styles():
    assert len(TEMPLATES) > 50
    found = {
        name_of(path): problems(path.read_text(encoding="utf-8"))
        for path in TEMPLATES
        if not print_only(name_of(path))
    }
    assert {name: kinds for name, kinds in found.items() if kinds} == {}


def test_the_policy_allows_no_inline_script_or_style_element():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]


def test_no_view_serves_a_print_template_to_a_browser():
    served = re.compile(r"(render|TemplateResponse)\(\s*request\s*,\s*\"[^\"]*/print\.html\"")
    sources = Path(__file__).resolve().parents[2].glob("**/*.py")
    assert [str(path) for path in sources if served.search(path.read_text(encoding="utf-8"))] == []
