"""The dashboard's command line and settings."""

from __future__ import annotations

import sys
import tomllib

from natojp.app.launch import (
    CORPUS_ENV,
    FOLDERS_ENV,
    MAIN,
    STREAMLIT_OPTIONS,
    dashboard_env,
    streamlit_command,
)
from tests import ROOT, SEEDS


def test_the_settings_equal_the_repository_streamlit_config() -> None:
    """``streamlit run dashboard.py`` and Community Cloud read .streamlit/config.toml;
    ``natojp dashboard`` passes STREAMLIT_OPTIONS: the two must not drift."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    flat = {
        f"{section}.{name}": str(value).lower() if isinstance(value, bool) else str(value)
        for section, options in config.items()
        for name, value in options.items()
    }
    assert flat == dict(STREAMLIT_OPTIONS)


def test_the_command_runs_the_packaged_app_with_its_settings() -> None:
    command = streamlit_command(port=8600, address="127.0.0.1")
    assert command[:5] == [sys.executable, "-m", "streamlit", "run", str(MAIN)]
    assert MAIN.is_file() and (ROOT / "dashboard.py").read_text(encoding="utf-8").endswith(
        MAIN.read_text(encoding="utf-8").split("\n\n", 1)[1]
    ), "dashboard.py and natojp/app/main.py run the same code"
    pairs = dict(zip(command[5::2], command[6::2], strict=True))
    assert pairs["--server.port"] == "8600" and pairs["--client.toolbarMode"] == "minimal"


def test_the_environment_names_the_corpus_and_the_folder_permission() -> None:
    env = dashboard_env(SEEDS, allow_folders=True, base={"PATH": "/bin"})
    assert env == {"PATH": "/bin", CORPUS_ENV: str(SEEDS.resolve()), FOLDERS_ENV: "1"}
    assert dashboard_env(base={}) == {}
