"""The errors natojp raises, and what each one means for a user.

Every error carries a plain-language ``message`` meant to be shown as it is
(in the CLI and the dashboard) and, where it applies, the ``path`` and ``line``
of the input at fault.

::

    NatojpError                  base class: catch this to catch all of ours
    ├── InputError               one input (file, upload, CSV row) cannot be analysed;
    │   │                        a batch reports it in ``skipped`` and goes on
    │   └── UnsupportedFormatError  the file type is not one we read
    ├── ConfigError              a manifest, taxonomy or option is invalid
    │   ├── ManifestError
    │   └── TaxonomyError
    ├── EmptyCorpusError         nothing in the input could be analysed
    ├── ExportError              a chart image or briefing pack cannot be made (e.g. no
    │                            Chromium for server-side images)
    ├── LibraryError             a corpus library cannot be opened or changed: not a
    │                            library, corrupt, written by a newer natojp, busy
    └── BrowserError             Chromium, Playwright or the dashboard server is missing
                                 or failed (page snapshots, browser checks)
"""

from __future__ import annotations


class NatojpError(Exception):
    """Base class of every error natojp raises on purpose."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.path or ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(NatojpError):
    """One input cannot be analysed (unreadable, empty, binary, malformed, too large)."""


class UnsupportedFormatError(InputError):
    """The file type is not one natojp reads."""


class ConfigError(NatojpError):
    """A configuration file or option is invalid."""


class ManifestError(ConfigError):
    """A corpus manifest cannot be read or names unknown fields."""


class TaxonomyError(ConfigError):
    """A technology-area taxonomy file is invalid."""


class EmptyCorpusError(NatojpError):
    """Nothing in the given input could be analysed."""


class ExportError(NatojpError):
    """A chart image or briefing pack cannot be made (no Chromium, or rendering failed)."""


class LibraryError(NatojpError):
    """A corpus library cannot be opened or changed (not a library, corrupt, written by a
    newer natojp, or held by another process); the file is left as it was."""


class BrowserError(NatojpError):
    """Chromium, Playwright or the dashboard server is missing or failed to start."""
