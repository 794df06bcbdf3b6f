"""Hostile uploads and bodies (issue 9): how fast they are refused and what they cost.

    uv run python benchmarks/web_hostile.py

Workbooks, in this process, each against the example's own sheet as the baseline (wall time
and the peak of Python's allocations while the upload's checks and reading run):
- a 0,2 MB workbook whose sheet unpacks to 95 MB of cells (target: refused < 2 s, < 100 MB);
- a workbook one row over the row limit, which the streaming count refuses.

Bodies, against a live ``styra serve`` (SQLite, in a fresh data directory): the time until
the 413 answer for 200 MB declared to the sign-in page (target < 1 s), with the whole body
then sent, four at once, and the server's memory (resident set of all its processes) before
and after; the baseline is a GET of the sign-in page in the same run.
"""

from __future__ import annotations

# ruff: noqa: PLC0415 (Django's settings and the repository's test helpers are set up first)
import io
import os
import socket
import sys
import tempfile
import threading
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styra.web.settings")
os.environ.setdefault("STYRA_DATA_DIR", tempfile.mkdtemp(prefix="styra-bench-"))


def measured(function: Callable[[], Any]) -> tuple[Any, float, float]:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = function()
    finally:
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return result, seconds, peak / 1024**2


def sheet_with(base: bytes, rows: int, columns: int = 9, cell: bytes = b"<c><v>1</v></c>") -> bytes:
    """``base`` (a real workbook) with its sheet's rows after the header replaced."""
    from styra.web.followup.excel import HEADERS

    out = io.BytesIO()
    head = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxml'
            b'formats.org/spreadsheetml/2006/main"><sheetData>')  # fmt: skip
    header = b"".join(b'<c t="inlineStr"><is><t>%s</t></is></c>' % h.encode() for h in HEADERS)
    with (
        zipfile.ZipFile(io.BytesIO(base)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book,
    ):
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                book.writestr(info, src.read(info))
                continue
            with book.open(info.filename, "w", force_zip64=True) as part:
                part.write(head + b"<row>" + header + b"</row>")
                row = b"<row>%s</row>" % (cell * columns)
                for start in range(0, rows, 1000):
                    part.write(row * min(1000, rows - start))
                part.write(b"</sheetData></worksheet>")
    return out.getvalue()


def refuse(content: bytes) -> str:
    from styra.web.followup import excel, uploads

    try:
        uploads.check_xlsx("blad.xlsx", content)
    except uploads.UploadProblem as exc:
        return f"avvisad: {exc}"
    rows, problems = excel.read_rows(content, "blad.xlsx")
    return f"läst: {len(rows)} rader, {len(problems)} problem"


def workbooks() -> None:
    import django

    django.setup()
    from openpyxl import Workbook

    from styra.web.followup.uploads import MAX_SHEET_ROWS

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    from styra.web.followup.excel import HEADERS

    sheet.append(HEADERS)
    for i in range(30):
        sheet.append([f"1.{i}", "Mål", "Indikator", "st", "Minst 5", i, "Analys", 1, ""])
    normal = io.BytesIO()
    book.save(normal)
    cases = {
        "exemplets blad (30 rader)": normal.getvalue(),
        "95 MB celler uppackat": sheet_with(normal.getvalue(), 650_000),
        f"{MAX_SHEET_ROWS + 1} rader": sheet_with(normal.getvalue(), MAX_SHEET_ROWS, columns=1),
        # Just inside every limit: the most a sheet can make openpyxl read.
        "vid gränserna": sheet_with(
            normal.getvalue(),
            MAX_SHEET_ROWS - 1,
            columns=10,
            cell=b'<c t="inlineStr"><is><t>%s</t></is></c>' % (b"x" * 250),
        ),
    }
    refuse(cases["exemplets blad (30 rader)"])  # warm: imports, openpyxl's first load
    _, base_s, base_mb = measured(lambda: refuse(cases["exemplets blad (30 rader)"]))
    print("Excelblad                      packat    tid      minne   tid/bas  utfall")
    for name, content in cases.items():
        outcome, seconds, mb = measured(lambda c=content: refuse(c))  # type: ignore[misc]
        print(f"{name:28} {len(content) / 1024**2:6.2f} MB {seconds:6.3f} s {mb:6.1f} MB"
              f" {seconds / base_s:7.1f}×  {outcome[:70]}")  # fmt: skip
    del base_mb


def rss_of_tree(pid: int) -> float:
    """Resident memory of a process and its children, in MB (Linux /proc)."""
    total = 0
    pids = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().split()
            except OSError:
                continue
            if int(stat[3]) == pid:
                pids.append(int(entry.name))
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def post_huge(port: int, size: int, results: list[float]) -> None:
    with socket.create_connection(("127.0.0.1", port)) as s:
        started = time.perf_counter()
        head = (f"POST /konto/logga-in/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                f"Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {size}\r\n\r\n").encode()  # fmt: skip
        s.sendall(head + b"a" * 1024**2)
        s.settimeout(30)
        answer = s.recv(64)
        results.append(time.perf_counter() - started)
        assert answer.startswith(b"HTTP/1.1 413"), answer
        chunk = b"a" * 1024**2
        try:
            for _ in range(size // len(chunk) - 1):
                s.sendall(chunk)
        except OSError:
            pass  # the server may close once it has answered


def bodies() -> None:
    from tests.web.live import serve

    with tempfile.TemporaryDirectory() as tmp, serve(Path(tmp), workers=2) as server:
        port = int(server.address.rsplit(":", 1)[1].strip("/"))
        import urllib.request

        urllib.request.urlopen(server.address + "konto/logga-in/", timeout=10).read()  # warm
        started = time.perf_counter()
        urllib.request.urlopen(server.address + "konto/logga-in/", timeout=10).read()
        base = time.perf_counter() - started
        pid = _server_pid(port)
        before = rss_of_tree(pid)
        one: list[float] = []
        post_huge(port, 200 * 1024**2, one)
        four: list[float] = []
        threads = [threading.Thread(target=post_huge, args=(port, 200 * 1024**2, four))
                   for _ in range(4)]  # fmt: skip
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        after = rss_of_tree(pid)
        print(f"\nKropp på 200 MB till inloggningen: 413 efter {one[0]:.3f} s "
              f"({one[0] / base:.1f}× en GET av sidan, {base:.3f} s)")  # fmt: skip
        print(f"Fyra samtidigt: 413 efter högst {max(four):.3f} s; serverns minne "
              f"{before:.0f} MB före, {after:.0f} MB efter ({after - before:+.0f} MB)")  # fmt: skip


def _server_pid(port: int) -> int:
    """The ``styra serve`` process listening on ``port`` (the newest styra.cli serve)."""
    newest = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmd = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"styra.cli" in cmd and str(port).encode() in cmd:
                newest = max(newest, int(entry.name))
    return newest


def main() -> None:
    workbooks()
    bodies()


if __name__ == "__main__":
    main()
