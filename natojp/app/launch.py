"""Starting the dashboard from an installed natojp: ``natojp dashboard [PATH]``.

The app's Streamlit settings live in :data:`STREAMLIT_OPTIONS` and are passed on the
command line, so they hold from any working directory; ``.streamlit/config.toml`` at
the top of the repository repeats them for ``streamlit run dashboard.py`` and
Streamlit Community Cloud (a test keeps the two equal). No Streamlit import here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

MAIN = Path(__file__).resolve().parent / "main.py"
"""The script ``streamlit run`` starts."""

CORPUS_ENV = "NATOJP_CORPUS"
"""A folder or file shown instead of the bundled seeds."""
FOLDERS_ENV = "NATOJP_ALLOW_FOLDERS"
"""Set to 1 by the operator to offer "Folder on this computer" (reads server folders)."""
LIBRARY_ADDS_ENV = "NATOJP_ALLOW_LIBRARY_ADDS"
"""Set to 1 by the operator to offer adding uploads to the library (changes it for all)."""

STREAMLIT_OPTIONS: Mapping[str, str] = {
    "theme.base": "light",
    "theme.primaryColor": "#1f4e79",
    "server.maxUploadSize": "200",
    "server.fileWatcherType": "none",
    "browser.gatherUsageStats": "false",
    "client.toolbarMode": "minimal",
}
"""Streamlit settings of the app (``section.option`` → value)."""


def streamlit_command(
    script: Path = MAIN, *, port: int | None = None, address: str | None = None
) -> list[str]:
    """The ``streamlit run`` command line of the app, with :data:`STREAMLIT_OPTIONS`."""
    command = [sys.executable, "-m", "streamlit", "run", str(script)]
    for name, value in STREAMLIT_OPTIONS.items():
        command += [f"--{name}", value]
    if port is not None:
        command += ["--server.port", str(port)]
    if address is not None:
        command += ["--server.address", address]
    return command


def dashboard_env(
    corpus: str | os.PathLike[str] | None = None,
    *,
    allow_folders: bool = False,
    library: str | os.PathLike[str] | None = None,
    allow_library_adds: bool = False,
    base: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The environment of a dashboard server showing ``corpus`` (default: the library of
    :func:`natojp.library.library_home`, or ``library``)."""
    env = dict(os.environ if base is None else base)
    if corpus is not None:
        env[CORPUS_ENV] = str(Path(corpus).expanduser().resolve())
    if allow_folders:
        env[FOLDERS_ENV] = "1"
    if library is not None:
        from natojp.library import LIBRARY_ENV

        env[LIBRARY_ENV] = str(Path(library).expanduser().resolve())
    if allow_library_adds:
        env[LIBRARY_ADDS_ENV] = "1"
    return env


def serve(
    corpus: str | os.PathLike[str] | None = None,
    *,
    port: int | None = None,
    address: str | None = None,
    allow_folders: bool = False,
    library: str | os.PathLike[str] | None = None,
    allow_library_adds: bool = False,
) -> int:
    """Run the dashboard until interrupted.

    On POSIX this process becomes the Streamlit server (``exec``), so signals such as
    SIGTERM from a service manager reach it directly; elsewhere Streamlit runs as a
    child and its exit status is returned.
    """
    command = streamlit_command(port=port, address=address)
    env = dashboard_env(
        corpus,
        allow_folders=allow_folders,
        library=library,
        allow_library_adds=allow_library_adds,
    )
    if os.name == "posix":
        os.execve(command[0], command, env)  # does not return
    try:
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 0
