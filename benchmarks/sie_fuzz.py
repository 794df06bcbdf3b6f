"""Long fuzz campaign for the SIE reader: mutated sample files, never an uncaught exception.

    uv run python benchmarks/sie_fuzz.py --inputs 1000000 [--workers 2] [--seed 1]
    uv run python benchmarks/sie_fuzz.py --inputs 1000000 --direct --asan    # the C kernel
    uv run python benchmarks/sie_fuzz.py --inputs 100000 --compare --asan    # and the pure path

Each input is a window of a sample file from ../shared/sie-samples (sometimes with the file's
header in front), mutated by byte flips, inserted SIE tokens, deleted, repeated or swapped
lines, or truncation. Every input goes through ``read()``; when a document comes back, its
outcome, budget and per-object figures are asked for, the vouchers streamed, the document
written and read again. Any exception is a failure: the input is saved beside the report.

``read()`` uses the compiled kernel where it was built. ``--compare`` also reads every input
by the pure-Python path and fails on any difference in problems (with their lines) or in the
document. ``--direct`` hands every input straight to the kernel instead, from every line
start, with a real ``Ledger`` answering its questions, and then asks for its totals and the
per-dimension sums: every entry point of the C code, at a few microseconds an input.
``--asan`` first compiles the kernel with AddressSanitizer into a temporary folder
and runs the campaign against that build (``LD_PRELOAD`` of gcc's libasan,
``STYRA_SIE_KERNEL_PATH``): any invalid read or write stops a worker, which the campaign
reports as a crash, as it does any other death of a worker (``faulthandler`` prints where).
"""

from __future__ import annotations

import argparse
import dataclasses
import faulthandler
import os
import random
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = Path(os.environ.get("STYRA_SIE_SAMPLES") or ROOT.parent / "shared" / "sie-samples")
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
    if rng.random() < 0.5:
        window = _voucher_run(rng, window)
    for _ in range(rng.randint(1, 6)):
        window = _mutate(rng, window)
    return b"".join(window)


def _voucher_run(rng: random.Random, lines: list[bytes]) -> list[bytes]:
    """The window with copies of one of its vouchers after it, renumbered: a run of plain
    vouchers, which the compiled kernel reads (the mutations then land inside the run)."""
    starts = [i for i, line in enumerate(lines) if line.lstrip().startswith(b"#VER")]
    if not starts:
        return lines
    first = rng.choice(starts)
    end = next((i for i in range(first, len(lines)) if lines[i].strip() == b"}"), None)
    if end is None:
        return lines
    block = lines[first : end + 1]
    fields = block[0].split(None, 3)
    copies: list[bytes] = []
    for number in range(rng.randint(2, 12)):
        if len(fields) >= 3 and rng.random() < 0.9:
            fields[2] = str(900_000 + number).encode()
            ending = b"\n" if len(fields) < 4 else b" " + fields[3]
            copies += [b" ".join(fields[:3]) + ending, *block[1:]]
        else:
            copies += block
    return lines + copies


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


def exercise(data: bytes, compare: bool = False) -> None:
    """Everything a caller may do with a file; none of it may raise. With ``compare`` the
    pure path reads it too and must agree; streaming and writing (no kernel in them, and
    fuzzed by the first campaign) are then left out, so the kernel gets the inputs."""
    from styra.sie import read  # noqa: PLC0415
    from styra.sie.reader import read_with  # noqa: PLC0415
    from styra.sie.summary import describe  # noqa: PLC0415
    from styra.sie.writer import write  # noqa: PLC0415

    result = read(data, name="fuzz.se")
    if compare:
        pure = read_with(data, name="fuzz.se", kernel=False)
        assert result.problems == pure.problems, "problems differ"
        assert _fields(result.document) == _fields(pure.document), "documents differ"
        describe(result, "fuzz.se")
        for year in (0, -1):
            _queries(result.document, year)
        return
    describe(result, "fuzz.se")
    doc = result.document
    if doc is None:
        return
    for year in (0, -1):
        _queries(doc, year)
    vouchers = list(doc.vouchers())
    again = read(write(doc, vouchers), name="fuzz-written.se")
    assert again.document is not None


def _queries(doc: object, year: int) -> None:
    if doc is None:
        return
    doc.outcome(year)  # type: ignore[attr-defined]
    doc.budget(year)  # type: ignore[attr-defined]
    doc.outcome_by_object("1", year)  # type: ignore[attr-defined]
    doc.budget_by_object("1", year)  # type: ignore[attr-defined]


def _fields(doc: object) -> dict[str, object]:
    if doc is None:
        return {}
    values = {f.name: getattr(doc, f.name) for f in dataclasses.fields(doc)}  # type: ignore[arg-type]
    for name in ("transaction_totals", "object_transaction_totals"):
        values[name] = dict(values[name].items())  # type: ignore[attr-defined]
    return values


_KERNEL_ROWS = [0]


def _count_kernel_rows() -> None:
    """Count the rows the kernel read in this worker (the campaign reports the total)."""
    from styra.sie import kernel  # noqa: PLC0415

    run = kernel.Kernel.run

    def counting(self: kernel.Kernel, host: kernel.Host) -> tuple[int, int]:
        vouchers, rows = run(self, host)
        _KERNEL_ROWS[0] += rows
        return vouchers, rows

    kernel.Kernel.run = counting  # type: ignore[method-assign]


def direct(data: bytes) -> int:
    """The kernel alone on the input, from each line start; the rows it read."""
    from styra.sie import kernel  # noqa: PLC0415
    from styra.sie.amounts import plus  # noqa: PLC0415
    from styra.sie.ledger import Ledger  # noqa: PLC0415
    from styra.sie.report import Reporter  # noqa: PLC0415

    assert kernel._module is not None, "no kernel built"
    ledger = Ledger(Reporter("fuzz.se"), "cp437", {})
    scanner = kernel._module.Scanner()
    rows, start, lineno = 0, 0, 1
    while start < len(data):
        size, lines, _vouchers, read = scanner.run(data, start, lineno, ledger)
        assert 0 <= size <= len(data) - start and lines >= 0
        rows += read
        start += size
        lineno += lines
        end = data.find(b"\n", start)
        start, lineno = (len(data), lineno) if end < 0 else (end + 1, lineno + 1)
    months, objects = scanner.totals(ledger.fast.months, ledger.fast.years)
    for dimension in ("1", "6"):
        kernel.by_dimension(objects, dimension, 0, plus)
    assert all(isinstance(v, int) and v for v in months.values())
    scanner.release()
    return rows


def worker(args: tuple[int, int, str, bool]) -> tuple[int, int, list[str], int]:
    seed, count, out, compare = args
    if os.environ.get("STYRA_SIE_FUZZ_DIRECT"):
        return _direct_worker(seed, count, out)
    rng = random.Random(seed)
    corpus = samples()
    failures: list[str] = []
    before = _KERNEL_ROWS[0]
    for index in range(count):
        data = make_input(rng, corpus)
        path = Path(out) / f"input-{os.getpid()}.se"
        path.write_bytes(data)  # what a crash of the process leaves behind
        try:
            exercise(data, compare)
        except Exception:  # the point of the campaign is to catch anything
            path = Path(out) / f"crash-{seed}-{index}.se"
            path.write_bytes(data)
            failures.append(f"{path}\n{traceback.format_exc()}")
    return seed, count, failures, _KERNEL_ROWS[0] - before


def _direct_worker(seed: int, count: int, out: str) -> tuple[int, int, list[str], int]:
    rng = random.Random(seed)
    corpus = samples()
    failures: list[str] = []
    rows = 0
    for index in range(count):
        data = make_input(rng, corpus)
        Path(out, f"input-{os.getpid()}.se").write_bytes(data)
        try:
            rows += direct(data)
        except Exception:  # any exception from the kernel is a failure too
            path = Path(out) / f"crash-{seed}-{index}.se"
            path.write_bytes(data)
            failures.append(f"{path}\n{traceback.format_exc()}")
    return seed, count, failures, rows


def _init_worker() -> None:
    faulthandler.enable()
    _count_kernel_rows()


def asan_kernel(folder: Path) -> Path:
    """The kernel compiled with AddressSanitizer (and UndefinedBehaviorSanitizer)."""
    out = folder / "_kernel_asan.so"
    include = sysconfig.get_paths()["include"]
    source = ROOT / "src" / "styra" / "sie" / "_kernel.c"
    flags = ["-fsanitize=address,undefined", "-fno-sanitize-recover=undefined"]
    subprocess.run(
        ["gcc", "-O1", "-g", "-fno-omit-frame-pointer", *flags, "-shared", "-fPIC",
         f"-I{include}", str(source), "-o", str(out)],
        check=True,
    )  # fmt: skip
    return out


def _under_asan(argv: list[str]) -> int:
    """Run this campaign again with the ASan build loaded in every process."""
    gcc = shutil.which("gcc")
    if gcc is None:
        print("gcc saknas: ingen AddressSanitizer-byggnad")
        return 2
    libasan = subprocess.run(
        [gcc, "-print-file-name=libasan.so"], capture_output=True, text=True, check=True
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="styra-asan-") as tmp:
        env = {
            **os.environ,
            "LD_PRELOAD": libasan,
            "ASAN_OPTIONS": "detect_leaks=0:abort_on_error=1:allocator_may_return_null=1",
            "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1",
            "STYRA_SIE_KERNEL_PATH": str(asan_kernel(Path(tmp))),
            "STYRA_SIE_FUZZ_ASAN": "1",
        }
        args = [a for a in argv if a != "--asan"]
        return subprocess.run([sys.executable, __file__, *args], env=env, check=False).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("var/sie-fuzz"))
    parser.add_argument("--compare", action="store_true", help="also read by the pure path")
    parser.add_argument("--asan", action="store_true", help="the kernel built with ASan")
    parser.add_argument("--direct", action="store_true", help="the kernel alone, no reader")
    args = parser.parse_args()
    if args.direct:
        os.environ["STYRA_SIE_FUZZ_DIRECT"] = "1"  # the workers inherit it
    if not SAMPLES.is_dir():
        print(f"ingen provsamling i {SAMPLES}; inget att mutera")
        return 1
    if args.asan:
        return _under_asan(sys.argv[1:])
    args.out.mkdir(parents=True, exist_ok=True)
    batch = 5000
    jobs = [
        (
            args.seed * 1_000_000 + i,
            min(batch, args.inputs - i * batch),
            str(args.out),
            args.compare,
        )
        for i in range((args.inputs + batch - 1) // batch)
    ]
    start, done, failures, rows = time.perf_counter(), 0, [], 0
    with ProcessPoolExecutor(args.workers, initializer=_init_worker) as pool:
        try:
            for future in as_completed([pool.submit(worker, job) for job in jobs]):
                _seed, count, found, kernel_rows = future.result()
                done, rows = done + count, rows + kernel_rows
                failures += found
                if done % 50_000 < batch:
                    rate = done / (time.perf_counter() - start)
                    print(f"{done:>9,} inputs, {len(failures)} failures, {rate:,.0f}/s", flush=True)
        except BrokenProcessPool:  # a worker died: a crash, not an exception
            print(f"CRASH: a worker died; its last input is {args.out}/input-<pid>.se")
            return 1
    seconds = time.perf_counter() - start
    print(
        f"inputs={done} seconds={seconds:.0f} failures={len(failures)} seed={args.seed} "
        f"{_setting(args.compare)} kernel_rows={rows}"
    )
    for failure in failures[:20]:
        print(failure)
    return 1 if failures else 0


def _setting(compare: bool) -> str:
    from styra.sie import kernel  # noqa: PLC0415

    build = os.environ.get("STYRA_SIE_KERNEL_PATH") or "in-place build"
    asan = " asan" if os.environ.get("STYRA_SIE_FUZZ_ASAN") else ""
    used = f"kernel={build}{asan}" if kernel.enabled() else "kernel=off"
    direct = bool(os.environ.get("STYRA_SIE_FUZZ_DIRECT"))
    return f"{used} compare={compare} direct={direct}"


if __name__ == "__main__":
    sys.exit(main())
