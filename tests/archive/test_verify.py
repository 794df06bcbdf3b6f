"""``styra verify``: an archive of the example's report, whole, changed and broken."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from styra.archive import build_archive, canonical_json
from styra.archive.verify import same_document
from styra.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "sydnarke-it-2024"
SOURCE = "folder/sources/samtal-2024.csv"


@pytest.fixture(scope="module")
def archive() -> bytes:
    files = {str(p.relative_to(EXAMPLE)): p.read_bytes() for p in EXAMPLE.rglob("*") if p.is_file()}
    return build_archive(files, {}, {"committee": "Sydnärkes IT-nämnd", "version": 1}).content


def members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as found:
        return {name: found.read(name) for name in found.namelist()}


def rezip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def changed(content: bytes, name: str, new: bytes | None, *, forge: bool = False) -> bytes:
    """The archive with one file replaced (or removed); ``forge`` updates the manifest too."""
    files = members(content)
    if new is None:
        del files[name]
    else:
        files[name] = new
    if forge and new is not None:
        head = json.loads(files["manifest.json"])
        head["files"][name] = {"sha256": hashlib.sha256(new).hexdigest(), "size": len(new)}
        if name == "report/report.json":
            head["canonical_json"]["sha256"] = hashlib.sha256(
                canonical_json(json.loads(new))
            ).hexdigest()
        files["manifest.json"] = json.dumps(head).encode()
    return rezip(files)


def verify(content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    path = tmp_path / "arkiv.zip"
    path.write_bytes(content)
    code = main(["verify", str(path)])
    out, err = capsys.readouterr()
    return code, out + err


def test_an_untouched_archive_verifies_file_by_file(
    archive: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = verify(archive, tmp_path, capsys)
    assert code == 0, output
    assert f"{SOURCE}: identisk (SHA-256 som i manifestet)" in output
    assert "report/report.pdf: identisk (SHA-256 som i manifestet; en ny beräkning" in output
    assert "report/report.docx: identisk" in output
    assert "kanonisk JSON: identisk (omräknad ur arkivets indata" in output
    assert "AVVIKER" not in output


def test_the_archive_holds_the_inputs_the_report_and_a_manifest(archive: bytes) -> None:
    files = members(archive)
    head = json.loads(files.pop("manifest.json"))
    assert set(head["files"]) == set(files)
    for name, content in files.items():
        assert head["files"][name]["sha256"] == hashlib.sha256(content).hexdigest()
    assert files[SOURCE] == (EXAMPLE / "sources" / "samtal-2024.csv").read_bytes()
    data = json.loads(files["report/report.json"])
    assert head["canonical_json"]["sha256"] == hashlib.sha256(canonical_json(data)).hexdigest()
    assert data["net_result"]["tkr"] == data["budget_deviation"]["tkr"] == "-852"
    assert [s["tkr"] for s in data["sharing"]["shares"]] == ["-177", "-113", "-233", "-329"]
    assert json.loads(files["lineage.json"]) == {}


def test_canonical_json_sorts_keys_keeps_utf8_and_drops_whitespace() -> None:
    data = {"b": "Laxå", "a": [1, {"d": None, "c": True}]}
    assert canonical_json(data) == '{"a":[1,{"c":true,"d":null}],"b":"Laxå"}'.encode()


def test_one_changed_byte_of_a_source_export_is_named(
    archive: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = members(archive)[SOURCE]
    at = original.index(b";Besvarat") + 1
    broken = original[:at] + b"b" + original[at + 1 :]
    code, output = verify(changed(archive, SOURCE, broken), tmp_path, capsys)
    assert code == 1
    assert f"{SOURCE}: AVVIKER: SHA-256 är {hashlib.sha256(broken).hexdigest()}" in output
    assert "Arkivet stämmer inte:" in output and SOURCE in output.splitlines()[-1]


def test_a_changed_json_report_is_named(
    archive: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = members(archive)["report/report.json"]
    forged = report.replace(b'"total_tkr": "-852"', b'"total_tkr": "-85"')
    assert forged != report
    code, output = verify(changed(archive, "report/report.json", forged), tmp_path, capsys)
    assert code == 1
    assert "report/report.json: AVVIKER: SHA-256 är" in output
    assert "dess data stämmer inte med manifestets kanoniska JSON" in output


def test_a_forged_report_with_a_matching_manifest_fails_the_recomputation(
    archive: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = members(archive)["report/report.json"]
    forged = report.replace(b'"total_tkr": "-852"', b'"total_tkr": "0"')
    content = changed(archive, "report/report.json", forged, forge=True)
    code, output = verify(content, tmp_path, capsys)
    assert code == 1
    assert "report/report.json: AVVIKER: skiljer sig från en ny rendering" in output
    assert "kanonisk JSON: AVVIKER: omräknad ur arkivets indata" in output
    assert "folder/goals.yaml: identisk" in output


def test_a_changed_input_with_a_matching_manifest_fails_the_recomputation(
    archive: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    goals = members(archive)["folder/goals.yaml"]
    edited = goals.replace(b"value: 66\n", b"value: 80\n")
    assert edited != goals
    code, output = verify(
        changed(archive, "folder/goals.yaml", edited, forge=True), tmp_path, capsys
    )
    assert code == 1
    assert "folder/goals.yaml: identisk" in output  # the forger updated its hash
    for fmt in ("json", "pdf", "docx", "html"):
        assert f"report/report.{fmt}: AVVIKER: skiljer sig från en ny rendering" in output


def test_a_file_outside_the_manifest_and_a_missing_one_are_named(
    archive: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = changed(changed(archive, "folder/extra.txt", b"x"), "report/report.html", None)
    code, output = verify(content, tmp_path, capsys)
    assert code == 1
    assert "folder/extra.txt: AVVIKER: finns i arkivet men inte i manifestet" in output
    assert "report/report.html: AVVIKER: saknas i arkivet men står i manifestet" in output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"inte en zip", "arkivet är ingen läsbar zip-fil"),
        (rezip({"folder/goals.yaml": b""}), "arkivet saknar manifest.json"),
        (rezip({"manifest.json": b"{"}), "manifest.json går inte att läsa som JSON"),
        (rezip({"manifest.json": b"{}"}), "manifest.json är inte ett manifest för ett Styra"),
        (rezip({"../utanfor": b""}), "arkivet har en fil med otillåtet namn: ../utanfor"),
    ],
)
def test_a_broken_archive_exits_1_with_a_swedish_message(
    content: bytes, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = verify(content, tmp_path, capsys)
    assert code == 1
    assert f"styra verify: {tmp_path / 'arkiv.zip'}: {message}" in output
    assert "Traceback" not in output


def test_wrong_use_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(tmp_path / "finns-inte.zip")]) == 2
    assert "styra verify: filen" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["verify"])
    assert exit_.value.code == 2


def test_a_docx_written_again_at_another_time_is_the_same_document(archive: bytes) -> None:
    docx = members(archive)["report/report.docx"]
    parts = members(docx)
    again = io.BytesIO()
    with zipfile.ZipFile(again, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in parts.items():
            out.writestr(zipfile.ZipInfo(name, date_time=(2030, 6, 1, 12, 0, 0)), content)
    assert again.getvalue() != docx
    assert same_document("docx", docx, again.getvalue())
    assert not same_document("pdf", docx, again.getvalue())
    edited = rezip({**parts, "word/document.xml": parts["word/document.xml"] + b" "})
    assert not same_document("docx", docx, edited)
