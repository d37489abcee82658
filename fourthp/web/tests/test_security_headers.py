"""The browser is told what the site may do: a Content-Security-Policy with no inline script or
style, a Permissions-Policy that turns off devices and sensors, and no caching of personal data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from fourthp.testing import make_member

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Rendered by WeasyPrint into a PDF, never sent to a browser: the policy does not reach it.
NOT_SERVED_AS_HTML = {
    "assessments/report_card_pdf.html",
    "campaigns/letter_pdf.html",
    "briefs/resource_pdf.html",
    "drafting/bill_pdf.html",
    "drafting/_bill_items.html",
}


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


@pytest.mark.parametrize("path", ["/", "/maps/", "/jurisdictions/", "/accounts/login/", "/api/docs"])
def test_every_page_carries_a_policy_that_forbids_inline_scripts_and_styles(seeded: None, path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert not any("unsafe" in value for values in policy.values() for value in values)


def test_the_policy_also_covers_json_twins_and_the_api() -> None:
    response = Client().get("/api/v1/jurisdictions")
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_the_permissions_policy_turns_off_camera_microphone_and_location() -> None:
    header = Client().get("/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in header


def test_no_template_holds_an_inline_script_or_style() -> None:
    inline_script = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
    json_data = re.compile(r'type=["\']application/(ld\+)?json["\']', re.IGNORECASE)
    style_attribute = re.compile(r"""\sstyle\s*=\s*["'{]""", re.IGNORECASE)
    style_element = re.compile(r"<style\b", re.IGNORECASE)
    event_handler = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.IGNORECASE)
    found = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        name = template.relative_to(TEMPLATES).as_posix()
        if name in NOT_SERVED_AS_HTML:
            continue
        for number, line in enumerate(template.read_text().splitlines(), 1):
            for what, pattern in (
                ("inline script", inline_script),
                ("style attribute", style_attribute),
                ("style element", style_element),
                ("event handler attribute", event_handler),
            ):
                match = pattern.search(line)
                if match and not (what == "inline script" and json_data.search(match.group(0))):
                    found.append(f"{name}:{number}: {what}: {line.strip()[:100]}")
    assert found == []


def test_the_scan_would_catch_what_it_looks_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bad.html").write_text('<p style="color: red">x</p>\n<script>alert(1)</script>\n')
    monkeypatch.setattr(f"{__name__}.TEMPLATES", tmp_path)
    with pytest.raises(AssertionError, match="style attribute"):
        test_no_template_holds_an_inline_script_or_style()


def test_the_personal_data_download_is_never_stored_by_a_browser_or_proxy(client: Client) -> None:
    client.force_login(make_member())
    response = client.get("/profile/data.json")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
