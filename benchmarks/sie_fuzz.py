"""Long fuzz campaign for the SIE reader: mutated sample files, never an uncaught exception.

    uv run python benchmarks/sie_fuzz.py --inputs 1000000 [--workers 2] [--seed 1]

Each input is a window of a sample file from ../shared/sie-samples (sometimes with the file's
header in front), mutated by byte flips, inserted SIE tokens, deleted, repeated or swapped
lines, or truncation. Every input goes through ``read()``; when a document comes back, its
outcome, budget and per-object figures are asked for, the vouchers streamed, the document
written and read again. Any exception is a failure: the input is saved beside the report.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "sie-samples"
TOKENS = [
    b"#VER", b"#TRANS", b"#RTRANS", b"#BTRANS", b"{", b"}", b"{}", b'"', b'\\"', b"\\",
    b"#KSUMMA", b"#KSUMMA 123", b"#RAR 0 20240101 20241231", b"#PSALDO 0 202401 1930 {} 1",
    b"#OBJEKT 1 x y", b"#DIM 1", b"-", b".", b"0", b"99999999999999999999", b"1e5", b"NaN",
    b"\t", b"\r", b"\n", b"\x00", b"\xff", b"\x86", b"\xc3\xa5", b"\xef\xbb\xbf", b"20240230",
    b"-0.001", b"{1", b"1}", b'{"1" "a"}', b"#IB 0 1930 x", b"#UB -1", b"#SIETYP 4",
]  # fmt: skip


def samples() -> list[bytes]:
    return [
        path.read_bytes()
        for path in sorted(SAMPLES.glob("*/*"))
        if path.suffix.lower() in (".se", ".si")
    ]


def make_input(rng: random.Random, corpus: list[bytes]) -> bytes:
    lines = rng.choice(corpus).splitlines(keepends=True)
    start = rng.randrange(len(lines))
    window = lines[start : start + rng.randint(1, 80)]
    if rng.random() < 0.5:
        window = lines[: rng.randint(0, 30)] + window
    for _ in range(rng.randint(1, 6)):
        window = _mutate(rng, window)
    return b"".join(window)


def _mutate(rng: random.Random, lines: list[bytes]) -> list[bytes]:
    if not lines:
        return [rng.choice(TOKENS) + b"\n"]
    index = rng.randrange(len(lines))
    line = lines[index]
    kind = rng.randrange(7)
    if kind == 0 and line:
        position = rng.randrange(len(line))
        line = line[:position] + bytes([rng.randrange(256)]) + line[position + 1 :]
    elif kind == 1:
        position = rng.randrange(len(line) + 1)
        line = line[:position] + rng.choice(TOKENS) + line[position:]
    elif kind == 2:
        return lines[:index] + lines[index + 1 :]
    elif kind == 3:
        return lines[:index] + [line] * rng.randint(2, 4) + lines[index + 1 :]
    elif kind == 4:
        other = rng.randrange(len(lines))
        lines = list(lines)
        lines[index], lines[other] = lines[other], lines[index]
        return lines
    elif kind == 5:
        line = line[: rng.randrange(len(line) + 1)]
    else:
        line = b" ".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 6))) + b"\n"
    return [*lines[:index], line, *lines[index + 1 :]]


def exercise(data: bytes) -> None:
    """Everything a caller may do with a file; none of it may raise."""
    from styra.sie import read  # noqa: PLC0415
    from styra.sie.summary import describe  # noqa: PLC0415
    from styra.sie.writer import write  # noqa: PLC0415

    result = read(data, name="fuzz.se")
    describe(result, "fuzz.se")
    doc = result.document
    if doc is None:
        return
    for year in (0, -1):
        doc.outcome(year)
        doc.budget(year)
        doc.outcome_by_object("1", year)
        doc.budget_by_object("1", year)
    vouchers = list(doc.vouchers())
    again = read(write(doc, vouchers), name="fuzz-written.se")
    assert again.document is not None


def worker(args: tuple[int, int, str]) -> tuple[int, int, list[str]]:
    seed, count, out = args
    rng = random.Random(seed)
    corpus = samples()
    failures: list[str] = []
    for index in range(count):
        data = make_input(rng, corpus)
        try:
            exercise(data)
        except Exception:  # the point of the campaign is to catch anything
            path = Path(out) / f"crash-{seed}-{index}.se"
            path.write_bytes(data)
            failures.append(f"{path}\n{traceback.format_exc()}")
    return seed, count, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("var/sie-fuzz"))
    args = parser.parse_args()
    if not SAMPLES.is_dir():
        print(f"ingen provsamling i {SAMPLES}; inget att mutera")
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    batch = 5000
    jobs = [
        (args.seed * 1_000_000 + i, min(batch, args.inputs - i * batch), str(args.out))
        for i in range((args.inputs + batch - 1) // batch)
    ]
    start, done, failures = time.perf_counter(), 0, []
    with multiprocessing.Pool(args.workers) as pool:
        for _seed, count, found in pool.imap_unordered(worker, jobs):
            done += count
            failures += found
            if done % 50_000 < batch:
                rate = done / (time.perf_counter() - start)
                print(f"{done:>9,} inputs, {len(failures)} failures, {rate:,.0f}/s", flush=True)
    seconds = time.perf_counter() - start
    print(f"inputs={done} seconds={seconds:.0f} failures={len(failures)} seed={args.seed}")
    for failure in failures[:20]:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
