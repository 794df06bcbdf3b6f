"""Scale benchmark (issue 14): pages on a national data set against one municipality alone.

    uv run python benchmarks/scale_benchmark.py \\
        --postgres postgres://styra:styra@127.0.0.1:5432/postgres [--seconds 20] [--clients 20]

Two PostgreSQL databases beside the one ``--postgres`` names (its role must create
databases): ``styra_national`` holds the example municipality (Lekeberg 2024) and the
invented national data set (``styra manage generate_national``, 290 municipalities × 12
committees × 10 years, made on the first run and kept: ``--regenerate`` makes it again);
``styra_national_one`` holds the example municipality alone, as a municipality starting out
has it. One reader, ``bench``, reads Lekeberg and the first invented municipality through a
council reader's role.

For each database, ``styra serve`` runs on a free loopback port as a user starts it
(gunicorn, 2 workers × 4 threads unless STYRA_WORKERS/STYRA_THREADS say otherwise), and
``--clients`` keep-alive clients load each page for ``--seconds`` (``web_benchmark.load``):

- the committee overview of Lekeberg's Kommunstyrelsen 2024 (the same page on both);
- Lekeberg's municipality overview 2024 (the same page on both);
- a static file from the same server (whitenoise), the floor of the stack;
- on the national database also an invented municipality's overview (12 committees) and
  one of its committee overviews;
- on the national database, the committee overview again while 1 000 000-row SIE imports
  run one after another in the background: the queue's own task (``import_sie``) in a
  ``styra worker`` process, each confirmed as the preview page confirms it, into another
  committee's period.

Prints p50, p95, p99 and requests per second for each, and the ratios the issue asks for.
Load goes to 127.0.0.1 only and stops by itself.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_benchmark import environment, free_port, load, request, sign_in

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_LEDGER = ROOT / "examples" / "lekeberg-2024" / "kommunstyrelsen" / "ledger.se"
NATIONAL, ONE = "styra_national", "styra_national_one"
IMPORT_ROWS = 1_000_000
SEED = """
import django, sys
django.setup()
from django.core.management import call_command
from django.contrib.auth import get_user_model
from styra.web.followup import models as m
from styra.web.followup.demo import create_example
call_command("migrate", interactive=False, verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
if not m.Municipality.objects.filter(code="1814").exists():
    assert create_example().period is not None
if sys.argv[2] == "national" and not m.Municipality.objects.filter(code="9001").exists():
    call_command("generate_national", municipalities=290, committees=12, years=10)
user = get_user_model().objects.filter(username="bench").first()
if user is None:
    user = get_user_model().objects.create_user("bench", password=sys.argv[1])
user.set_password(sys.argv[1]); user.save()
for code in ("1814", "9001"):
    found = m.Municipality.objects.filter(code=code).first()
    if found is not None:
        m.MunicipalAssignment.objects.get_or_create(
            municipality=found, user=user, role=m.MunicipalRole.COUNCIL_READER
        )
print(",".join(str(m.Municipality.objects.filter(code=c).values_list("pk", flat=True).first())
               for c in ("1814", "9001")))
"""
IMPORTER = """
import django, json, sys, time
django.setup()
from pathlib import Path
from django.contrib.auth import get_user_model
from styra.web.followup import models as m, sie_preview
from styra.web.tasks import jobs
from styra.web.tasks.models import Job, JobKind
from styra.web.tasks.sie import import_sie
content, stop = Path(sys.argv[1]).read_bytes(), Path(sys.argv[2])
period = m.Period.objects.get(committee__slug=sys.argv[3], slug="2024-helar")
user = get_user_model().objects.get(username="bench")
print("ready", flush=True)
while not stop.exists():
    began = time.perf_counter()
    job = jobs.start(import_sie, "ledger", kind=JobKind.SIE_IMPORT, title="benchmark",
                     committee=period.committee, period=period, started_by=user,
                     upload=content, upload_name="stor.se")
    while True:
        job.refresh_from_db()
        job.task.refresh_from_db(fields=["status"])
        if job.task.status in ("SUCCESSFUL", "FAILED"):
            break
        time.sleep(0.2)
    read = time.perf_counter() - began
    assert job.task.status == "SUCCESSFUL", job.message
    sie_preview.confirm(period.pk, job.outcome["import"], user)
    print(json.dumps({"read_s": read, "total_s": time.perf_counter() - began}), flush=True)
"""


def database_url(base: str, name: str) -> str:
    parts = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def ensure_database(base: str, name: str, fresh: bool) -> None:
    with psycopg.connect(base, autocommit=True) as connection:
        if fresh:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if found.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def seed(env: dict[str, str], password: str, kind: str) -> tuple[int, int | None]:
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", SEED, password, kind],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"seeding {kind} failed:\n{done.stderr[-3000:]}")
    lekeberg, invented = done.stdout.strip().splitlines()[-1].split(",")
    print(f"  {kind}: ready in {time.perf_counter() - began:.0f} s", flush=True)
    return int(lekeberg), None if invented == "None" else int(invented)


def row_counts(url: str) -> dict[str, int]:
    tables = ("municipality", "committee", "period", "indicator", "monthlyamount")
    with psycopg.connect(url) as connection:
        return {
            t: int(connection.execute(f"SELECT count(*) FROM followup_{t}").fetchone()[0])  # type: ignore[index]
            for t in tables
        }


class Serving:
    """``styra serve`` on a free port, as a user starts it."""

    def __init__(self, env: dict[str, str]) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "styra.cli", "serve", "--port", str(self.port)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(600):
            try:
                request(self.port, "GET", "/konto/logga-in/")
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("the server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def measure(
    port: int, cookie: str, pages: dict[str, str], clients: int, seconds: float
) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, path in pages.items():
        first = request(port, "GET", path, headers={"Cookie": cookie})
        assert first.status == 200, (path, first.status)
        found[name] = load(port, path, cookie, clients, seconds)
        show(name, found[name])
    return found


def show(name: str, r: dict[str, float]) -> None:
    print(
        f"    {name:<34}{r['requests']:>9}{r['rps']:>9.0f}{r['p50_ms']:>9.1f}"
        f"{r['p95_ms']:>9.1f}{r['p99_ms']:>9.1f}{r['errors']:>7}",
        flush=True,
    )


def head() -> None:
    heads = ("requests", "req/s", "p50 ms", "p95 ms", "p99 ms")
    print(f"    {'page':<34}" + "".join(f"{h:>9}" for h in heads) + f"{'errors':>7}")


def big_ledger(rows: int) -> bytes:
    """Kommunstyrelsen's ledger with ``rows`` more #TRANS rows that move amounts onto an
    account and off it again: the year's figures stay the example's, only the file grows."""
    text = TEMPLATE_LEDGER.read_bytes().rstrip(b"\r\n")
    accounts = sorted(set(re.findall(rb"#TRANS (\d{4})", text)))[:8] or [b"5410", b"6110"]
    lines = [text]
    for n in range(1, rows // 4 + 1):
        day = b"2024%02d%02d" % (n % 12 + 1, n % 28 + 1)
        lines.append(b'#VER X %d %s "Omforing"\n{' % (n, day))
        for account in (accounts[n % len(accounts)], accounts[(n + 3) % len(accounts)]):
            amount = b"%d.25" % (n % 997 + 1)
            lines.append(b"   #TRANS %s {} %s" % (account, amount))
            lines.append(b"   #TRANS %s {} -%s" % (account, amount))
        lines.append(b"}")
    return b"\n".join(lines) + b"\n"


def under_import(
    env: dict[str, str], port: int, cookie: str, path: str, args: argparse.Namespace
) -> tuple[dict[str, float], list[dict[str, float]]]:
    """The page's load while 1 000 000-row imports run one after another."""
    with tempfile.TemporaryDirectory(prefix="styra-scale-") as tmp:
        ledger, stop = Path(tmp) / "stor.se", Path(tmp) / "stop"
        ledger.write_bytes(big_ledger(IMPORT_ROWS))
        worker = subprocess.Popen(
            [sys.executable, "-m", "styra.cli", "worker", "--interval", "0.2"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        importer = subprocess.Popen(
            [sys.executable, "-c", IMPORTER, str(ledger), str(stop), "k9002-01"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert importer.stdout is not None
            assert importer.stdout.readline().strip() == "ready", importer.stderr
            time.sleep(2)  # the first import is under way
            found = load(port, path, cookie, args.clients, args.seconds)
            stop.touch()
            out, err = importer.communicate(timeout=600)
        finally:
            stop.touch()
            worker.terminate()
            worker.wait(timeout=60)
        imports = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
        if importer.returncode != 0:
            raise SystemExit(f"the import failed:\n{err[-3000:]}")
    return found, imports


def run_database(
    base: str, name: str, kind: str, password: str, args: argparse.Namespace
) -> dict[str, Any]:
    url = database_url(base, name)
    ensure_database(base, name, fresh=kind == "one" or args.regenerate)
    with tempfile.TemporaryDirectory(prefix="styra-scale-") as tmp:
        env = environment(Path(tmp), url)
        lekeberg, invented = seed(env, password, kind)
        counts = row_counts(url)
        print(f"\n  {kind} ({name}): " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
        server = Serving(env)
        try:
            cookie = sign_in(server.port, password)
            pages = {
                "committee overview": "/n/kommunstyrelsen/2024-helar/",
                "municipality overview": f"/kommun/{lekeberg}/2024/",
                "static file": "/static/followup/styra.css",
            }
            if invented is not None:
                pages["invented committee overview"] = "/n/k9001-01/2024-helar/"
                pages["invented municipality (12 committees)"] = f"/kommun/{invented}/2024/"
            head()
            result = measure(server.port, cookie, pages, args.clients, args.seconds)
            if kind == "national" and not args.no_import:
                busy, imports = under_import(
                    env, server.port, cookie, pages["committee overview"], args
                )
                result["committee overview, import running"] = busy
                result["imports"] = imports
                show("committee overview, import running", busy)
                for one in imports:
                    print(f"      import of {IMPORT_ROWS:,} rows: read {one['read_s']:.1f} s, "
                          f"with confirm {one['total_s']:.1f} s")  # fmt: skip
        finally:
            server.stop()
    return {"counts": counts, "pages": result}


def ratios(national: dict[str, Any], one: dict[str, Any]) -> None:
    def p95(found: dict[str, Any], page: str) -> float:
        return float(found["pages"][page]["p95_ms"])

    print("\nratios of p95 (goal)")
    for page in ("committee overview", "municipality overview"):
        r = p95(national, page) / p95(one, page)
        print(f"  {page}, national / one municipality: {r:5.2f}  (≤ 1,5)")
    for label, found in (("national", national), ("one municipality", one)):
        for page in ("committee overview", "municipality overview"):
            r = p95(found, page) / p95(found, "static file")
            print(f"  {page} / static file, {label}: {r:5.2f}  (≤ 3)")
    if "committee overview, import running" in national["pages"]:
        r = p95(national, "committee overview, import running") / p95(
            national, "committee overview"
        )
        print(f"  committee overview, import running / quiet: {r:5.2f}  (≤ 1,5)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", required=True, help="a PostgreSQL URL (role with CREATEDB)")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--regenerate", action="store_true", help="make the national set again")
    parser.add_argument("--no-import", action="store_true", help="skip the load under import")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    password = secrets.token_urlsafe(16)
    workers = os.environ.get("STYRA_WORKERS", "2")
    print(f"{args.clients} clients, {args.seconds:g} s per page; gunicorn workers: {workers}")
    national = run_database(args.postgres, NATIONAL, "national", password, args)
    one = run_database(args.postgres, ONE, "one", password, args)
    ratios(national, one)
    if args.json:
        args.json.write_text(json.dumps({"national": national, "one": one}, indent=2))


if __name__ == "__main__":
    main()
