"""Mutated sample files give problems, never an uncaught exception (fast; the long campaign
is benchmarks/sie_fuzz.py)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styra.sie import read
from styra.sie.summary import describe
from styra.sie.writer import write

from .conftest import SAMPLES, SKIP_REASON, sample_files

pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason=SKIP_REASON)

TOKENS = [b"#VER", b"#TRANS", b"#RTRANS", b"{", b"}", b"{}", b'"', b'\\"', b"#KSUMMA",
          b"-", b".", b"\t", b"\r", b"\x00", b"\xff", b"\x86", b"\xc3\xa5", b"20240230",
          b"99999999999999999999", b"1e5", b"NaN", b"{1", b'{"1" "a"}', b"#RAR 0 x y"]  # fmt: skip
LINES = [path.read_bytes().splitlines(keepends=True) for path in sample_files()]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    lines = draw(st.sampled_from(LINES)) if LINES else [b"#FLAGGA 0\n"]
    start = draw(st.integers(0, max(len(lines) - 1, 0)))
    window = lines[: draw(st.integers(0, 25))] + lines[start : start + draw(st.integers(1, 60))]
    for _ in range(draw(st.integers(1, 5))):
        if not window:
            break
        i = draw(st.integers(0, len(window) - 1))
        line = window[i]
        at = draw(st.integers(0, len(line)))
        choice = draw(st.integers(0, 3))
        if choice == 0:
            window[i] = line[:at] + draw(st.sampled_from(TOKENS)) + line[at:]
        elif choice == 1:
            window[i] = line[:at] + draw(st.binary(max_size=3)) + line[at + 1 :]
        elif choice == 2:
            del window[i]
        else:
            window[i] = line[:at]
    return b"".join(window)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_samples_give_problems_never_exceptions(data: bytes) -> None:
    result = read(data, name="mutated.se")
    describe(result, "mutated.se")
    doc = result.document
    for problem in result.problems:
        assert problem.source.file == "mutated.se" and problem.source.line
    if doc is not None:
        doc.outcome(0), doc.budget(0), doc.outcome_by_object("1", 0)
        vouchers = list(doc.vouchers())
        assert read(write(doc, vouchers), name="again.se").document is not None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    result = read(data, name="noise.se")
    assert result.document is not None or result.errors
