from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from fourthp.frameworks.actions import FrameworkVersionConflict, do_load_framework
from fourthp.frameworks.models import Framework

pytestmark = pytest.mark.django_db

SHIPPED = Path(__file__).resolve().parents[3] / "data" / "frameworks" / "four-p-v1.yaml"


def _variant(tmp_path: Path, *, version: int, title: str) -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    text = text.replace("  version: 1\n", f"  version: {version}\n", 1)
    text = text.replace("    title: Sex trafficking is a crime\n", f"    title: {title}\n", 1)
    path = tmp_path / f"four-p-v{version}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_loading_a_changed_framework_under_the_same_version_is_refused(seeded: None, tmp_path: Path) -> None:
    changed = _variant(tmp_path, version=1, title="Sex trafficking is an offence")
    with pytest.raises(FrameworkVersionConflict, match="Give the changed framework a new version number"):
        do_load_framework(changed)
    assert Framework.objects.filter(slug="four-p").count() == 1


def test_a_new_version_sits_beside_the_old_and_becomes_the_default(seeded: None, tmp_path: Path) -> None:
    do_load_framework(_variant(tmp_path, version=2, title="Sex trafficking is an offence"))
    client = Client()
    assert client.get("/frameworks/four-p.json").json()["version"] == 2
    assert client.get("/frameworks/four-p.json?version=1").json()["version"] == 1
    latest = client.get("/api/v1/frameworks/four-p/provisions?limit=1").json()["items"][0]
    first = client.get("/api/v1/frameworks/four-p/provisions?limit=1&version=1").json()["items"][0]
    assert (latest["title"], first["title"]) == ("Sex trafficking is an offence", "Sex trafficking is a crime")
    page = client.get("/frameworks/four-p/provisions/crim.sex-trafficking/?version=1").content.decode()
    assert "Sex trafficking is a crime" in page


def test_the_crosswalk_filters_by_standard(seeded: None) -> None:
    data = Client().get("/frameworks/four-p/crosswalk.json?scheme=palermo&value=6").json()
    assert data["count"] > 0
    assert {row["ref"]["label"] for row in data["items"]} == {"Palermo Protocol art. 6"}
    assert "prot.victim-services" in {row["provision_id"] for row in data["items"]}


def test_the_seed_loader_names_a_conflicting_framework_file(seeded: None, tmp_path: Path) -> None:
    from django.core.management import CommandError, call_command

    data = tmp_path / "data"
    (data / "frameworks").mkdir(parents=True)
    _variant(data / "frameworks", version=1, title="Changed")
    (data / "jurisdictions").mkdir()
    (data / "jurisdictions" / "details.yaml").write_text("{}\n")
    with pytest.raises(CommandError, match=r"four-p-v1\.yaml changes framework 'four-p' version 1"):
        call_command("load_seed", data_dir=str(data), verbosity=0)
