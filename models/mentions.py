"""Repeats and carry-forward: a directive that repeats a stored item is a
mention of that item, not an item of its own.

Three cases, one rule. The next meeting's minutes carry an open item forward
("still pending", reworded); the same minutes come as .md and as .docx; a
document writes one task twice (in its text and in its table of tasks). In
each the item keeps its id, status and history and gains a mention
(document, sentence, offsets) and the mention's deadline when it brings a
new one (the old one stays in the history).

Why the rule is strict: a wrong link hands one task's status to another.
A directive is linked on the same sentence (`normalise`d), or on the fuzzy
rule of models/matching.py that revisions use (close action wording AND the
same bodies, best pairs first), with two more conditions: a fuzzy pair must
name a body on both sides, and bodies are compared as the store knows them
(aliases and the packs' gazetteer merged), so "Bộ Tài chính" is the Ministry
of Finance. An item of an earlier meeting is a candidate only while it is
outstanding (a task done and given again is a new task); an item of the same
meeting (another format of the minutes) whatever its status. An item of a
later meeting never is.

`docket ingest --no-link` links nothing; `docket unlink ID MENTION` splits a
wrong link into an item of its own (models/tracking.py). These functions run
inside the caller's write transaction (models/ingest.py).
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

from docket.models import bodies
from docket.models.items import Directive, Status
from docket.models.matching import Candidate, match, normalise

OUTSTANDING = tuple(status.value for status in Status.outstanding())
PREFIX = "m:"  # a mention's key among a document's candidates


def _marks(values: list[Any]) -> str:
    return ", ".join("?" for _ in values) or "NULL"


def body_keys(db: Database, names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Names as the bodies the store knows them by (`body:ID`), else as written:
    "MoF" and "Ministry of Finance" are one body once aliased."""
    keys = []
    for name in names:
        if not normalise(name):
            continue
        found = bodies.known_body(db, name)
        keys.append(f"body:{found}" if found is not None else normalise(name))
    return tuple(dict.fromkeys(keys))


@functools.lru_cache(maxsize=1)
def _markers() -> tuple[str, ...]:
    from docket.extractor.lang import gazetteer

    return tuple(folded for folded in (bodies.fold(m) for m in gazetteer().repeat_markers) if folded)


@functools.lru_cache(maxsize=65536)
def compared_action(action: str, deadline_text: str | None) -> str:
    """An action as two meetings' directives are compared: folded, without
    its deadline phrase ("by 30 April" becomes "by 31 May" when a task is
    carried forward) and without the packs' repeat markers ("carried
    forward", extractor/lang/<code>/repeats.yml)."""
    text = bodies.fold(action)
    for phrase in ((bodies.fold(deadline_text),) if deadline_text else ()) + _markers():
        if phrase in text:
            text = text.replace(phrase, " ")
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _candidate(db: Database, key: str, action: str, names: list[str], deadline_text: str | None = None) -> Candidate:
    return Candidate(key, compared_action(action, deadline_text), body_keys(db, names))


# -- the mentions of one document, for a revision of it ----------------------

def of_document(db: Database, document_id: int) -> dict[str, Candidate]:
    """The document's mentions as revision candidates, keyed `m:ID`."""
    found = {}
    for mention_id, key, extracted in db.execute(
            "SELECT id, match_key, extracted FROM mentions WHERE document_id = ?", [document_id]):
        data = json.loads(extracted)
        found[f"{PREFIX}{mention_id}"] = Candidate(key, data["action"], tuple(data["responsible"]))
    return found


def refresh(db: Database, now: str, mention_key: str, key: str, directive: Directive) -> str:
    """A mention found again in a new version of its document: its sentence,
    offsets and deadline as they now are. Returns its item's id."""
    mention_id = int(mention_key[len(PREFIX):])
    row = next(db.query("SELECT * FROM mentions WHERE id = ?", [mention_id]))
    values = _mention_values(directive)
    db["mentions"].update(mention_id, {**values, "match_key": key, "vanished_at": None})
    if row["vanished_at"] is not None:
        from docket.models.ingest import history
        history(db, row["item_id"], now, "mentioned", field="mention",
                new_value=f"document {row['document_id']}, mention {row['id']}")
    if values["deadline"] != row["deadline"]:
        adopt_deadline(db, now, row["item_id"], mention_id, directive, row["document_id"])
    return row["item_id"]


def mark_vanished(db: Database, now: str, mention_keys: set[str]) -> None:
    from docket.models.ingest import history

    for mention_key in sorted(mention_keys):
        row = next(db.query("SELECT * FROM mentions WHERE id = ?", [int(mention_key[len(PREFIX):])]))
        if row["vanished_at"] is None:
            db.execute("UPDATE mentions SET vanished_at = ? WHERE id = ?", [now, row["id"]])
            history(db, row["item_id"], now, "mention vanished", field="mention",
                    old_value=f"document {row['document_id']}, mention {row['id']}")


# -- linking new directives ---------------------------------------------------

@dataclass
class Links:
    """What `link` decided for a document's new directives (by index)."""

    to_items: dict[int, tuple[str, str]] = field(default_factory=dict)  # index -> (item id, how)
    to_new: dict[int, tuple[int, str]] = field(default_factory=dict)  # index -> (first index, how)


def _how(old: Candidate, new: Candidate) -> str:
    return "same text" if old.key == new.key else "similar"


# How many stored items, the closest in wording by the full-text index's
# rank, a new directive is compared with besides those with its very
# sentence: a link needs close wording, so the nearest few are enough ...
NEAREST = 10
# ... found by the directive's RAREST words that occur in at most RARE items
# (items_fts_vocab): ranking every item that shares a common word ("submit",
# "the") would cost an ingest time in proportion to the whole store.
RAREST, RARE = 3, 200


def _words(action: str) -> set[str]:
    return set(re.findall(r"\w+", bodies.fold(action)))


def _nearest(db: Database, action: str, counts: dict[str, int]) -> list[int]:
    """The `seq` of the stored items whose action shares most rare words
    with `action`; `counts`: in how many items each word is (items_fts_vocab)."""
    known = sorted((counts[word], word) for word in _words(action) if word in counts)
    rare = [word for count, word in known if count <= RARE][:RAREST]
    if not rare:
        return []
    query = "action : (" + " OR ".join(f'"{word}"' for word in rare) + ")"
    return [row[0] for row in db.execute(
        "SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rank LIMIT ?", [query, NEAREST])]


# Whether the full-text index reads a word (as `_words` splits it) as that
# very term, by word: a property of the index's tokenizer alone, so kept for
# the process, which spares `_rare_counts` its vocabulary query for every
# word but those it meets for the first time.
_as_term: dict[str, bool] = {}


def _rare_counts(db: Database, words: list[str]) -> dict[str, int]:
    """In how many items each of `words` that is in at most RARE items is
    (items_fts_vocab's `doc`); the others are left out, as `_nearest` leaves
    them. items_fts_vocab counts a word by reading every entry of it, so a
    common word ("the", in most of 100,000 items) costs in proportion to the
    store: each word is counted by the index only up to RARE + 1 items. A
    word the tokenizer reads as that term (lower case, no diacritics) is in
    as many items as the index finds for it, which is its `doc`; one it reads
    otherwise (as a phrase of other terms) is in no vocabulary row and stays
    out. Which words are terms, the vocabulary says, asked once a word."""
    counted = {word: db.execute("SELECT COUNT(*) FROM (SELECT 1 FROM items_fts WHERE items_fts MATCH ? LIMIT ?)",
                                [f'"{word}"', RARE + 1]).fetchone()[0] for word in words}
    rare = {word: count for word, count in counted.items() if 0 < count <= RARE}
    unknown = [word for word in rare if word not in _as_term]
    if unknown:
        terms = dict(db.execute(f"SELECT term, doc FROM items_fts_vocab WHERE term IN ({_marks(unknown)})",
                                unknown).fetchall())
        if len(_as_term) > 200_000:  # a bound on the memory, not expected to be reached
            _as_term.clear()
        _as_term.update((word, word in terms) for word in unknown)
    return {word: count for word, count in rare.items() if _as_term[word]}


def _targets(db: Database, document_id: int, meeting: str | None, keys: list[str],
             actions: list[str]) -> dict[str, Candidate]:
    """Stored items of other documents a new directive may repeat: those
    with one of `keys` as their sentence, or among the `NEAREST` in wording
    to one of `actions`; outstanding unless of the same meeting, never of a
    later one. Their bodies as item_bodies links them (`body:ID`)."""
    counts = _rare_counts(db, sorted(set().union(*(_words(action) for action in actions))))
    seqs = sorted({seq for action in actions for seq in _nearest(db, action, counts)})
    rows = db.execute(
        f"""SELECT items.id, items.match_key, items.action, items.deadline_text, items.status,
                   documents.meeting_date
            FROM items JOIN documents ON documents.id = items.document_id
            WHERE items.document_id != ? AND items.vanished_at IS NULL
              AND (items.match_key IN ({_marks(keys)}) OR items.seq IN ({_marks(seqs)}))""",
        [document_id, *keys, *seqs]).fetchall()
    kept = []
    for item_id, key, action, deadline_text, status, other in rows:
        same_meeting = meeting is not None and other == meeting
        if same_meeting or (status in OUTSTANDING and not (meeting and other and other > meeting)):
            kept.append((item_id, key, action, deadline_text))
    ids = [row[0] for row in kept]
    linked: dict[str, list[str]] = {}
    for item_id, body in db.execute(
            f"SELECT item_id, body_id FROM item_bodies WHERE item_id IN ({_marks(ids)}) ORDER BY position", ids):
        linked.setdefault(item_id, []).append(f"body:{body}")
    return {item_id: Candidate(key, compared_action(action, deadline_text), tuple(linked.get(item_id, ())))
            for item_id, key, action, deadline_text in kept}


def _own(db: Database, item_ids: list[str]) -> dict[str, Candidate]:
    rows = db.execute(f"SELECT id, text, action, responsible FROM items WHERE id IN ({_marks(item_ids)})", item_ids)
    return {item_id: _candidate(db, normalise(text), action, json.loads(responsible))
            for item_id, text, action, responsible in rows.fetchall()}


NUMBER = re.compile(r"\d+")


def agree(old: Candidate, new: Candidate) -> bool:
    """What a fuzzy link needs besides `matching.similarity`: a body named
    on both sides (two similar tasks of nobody in particular are no evidence
    of one task), and the same numbers in both actions ("patrol market 3" is
    not "patrol market 8", however alike the words)."""
    return bool(old.responsible and new.responsible) and _numbers(old.action) == _numbers(new.action)


@functools.lru_cache(maxsize=65536)
def _numbers(action: str) -> tuple[str, ...]:
    return tuple(NUMBER.findall(action))


def link(db: Database, document_id: int, meeting: str | None, new: list[tuple[int, str, Directive]],
         kept: list[str]) -> Links:
    """Decide which of a document's new directives (index, key, directive)
    repeat an item: one of `kept` (ids of the document's own items still in
    it) or an earlier directive of the same document, on the same sentence
    only (a document's numbered tasks are alike, its repeats are copies);
    else a stored item of another document (`_targets`), on the same
    sentence or the fuzzy rule with `agree`."""
    links = Links()
    firsts: dict[str, str] = {candidate.key: item_id for item_id, candidate in _own(db, kept).items()}
    candidates: dict[int, Candidate] = {}
    for index, _, directive in new:
        due = directive.deadline.text if directive.deadline else None
        candidate = _candidate(db, normalise(directive.text), directive.action, directive.responsible, due)
        candidates[index] = candidate
        first = firsts.get(candidate.key)
        if first is None:
            firsts[candidate.key] = f"#{index}"
        elif first.startswith("#"):
            links.to_new[index] = (int(first[1:]), "same text")
        else:
            links.to_items[index] = (first, "same text")
    alone = [index for index, _, _ in new if index not in links.to_new and index not in links.to_items]
    actions = [directive.action for index, _, directive in new if index in alone and directive.responsible]
    targets = _targets(db, document_id, meeting, [candidates[i].key for i in alone], actions)
    if targets and alone:
        pairs = match(targets, [candidates[i] for i in alone], accept=agree)
        for position, item_id in pairs.items():
            index = alone[position]
            links.to_items[index] = (item_id, _how(targets[item_id], candidates[index]))
    return links


def _mention_values(directive: Directive) -> dict[str, Any]:
    deadline = directive.deadline
    return {
        "text": directive.text, "start_offset": directive.start, "end_offset": directive.end,
        "deadline_text": deadline.text if deadline else None,
        "deadline": deadline.date.isoformat() if deadline and deadline.date else None,
        "extracted": json.dumps(directive.to_json(), ensure_ascii=False),
    }


def add(db: Database, now: str, item_id: str, document_id: int, key: str, directive: Directive, how: str) -> int:
    """Record that `directive` of `document_id` repeats `item_id`."""
    from docket.models.ingest import history

    mention_id = db.execute(
        "INSERT INTO mentions (item_id, document_id, match_key, text, start_offset, end_offset, deadline_text, "
        "deadline, extracted, how, created_at) VALUES (:item_id, :document_id, :match_key, :text, :start_offset, "
        ":end_offset, :deadline_text, :deadline, :extracted, :how, :created_at)",
        {"item_id": item_id, "document_id": document_id, "match_key": key, "how": how, "created_at": now,
         **_mention_values(directive)}).lastrowid
    # the history's notes are people's (an export's remarks): what docket did goes in its values
    history(db, item_id, now, "mentioned", field="mention",
            new_value=f"document {document_id}, mention {mention_id} ({how})")
    adopt_deadline(db, now, item_id, mention_id, directive, document_id)
    return mention_id


def adopt_deadline(db: Database, now: str, item_id: str, mention_id: int, directive: Directive,
                   document_id: int) -> None:
    """The mention's deadline becomes the item's when it names a day the
    item does not have and its meeting is the latest the item was raised at
    (a .docx of the first minutes, ingested after the next meeting carried
    the item forward, does not take the new deadline back), unless a person
    corrected the deadline. The one it replaces is kept in the history and
    on the mention (for `unlink`)."""
    from docket.models.ingest import history

    deadline = directive.deadline
    if deadline is None or deadline.date is None:
        return
    if db.execute("SELECT 1 FROM corrections WHERE item_id = ? AND field = 'deadline'", [item_id]).fetchone():
        return
    meeting = db.execute("SELECT meeting_date FROM documents WHERE id = ?", [document_id]).fetchone()[0]
    others = db.execute(
        "SELECT MAX(documents.meeting_date) FROM documents WHERE documents.id IN "
        "(SELECT document_id FROM items WHERE id = :item UNION SELECT document_id FROM mentions "
        " WHERE item_id = :item AND id != :mention AND vanished_at IS NULL AND deadline IS NOT NULL)",
        {"item": item_id, "mention": mention_id}).fetchone()[0]
    if meeting is not None and others is not None and others >= meeting:
        return
    row = next(db.query("SELECT deadline, deadline_text FROM items WHERE id = ?", [item_id]))
    new = deadline.date.isoformat()
    if row["deadline"] == new:
        return
    db.execute("UPDATE items SET deadline = ?, deadline_text = ?, updated_at = ? WHERE id = ?",
               [new, deadline.text, now, item_id])
    db.execute("UPDATE mentions SET replaced_deadline = ? WHERE id = ? AND replaced_deadline IS NULL",
               [json.dumps(row, ensure_ascii=False), mention_id])
    history(db, item_id, now, "revised", field="deadline", old_value=row["deadline"], new_value=new)


# -- reading ------------------------------------------------------------------

def rows_by_item(db: Database, item_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(item_ids), 500):
        chunk = item_ids[start:start + 500]
        for row in db.query(f"SELECT * FROM mentions WHERE item_id IN ({_marks(chunk)}) ORDER BY id", chunk):
            found.setdefault(row["item_id"], []).append(row)
    return found
