"""How long full-text search takes over many sections: a bench to run by hand.

    .venv/bin/python bench/search_latency.py [--sections 10000] [--queries 200]
    .venv/bin/python bench/search_latency.py --postgres postgres://postgres@127.0.0.1:5432/postgres

It never touches an existing database. With SQLite (the default) it migrates
a fresh file in a temporary folder. With PostgreSQL it connects to the server
named by --postgres (or by DATABASE_URL when that is a postgres:// URL),
creates a scratch database `fourthp_bench` there (dropping a leftover one),
migrates it, and drops it at the end.

It loads synthetic sections (statute-like English from a fixed-seed
vocabulary, so every run searches the same text), then times
fourthp.laws.queries.search_sections — the function behind the search page,
its JSON twin and the API — for a fixed list of queries, and prints the
figures. It only reports: it never asserts on a timing, and nothing in CI
fails because of one.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
SCRATCH_DB = "fourthp_bench"
SEED = 1831  # fixed: every run generates the same text

# The queries timed, in turn: common and rare words, phrases, a quoted phrase,
# words that match nothing, and a long query.
QUERIES = [
    "trafficking",
    "debt bondage",
    '"debt bondage"',
    "forced labour",
    "forced labor",
    "coercion",
    "victim compensation",
    "recruitment fee",
    "passport",
    "commercial sexual exploitation",
    "minor",
    "imprisonment",
    "licence",
    "notice of appeal",
    "restitution order",
    "employer",
    "servitude",
    "harbouring",
    "labour inspector",
    "trafficking victim protection",
    "zebra",
    "quasar nebula",
    "any person who knowingly recruits transports transfers harbours or receives",
]

_SUBJECTS = [
    "Any person who",
    "A person who",
    "Whoever",
    "An employer who",
    "A recruiter who",
    "A public official who",
    "A body corporate that",
    "Any person acting on behalf of another who",
]
_VERBS = [
    "knowingly recruits",
    "transports",
    "transfers",
    "harbours",
    "receives",
    "obtains",
    "provides",
    "maintains",
    "holds",
    "conceals",
    "destroys the passport of",
    "withholds the identity documents of",
    "charges a recruitment fee to",
]
_OBJECTS = [
    "another person",
    "a minor",
    "a child under the age of eighteen years",
    "a worker",
    "a migrant worker",
    "a vulnerable adult",
    "a domestic worker",
    "any individual",
]
_MEANS = [
    "by means of force, fraud or coercion",
    "by the threat of serious harm",
    "by abuse of a position of vulnerability",
    "by deception as to the nature of the work",
    "by the abuse or threatened abuse of law or legal process",
    "by placing or keeping that person in debt bondage",
    "by confiscating wages or identity documents",
    "by isolation, surveillance or restriction of movement",
]
_PURPOSES = [
    "for the purpose of exploitation",
    "for the purpose of forced labour or services",
    "for the purpose of commercial sexual exploitation",
    "for the purpose of servitude or practices similar to slavery",
    "for the purpose of the removal of organs",
    "for the purpose of forced labor",
    "with intent that the person be held in debt bondage",
]
_PENALTIES = [
    "commits the offence of trafficking in persons and shall be liable on conviction to imprisonment "
    "for a term not exceeding twenty years",
    "shall be fined not more than $200,000, imprisoned for not more than 15 years, or both",
    "is guilty of an offence and liable to imprisonment for a term not exceeding ten years",
    "shall be punished by imprisonment for not less than five years and a fine",
    "commits an offence punishable on indictment",
]
_PROVISIONS = [
    "The court shall order restitution to the victim for the full amount of the victim's losses.",
    "A victim of trafficking shall not be held criminally liable for any offence committed as a direct "
    "result of having been trafficked.",
    "The consent of a victim to the intended exploitation is irrelevant where any of the means set out in "
    "this section has been used.",
    "The Minister may, by regulation, prescribe the form of any notice or order made under this Part.",
    "A labour inspector may enter any workplace at any reasonable time to ascertain whether this Act is "
    "being complied with.",
    "Nothing in this section shall be construed as limiting the protection afforded to a victim under any other law.",
    "Evidence of the victim's past sexual behaviour is not admissible in any proceeding under this section.",
    "The victim is entitled to compensation from the fund established under section 12, subject to the "
    "conditions set out in the regulations.",
    "A person convicted under this section shall forfeit any property used or intended to be used to commit "
    "or facilitate the commission of the offence.",
    "The Attorney General shall report annually to the legislature on prosecutions brought under this Part.",
    "Where the victim is a child, the means referred to in subsection (a) need not be proved.",
    "Debt bondage means the status or condition of a debtor arising from a pledge by the debtor of his or "
    "her personal services as security for a debt, where the value of those services is not applied "
    "toward the liquidation of the debt.",
]
_DEFINED_TERMS = [
    "exploitation",
    "coercion",
    "serious harm",
    "abuse of law or legal process",
    "commercial sex act",
    "labour or services",
    "debt bondage",
    "forced labour",
    "recruitment fee",
    "position of vulnerability",
    "victim",
    "employer",
]
_HEADINGS = [
    "Trafficking in persons",
    "Forced labour",
    "Debt bondage",
    "Definitions",
    "Penalties",
    "Restitution",
    "Protection of victims",
    "Non-punishment of victims",
    "Confiscation of documents",
    "Recruitment fees prohibited",
    "Powers of inspectors",
    "Sexual servitude",
    "Aggravating circumstances",
    "Liability of bodies corporate",
    "Jurisdiction over offences abroad",
    "Annual report",
]
# The general law around it: most of a code is not about trafficking.
TRAFFICKING_SHARE = 0.12
_GENERIC_SUBJECTS = [
    "The Minister",
    "The court",
    "A licensee",
    "The registrar",
    "Every owner of a vehicle",
    "The tribunal",
    "A police officer",
    "The commissioner",
    "Any party to the proceeding",
    "The board of directors",
    "A municipality",
    "The auditor",
]
_GENERIC_VERBS = [
    "may issue",
    "shall publish",
    "may revoke",
    "shall keep",
    "may make regulations respecting",
    "shall notify the applicant of",
    "may inspect",
    "shall determine",
    "may extend the time for filing",
    "shall deliver to the registrar",
    "may refuse to renew",
    "shall pay into the consolidated fund",
]
_GENERIC_OBJECTS = [
    "a licence",
    "a notice of appeal",
    "the register of members",
    "a certificate of compliance",
    "any record kept under this Part",
    "an application for a permit",
    "the annual accounts",
    "the fee prescribed by regulation",
    "a statement of claim",
    "the land described in the schedule",
    "a search warrant",
    "the tax assessed",
]
_GENERIC_QUALIFIERS = [
    "within thirty days after the date of the decision",
    "in the prescribed form and manner",
    "on such terms and conditions as it considers just",
    "subject to subsection (2)",
    "in accordance with the regulations",
    "unless the contrary intention appears",
    "at the expense of the owner",
    "after giving the person an opportunity to be heard",
    "for the purposes of this Act",
    "not later than the end of the fiscal year",
    "on reasonable grounds to believe that an offence has been committed",
    "where the public interest so requires",
]
_GENERIC_HEADINGS = [
    "Interpretation",
    "Application for licence",
    "Renewal and revocation",
    "Appeals",
    "Records and returns",
    "Fees",
    "Powers of the Minister",
    "Regulations",
    "Service of documents",
    "Offences and penalties",
    "Transitional provisions",
    "Search and seizure",
    "Annual accounts",
    "Commencement",
]
_INSTRUMENTS = [
    ("Anti-Trafficking in Persons Act", "act"),
    ("Criminal Code, Part XII", "code"),
    ("Labour (Fair Recruitment) Act", "act"),
    ("Victims of Trafficking (Protection) Regulations", "regulation"),
]


def _offence_sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_MEANS)} "
        f"{rng.choice(_PURPOSES)} {rng.choice(_PENALTIES)}."
    )


def _definition(rng: random.Random) -> str:
    term = rng.choice(_DEFINED_TERMS)
    return f'"{term[0].upper() + term[1:]}" means {rng.choice(_MEANS)[3:]} {rng.choice(_PURPOSES)}.'


def _generic_sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(_GENERIC_SUBJECTS)} {rng.choice(_GENERIC_VERBS)} {rng.choice(_GENERIC_OBJECTS)} "
        f"{rng.choice(_GENERIC_QUALIFIERS)}."
    )


def synthetic_section(rng: random.Random) -> tuple[str, str]:
    """A heading and statute-like paragraphs, (a), (b), ..., of 150 to 300 words.

    Most sections are about something else (licences, appeals, records), as in
    a real code; about one in eight is about trafficking, and a general section
    now and then mentions it in passing, so that queries range from rare to common.
    """
    on_trafficking = rng.random() < TRAFFICKING_SHARE
    heading = rng.choice(_HEADINGS if on_trafficking else _GENERIC_HEADINGS)
    target = rng.randint(150, 300)
    paragraphs: list[str] = []
    words = 0
    while words < target:
        kind = rng.random()
        if on_trafficking and kind < 0.4:
            sentence = _offence_sentence(rng)
        elif on_trafficking and kind < 0.55:
            sentence = _definition(rng)
        elif (on_trafficking and kind < 0.75) or kind < 0.02:
            sentence = rng.choice(_PROVISIONS)
        else:
            sentence = _generic_sentence(rng)
        letter = chr(ord("a") + len(paragraphs) % 26)
        paragraphs.append(f"({letter}) {sentence}")
        words += len(sentence.split())
    return heading, "\n".join(paragraphs)


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def _postgres_admin(server: str, statement: str) -> None:
    """Run a statement (CREATE/DROP DATABASE) on the server's maintenance database, outside a transaction."""
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(statement)


def configure(args: argparse.Namespace) -> tuple[str, Path | None]:
    """Point Django at a scratch database.

    Returns the PostgreSQL server URL used ("" for SQLite) and the temporary
    folder holding the SQLite file (None for PostgreSQL), for cleaning up.
    """
    os.environ["DJANGO_SETTINGS_MODULE"] = "fourthp.settings"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production")
    os.environ.setdefault("DEBUG", "0")  # DEBUG on would record every query and slow them down
    if str(BASE_DIR) not in sys.path:
        sys.path.insert(0, str(BASE_DIR))
    server = args.postgres
    env_url = os.environ.get("DATABASE_URL", "")
    if not server and env_url.startswith(("postgres://", "postgresql://")):
        server = env_url
    if server:
        _postgres_admin(server, f"DROP DATABASE IF EXISTS {SCRATCH_DB} WITH (FORCE)")
        _postgres_admin(server, f"CREATE DATABASE {SCRATCH_DB}")
        os.environ["DATABASE_URL"] = _with_database(server, SCRATCH_DB)
        return server, None
    folder = Path(tempfile.mkdtemp(prefix="fourthp-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    return "", folder


def _chunks(n: int, parts: int) -> Iterator[int]:
    base, extra = divmod(n, parts)
    for i in range(parts):
        yield base + (1 if i < extra else 0)


def load_sections(n: int) -> float:
    """Create a synthetic jurisdiction, a few instruments and `n` sections; return the seconds taken."""
    from django.db import connection, transaction

    from fourthp.jurisdictions.models import Jurisdiction
    from fourthp.laws.models import Instrument, Section
    from fourthp.lib.text import normalise_text

    rng = random.Random(SEED)
    started = time.perf_counter()
    with transaction.atomic():
        land = Jurisdiction.objects.create(
            code="XB",
            name="Benchland",
            kind=Jurisdiction.Kind.SOVEREIGN_STATE,
            level=Jurisdiction.Level.NATIONAL,
        )
        for i, ((title, kind), count) in enumerate(zip(_INSTRUMENTS, _chunks(n, len(_INSTRUMENTS)), strict=True)):
            instrument = Instrument.objects.create(
                key=f"xb-bench-{i + 1}",
                jurisdiction=land,
                title=title,
                type=kind,
                section_key_prefix=f"xb{i + 1}",
                citation_template=f"{title}, s. {{number}}",
            )
            batch = []
            for number in range(1, count + 1):
                heading, text = synthetic_section(rng)
                batch.append(
                    Section(
                        instrument=instrument,
                        key=f"xb{i + 1}-{number}",
                        number=str(number),
                        heading=heading,
                        citation=f"{title}, s. {number}",
                        order=number,
                        text=normalise_text(text),
                    )
                )
            Section.objects.bulk_create(batch, batch_size=500)
    if connection.vendor == "postgresql":
        # What autovacuum would soon do after a bulk load; without it the planner guesses.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return time.perf_counter() - started


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0-100), nearest-rank on sorted values."""
    ordered = sorted(values)
    rank = max(1, round(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def time_queries(n: int) -> tuple[list[float], dict[str, int]]:
    from fourthp.laws.queries import SearchFilters, search_sections

    hits: dict[str, int] = {}
    for q in QUERIES:  # one untimed pass: warm caches, and record what each query finds
        hits[q] = search_sections(SearchFilters(q=q), limit=20).count
    timings = []
    for i in range(n):
        q = QUERIES[i % len(QUERIES)]
        started = time.perf_counter()
        search_sections(SearchFilters(q=q), limit=20)
        timings.append((time.perf_counter() - started) * 1000)
    return timings, hits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sections", type=int, default=10_000, help="synthetic sections to load (default 10000)")
    parser.add_argument("--queries", type=int, default=200, help="searches to time (default 200)")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        default="",
        help="PostgreSQL server to bench on, e.g. postgres://postgres@127.0.0.1:5432/postgres "
        f"(a scratch database {SCRATCH_DB} is created there and dropped at the end)",
    )
    parser.add_argument("--verbose", action="store_true", help="also print how many sections each query matches")
    args = parser.parse_args(argv)

    server, temp_folder = configure(args)
    import django
    from django.core.management import call_command
    from django.db import connection, connections

    django.setup()
    try:
        call_command("migrate", verbosity=0, interactive=False)
        load_seconds = load_sections(args.sections)
        timings, hits = time_queries(args.queries)
        vendor = connection.vendor
        version = ".".join(str(part) for part in connection.get_database_version())
    finally:
        connections.close_all()
        if temp_folder is not None:
            shutil.rmtree(temp_folder, ignore_errors=True)
        if server:
            _postgres_admin(server, f"DROP DATABASE IF EXISTS {SCRATCH_DB} WITH (FORCE)")

    print("Search latency: fourthp.laws.queries.search_sections(SearchFilters(q=...), limit=20)")
    print(f"  database      {vendor} {version}")
    print(f"  sections      {args.sections:,} (loaded in {load_seconds:.1f} s)")
    print(f"  queries       {len(timings)} ({len(QUERIES)} distinct, in turn, after one untimed pass)")
    if timings:
        print(f"  median        {statistics.median(timings):.2f} ms")
        print(f"  p95           {percentile(timings, 95):.2f} ms")
        print(f"  min / max     {min(timings):.2f} / {max(timings):.2f} ms")
    print(f"  machine       {os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}")
    if args.verbose:
        for q, count in hits.items():
            print(f"    {count:>7,}  {q}")
    print("Figures only: nothing here passes or fails.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
