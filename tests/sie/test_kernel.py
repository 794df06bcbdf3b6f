"""The compiled kernel gives exactly the pure-Python path's result: every total, count and
problem with its line, on the samples, written documents, hand-made edges and mutated
inputs. Both paths run in this one process (``read_with(..., kernel=True/False)``)."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styra.sie import SieDocument, kernel
from styra.sie.reader import ReadResult, read_with
from styra.sie.summary import describe
from styra.sie.vouchers import Voucher
from styra.sie.writer import write

from .conftest import ROOT, SAMPLES, SKIP_REASON, sample_files
from .test_writer import documents

pytestmark = pytest.mark.skipif(not kernel.available(), reason="the kernel was not built here")

HEAD = (
    b'#FLAGGA 0\n#PROGRAM "t" 1\n#FORMAT PC8\n#GEN 20250101\n#SIETYP 4\n#FNAMN "Test"\n'
    b'#RAR 0 20240101 20241231\n#RAR -1 20230101 20231231\n#KONTO 1930 "Bank"\n'
    b'#KONTO 2440 "Skuld"\n#DIM 1 "Ansvar"\n#OBJEKT 1 N "Nord"\n'
)
PLAIN = b'#VER A %d 20240105 "x"\n{\n#TRANS 1930 {1 N} 10.00\n#TRANS 2440 {} -10.00\n}\n'


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _fields(doc: SieDocument | None) -> dict[str, object]:
    if doc is None:
        return {}
    values = {f.name: getattr(doc, f.name) for f in dataclasses.fields(doc)}
    for name in ("transaction_totals", "object_transaction_totals"):
        values[name] = dict(values[name].items())  # type: ignore[attr-defined]
    return values


def _queries(doc: SieDocument | None) -> list[object]:
    if doc is None:
        return []
    return [
        (dict(doc.outcome(y)), dict(doc.monthly_outcome(y)), dict(doc.outcome_by_object(d, y)))
        for y in (0, -1)
        for d in ("1", "6")
    ]


def same(source: bytes | Path, name: str = "t.se") -> ReadResult:
    """Both paths, compared in full (with the document's queries); the kernel's result."""
    fast = read_with(source, name, kernel=True)
    pure = read_with(source, name, kernel=False)
    assert fast.problems == pure.problems
    assert _fields(fast.document) == _fields(pure.document)
    with _kernel_flag("1"):
        with_kernel = _queries(fast.document)
    with _kernel_flag("0"):
        assert with_kernel == _queries(pure.document)
    return fast


@contextmanager
def _kernel_flag(flag: str) -> Iterator[None]:
    before = os.environ.get("STYRA_SIE_KERNEL")
    os.environ["STYRA_SIE_KERNEL"] = flag
    try:
        yield
    finally:
        if before is None:
            del os.environ["STYRA_SIE_KERNEL"]
        else:
            os.environ["STYRA_SIE_KERNEL"] = before


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """[vouchers, rows] the kernel read (the rest were Python's)."""
    total = [0, 0]
    run = kernel.Kernel.run

    def counting(self: kernel.Kernel, host: kernel.Host) -> tuple[int, int]:
        vouchers, rows = run(self, host)
        total[0] += vouchers
        total[1] += rows
        return vouchers, rows

    monkeypatch.setattr(kernel.Kernel, "run", counting)
    yield total


# -- the samples ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", sample_files(), ids=_id)
def test_every_sample_reads_the_same_with_and_without_the_kernel(path: Path) -> None:
    same(path, str(path))


def test_the_kernel_reads_most_voucher_rows_of_the_samples(counted: list[int]) -> None:
    if not SAMPLES.is_dir():
        pytest.skip(SKIP_REASON)
    rows = 0
    for path in sample_files():
        doc = read_with(path, kernel=True).document
        rows += doc.transaction_count if doc else 0
    assert counted[1] > rows // 2


def _inspect_json(path: Path, capsys: pytest.CaptureFixture[str]) -> object:
    from styra.cli import main

    main(["sie", "inspect", str(path), "--json"])
    return json.loads(capsys.readouterr().out)


def test_inspect_gives_the_same_json_with_and_without_the_kernel_on_every_sample(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if not SAMPLES.is_dir():
        pytest.skip(SKIP_REASON)
    for path in sample_files():
        monkeypatch.setenv("STYRA_SIE_KERNEL", "1")
        with_kernel = _inspect_json(path, capsys)
        monkeypatch.setenv("STYRA_SIE_KERNEL", "0")
        assert _inspect_json(path, capsys) == with_kernel, path


def test_the_command_says_the_same_whether_or_not_the_kernel_is_on(tmp_path: Path) -> None:
    ledger = tmp_path / "bok.se"
    ledger.write_bytes(HEAD + b"".join(PLAIN % n for n in range(1, 6)) + PLAIN % 3)
    outputs = []
    for flag in ("1", "0"):
        done = subprocess.run(
            [Path(sys.executable).with_name("styra"), "sie", "inspect", str(ledger), "--json"],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "STYRA_SIE_KERNEL": flag},
            cwd=ROOT,
        )
        outputs.append((done.returncode, done.stdout, done.stderr))
    assert outputs[0] == outputs[1]
    assert "A 3 förekommer mer än en gång" in outputs[0][1]


# -- written documents and hand-made edges --------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_written_documents_read_the_same(case: tuple[SieDocument, list[Voucher]]) -> None:
    data = write(case[0], case[1])
    same(data + data[data.index(b"#VER") :] if b"#VER" in data else data)


def test_plain_vouchers_are_the_kernel_s_and_their_sums_are_right(counted: list[int]) -> None:
    doc = same(HEAD + b"".join(PLAIN % n for n in range(1, 101))).document
    assert doc is not None
    assert counted == [99, 198]  # the first voucher of a run is read by Python
    assert doc.transaction_totals[("1930", 202401)] == Decimal("1000.00")
    assert dict(doc.outcome_by_object("1", 0)) == {("1930", "N"): Decimal("1000.00")}


# One case a line in EDGES, however long: the table reads best so.
EDGES = {
    "unbalanced": b"#VER A 7 20240105\n{\n#TRANS 1930 {} 1.00\n#TRANS 2440 {} -2\n}\n",
    "empty": b"#VER A 7 20240105\n{\n}\n",
    "duplicate": b"#VER A 2 20240105\n{\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n}\n",
    "leading zero": b"#VER A 0002 20240105\n{\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n}\n" * 2,
    "huge number": b"#VER A 99999999999 20240105\n{\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n}\n" * 2,
    "letters": b"#VER A x1 20240105\n{\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n}\n" * 2,
    "no number": b'#VER A "" 20240105\n{\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n}\n' * 2,
    "far number": b"#VER B 134217727 20240105\n{\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n}\n" * 2,
    "over bitmap": b"#VER B 134217728 20240105\n{\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n}\n" * 2,
    "latin series": b"#VER \xc5 9 20240105\n{\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n}\n" * 2,
    "quoted series": b'#VER "A\\"" 9 20240105\n{\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n}\n',
    "spaced series": b'#VER "A B" 9 20240105\n{\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n}\n',
    "bad date": b"#VER A 9 20240230\n{\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n}\n",
    "outside": b"#VER A 9 20250105\n{\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n}\n",
    "iso date": b"#VER A 9 2024-01-05\n{\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n}\n",
    "quoted date": b'#VER A 9 "20240105"\n{\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n}\n',
    "short ver": b"#VER A 9\n{\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n}\n",
    "no brace": b"#VER A 9 20240105\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n}\n",
    "blank before brace": b"#VER A 9 20240105\n\n{\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n}\n",
    "blank row": b"#VER A 9 20240105\n{\n#TRANS 1930 {} 1\n\n#TRANS 2440 {} -1\n}\n",
    "not closed": b"#VER A 9 20240105\n{\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n",
    "record ends it": b"#VER A 9 20240105\n{\n#TRANS 1930 {} 1\n#KONTO 3000 x\n",
    "rtrans": b"#VER A 9 20240105\n{\n#RTRANS 1930 {} 1\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n}\n",
    "btrans": b"#VER A 9 20240105\n{\n#BTRANS 1930 {} 1\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n}\n",
    "lower case": b"#VER A 9 20240105\n{\n#trans 1930 {} 1\n#TRANS 2440 {} -1\n}\n",
    "row date other month": b"#VER A 9 20240105\n{\n#TRANS 1930 {} 1 20240301\n#TRANS 2440 {} -1\n}\n",  # noqa: E501
    "row date outside": b"#VER A 9 20240105\n{\n#TRANS 1930 {} 1 20260301\n#TRANS 2440 {} -1\n}\n",
    "row date same month": b'#VER A 9 20240105\n{\n#TRANS 1930 {} 1 202401xx\n#TRANS 2440 {} -1 ""\n}\n',  # noqa: E501
    "plus": b"#VER A 9 20240105\n{\n#TRANS 1930 {} +1\n#TRANS 2440 {} -1\n}\n",
    "underscore": b"#VER A 9 20240105\n{\n#TRANS 1930 {} 1_0\n#TRANS 2440 {} -10\n}\n",
    "one decimal": b"#VER A 9 20240105\n{\n#TRANS 1930 {} 1.5\n#TRANS 2440 {} -1.50\n}\n",
    "three decimals": b"#VER A 9 20240105\n{\n#TRANS 1930 {} 1.005\n#TRANS 2440 {} -1.005\n}\n",
    "bare decimals": b"#VER A 9 20240105\n{\n#TRANS 1930 {} .50\n#TRANS 2440 {} -.50\n}\n",
    "two points": b"#VER A 9 20240105\n{\n#TRANS 1930 {} 1.1.50\n#TRANS 2440 {} -1\n}\n",
    "comma": b"#VER A 9 20240105\n{\n#TRANS 1930 {} 1,50\n#TRANS 2440 {} -1.50\n}\n",
    "quoted amount": b'#VER A 9 20240105\n{\n#TRANS 1930 {} "1.50"\n#TRANS 2440 {} -1.50\n}\n',
    "minus zero": b"#VER A 9 20240105\n{\n#TRANS 1930 {} -0\n#TRANS 2440 {} 0.00\n}\n",
    "zero padded": b"#VER A 9 20240105\n{\n#TRANS 1930 {} 0000000000000000001\n#TRANS 2440 {} -1\n}\n",  # noqa: E501
    "15 digits": b"#VER A 9 20240105\n{\n#TRANS 1930 {} 999999999999999\n#TRANS 2440 {} -999999999999999\n}\n",  # noqa: E501
    "16 digits": b"#VER A 9 20240105\n{\n#TRANS 1930 {} 9999999999999999\n#TRANS 2440 {} -9999999999999999\n}\n",  # noqa: E501
    "20 digits": b"#VER A 9 20240105\n{\n#TRANS 1930 {} 99999999999999999999\n#TRANS 2440 {} -99999999999999999999\n}\n",  # noqa: E501
    "no amount": b"#VER A 9 20240105\n{\n#TRANS 1930 {}\n#TRANS 2440 {} -1\n}\n",
    "no list": b"#VER A 9 20240105\n{\n#TRANS 1930 1\n#TRANS 2440 {} -1\n}\n",
    "no account": b'#VER A 9 20240105\n{\n#TRANS "" {} 1\n#TRANS 2440 {} -1\n}\n',
    "quoted account": b'#VER A 9 20240105\n{\n#TRANS "1930" {} 1\n#TRANS 2440 {} -1\n}\n',
    "two accounts": b"#VER A 9 20240105\n{\n#TRANS 1930 1931 {} 1\n#TRANS 2440 {} -1\n}\n",
    "escaped object": b'#VER A 9 20240105\n{\n#TRANS 1930 {1 "a\\"b"} 1\n#TRANS 2440 {} -1\n}\n',
    "odd object list": b"#VER A 9 20240105\n{\n#TRANS 1930 {1} 1\n#TRANS 2440 {} -1\n}\n",
    "spaced list": b"#VER A 9 20240105\n{\n#TRANS 1930 { } 1\n#TRANS 2440 { 1 N } -1\n}\n",
    "nested braces": b"#VER A 9 20240105\n{\n#TRANS 1930 {{1 N}} 1\n#TRANS 2440 {} -1\n}\n",
    "brace in text": b'#VER A 9 20240105 "{x}"\n{\n#TRANS 1930 {} 1 "" "}{"\n#TRANS 2440 {} -1\n}\n',  # noqa: E501
    "cancelling spellings": (
        b'#VER A 9 20240105\n{\n   #TRANS 1930 {1 "N"} 10.00\n\t#TRANS\t1930\t{ 1 N }\t-10\t20240106\n'  # noqa: E501
        b"#TRANS 2440 {} 7.25\n#TRANS 2440 {} -7.25\n}\n"
    ),
    "crlf and tabs": b"#VER\tA\t9\t20240105\r\n{\r\n\t#TRANS\t1930\t{}\t1\r\n#TRANS 2440 {} -1\r\n}\r\n",  # noqa: E501
    "vertical tab": b"#VER A 9 20240105\n{\x0b\n#TRANS 1930 {}\x0c1\n#TRANS 2440 {} -1\n}\x0b\n",
    "closing brace with text": b"#VER A 9 20240105\n{\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n} x\n",
    "undeclared": b"#VER A 9 20240105\n{\n#TRANS 7777 {9 Q} 1\n#TRANS 2440 {} -1\n}\n",
    "no newline at end": b"#VER A 9 20240105\n{\n#TRANS 1930 {} 1\n#TRANS 2440 {} -1\n}",
    "nul": b"#VER A 9 20240105\n{\n#TRANS 1930 {} 1\x00\n#TRANS 2440 {} -1\n}\n",
    "stray row": b"#TRANS 1930 {} 5\n",
    "rar after vouchers": b"#RAR 0 20250101 20251231\n" + PLAIN % 9 + PLAIN % 10,
}


@pytest.mark.parametrize("tail", EDGES.values(), ids=EDGES.keys())
def test_every_edge_reads_the_same_before_and_after_plain_vouchers(tail: bytes) -> None:
    plain = b"".join(PLAIN % n for n in range(1, 4))
    same(HEAD + plain + tail + plain.replace(b"#VER A", b"#VER C"))
    same(HEAD + plain + tail + tail + plain.replace(b"#VER A", b"#VER C"))


def test_an_over_long_row_inside_a_run_of_vouchers_is_the_line_reader_s() -> None:
    row = b'#TRANS 1930 {} 1 20240105 "' + b"t" * 70_000 + b'"\n'
    body = (
        HEAD + PLAIN % 1 + PLAIN % 2 + b"#VER A 3 20240105\n{\n" + row + b"#TRANS 2440 {} -1\n}\n"
    )
    assert "sie-line-too-long" in {p.code for p in same(body + PLAIN % 4).problems}
    near = b'#TRANS 1930 {} 1 20240105 "' + b"t" * 4_060 + b'"\n'
    same(
        HEAD + PLAIN % 1 + PLAIN % 2 + b"#VER A 3 20240105\n{\n" + near + b"#TRANS 2440 {} -1\n}\n"
    )


def test_sums_past_the_kernel_s_bound_are_python_s(counted: list[int]) -> None:
    big = (
        b"#VER A %d 20240105\n{\n#TRANS 1930 {1 N} 999999999999999\n"
        b"#TRANS 2440 {} -999999999999999\n}\n"
    )
    doc = same(HEAD + b"".join(big % n for n in range(1, 120))).document
    assert doc is not None
    assert doc.transaction_totals[("1930", 202401)] == Decimal("118999999999999881.00")
    assert 0 < counted[0] < 118  # the kernel stopped short of 2^62 öre


def test_a_checksummed_file_is_read_by_python(counted: list[int]) -> None:
    vouchers = b"".join(PLAIN % n for n in range(1, 5))
    same(HEAD.replace(b"#FLAGGA 0\n", b"#FLAGGA 0\n#KSUMMA\n") + vouchers + b"#KSUMMA 1\n")
    assert counted[0] == 0


def test_vouchers_across_chunk_ends_read_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kernel, "CHUNK_BYTES", 97)
    monkeypatch.setattr(kernel, "_REFILL_BELOW", 40)
    body = HEAD + b"".join(
        b"#VER A %d 2024%02d05\n{\n#TRANS 1930 {1 N} %d.50\n#TRANS 2440 {} -%d.50\n}\n"
        % (n, n % 12 + 1, n, n + (n == 7))
        for n in range(1, 60)
    )
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"styra-kernel-chunks-{os.getpid()}.se"
    path.write_bytes(b"\xef\xbb\xbf" + body)
    try:
        result = same(path, "chunks.se")
    finally:
        path.unlink()
    assert [p.code for p in result.problems if p.code.startswith("sie-voucher")] == [
        "sie-voucher-unbalanced"
    ]


@given(st.binary(max_size=300), st.integers(1, 80))
def test_the_kernel_s_lines_are_readline_s(data: bytes, limit: int) -> None:
    handle = io.BytesIO(data)
    lines = kernel.Lines(io.BytesIO(data), None)
    lines.pos = 0  # the byte-order mark is the reader's business; here every byte counts
    for _ in range(len(data) + 2):
        assert lines.readline(limit) == handle.readline(limit)


# -- mutated inputs (the long campaign is benchmarks/sie_fuzz.py --compare) ----------------


def _campaign() -> object:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import sie_fuzz
    finally:
        sys.path.pop(0)
    return sie_fuzz


@pytest.mark.slow
def test_20000_mutated_inputs_read_the_same_with_and_without_the_kernel() -> None:
    if not SAMPLES.is_dir():
        pytest.skip(SKIP_REASON)
    fuzz = _campaign()
    rng = random.Random(16)
    corpus = [path.read_bytes() for path in sample_files()]
    for _ in range(20_000):
        data = fuzz.make_input(rng, corpus)  # type: ignore[attr-defined]
        fast = read_with(data, "f.se", kernel=True)
        pure = read_with(data, "f.se", kernel=False)
        assert fast.problems == pure.problems, data
        assert _fields(fast.document) == _fields(pure.document), data
        describe(fast, "f.se")
