"""The tracking store: a thin layer over a sqlite-utils `Database`.

    from docket.models.store import Store
    from docket.models.query import ItemFilter
    with Store.open("docket.db") as store:
        store.ingest(document, extraction)
        late = store.items(ItemFilter.outstanding(overdue=True))
        figures = store.stats(ItemFilter(), today=date(2025, 3, 1))

Every write that belongs together runs in one `BEGIN IMMEDIATE` transaction:
IMMEDIATE takes the write lock up front, so a second writer waits on the busy
timeout instead of failing half-way when its read turns into a write (what a
deferred BEGIN, as in `Database.atomic`, does under WAL). Errors are
`StoreError` / `InputError` with messages for users.
"""
from __future__ import annotations

import itertools
import json
import os
import sqlite3
import time
from contextlib import contextmanager, suppress
from dataclasses import asdict
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

from docket.models import bodies, changes, edits, ingest, manual, migrations, sql, tracking, users, views
from docket.models.connection import Connection
from docket.models.errors import InputError, NoDatabase, ParameterError, StoreError, UnknownDocument, UnknownItem
from docket.models.faults import as_store_errors, database_fault
from docket.models.items import ActionItem, Document, Extraction, Listed, Status
from docket.models.query import NO_BODY, Counts, Group, ItemFilter, Stats, by_body_order
from docket.models.records import Body, Correction, HistoryEntry, IngestResult, StatusChange, StoredDocument
from docket.models.workers import content_hash

UNCHANGED = edits.UNCHANGED
DEFAULT_TIMEOUT = 30.0  # seconds a writer waits for another one to finish

Clock = Callable[[], datetime]
# Rows read from SQLite at a time (with their bodies): a screen first, then more.
FIRST_PAGE, PAGE = 100, 500
# A body's items are picked out of the list as it is read (Store._body_leads)
# when they are at least this many and at least one in this many of all.
BODY_PICKED_FROM, BODY_SHARE_PICKED = 2000, 50


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def document_path(document: Document) -> str:
    """The path that identifies a document across versions: absolute, resolved."""
    if document.source in ("", "-"):
        raise InputError("ingest reads files, not standard input: save the text to a file first")
    return str(Path(document.source).resolve())


def _title(document: Document) -> str | None:
    if document.title:
        return document.title
    first = next((line.strip() for line in document.text.splitlines() if line.strip()), None)
    return first[:120] if first else None


def _connect(path: Path, create: bool, timeout: float) -> tuple[Connection, bool]:
    """The database at `path`, and whether it is open read-only.

    A database docket may not write (the file, or the folder its WAL index
    and log live in, is read-only) is opened read-only, so the commands that
    only read still work. Without a writable folder SQLite cannot make the
    WAL index it needs to read safely alongside writers, so the file is then
    read as immutable: no one this user could be racing can write there."""
    try:
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a database file")
        exists = path.exists()
        if not exists:
            if not create:
                raise NoDatabase(f"{path}: no such database")
            if not path.parent.is_dir():
                raise StoreError(f"{path}: the folder {path.parent} does not exist")
        folder_writable = os.access(path.parent, os.W_OK)
        read_only = exists and not (os.access(path, os.W_OK) and folder_writable)
    except OSError as error:
        raise StoreError(f"{path}: cannot reach the database ({error.strerror or error})") from None
    try:
        if read_only:
            immutable = not folder_writable and not Path(f"{path}-shm").exists()
            uri = path.resolve().as_uri() + "?mode=ro" + ("&immutable=1" if immutable else "")
            conn = sqlite3.connect(uri, uri=True, timeout=timeout)
        else:
            conn = sqlite3.connect(str(path), timeout=timeout)
        return Connection(conn), read_only
    except sqlite3.DatabaseError as error:
        raise database_fault(error, str(path)) from None


class Store(tracking.Tracking):
    """docket's tracking data in one SQLite file. Open with `Store.open`."""

    def __init__(self, db: Connection, path: str, clock: Clock = _utc_now, read_only: bool = False):
        self.db = db
        self.path = path
        self.clock = clock
        self.read_only = read_only

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, timeout: float = DEFAULT_TIMEOUT,
             clock: Clock = _utc_now) -> "Store":
        """Open (with `create`, make) a docket database, migrating it to the
        current schema. Refuses, changing nothing, a file that is not SQLite,
        another application's database, or one from a newer docket."""
        path = Path(path)
        db, read_only = _connect(path, create, timeout)
        try:
            migrations.check_docket_database(db, str(path))
            store = cls(db, str(path), clock, read_only)
            if read_only:
                store._check_read_only()
            else:
                store._prepare(timeout)
        except sqlite3.Error as error:
            db.close()
            raise database_fault(error, str(path)) from None
        except BaseException:
            db.close()
            raise
        return store

    def _check_read_only(self) -> None:
        if migrations.pending(self.db):
            raise StoreError(f"{self.path} needs upgrading to this docket's schema, but docket cannot write it "
                             "(check the permissions of the file and its folder)")

    def _prepare(self, timeout: float) -> None:
        conn = self.db.conn
        deadline = time.monotonic() + timeout
        while True:
            try:
                conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
                conn.execute("PRAGMA foreign_keys = ON")
                self.db.enable_wal()
                conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL; a power cut may lose the last commit
                if migrations.pending(self.db):
                    with self._write():
                        migrations.migrate(self.db)
                if views.stale(self.db):
                    with self._write():  # asked again under the lock: another docket may have done it
                        views.refresh(self.db, views.stale(self.db))
                return
            except (sqlite3.OperationalError, StoreError) as error:
                # Switching a new file to WAL can report "locked" at once, without
                # waiting on the busy timeout, while another docket creates it.
                if "busy" not in str(error) and "locked" not in str(error) or time.monotonic() > deadline:
                    if isinstance(error, StoreError):
                        raise
                    raise database_fault(error, self.path) from None
                time.sleep(0.05)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction: all of it is stored, or none of it."""
        conn = self.db.conn
        if self.read_only:
            raise database_fault(sqlite3.OperationalError("attempt to write a readonly database"), self.path)
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise database_fault(error, self.path) from None
        try:
            yield self.db
            conn.execute("COMMIT")  # a full disk may refuse even this: rolled back below
        except BaseException as error:
            if conn.in_transaction:
                with suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise database_fault(error, self.path) from None
            raise

    def _now(self) -> str:
        return self.clock().astimezone(timezone.utc).isoformat(timespec="seconds")

    # -- documents -------------------------------------------------------

    def _documents(self, condition: str = "1", params: list[Any] | None = None) -> list[StoredDocument]:
        rows = self.db.query(f"SELECT * FROM documents WHERE {condition} ORDER BY id", params or [])
        return [StoredDocument(**{**row, "meeting_date": sql.iso_date(row["meeting_date"])}) for row in rows]

    def _document_where(self, condition: str, params: list[Any]) -> StoredDocument | None:
        found = self._documents(condition, params)
        return found[0] if found else None

    @as_store_errors
    def documents(self) -> list[StoredDocument]:
        """Every document ingested, oldest first (stable API for exports)."""
        return self._documents()

    @as_store_errors
    def document(self, document_id: int) -> StoredDocument:
        found = self._document_where("id = ?", [document_id])
        if found is None:
            raise UnknownDocument(f"no document {document_id}")
        return found

    @as_store_errors
    def content_hashes(self) -> frozenset[str]:
        """The content of every document and of every earlier version stored:
        what `already_stored` can find (a superset of it)."""
        return frozenset(row[0] for row in self.db.execute(
            "SELECT content_hash FROM documents UNION SELECT content_hash FROM document_versions"))

    @as_store_errors
    def already_stored(self, document: Document) -> IngestResult | None:
        """An `unchanged` or `duplicate` result when this exact content is
        stored already, so a caller can skip extracting it; else None."""
        return self._already_stored(document_path(document), content_hash(document.text))

    def _already_stored(self, path: str, digest: str) -> IngestResult | None:
        """`already_stored` of the document at `path` (document_path) with
        content `digest` (content_hash): resolving the path (system calls)
        and hashing the text are done once a document, not twice."""
        same = self._document_where("path = ?", [path])
        if same is not None and same.content_hash == digest:
            return IngestResult(document=same, outcome="unchanged")
        if same is None:
            twin = self._document_where("content_hash = ?", [digest])
            if twin is not None:
                return IngestResult(document=twin, outcome="duplicate")
            older = tracking.older_version(self.db, digest)
            if older is not None:
                return IngestResult(document=self.document(older), outcome="older")
        return None

    @as_store_errors
    def ingest(self, document: Document, extraction: Extraction, *, revises: int | None = None,
               review: bool = False, link: bool = True) -> IngestResult:
        """Store one document and its directives, in one transaction. The
        same content again adds nothing; new content at a known path is a new
        version: matched items keep status, history and corrections, new
        ones are added, missing ones marked vanished (see models/matching.py).
        A document at a new path is a new version of a stored one when
        `revises` names it or it looks like one (models/tracking.py). With
        `review`, new items docket is unsure of wait for a person's review.
        With `link`, a directive that repeats a stored item (carried forward,
        the same minutes in another format, written twice) is a mention of
        that item, not a new one (models/mentions.py)."""
        incoming = self._incoming(document, extraction)
        with self._write():
            known = self._already_stored(incoming.path, incoming.content_hash)
            if known is not None:
                return known
            existing = next(self.db.query("SELECT * FROM documents WHERE path = ?", [incoming.path]), None)
            if existing is None or revises is not None:
                existing = tracking.revision_of(self.db, incoming, existing, revises)
            document_id, changes = ingest.write(self.db, incoming, existing, link)
            tracking.after_write(self.db, document_id, incoming, changes.added if review else [])
            outcome = "new" if existing is None else "revised"
            return IngestResult(document=self.document(document_id), outcome=outcome,
                                previous_path=existing["path"] if existing else None, **asdict(changes))

    def _incoming(self, document: Document, extraction: Extraction) -> ingest.Incoming:
        return ingest.Incoming(
            document=document, extraction=extraction, path=document_path(document),
            content_hash=content_hash(document.text), title=_title(document), now=self._now(),
        )

    # -- items -----------------------------------------------------------

    def _selection(self, filters: ItemFilter, first_soon: bool = False) -> tuple[str, dict[str, Any]]:
        """The SQL condition and parameters of `filters` (search words quoted
        for FTS5); `first_soon`: for rows read in list order by a caller that
        shows the first while it reads the rest (see `_body_leads`)."""
        fts = self.db.quote_fts(filters.search) if filters.search is not None else None
        if fts == "":
            raise ParameterError("{search}: give at least one word to search for", "search")
        return sql.where(filters, fts, body_leads=not first_soon or self._body_leads(filters))

    def _body_leads(self, filters: ItemFilter) -> bool:
        """Whether the items of --body should be looked up first and sorted
        (a body with few items), rather than picked out of all items as they
        are read in list order: at 100,000 items, a body holding a tenth of
        them gave its first page in 60 ms when sorted first, 9 ms when picked.
        Picking reads the whole store to list all (13% more work than sorting
        them first, there), so it is chosen only for a body holding many items
        and a good share of them, and only for `iter_items`."""
        if filters.body is None:
            return True
        held = self.db.execute(sql.BODY_ITEMS_SQL, {"body": bodies.fold(filters.body)}).fetchone()[0]
        stored = self.db.execute("SELECT MAX(rowid) FROM items").fetchone()[0] or 0  # at once, gaps aside
        return held < BODY_PICKED_FROM or held * BODY_SHARE_PICKED < stored

    def _pages(self, filters: ItemFilter,
               first_soon: bool = False) -> Iterator[tuple[list[tuple], dict[str, list[str]], dict[str, list]]]:
        """The rows of `filters` (sql.ITEMS_SQL) as SQLite reads them, a page
        at a time with the bodies and mentions of that page: the first rows
        come without the others being read, and memory holds one page."""
        condition, params = self._selection(filters, first_soon)
        linked = self._any_mentions()
        cursor = self.db.execute(sql.ITEMS_SQL.format(where=condition), params)
        size = FIRST_PAGE
        try:
            while rows := cursor.fetchmany(size):
                ids = [row[0] for row in rows]
                names = sql.body_names(self.db.execute(sql.bodies_sql(len(ids)), ids))
                yield rows, names, self._mentions(ids) if linked else {}
                size = PAGE
        except sqlite3.Error as error:
            raise database_fault(error, self.path) from None

    def _rows(self, filters: ItemFilter, first_soon: bool = False) -> Iterator[ActionItem]:
        """The items of `filters`, a page at a time (`_pages`)."""
        for rows, names, mentioned in self._pages(filters, first_soon):
            for row in rows:
                item = sql.row_to_item(row, names.get(row[0], []))
                if mentioned:
                    item.mentions = mentioned.get(item.id, [])
                yield item

    def _any_mentions(self) -> bool:
        """Whether any directive was ever linked to an item (models/mentions.py):
        without one, no page asks for mentions."""
        return self.db.execute("SELECT 1 FROM mentions LIMIT 1").fetchone() is not None

    def _mentions(self, ids: list[str]) -> dict[str, list[Any]]:
        """The mentions of the items `ids` (one page of rows)."""
        where = f"mentions.item_id IN ({', '.join('?' * len(ids))})"
        return sql.mentions_by_item(self.db.execute(sql.MENTIONS_SQL.format(where=where), ids))

    @as_store_errors
    def items(self, filters: ItemFilter | None = None) -> list[ActionItem]:
        """The items `filters` selects, by deadline (undated last), then
        document and position. The one query behind every list and figure
        docket prints (stable API for exports)."""
        return list(self._rows(filters or ItemFilter()))

    @as_store_errors
    def iter_items(self, filters: ItemFilter | None = None) -> Iterator[ActionItem]:
        """`items(filters)` one at a time, as SQLite reads them in order (the
        `items_list_order` index): the first are ready before the last is
        read, and a caller that writes each as it comes holds one at a time."""
        rows = self._rows(filters or ItemFilter(), first_soon=True)
        first = next(rows, None)  # runs the query now, so its errors come from this call
        if first is None:
            return iter(())
        return itertools.chain([first], rows)

    @as_store_errors
    def listed(self, filters: ItemFilter | None = None) -> list[Listed]:
        """What the table of `docket list` shows of each item of
        `items(filters)`, in the same order, read straight from the rows:
        no ActionItem, bodies or mentions (a third less work for a list of
        10,000 into a file)."""
        condition, params = self._selection(filters or ItemFilter())
        try:
            return list(map(sql.row_to_listed, self.db.execute(sql.LISTED_SQL.format(where=condition), params)))
        except sqlite3.Error as error:
            raise database_fault(error, self.path) from None

    @as_store_errors
    def iter_json(self, filters: ItemFilter | None = None, today: date | None = None) -> Iterator[dict[str, Any]]:
        """`item.to_json(today)` of each item of `iter_items(filters)`, read
        into JSON straight from the rows (sql.row_to_json), with no
        ActionItem in between: what `list --format json` writes, at a sixth
        less CPU for 60,000 items."""
        pages = self._pages(filters or ItemFilter())
        first = next(pages, None)  # runs the query now, so its errors come from this call
        return self._json(itertools.chain([first] if first else [], pages), today)

    @staticmethod
    def _json(pages, today: date | None) -> Iterator[dict[str, Any]]:
        for rows, names, mentioned in pages:
            for row in rows:
                yield sql.row_to_json(row, names.get(row[0], []), mentioned.get(row[0], []), today)

    @as_store_errors
    def item_languages(self, filters: ItemFilter | None = None) -> list[str]:
        """The language of each item `filters` selects, in the order of
        `items`: what an export needs to pick its language before it writes
        the items as they are read."""
        condition, params = self._selection(filters or ItemFilter())
        query = (f"SELECT documents.lang FROM items JOIN documents ON documents.id = items.document_id "
                 f"WHERE {condition} ORDER BY {sql.ITEM_ORDER}")
        return [lang or "" for (lang,) in self.db.execute(query, params)]

    def _counts(self, query: str, params: dict[str, Any]) -> Iterator[tuple[Any, Any, Counts]]:
        for key, label, total, *figures in self.db.execute(query, params):
            yield key, label, Counts(*figures)  # Counts' fields are in the order of sql.COUNT_FIELDS, overdue

    @as_store_errors
    def stats(self, filters: ItemFilter | None = None, today: date | None = None) -> Stats:
        """Figures over the items `filters` selects: totals by status,
        percentage done, overdue, per body and per document, as of `today`
        (default: `filters.today`, else the real today). Counted by SQLite
        (sql.stats_sql), with the conditions of `items`. Stable API for exports."""
        filters = filters or ItemFilter()
        today = today or filters.reference_date()
        condition, params = self._selection(filters.on(today))
        params = {**params, "stats_today": today.isoformat()}
        by_document_sql, by_body_sql = sql.stats_sql(condition, ":stats_today")
        if condition == sql.where(ItemFilter())[0]:  # the plain selection: its figures per body are kept (m010)
            by_body_sql = sql.tallied_by_body_sql(":stats_today")
        rows = self.db.execute(by_document_sql, params).fetchall()
        # key, label, total, then Counts' fields (sql.counts_sql): the totals
        # added up a column at a time, the groups made from the same rows
        totals = Counts(*(sum(column) for column in itertools.islice(zip(*rows), 3, None))) if rows else Counts()
        by_document = [Group(str(key), label, Counts(*figures)) for key, label, _, *figures in rows]
        names = dict(self.db.execute("SELECT id, name FROM bodies").fetchall())
        per_name: dict[str, Counts] = {}
        for body_id, _, counts in self._counts(by_body_sql, params):
            name = names.get(body_id, NO_BODY) if body_id is not None else NO_BODY
            if name in per_name:
                per_name[name].merge(counts)
            else:
                per_name[name] = counts
        by_body = sorted((Group(name, name, counts) for name, counts in per_name.items()), key=by_body_order)
        return Stats(today=today, totals=totals, by_body=by_body, by_document=by_document)

    @as_store_errors
    def totals(self, filters: ItemFilter | None = None, today: date | None = None) -> Counts:
        """`stats(filters, today).totals` alone: one aggregate, no groups."""
        filters = filters or ItemFilter()
        today = today or filters.reference_date()
        condition, params = self._selection(filters.on(today))
        query = sql.totals_sql(condition, ":stats_today")
        for _, _, counts in self._counts(query, {**params, "stats_today": today.isoformat()}):
            return counts
        return Counts()

    @as_store_errors
    def resolve_id(self, text: str) -> str:
        """The full id of the item whose id is `text` or starts with it."""
        wanted = text.strip().lower()
        if not wanted or any(c not in "0123456789abcdef" for c in wanted):
            raise InputError(f"{text!r} is not an item id: ids are hex digits, like 1a2b3c4d")
        rows = self.db.execute(
            "SELECT id FROM items WHERE id >= ? AND id < ? ORDER BY id LIMIT 6", [wanted, wanted + "g"]
        ).fetchall()
        found = [row[0] for row in rows]
        if wanted in found or len(found) == 1:
            return wanted if wanted in found else found[0]
        if not found:
            raise UnknownItem(f"no item with id {text!r}")
        shown = ", ".join(found[:5]) + (", ..." if len(found) > 5 else "")
        raise StoreError(f"id {text!r} matches several items ({shown}); type more of it")

    @as_store_errors
    def item(self, id_or_prefix: str) -> ActionItem:
        """One item by id or unique id prefix, vanished or not."""
        item_id = self.resolve_id(id_or_prefix)
        return self.items(ItemFilter(ids=(item_id,), include_vanished=True, include_review=True))[0]

    @as_store_errors
    def history(self, item_id: str) -> list[HistoryEntry]:
        """Everything that happened to an item, oldest first."""
        rows = self.db.query("SELECT * FROM item_history WHERE item_id = ? ORDER BY id", [item_id])
        return [
            HistoryEntry(
                changed_at=row["changed_at"], event=row["event"], changed_by=row["changed_by"],
                old_status=Status(row["old_status"]) if row["old_status"] else None,
                new_status=Status(row["new_status"]) if row["new_status"] else None,
                field=row["field"], old_value=row["old_value"], new_value=row["new_value"], note=row["note"],
            )
            for row in rows
        ]

    @as_store_errors
    def notes(self, item_ids: list[str] | None = None) -> dict[str, list[HistoryEntry]]:
        """The history entries that carry a note people wrote (`docket status
        --note`, `docket edit --note`), oldest first, by item id; of every
        item, or of `item_ids`. One query, for the remarks of an export."""
        rows = self.db.query(
            "SELECT item_id, changed_at, event, changed_by, note FROM item_history "
            "WHERE note IS NOT NULL AND trim(note) != '' ORDER BY id")
        wanted = set(item_ids) if item_ids is not None else None
        found: dict[str, list[HistoryEntry]] = {}
        for row in rows:
            if wanted is None or row["item_id"] in wanted:
                found.setdefault(row["item_id"], []).append(HistoryEntry(
                    changed_at=row["changed_at"], event=row["event"], changed_by=row["changed_by"],
                    note=row["note"]))
        return found

    @as_store_errors
    def corrections(self, item_id: str) -> list[Correction]:
        rows = self.db.query("SELECT * FROM corrections WHERE item_id = ? ORDER BY field", [item_id])
        return [
            Correction(row["field"], json.loads(row["value"]), row["corrected_at"], row["corrected_by"])
            for row in rows
        ]

    # -- changes ---------------------------------------------------------

    @as_store_errors
    def set_status(self, ids: list[str], status: Status | str, *, note: str | None = None,
                   by: str | None = None) -> list[StatusChange]:
        """Set the status of every item in `ids` (ids or unique prefixes), all
        or none: one bad id or status changes nothing. Unchanged ones are
        reported, not recorded."""
        status = status if isinstance(status, Status) else Status.parse(status)
        item_ids = list(dict.fromkeys(self.resolve_id(text) for text in ids))
        with self._write(), changes.recording(self.db, self._now(), by, "status") as change:
            done = edits.set_status(self.db, self._now(), item_ids, status, note, by)
            tracking.status_undo(change, done, note)
            return done

    @as_store_errors
    def add(self, item: manual.ManualItem, *, by: str | None = None, note: str | None = None) -> ActionItem:
        """Track an item given by hand (a phone call, an email): see
        models/manual.py. Logged, so `undo` removes it again."""
        with self._write(), changes.recording(self.db, self._now(), by, "add") as change:
            item_id, change.undo = manual.add(self.db, self._now(), item, by=by, note=note)
            change.summary = f"add {item_id}: {' '.join(item.action.split())}"
        return self.item(item_id)

    @as_store_errors
    def edit(self, id_or_prefix: str, *, action: str | None = None, responsible: list[str] | None = None,
             deadline: date | None | Any = UNCHANGED, by: str | None = None,
             note: str | None = None) -> tuple[ActionItem, list[str]]:
        """Correct an item's action, responsible bodies or deadline (None
        clears it). Corrections are kept through re-ingest and recorded in the
        history. Returns the item and the fields that changed."""
        values = edits.corrections_to_make(action, responsible, deadline)
        item_id = self.resolve_id(id_or_prefix)
        with self._write(), changes.recording(self.db, self._now(), by, "edit") as change:
            before = tracking.edit_snapshot(self.db, item_id)
            changed = edits.correct(self.db, self._now(), item_id, values, by, note)
            tracking.edit_undo(self.db, change, item_id, before, changed)
        return self.item(item_id), changed

    @as_store_errors
    def bodies(self) -> list[Body]:
        """Every responsible body with its other names."""
        return bodies.all_bodies(self.db)

    @as_store_errors
    def alias(self, name: str, aliases: list[str]) -> Body:
        """Make `aliases` other names of the body `name`, merging bodies."""
        with self._write(), changes.recording(self.db, self._now(), None, "alias") as change:
            before = tracking.alias_snapshot(self.db, [name, *aliases])
            body_id = bodies.alias(self.db, name, aliases)
            tracking.bodies_undo(change, before, [body_id], f"alias {name}: {', '.join(aliases)}")
        return next(body for body in self.bodies() if body.id == body_id)

    # -- people of the web page (docket serve) ---------------------------

    @as_store_errors
    def save_user(self, name: str, password_hash: str) -> bool:
        """Add a user who may change items from the web page, or change their
        password hash. Returns True when the user is new."""
        name = users.check_name(name)
        with self._write():
            return users.save(self.db, self._now(), name, password_hash)

    @as_store_errors
    def remove_user(self, name: str) -> None:
        with self._write():
            users.remove(self.db, name.strip())

    @as_store_errors
    def users(self) -> list[str]:
        return users.names(self.db)

    @as_store_errors
    def password_hashes(self) -> dict[str, str]:
        """user name -> password hash, for the login of `docket serve`."""
        return users.password_hashes(self.db)
