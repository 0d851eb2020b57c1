from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from natojp.cli import _build_parser, _config, main
from natojp.config import CAPS, IngestConfig
from natojp.export import chromium_available
from tests import SEEDS


def test_analyze_writes_the_report_and_summarises(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sub" / "report.json"
    assert main(["analyze", str(SEEDS), "--out", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["schema"] == "natojp.report/1"
    assert len(report["articles"]) == 5
    err = capsys.readouterr().err
    assert "5 articles → 4 independent reports" in err and f"wrote {out}" in err


def test_bad_file_is_reported_and_the_rest_analysed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.txt").write_text(
        "Drone talks open\n\nOfficials opened talks on drones and supply chains in Brussels.",
        encoding="utf-8",
    )
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary\x00" * 10)
    out = tmp_path / "r.json"
    assert main(["analyze", str(tmp_path), "-o", str(out), "-q"]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [a["id"] for a in report["articles"]] == ["good"]
    assert [s["path"].endswith("bad.txt") for s in report["skipped"]] == [True]
    assert "binary" in report["skipped"][0]["reason"]
    assert capsys.readouterr().err == ""  # --quiet


def test_file_names_cannot_forge_output_lines_or_escape_sequences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: a file named with a newline forged a "skipped" line; ANSI escapes
    reached the terminal."""
    (tmp_path / "good.txt").write_text(
        "Drone talks open\n\nOfficials opened talks on drones and supply chains in Brussels.",
        encoding="utf-8",
    )
    (tmp_path / "fake\n  skipped evil.txt: pwned.bin").write_bytes(b"x")
    (tmp_path / "\x1b[31mred\x1b[0m\u202etxt.exe").write_bytes(b"x")
    assert main(["analyze", str(tmp_path), "-o", str(tmp_path / "r.json")]) == 0
    err = capsys.readouterr().err
    skipped = [line for line in err.splitlines() if line.startswith("  skipped")]
    assert len(skipped) == 2, err
    assert "\x1b" not in err and "\u202e" not in err
    assert "fake\\n  skipped evil.txt: pwned.bin" in err
    assert "\\x1b[31mred\\x1b[0m\\u202etxt.exe" in err


def test_nothing_to_analyse_exits_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert main(["analyze", str(tmp_path), "-q"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("natojp: error: nothing could be analysed") and "empty" in err


def test_report_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(SEEDS / "002_562edc6b6e8a2061.txt"), "-q"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [a["id"] for a in report["articles"]] == ["002_562edc6b6e8a2061"]


def test_taxonomy_command_writes_an_editable_file(tmp_path: Path) -> None:
    out = tmp_path / "t.toml"
    assert main(["taxonomy", "--out", str(out)]) == 0
    edited = out.read_text(encoding="utf-8").replace('"quantum"', '"quantum-tech"', 1)
    out.write_text(edited, encoding="utf-8")
    report = tmp_path / "r.json"
    assert main(["analyze", str(SEEDS), "--taxonomy", str(out), "-o", str(report), "-q"]) == 0
    ids = [a["id"] for a in json.loads(report.read_text())["tech_areas"]["areas"]]
    assert "quantum-tech" in ids and "quantum" not in ids


def test_invalid_taxonomy_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "t.toml"
    bad.write_text("[[area]]\nlabel = 'x'\n", encoding="utf-8")
    assert main(["analyze", str(SEEDS), "--taxonomy", str(bad), "-q"]) == 2
    assert "natojp: error:" in capsys.readouterr().err


def test_python_dash_m_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "natojp", "analyze", str(SEEDS), "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["corpus"]["articles"] == 5


@pytest.mark.skipif(
    not chromium_available(),
    reason="no Chromium found (install chromium or set NATOJP_CHROMIUM): brief cannot render",
)
def test_brief_writes_a_pdf_and_a_deck(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("brief.pdf", "brief.pptx"):
        out = tmp_path / name
        assert main(["brief", str(SEEDS), "--out", str(out)]) == 0
        assert out.read_bytes()[:4] in (b"%PDF", b"PK\x03\x04")
        assert f"5 articles → 4 independent reports; wrote {out}" in capsys.readouterr().err


@pytest.mark.skipif(
    not chromium_available(),
    reason="no Chromium found (install chromium or set NATOJP_CHROMIUM): brief cannot render",
)
def test_brief_title_and_subtitle_options(tmp_path: Path) -> None:
    from pptx import Presentation

    out = tmp_path / "brief.pptx"
    argv = [
        "brief",
        str(SEEDS),
        "-o",
        str(out),
        "-q",
        "--title",
        "Allied talks",
        "--subtitle",
        "Desk note",
    ]
    assert main(argv) == 0
    deck = Presentation(str(out))
    assert deck.core_properties.title == "Allied talks"
    first = [s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame]
    assert "Allied talks" in first and "Desk note" in first


def test_brief_title_options_reach_the_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """One library call: the options become BriefOptions for write_brief."""
    import natojp.analysis
    import natojp.export
    import natojp.export.brief
    from natojp.export import BriefOptions

    calls: list[object] = []
    monkeypatch.setattr(natojp.export, "chromium_available", lambda: True)
    monkeypatch.setattr(natojp.analysis, "analyze", lambda *a, **k: None)
    monkeypatch.setattr(
        natojp.export.brief, "write_brief", lambda analysis, out, options: calls.append(options)
    )
    assert main(["brief", "-o", "x.pdf", "-q", "--title", "T", "--subtitle", ""]) == 0
    assert calls == [BriefOptions(title="T", subtitle="")]


def test_brief_without_chromium_or_with_a_bad_suffix_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["brief", str(SEEDS), "--out", str(tmp_path / "brief.docx")]) == 2
    assert ".pdf or .pptx" in capsys.readouterr().err
    monkeypatch.setenv("NATOJP_CHROMIUM", str(tmp_path / "no-chromium"))
    assert main(["brief", str(SEEDS), "--out", str(tmp_path / "brief.pdf")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("natojp: error:") and "Chromium" in err and "NATOJP_CHROMIUM" in err
    assert not (tmp_path / "brief.pdf").exists()


# ------------------------------------------------------------ caps, from the cap table


@pytest.fixture
def no_cap_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for cap in CAPS:
        monkeypatch.delenv(cap.env, raising=False)


@pytest.mark.usefixtures("no_cap_variables")
@pytest.mark.parametrize("command", [["analyze"], ["brief", "--out", "b.pdf"]])
def test_every_cap_of_the_table_has_an_option(command: list[str]) -> None:
    parser = _build_parser()
    assert _config(parser.parse_args([*command, "x"])).ingest == IngestConfig()
    for cap in CAPS:
        value, expected = ("1.5", 3 * 1024 * 1024 // 2) if cap.in_mb else ("7", 7)
        args = parser.parse_args([*command, "x", cap.option, value])
        assert getattr(_config(args).ingest, cap.name) == expected, cap.option


def test_the_help_lists_every_cap_with_its_default_and_variable(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["analyze", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    defaults = IngestConfig()
    for cap in CAPS:
        shown = f"(default {cap.show(getattr(defaults, cap.name))}; environment: {cap.env})"
        assert cap.option in text and shown in text, cap.option
    assert "--follow-symlinks" in text


@pytest.mark.usefixtures("no_cap_variables")
def test_options_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NATOJP_MAX_HTML_ELEMENTS", "5")
    monkeypatch.setenv("NATOJP_MAX_ARCHIVE_MB", "2")
    parser = _build_parser()
    config = _config(parser.parse_args(["analyze", "x"])).ingest
    assert (config.max_html_elements, config.max_archive_bytes) == (5, 2 * 1024 * 1024)
    config = _config(parser.parse_args(["analyze", "x", "--max-html-elements", "9"])).ingest
    assert (config.max_html_elements, config.max_archive_bytes) == (9, 2 * 1024 * 1024)


@pytest.mark.usefixtures("no_cap_variables")
def test_follow_symlinks_option() -> None:
    parser = _build_parser()
    assert _config(parser.parse_args(["analyze", "x"])).ingest.follow_symlinks is False
    args = parser.parse_args(["analyze", "x", "--follow-symlinks"])
    assert _config(args).ingest.follow_symlinks is True


@pytest.mark.usefixtures("no_cap_variables")
@pytest.mark.parametrize(
    ("option", "value"),
    [("--max-html-mb", "0"), ("--max-archive-mb", "nan"), ("--max-archive-files", "-3")],
)
def test_cap_options_must_be_positive(
    option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", str(SEEDS), "-q", option, value]) == 2
    assert f"natojp: error: {option} must be positive" in capsys.readouterr().err


def test_outlets_command_writes_a_registry_that_analyze_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    registry = tmp_path / "outlets.toml"
    assert main(["outlets", "--out", str(registry)]) == 0
    text = registry.read_text(encoding="utf-8")
    assert "[[outlet]]" in text and 'name = "Kyodo News"' in text
    registry.write_text(
        text + '\n[[outlet]]\nname = "Example Daily"\ndomains = ["example.org"]\n'
        'country = "JP"\ntype = "newspaper"\n',
        encoding="utf-8",
    )
    (tmp_path / "a.csv").write_text(
        "url,text\nhttps://www.example.org/2025/04/09/x,"
        '"Officials in Tokyo said drone talks with the alliance would begin soon."\n',
        encoding="utf-8",
    )
    out = tmp_path / "r.json"
    assert (
        main(["analyze", str(tmp_path / "a.csv"), "--outlets", str(registry), "-o", str(out)]) == 0
    )
    (article,) = json.loads(out.read_text(encoding="utf-8"))["articles"]
    assert (article["outlet"], article["outlet_basis"], article["outlet_country"]) == (
        "Example Daily",
        "registry",
        "JP",
    )
    assert article["published"] == "2025-04-09" and article["published_basis"] == "url"
    err = capsys.readouterr().err
    assert "read " in err and "url ← 'url' (name)" in err and "text ← 'text' (name)" in err


def test_analyze_a_library_gives_the_report_of_its_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``natojp library init/add/freeze`` then ``analyze --library``: the same report as
    analysing the files, cited by the version id."""
    lib = tmp_path / "lib.duckdb"
    assert main(["library", "init", str(lib)]) == 0
    assert main(["library", "add", str(lib), str(SEEDS)]) == 0
    assert main(["library", "freeze", str(lib)]) == 0
    capsys.readouterr()
    assert main(["analyze", "--library", str(lib), "-q", "-o", str(tmp_path / "lib.json")]) == 0
    assert main(["analyze", str(SEEDS), "-q", "-o", str(tmp_path / "files.json")]) == 0
    from_lib = json.loads((tmp_path / "lib.json").read_text())
    from_files = json.loads((tmp_path / "files.json").read_text())
    version = from_lib["corpus"]["fingerprint"]
    for report in (from_lib, from_files):
        report["corpus"] = {
            k: v
            for k, v in report["corpus"].items()
            if k not in ("analyzed_at", "fingerprint", "name")
        }
        report.pop("timings", None)
    assert from_lib == from_files
    versions = tmp_path / "versions.txt"
    assert main(["library", "list", str(lib), "--versions"]) == 0
    versions.write_text(capsys.readouterr().out)
    assert version in versions.read_text()
    frozen = ["analyze", "--library", str(lib), "--version", version, "-q"]
    assert main([*frozen, "-o", str(tmp_path / "v.json")]) == 0
    assert main(["analyze", "--library", str(lib), str(SEEDS)]) == 2
    assert "not both" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["analyze"], ["brief", "-o", "b.pdf"]])
def test_workers_option(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    parser = _build_parser()
    assert _config(parser.parse_args([*command, "x"])).workers is None  # env, else automatic
    assert _config(parser.parse_args([*command, "x", "--workers", "1"])).workers == 1
    assert _config(parser.parse_args([*command, "x", "--workers", "2"])).workers == 2
    assert main(["analyze", str(SEEDS), "--workers", "0", "-q"]) == 2
    assert "--workers must be a positive whole number" in capsys.readouterr().err


def test_a_bad_workers_environment_variable_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NATOJP_WORKERS", "two")
    assert main(["analyze", str(SEEDS), "-q"]) == 2
    assert "NATOJP_WORKERS must be a positive whole number or 'auto'" in capsys.readouterr().err


def test_analyze_with_a_second_process_writes_the_same_report(tmp_path: Path) -> None:
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    assert main(["analyze", str(SEEDS), "-o", str(one), "-q", "--workers", "1"]) == 0
    assert main(["analyze", str(SEEDS), "-o", str(two), "-q", "--workers", "2"]) == 0
    first, second = json.loads(one.read_text()), json.loads(two.read_text())
    for report in (first, second):
        report["corpus"].pop("analyzed_at")
        report.pop("timings")
    assert first == second
