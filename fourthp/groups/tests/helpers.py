"""Small helpers for the working-group tests (the shared factories are in fourthp.testing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def logged_in(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def pdf(name: str = "brief.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def documents_url(group: Any) -> str:
    return f"/groups/{group.slug}/documents/"


def example_users(group: Any) -> dict[str, Any]:
    """One account per example role; the group member and the lead belong to `group`, which the lead leads.

    Shared by each partnership app's `test_access_rules.py`, so every rule is walked with the same people."""
    from django.contrib.auth.models import AnonymousUser

    from fourthp.testing import make_group_member, make_legislator, make_member, make_secretariat, make_staff, make_user

    lead = make_group_member(group, make_user("lea"))
    group.lead = lead
    group.save(update_fields=["lead"])
    return {
        "visitor": AnonymousUser(),
        "member": make_member(),
        "legislator": make_legislator(),
        "staff": make_staff(),
        "group member": make_group_member(group),
        "group lead": lead,
        "secretariat": make_secretariat(),
    }
