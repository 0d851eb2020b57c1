"""The :class:`Library`: a corpus in one DuckDB file that grows by adds and removes and
keeps frozen versions."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd

from natojp._gc import paused
from natojp.analysis import clean_document
from natojp.config import AnalysisConfig, IngestConfig
from natojp.errors import LibraryError
from natojp.library import _schema
from natojp.library._codec import ARTICLE_COLUMNS, Rows, build_articles, content_hash, storable
from natojp.models import Article, Skipped, SourceText

if TYPE_CHECKING:
    from natojp.engine import DaskEngine
    from natojp.ingest import IngestResult
    from natojp.metadata import ManifestEntry
    from natojp.metadata.outlets import OutletRegistry

Progress = Callable[[str, float], None]
"""Called with what is being done and the fraction of the add done (0-1)."""

BATCH_SIZE = 2000
"""Documents cleaned and committed per transaction of an add. A kill loses at most the
cleaning of one batch, never stored data; fewer, larger transactions keep the file
smaller (each commit leaves partly filled blocks) and the add faster."""

_VERSION_ID = re.compile(r"[0-9a-f]{16}")
_VERSION_COLUMNS = "version, created_at, natojp_version, settings, note, articles, skipped"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _natojp_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("natojp")
    except PackageNotFoundError:  # running from a source tree
        return "0+unknown"


def corpus_id(hashes: Sequence[str]) -> str:
    """The content hash of a set of articles (their content hashes, in any order): the id
    of a version holding exactly them."""
    h = hashlib.sha256()
    for item in sorted(hashes):
        h.update(item.encode("ascii"))
        h.update(b"\n")
    return h.hexdigest()[:16]


_CURRENT = """SELECT count(*),
    left(sha256(coalesce(string_agg(hash || chr(10), '' ORDER BY hash), '')), 16)
    FROM members"""
"""The current articles' number and :func:`corpus_id`, in SQL: the hashes are ASCII
hex, so their order is the same in DuckDB and in Python."""


def _current(con: duckdb.DuckDBPyConnection) -> tuple[int, str]:
    """:data:`_CURRENT` on ``con``: the current articles' number and fingerprint."""
    row = con.execute(_CURRENT).fetchone()
    assert row is not None  # an aggregate always has a row
    return int(row[0]), str(row[1])


def settings_json(config: AnalysisConfig) -> str:
    """The settings of ``config`` as JSON (paths as strings), without ``workers`` (how the
    work is shared changes no result)."""
    settings = dataclasses.asdict(config)
    settings.pop("workers", None)
    return json.dumps(settings, default=str, sort_keys=True)


@dataclass(frozen=True, slots=True)
class Version:
    """A frozen version of a library: a set of articles that never changes.

    ``id`` is the content hash of its articles' content hashes, so freezing the same
    articles again gives the same version. ``settings`` are the analysis settings (JSON)
    recorded with it.
    """

    id: str
    created_at: str
    natojp_version: str
    settings: str
    note: str | None
    articles: int
    skipped: int


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one :meth:`Library.add` did.

    ``added``: ids of articles stored (new, or a new text of a stored article: those are
    also in ``replaced``); ``unchanged``: ids whose content was already in the library
    (a no-op, or an earlier text made current again); ``skipped``: inputs not added.
    """

    batch: int
    added: tuple[str, ...]
    replaced: tuple[str, ...]
    unchanged: tuple[str, ...]
    skipped: tuple[Skipped, ...]


def _unstorable(source: SourceText) -> Skipped:
    return Skipped(
        source.source_path,
        f"article {source.id!r}: undecodable bytes in its text cannot be stored in a "
        "library yet (re-save the file as UTF-8)",
    )


@dataclass(slots=True)
class _Chunk:
    """What one batch of an add does with its documents."""

    fresh: list[tuple[str, Article]] = field(default_factory=list)  # (hash, new article)
    again: list[str] = field(default_factory=list)  # stored texts to make current again
    unchanged: list[str] = field(default_factory=list)  # ids of content already there
    skips: list[tuple[str | None, Skipped]] = field(default_factory=list)  # new skips
    known_skips: list[Skipped] = field(default_factory=list)  # skipped when first added

    def take(
        self,
        source: SourceText,
        h: str,
        state: str | None,
        entry: ManifestEntry | None,
        config: AnalysisConfig,
        registry: OutletRegistry,
        cleaned: Article | Skipped | None = None,
    ) -> None:
        """Sort one document by what the library knows of its hash (``state``, see
        :meth:`Library._known`); clean it when it is new (unless it was ``cleaned``
        elsewhere)."""
        if state == "member":
            self.unchanged.append(source.id)
        elif state == "stored":
            self.again.append(h)
            self.unchanged.append(source.id)
        elif state is not None:
            self.known_skips.append(Skipped(source.source_path, state))
        else:
            article = (
                cleaned if cleaned is not None else clean_document(source, config, entry, registry)
            )
            if isinstance(article, Skipped):
                self.skips.append((h, article))
            elif storable(article):
                self.fresh.append((h, article))
            else:
                self.skips.append((None, _unstorable(source)))


class Library:
    """A corpus library: one DuckDB file (see :mod:`natojp.library._schema`).

    Make one with :meth:`create`, open one with :meth:`open`. The object holds no
    connection: every call opens the file, works in transactions and closes it, so
    other processes can read between an add's batches.
    """

    def __init__(self, path: Path, *, read_only: bool, timeout: float, meta: dict[str, str]):
        self.path = path
        self.read_only = read_only
        self.timeout = timeout
        self.meta = meta

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"Library({str(self.path)!r}, {mode})"

    # --- opening --------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        *,
        timeout: float = _schema.DEFAULT_TIMEOUT,
        contents: Sequence[str | os.PathLike[str]] = (),
    ) -> Library:
        """Make a new library at ``path`` (refused if anything is there), empty or with the
        files and folders in ``contents`` added (:meth:`add`).

        The library is built under a temporary name and appears whole: another process
        never sees it half made or empty, and of two processes creating the same library
        at once one succeeds and the other is refused."""
        target = Path(path)
        if target.exists() or Path(f"{target}.wal").exists():
            raise LibraryError("a file is already there; choose a new name", path=str(target))
        if not target.parent.is_dir():
            raise LibraryError("its folder does not exist", path=str(target))
        tmp = target.with_name(f".{target.name}.{os.getpid()}.creating")
        now, version = _now(), _natojp_version()
        meta = {
            "format": _schema.FORMAT,
            "schema_version": str(_schema.SCHEMA_VERSION),
            "created_by": version,
            "created_at": now,
            "written_by": version,
        }
        try:
            con = duckdb.connect(str(tmp), config=dict(_schema._CONFIG))
            try:
                for ddl in _schema.TABLES:
                    con.execute(ddl)
                con.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
                con.execute("CHECKPOINT")
            finally:
                con.close()
            if contents:
                cls(tmp, read_only=False, timeout=timeout, meta=meta).add(contents)
            _publish(tmp, target)
        except FileExistsError as exc:
            raise LibraryError(
                "a file is already there; choose a new name", path=str(target)
            ) from exc
        except (OSError, duckdb.Error) as exc:
            raise LibraryError(f"cannot create the library: {exc}", path=str(target)) from exc
        finally:
            for leftover in (tmp, Path(f"{tmp}.wal")):
                leftover.unlink(missing_ok=True)
        return cls(target, read_only=False, timeout=timeout, meta=meta)

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        read_only: bool = True,
        timeout: float = _schema.DEFAULT_TIMEOUT,
    ) -> Library:
        """Open the library at ``path``; :class:`~natojp.errors.LibraryError` when it is not
        one, is damaged or was written by a newer natojp (the file is not changed)."""
        target = Path(path)
        _schema.check_file(target)
        with _schema.connect(target, read_only=True, timeout=timeout) as con:
            meta = _schema.read_meta(con, target)
            _schema.check_size(con, target)
        return cls(target, read_only=read_only, timeout=timeout, meta=meta)

    @contextlib.contextmanager
    def _read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with _schema.connect(self.path, read_only=True, timeout=self.timeout) as con:
            yield con

    @contextlib.contextmanager
    def _write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        if self.read_only:
            raise LibraryError(
                "the library was opened read-only; open it with read_only=False to change it",
                path=str(self.path),
            )
        _schema.check_file(self.path)
        with _schema.connect(self.path, read_only=False, timeout=self.timeout) as con:
            _schema.read_meta(con, self.path)
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
                con.execute(
                    "UPDATE meta SET value = ? WHERE key = 'written_by'", [_natojp_version()]
                )
                con.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(duckdb.Error):
                    con.execute("ROLLBACK")
                raise

    # --- adding and removing ----------------------------------------------------------

    def add(
        self,
        paths: Sequence[str | os.PathLike[str]],
        config: AnalysisConfig | None = None,
        *,
        batch_size: int = BATCH_SIZE,
        progress: Progress | None = None,
        engine: DaskEngine | None = None,
    ) -> AddResult:
        """Ingest and clean the files and folders in ``paths`` into the library.

        A document whose content is already stored is a no-op; a new text of a stored
        article (same id, or same URL as an article of an earlier add) replaces it in the
        current articles (the earlier text stays in the versions that hold it). Articles
        are cleaned and committed ``batch_size`` at a time, each batch in one
        transaction: an interrupted add keeps the batches it committed and nothing of
        the others. With ``engine``, the new documents are cleaned on a Dask cluster
        (:mod:`natojp.engine`) before the batches are committed here (the same
        articles).
        """
        from natojp.ingest import read_paths  # imported where it runs, as below: the
        # dashboard reads libraries more often than it adds to them

        config = config or AnalysisConfig(ingest=IngestConfig.from_env())
        return self.add_ingested(
            read_paths(paths, config.ingest),
            config,
            inputs=[str(p) for p in paths],
            batch_size=batch_size,
            progress=progress,
            engine=engine,
        )

    def add_uploads(
        self,
        files: Iterable[tuple[str, bytes]],
        config: AnalysisConfig | None = None,
        *,
        batch_size: int = BATCH_SIZE,
        progress: Progress | None = None,
    ) -> AddResult:
        """Add uploaded files given as (file name, content) pairs, as :meth:`add` does
        with files on disk (the names are untrusted and never used as paths)."""
        from natojp.ingest import read_uploads

        config = config or AnalysisConfig(ingest=IngestConfig.from_env())
        files = list(files)
        return self.add_ingested(
            read_uploads(files, config.ingest),
            config,
            inputs=[f"upload:{name}" for name, _ in files],
            batch_size=batch_size,
            progress=progress,
        )

    def add_ingested(
        self,
        ingested: IngestResult,
        config: AnalysisConfig | None = None,
        *,
        inputs: Sequence[str] = (),
        batch_size: int = BATCH_SIZE,
        progress: Progress | None = None,
        engine: DaskEngine | None = None,
    ) -> AddResult:
        """Add already ingested documents (what :meth:`add` and :meth:`add_uploads` do
        after reading their inputs); ``inputs`` names them in the library's log. With
        ``engine``, the new ones are cleaned on Dask first (see :meth:`add`)."""
        from natojp.metadata import Manifest
        from natojp.metadata.outlets import OutletRegistry

        config = config or AnalysisConfig(ingest=IngestConfig.from_env())
        manifest = Manifest.merged(ingested.manifest_paths, config.manifest_path)
        registry = (
            OutletRegistry.load(config.outlets_path)
            if config.outlets_path
            else OutletRegistry.default()
        )
        docs = ingested.documents
        entries = [manifest.get(d.id) if manifest else None for d in docs]
        hashes = [content_hash(d, e) for d, e in zip(docs, entries, strict=True)]
        detail: dict[str, Any] = {
            "paths": list(inputs),
            "documents": len(docs),
            "settings": json.loads(settings_json(config)),
        }
        with self._write() as con:
            batch = _count(con, "SELECT coalesce(max(batch), 0) + 1 FROM batches")
            con.execute(
                "INSERT INTO batches VALUES (?, 'add', ?, NULL, ?, ?)",
                [batch, _now(), _natojp_version(), json.dumps(detail)],
            )
            self._insert_skipped(con, batch, [(None, s) for s in ingested.skipped])
        with self._read() as con:
            known = self._known(con, hashes)
        cleaned: dict[int, Article | Skipped] = {}
        if engine is not None:
            from natojp.engine import clean_dask

            new = [i for i, h in enumerate(hashes) if h not in known]
            elsewhere = clean_dask([docs[i] for i in new], config, manifest, engine)
            cleaned = dict(zip(new, elsewhere, strict=True))

        added: list[str] = []
        replaced: list[str] = []
        unchanged: list[str] = []
        skipped: list[Skipped] = list(ingested.skipped)
        step = max(1, batch_size)
        for start in range(0, len(docs), step):
            chunk = range(start, min(start + step, len(docs)))
            work = _Chunk()
            with paused():  # every cleaned paragraph and article is kept
                for i in chunk:
                    work.take(
                        docs[i],
                        hashes[i],
                        known.get(hashes[i]),
                        entries[i],
                        config,
                        registry,
                        cleaned.pop(i, None),
                    )
            with self._write() as con:
                done = self._store(con, batch, work.fresh, work.again)
                self._insert_skipped(con, batch, work.skips)
            unchanged += work.unchanged
            for h, article in work.fresh:
                if h not in done:  # stored meanwhile by another process
                    unchanged.append(article.id)
                    continue
                added.append(article.id)
                if done[h]:
                    replaced.append(article.id)
            skipped += work.known_skips + [s for _, s in work.skips]
            if progress is not None:
                progress(f"Added {chunk.stop:,} of {len(docs):,} documents", chunk.stop / len(docs))

        detail.update(added=len(added), replaced=len(replaced), unchanged=len(unchanged))
        detail["skipped"] = len(skipped)
        with self._write() as con:
            con.execute(
                "UPDATE batches SET finished_at = ?, detail = ? WHERE batch = ?",
                [_now(), json.dumps(detail), batch],
            )
        return AddResult(batch, tuple(added), tuple(replaced), tuple(unchanged), tuple(skipped))

    @staticmethod
    def _known(con: duckdb.DuckDBPyConnection, hashes: Sequence[str]) -> dict[str, str]:
        """For each hash already in the library: ``member`` (current), ``stored`` (kept,
        not current) or the reason it was skipped."""
        if not hashes:
            return {}
        con.register("wanted", _hash_frame(hashes))
        try:
            rows = con.execute(
                """SELECT w.hash, CASE WHEN m.hash IS NOT NULL THEN 'member' ELSE 'stored' END
                   FROM wanted w JOIN articles a ON a.hash = w.hash
                   LEFT JOIN members m ON m.hash = w.hash"""
            ).fetchall()
            known = {str(h): str(s) for h, s in rows}
            for h, reason in con.execute(
                """SELECT s.hash, min(s.reason) FROM skipped s JOIN wanted w ON w.hash = s.hash
                   GROUP BY s.hash"""
            ).fetchall():
                known.setdefault(str(h), str(reason))
        finally:
            con.unregister("wanted")
        return known

    @staticmethod
    def _store(
        con: duckdb.DuckDBPyConnection,
        batch: int,
        fresh: list[tuple[str, Article]],
        again: list[str],
    ) -> dict[str, bool]:
        """Store new articles and make them (and ``again``) current, replacing current
        articles of the same id or (from an earlier add) the same URL. Returns each hash
        stored, with whether it replaced an article."""
        present = Library._known(con, [h for h, _ in fresh] + again)
        fresh = [(h, a) for h, a in fresh if h not in present]
        again = [h for h in again if present.get(h) == "stored"]
        if not fresh and not again:
            return {}
        rows = Rows()
        incoming: list[tuple[str, str, str | None]] = [(h, a.id, a.url) for h, a in fresh]
        if again:
            placeholders = ",".join("?" * len(again))
            incoming += [
                (str(h), str(i), u)
                for h, i, u in con.execute(
                    f"SELECT hash, id, url FROM articles WHERE hash IN ({placeholders})", again
                ).fetchall()
            ]
        new = pd.DataFrame.from_records(incoming, columns=["hash", "id", "url"])
        new["pos"] = range(len(new))
        con.register("incoming", new)
        try:
            old = con.execute(
                """SELECT n.hash, a.hash, 0 AS how FROM incoming n
                       JOIN articles a ON a.id = n.id JOIN members m ON m.hash = a.hash
                   UNION ALL
                   SELECT n.hash, a.hash, 1 FROM incoming n
                       JOIN articles a ON a.url = n.url AND a.batch <> ?
                       JOIN members m ON m.hash = a.hash
                   ORDER BY 3, 1""",
                [batch],
            ).fetchall()
        finally:
            con.unregister("incoming")
        replaces: dict[str, str] = {}
        gone: set[str] = set()
        for new_hash, old_hash, _ in old:
            if old_hash == new_hash:
                continue
            replaces.setdefault(str(new_hash), str(old_hash))
            gone.add(str(old_hash))
        for h, article in fresh:
            rows.add(h, article, batch, replaces.get(h))
        if gone:
            con.register("gone", _hash_frame(sorted(gone)))
            try:
                con.execute("DELETE FROM members WHERE hash IN (SELECT hash FROM gone)")
            finally:
                con.unregister("gone")
        for table, frame in rows.frames().items():
            _insert(con, table, frame)
        first = _count(con, "SELECT coalesce(max(seq), 0) + 1 FROM members")
        members = pd.DataFrame(
            {
                "hash": pd.Series([h for h, _, _ in incoming], dtype=object),
                "seq": pd.Series(range(first, first + len(incoming)), dtype="int64"),
            }
        )
        _insert(con, "members", members)
        return {h: h in replaces for h, _, _ in incoming}

    @staticmethod
    def _insert_skipped(
        con: duckdb.DuckDBPyConnection, batch: int, skips: Sequence[tuple[str | None, Skipped]]
    ) -> None:
        """Record skipped inputs, each (path, reason, line) once."""
        if not skips:
            return
        existing = {
            (str(p), str(r), None if ln is None else int(ln))
            for p, r, ln in con.execute("SELECT path, reason, line FROM skipped").fetchall()
        }
        seq = _count(con, "SELECT coalesce(max(seq), 0) FROM skipped")
        values = []
        for h, s in skips:
            if (s.path, s.reason, s.line) in existing:
                continue
            existing.add((s.path, s.reason, s.line))
            seq += 1
            values.append([seq, batch, h, s.path, s.reason, s.line])
        if values:
            frame = pd.DataFrame.from_records(
                values, columns=["seq", "batch", "hash", "path", "reason", "line"]
            )
            frame["line"] = frame["line"].astype("Int64")
            _insert(con, "skipped", frame)

    def remove(self, ids: Sequence[str]) -> tuple[str, ...]:
        """Take the articles with these ids out of the current articles (frozen versions
        keep them). Returns the ids removed; ids not current are ignored."""
        if not ids:
            return ()
        with self._write() as con:
            con.register("ids", _frame_of("id", ids))
            try:
                rows = con.execute(
                    """SELECT a.hash, a.id FROM members m JOIN articles a ON a.hash = m.hash
                       WHERE a.id IN (SELECT id FROM ids) ORDER BY m.seq"""
                ).fetchall()
                con.execute(
                    """DELETE FROM members WHERE hash IN (
                           SELECT a.hash FROM articles a WHERE a.id IN (SELECT id FROM ids))"""
                )
            finally:
                con.unregister("ids")
            removed = tuple(str(i) for _, i in rows)
            batch = _count(con, "SELECT coalesce(max(batch), 0) + 1 FROM batches")
            now = _now()
            con.execute(
                "INSERT INTO batches VALUES (?, 'remove', ?, ?, ?, ?)",
                [
                    batch,
                    now,
                    now,
                    _natojp_version(),
                    json.dumps({"ids": list(ids), "removed": list(removed)}),
                ],
            )
        return removed

    # --- reading -------------------------------------------------------------------------

    def _members(self, con: duckdb.DuckDBPyConnection, version: str | None) -> str:
        """A view ``sel(hash, seq)`` of the articles of ``version`` (None: current)."""
        if version is None:
            con.execute("CREATE OR REPLACE TEMP VIEW sel AS SELECT hash, seq FROM members")
        else:
            self._check_version(con, version)
            con.execute(
                "CREATE OR REPLACE TEMP VIEW sel AS SELECT hash, seq FROM version_members "
                f"WHERE version = '{version}'"
            )
        return "sel"

    def _check_version(self, con: duckdb.DuckDBPyConnection, version: str) -> None:
        if (
            not _VERSION_ID.fullmatch(version)
            or not con.execute("SELECT 1 FROM versions WHERE version = ?", [version]).fetchall()
        ):
            raise LibraryError(f"no version {version!r} in this library", path=str(self.path))

    def articles(self, version: str | None = None) -> tuple[Article, ...]:
        """The current articles, or those of a frozen ``version``, in the order added."""
        return self.hashed_articles(version)[1]

    def hashed_articles(
        self, version: str | None = None
    ) -> tuple[tuple[str, ...], tuple[Article, ...]]:
        """The content hashes and the articles of :meth:`articles`, read together (an
        add between two reads cannot set them apart)."""
        cols = ", ".join(f"a.{c}" for c in ARTICLE_COLUMNS)
        with self._read() as con:
            sel = self._members(con, version)
            rows = con.execute(
                f"SELECT {cols} FROM {sel} s JOIN articles a ON a.hash = s.hash ORDER BY s.seq"
            ).fetchall()
            detail = f"WHERE hash IN (SELECT hash FROM {sel}) ORDER BY hash, n"
            paragraphs = con.execute(f"SELECT hash, line, text FROM paragraphs {detail}").fetchall()
            removals = con.execute(
                f"SELECT hash, line, text, reason, detail FROM removals {detail}"
            ).fetchall()
            evidence = con.execute(
                f"SELECT hash, field, basis, text, line FROM evidence {detail}"
            ).fetchall()
        hashes = tuple(str(r[0]) for r in rows)  # ARTICLE_COLUMNS starts with the hash
        return hashes, tuple(build_articles(rows, paragraphs, removals, evidence))

    def skipped(self, version: str | None = None) -> tuple[Skipped, ...]:
        """The inputs not added (with the reason), of every add or of a frozen version."""
        with self._read() as con:
            if version is None:
                rows = con.execute("SELECT path, reason, line FROM skipped ORDER BY seq").fetchall()
            else:
                self._check_version(con, version)
                rows = con.execute(
                    "SELECT path, reason, line FROM version_skipped WHERE version = ? ORDER BY seq",
                    [version],
                ).fetchall()
        return tuple(Skipped(str(p), str(r), None if ln is None else int(ln)) for p, r, ln in rows)

    def hashes(self, version: str | None = None) -> tuple[str, ...]:
        """The content hashes of the current articles (or of ``version``), in order."""
        with self._read() as con:
            sel = self._members(con, version)
            return tuple(
                str(h) for (h,) in con.execute(f"SELECT hash FROM {sel} ORDER BY seq").fetchall()
            )

    def fingerprint(self, version: str | None = None) -> str:
        """The content hash of the current articles (or of ``version``): the id a freeze
        of them gets."""
        return version if version is not None else self.current()[1]

    def current(self) -> tuple[int, str]:
        """The number of current articles and their fingerprint (:func:`corpus_id` of
        their content hashes), made in the database: at 100,000 articles about half the
        time of reading the hashes out to hash them here (the dashboard's sidebar asks
        for them on a visitor's first page)."""
        with self._read() as con:
            return _current(con)

    # --- versions --------------------------------------------------------------------------

    def freeze(self, note: str | None = None, config: AnalysisConfig | None = None) -> Version:
        """Freeze the current articles as a version (the same articles give the same
        version, returned as it was first frozen)."""
        settings = settings_json(config or AnalysisConfig())
        with self._write() as con:
            articles, vid = _current(con)  # the id fingerprint() gives these articles
            if not con.execute("SELECT 1 FROM versions WHERE version = ?", [vid]).fetchall():
                con.execute("INSERT INTO version_members SELECT ?, hash, seq FROM members", [vid])
                con.execute(
                    """INSERT INTO version_skipped SELECT ?, seq, path, reason, line
                       FROM skipped""",
                    [vid],
                )
                n_skipped = _count(con, "SELECT count(*) FROM skipped")
                con.execute(
                    "INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        vid,
                        _count(con, "SELECT count(*) + 1 FROM versions"),
                        _now(),
                        _natojp_version(),
                        settings,
                        note,
                        articles,
                        n_skipped,
                    ],
                )
        return self.version(vid)

    def version(self, version: str) -> Version:
        """The frozen version with this id."""
        with self._read() as con:
            self._check_version(con, version)
            rows = con.execute(
                f"SELECT {_VERSION_COLUMNS} FROM versions WHERE version = ?", [version]
            ).fetchall()
        return _version(rows[0])

    def versions(self) -> tuple[Version, ...]:
        """Every frozen version, oldest first."""
        with self._read() as con:
            rows = con.execute(f"SELECT {_VERSION_COLUMNS} FROM versions ORDER BY n").fetchall()
        return tuple(_version(r) for r in rows)

    def export(self, version: str | None, folder: str | os.PathLike[str]) -> tuple[Path, ...]:
        """Write a version (None: the current articles) to Parquet files in ``folder``:
        ``articles``, ``paragraphs``, ``removals``, ``evidence`` and ``skipped``, and
        ``version.json`` (what was exported, from which library)."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []

        def copy(con: duckdb.DuckDBPyConnection, query: str, name: str) -> None:
            target = out / f"{name}.parquet"
            literal = str(target).replace("'", "''")
            con.execute(f"COPY ({query}) TO '{literal}' (FORMAT PARQUET, COMPRESSION ZSTD)")
            written.append(target)

        with self._read() as con:
            sel = self._members(con, version)
            cols = ", ".join(f"a.{c}" for c in ARTICLE_COLUMNS)
            copy(
                con,
                f"SELECT s.seq, {cols} FROM {sel} s JOIN articles a ON a.hash = s.hash "
                "ORDER BY s.seq",
                "articles",
            )
            for table in ("paragraphs", "removals", "evidence"):
                copy(
                    con,
                    f"SELECT * FROM {table} WHERE hash IN (SELECT hash FROM {sel}) ORDER BY ALL",
                    table,
                )
            if version is None:
                copy(con, "SELECT seq, path, reason, line FROM skipped ORDER BY seq", "skipped")
            else:
                copy(
                    con,
                    "SELECT seq, path, reason, line FROM version_skipped "
                    f"WHERE version = '{version}' ORDER BY seq",
                    "skipped",
                )
            n = _count(con, f"SELECT count(*) FROM {sel}")
        info = {
            "library": str(self.path),
            "version": version,
            "fingerprint": self.fingerprint(version),
            "articles": n,
            "exported_at": _now(),
            "natojp_version": _natojp_version(),
        }
        target = out / "version.json"
        target.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
        written.append(target)
        return tuple(written)

    def log(self) -> tuple[dict[str, Any], ...]:
        """Every add and remove, oldest first (an add with no ``finished_at`` was
        interrupted; the batches it committed stay)."""
        with self._read() as con:
            rows = con.execute(
                "SELECT batch, action, started_at, finished_at, natojp_version, detail "
                "FROM batches ORDER BY batch"
            ).fetchall()
        keys = ("batch", "action", "started_at", "finished_at", "natojp_version", "detail")
        return tuple({**dict(zip(keys, r, strict=True)), "detail": json.loads(r[5])} for r in rows)


def _publish(tmp: Path, target: Path) -> None:
    """Give the finished file ``tmp`` its name ``target``, never replacing a file there
    (:class:`FileExistsError`): a hard link is atomic and refuses an existing name."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: a rename, checked just before
        if target.exists():
            raise FileExistsError(str(target)) from None
        tmp.replace(target)


def _version(row: tuple[Any, ...]) -> Version:
    vid, created_at, version, settings, note, articles, skipped = row
    return Version(
        str(vid),
        str(created_at),
        str(version),
        str(settings),
        None if note is None else str(note),
        int(articles),
        int(skipped),
    )


def _count(con: duckdb.DuckDBPyConnection, query: str) -> int:
    """The whole number ``query`` selects (read to the end: DuckDB refuses other work on
    a connection with an unfinished result)."""
    rows = con.execute(query).fetchall()
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Append the rows of ``frame`` (the table's columns, in order) to ``table``: one
    statement, much faster than a row at a time (``executemany``)."""
    if not len(frame):
        return
    con.register("frame", frame)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM frame")
    finally:
        con.unregister("frame")


def _frame_of(column: str, values: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(list(values), dtype=object)})


def _hash_frame(hashes: Sequence[str]) -> pd.DataFrame:
    return _frame_of("hash", hashes)
