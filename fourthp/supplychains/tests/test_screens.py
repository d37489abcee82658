"""Procurement screens through HTTP: upload, bad rows, limits, access, exports and the background run."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from fourthp.supplychains import reading
from fourthp.supplychains.models import ProcurementScreen
from fourthp.supplychains.reading import UploadRefused, read_upload
from fourthp.testing import assert_access_walk, client_as, make_member

GOOD_FILE = (
    "Good,Country of origin,HS code\n"
    "Cocoa beans,Ghana,1801\n"  # line 2: at risk (cocoa, child labour)
    "Paper clips,Ghana,\n"  # line 3: no finding
    ",Ghana,\n"  # line 4: no good
    "Cocoa,Atlantis,\n"  # line 5: unknown country
    "Widget,Côte d'Ivoire,1801.00\n"  # line 6: at risk through its HS code
    "\n"
    "Garments,,\n"  # line 8: no country
)


def _upload(client: Client, content: bytes, name: str = "purchases.csv", buyer: str = "France") -> object:
    return client.post(
        "/supply-chains/screens/", {"file": SimpleUploadedFile(name, content), "buyer": buyer}, follow=True
    )


def test_a_screen_lists_lines_at_risk_and_every_bad_row_with_its_reason(seeded: None) -> None:
    member = make_member()
    response = _upload(client_as(member), GOOD_FILE.encode())
    screen = ProcurementScreen.objects.get(owner=member)
    assert screen.state == "done" and screen.lines_total == 4
    assert [r["line"] for r in screen.results] == [2, 6]
    assert screen.results[0]["matched_good"] == "Cocoa" and screen.results[1]["matched_by"] == "hs code"
    assert {f["kind"] for f in screen.results[0]["findings"]} >= {"child-labour"}
    assert all(f["year"] == 2022 for f in screen.results[0]["findings"])
    assert screen.lines_clear == 1
    assert [number for number, _ in screen.bad_rows] == [4, 5, 8]
    page = response.content.decode()  # type: ignore[attr-defined]
    assert "Line 5:" in page and "Atlantis" in page and "No good is given." in page
    assert "Goods made with forced labour are kept out" in page  # the import-ban provision, with France's status
    # Every line of the file counted once: the blank line 7 is no line; 2 at risk, 1 clear, 3 not screened.
    assert "6 lines read: 2 at risk, 1 with no finding on the list, 3 not screened" in " ".join(page.split())


def test_the_exports_hold_every_finding_and_every_bad_row(seeded: None) -> None:
    member = make_member()
    client = client_as(member)
    _upload(client, GOOD_FILE.encode())
    screen = ProcurementScreen.objects.get(owner=member)
    rows = list(
        csv.reader(
            io.StringIO(client.get(f"/supply-chains/screens/{screen.pk}/results.csv").content.decode("utf-8-sig"))
        )
    )
    assert rows[0][0] == "line"
    assert {row[0] for row in rows[1:]} == {"2", "6", "4", "5", "8"}
    book = load_workbook(io.BytesIO(client.get(f"/supply-chains/screens/{screen.pk}/results.xlsx").content))
    sheet_rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert len(sheet_rows) == len(rows)


def test_an_xlsx_file_is_read_like_a_csv_one(seeded: None) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Product", "Country", "HS"])
    sheet.append(["Gold", "Peru", "7108"])
    sheet.append([None, "Peru", None])
    out = io.BytesIO()
    book.save(out)
    member = make_member()
    _upload(client_as(member), out.getvalue(), name="purchases.xlsx")
    screen = ProcurementScreen.objects.get(owner=member)
    assert [r["line"] for r in screen.results] == [2]
    assert screen.bad_rows == [[3, "No good is given."]]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"Item,Price\nCocoa,3\n", "column called"),
        (b"Good,Country\n", "no lines"),
        ("Good,Country\nCaf\u00e9,Ghana\n".encode("latin-1"), "UTF-8"),
        (b"PK\x03\x04 not a workbook", "XLSX"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_plain_message(content: bytes, words: str) -> None:
    with pytest.raises(UploadRefused, match=words):
        read_upload("purchases.csv", content)


def test_the_line_and_size_limits_are_explicit(seeded: None, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UploadRefused, match="more than 3 lines"):
        read_upload("p.csv", b"good,country\n" + b"Cocoa,Ghana\n" * 4, max_lines=3)
    assert len(read_upload("p.csv", b"good,country\n" + b"Cocoa,Ghana\n" * 3, max_lines=3).lines) == 3
    long_line = read_upload("p.csv", b"good,country\n" + b"x" * 201 + b",Ghana\n")
    assert long_line.bad_rows[0].number == 2 and "200 characters" in long_line.bad_rows[0].reason
    monkeypatch.setattr(reading, "MAX_BYTES", 100)
    with pytest.raises(UploadRefused, match="larger than 5 MB"):
        read_upload("p.csv", b"good,country\n" + b"Cocoa,Ghana\n" * 20)
    response = _upload(client_as(make_member()), b"Item,Price\nCocoa,3\n")
    assert "column called" in response.content.decode()  # type: ignore[attr-defined]


def test_a_large_file_runs_in_the_task_worker_with_stored_progress(seeded: None, settings: object) -> None:
    member = make_member()
    lines = "".join(f"{'Cocoa' if n % 2 else 'Tea'},{'Ghana' if n % 3 else 'Kenya'}\n" for n in range(600))
    _upload(client_as(member), ("good,country\n" + lines).encode())
    screen = ProcurementScreen.objects.get(owner=member)
    # Tests run tasks at once: the queued screen has been run by the task, progress and all.
    assert screen.state == "done" and screen.lines_done == 600 == screen.lines_total
    assert screen.results and screen.lines_clear + len(screen.results) + len(screen.bad_rows) == 600


def test_a_screen_is_seen_by_its_owner_only(seeded: None) -> None:
    owner, other = make_member(), make_member()
    _upload(client_as(owner), GOOD_FILE.encode())
    screen = ProcurementScreen.objects.get(owner=owner)
    for url in (
        f"/supply-chains/screens/{screen.pk}/",
        f"/supply-chains/screens/{screen.pk}/results.csv",
        f"/supply-chains/screens/{screen.pk}/results.xlsx",
    ):
        assert_access_walk(url, wrong=[], hidden=[other], right=[owner])
    assert_access_walk("/supply-chains/screens/", wrong=[], right=[other])
    assert "purchases.csv" not in client_as(other).get("/supply-chains/screens/").content.decode()


def test_the_explorer_filters_by_good_country_kind_and_year_with_year_and_source(seeded: None) -> None:
    client = Client()
    page = client.get("/supply-chains/", {"good": "cocoa beans", "country": "Ghana"}).content.decode()
    assert "Cocoa" in page and "Ghana" in page and "2022" in page and 'role="img"' in page
    data = client.get("/supply-chains.json", {"good": "Cocoa", "country": "Côte d'Ivoire", "year": "2016"}).json()
    assert data["count"] and {r["country_code"] for r in data["results"]} == {"CI"}
    assert {r["year"] for r in data["results"]} == {2016}
    assert all(r["source"] == "List of Goods Produced by Child Labor or Forced Labor" for r in data["results"])
    inputs = client.get("/supply-chains.json", {"kind": "inputs"}).json()
    assert inputs["count"] == 10 and {r["input_country"] for r in inputs["results"]} >= {"China"}
    assert "No jurisdiction is called" in client.get("/supply-chains/", {"country": "Atlantis"}).content.decode()


def test_loading_the_goods_again_creates_nothing(seeded: None) -> None:
    from django.conf import settings

    from fourthp.findings.actions import do_load_goods

    report = do_load_goods(settings.BASE_DIR / "data" / "findings")
    assert report.created == 0 and report.existing == 2759 and not report.skipped
    assert report.years == {
        "goods_2016.xml": 2016, "goods_2017.xml": 2017, "goods_2018.xml": 2018, "goods_2019.xml": 2019,
        "goods_2021.xml": 2022,
    }  # fmt: skip
