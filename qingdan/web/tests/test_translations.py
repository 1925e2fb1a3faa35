"""Every message catalog is complete: no screen shows an English msgid to a Chinese user.

And the catalogs agree. Django merges the apps' catalogs into one, the app listed first in INSTALLED_APPS
winning, so two apps translating one (msgctxt, msgid) differently show one app's wording on the other's pages.
Where a message means something else in one app, that use takes a context ({% translate … context … %}).
"""

import gettext
import re
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

CATALOGS = sorted(Path(__file__).resolve().parents[2].glob("**/locale/zh_Hans/LC_MESSAGES/django.po"))


def app_of(catalog: Path) -> str:
    """The app a catalog belongs to; "qingdan" for the project's own catalog (the API's messages)."""
    return catalog.parents[3].name


def translations(catalog: Path, tmp_path: Path) -> dict[tuple[str, str], str]:
    """The catalog's messages as gettext reads them once compiled, by (msgctxt or "", msgid)."""
    compiled = tmp_path / f"{app_of(catalog)}.mo"
    subprocess.run(["msgfmt", "-o", str(compiled), str(catalog)], check=True)
    with compiled.open("rb") as mo:
        messages = gettext.GNUTranslations(mo)._catalog
    found = {}
    for key, text in messages.items():
        msgid, plural_form = key if isinstance(key, tuple) else (key, None)
        if not msgid:
            continue  # the header
        context, _, msgid = msgid.rpartition("\x04")
        found[context, msgid if plural_form is None else f"{msgid} (plural form {plural_form})"] = text
    return found


def differing_translations(catalogs: list[Path], tmp_path: Path) -> list[str]:
    """One line for each (msgctxt, msgid) that catalogs translate differently, naming the apps."""
    apps_by_wording: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for catalog in catalogs:
        for message, text in translations(catalog, tmp_path).items():
            apps_by_wording[message][text].append(app_of(catalog))
    lines = []
    for (context, msgid), wordings in sorted(apps_by_wording.items()):
        if len(wordings) > 1:
            message = f"msgctxt {context!r} msgid {msgid!r}" if context else f"msgid {msgid!r}"
            apps = "; ".join(f"{', '.join(apps)}: {text}" for text, apps in sorted(wordings.items()))
            lines.append(f"{message} — {apps}")
    return lines


def write_catalog(app: Path, entries: str) -> Path:
    catalog = app / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    catalog.parent.mkdir(parents=True)
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    catalog.write_text(header + entries, encoding="utf-8")
    return catalog


def test_every_app_with_pages_has_a_chinese_catalog():
    apps = {app_of(path) for path in CATALOGS}
    assert {"web", "orgs", "duties", "accounts", "audit", "jobs"} <= apps


@pytest.mark.parametrize("catalog", CATALOGS, ids=app_of)
def test_the_catalog_has_no_untranslated_or_fuzzy_message(catalog):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalog)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_every_app_that_translates_has_a_catalog():
    """A new app's messages would otherwise show in English: its strings need its own catalog."""
    from django.apps import apps

    missing = []
    for config in apps.get_app_configs():
        root = Path(config.path)
        if not config.name.startswith("qingdan.") or (root / "locale" / "zh_Hans").is_dir():
            continue
        own = [
            p
            for p in [*root.rglob("*.py"), *root.rglob("*.html")]
            if "tests" not in p.relative_to(root).parts
        ]
        if any(
            re.search(r"gettext|{% ?(trans|translate|blocktrans)", p.read_text(encoding="utf-8")) for p in own
        ):
            missing.append(config.label)
    assert not missing, f"These apps translate but have no locale/zh_Hans catalog: {missing}"


@pytest.mark.parametrize("catalog", CATALOGS, ids=app_of)
def test_the_catalog_addresses_the_reader_as_nin(catalog, tmp_path):
    """One form of address: 您, never 你, in every message a person reads."""
    familiar = {
        msgid: text for (_context, msgid), text in translations(catalog, tmp_path).items() if "你" in text
    }
    assert not familiar, "Write 您 instead of 你 in:\n" + "\n".join(
        f"{m!r}: {t}" for m, t in familiar.items()
    )


def test_no_two_catalogs_translate_the_same_message_differently(tmp_path):
    differing = differing_translations(CATALOGS, tmp_path)
    assert not differing, (
        "The app listed first in INSTALLED_APPS wins for these messages. Give them one wording, "
        "or give the use that means something else a context:\n" + "\n".join(differing)
    )


def test_the_guard_names_the_message_and_the_apps_that_translate_it_differently(tmp_path):
    accounts = write_catalog(tmp_path / "accounts", 'msgid "Name"\nmsgstr "名称"\n')
    bodies = write_catalog(tmp_path / "bodies", 'msgid "Name"\nmsgstr "名称"\n')
    forms = write_catalog(tmp_path / "forms", 'msgid "Name"\nmsgstr "姓名"\n')

    assert differing_translations([accounts, bodies, forms], tmp_path) == [
        "msgid 'Name' — accounts, bodies: 名称; forms: 姓名"
    ]


def test_the_guard_keeps_contexts_apart_and_compares_plural_forms(tmp_path):
    overdue = 'msgid "%(n)s overdue"\nmsgid_plural "%(n)s overdue"\nmsgstr[0] '
    forms = write_catalog(
        tmp_path / "forms", f'msgctxt "person"\nmsgid "Name"\nmsgstr "姓名"\n\n{overdue}"%(n)s 个逾期"\n'
    )
    tasks = write_catalog(tmp_path / "tasks", f'msgid "Name"\nmsgstr "名称"\n\n{overdue}"%(n)s项逾期"\n')

    assert differing_translations([forms, tasks], tmp_path) == [
        "msgid '%(n)s overdue (plural form 0)' — forms: %(n)s 个逾期; tasks: %(n)s项逾期"
    ]
