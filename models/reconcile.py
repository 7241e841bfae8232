"""Follow-up from a progress report (docket reconcile): which open item each
progress statement is about, the status change it proposes, and applying
the changes a person accepts as one logged change that `undo` reverts.

Matching a statement with an item. A statement is short and reworded ("the
budget plan has been submitted" for "prepare and submit the revised budget
plan"), so matching.similarity, made to pair two readings of one directive
(0.8 of the action's wording and the same bodies), would refuse nearly every
pair; this module keeps matching.normalise and scores instead:

- task: the mean of the share of the item's action words that the
  statement holds and the share of the statement's own words (but its
  markers and body names) that the action holds, words weighted by rarity
  among the open items ("plan" in every item tells little; a word of no
  item weighs most), a word matching in another form by the language's
  stem rule;
- body: a statement naming one of the item's bodies (or its other names)
  adds BODY_BONUS; one naming only other known bodies is about another
  body and never matches the item (a name the task's own words hold, as in
  "the secretariat building", names no body).

A statement whose best item scores under MIN_SCORE matches nothing; one
whose two best items lie within TIE_MARGIN matches both equally. Both are
reported, never applied. The words come from extractor/progress.py, which
knows the language; this module names no word of any.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable

from docket.models import changes, edits
from docket.models.faults import as_store_errors
from docket.models.items import Status
from docket.models.matching import normalise
from docket.models.records import StatusChange

if TYPE_CHECKING:
    from docket.models.store import Store

# A statement matches an item from this score (0..1) ...
MIN_SCORE = 0.45
# ... when the task's words (the mean of both shares, below) reach this ...
MIN_TASK = 0.3
# ... and no other item scores within this margin of it.
TIE_MARGIN = 0.05
# Naming one of the item's bodies adds this much; the task's words give the rest.
BODY_BONUS = 0.3

# how far a status may move: a statement never takes an item back
RANK = {Status.OPEN: 0, Status.BLOCKED: 0, Status.IN_PROGRESS: 1, Status.DONE: 2}


@dataclass(frozen=True)
class Rule:
    """How words are compared (from the language's progress.yml)."""

    ignore: frozenset[str] = frozenset()  # say nothing of which task
    # words that say how far a task is ("completed", "started"): an item's
    # action holding one ("complete the survey") is matched on its other words,
    # which a statement in any tense repeats
    progress: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()  # left out of body names
    stem: int = 0
    stem_slack: int = 0

    def same(self, a: str, b: str) -> bool:
        """One word, perhaps in two forms ("submit", "submitted")."""
        if a == b:
            return True
        short, long_ = sorted((a, b), key=len)
        if not self.stem or len(short) < self.stem:
            return False
        return long_.startswith(short[:len(short) - self.stem_slack])

    def key(self, word: str) -> str:
        """What two forms of one word share: their first letters (all of it without a stem rule)."""
        return word[:max(self.stem - self.stem_slack, 1)] if self.stem else word

    def holds(self, word: str, words: Iterable[str]) -> bool:
        return any(self.same(word, other) for other in words)


@dataclass(frozen=True)
class Target:
    """An open item as matching sees it."""

    item_id: str
    status: Status
    action: str
    action_words: tuple[str, ...]
    bodies: tuple[tuple[str, ...], ...]  # the words of each name of each of its bodies


@dataclass(frozen=True)
class Said:
    """A progress statement: a clause of a report with a marker of progress.yml
    (extractor/progress.py finds them); `kind` is the deciding marker's."""

    sentence: str
    clause: str
    kind: str
    status: str | None  # done / in-progress, None when it holds
    words: tuple[str, ...]  # the clause's words, folded and lower case
    markers: tuple[str, ...] = ()  # the deciding marker words, as written
    unmarked: tuple[str, ...] = ()  # `words` but those of its markers: what it says the task is


@dataclass
class Proposal:
    item_id: str
    old: Status
    new: Status
    sentence: str
    score: float
    action: str

    def to_json(self) -> dict[str, Any]:
        return {"item_id": self.item_id, "old": self.old.value, "new": self.new.value,
                "score": round(self.score, 2), "sentence": self.sentence, "action": self.action}


@dataclass
class Reconciliation:
    """What a report says: proposed changes, and statements left alone with why."""

    proposals: list[Proposal] = field(default_factory=list)
    # (statement, reason, item ids): no item, two items equally, holds, no change
    left: list[tuple[Said, str, list[str]]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"proposals": [p.to_json() for p in self.proposals],
                "not_applied": [{"sentence": s.sentence, "clause": s.clause, "kind": s.kind,
                                 "markers": list(s.markers), "reason": reason, "items": ids}
                                for s, reason, ids in self.left]}


def _names(rule: Rule, names: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    return [kept for kept in (tuple(w for w in n if w not in rule.function_words) for n in names) if kept]


def _named(rule: Rule, words: tuple[str, ...], name: tuple[str, ...]) -> bool:
    return all(rule.holds(w, words) for w in name)


class Matcher:
    """Scores statements against the open items. Only items sharing a word
    (by its first letters, `Rule.key`) with a statement are scored: a report
    of 200 sentences against 700 items stays quick."""

    def __init__(self, targets: list[Target], known_bodies: list[tuple[str, ...]], rule: Rule):
        self.rule = rule
        self.targets = targets
        self.task = {t.item_id: self._task_words(t.action_words) for t in targets}
        counts = Counter(w for words in self.task.values() for w in set(words))
        self.weight = {w: math.log(1 + len(targets) / n) for w, n in counts.items()}
        self.rarest = math.log(1 + len(targets))
        self.bodies = {t.item_id: _names(rule, t.bodies) for t in targets}
        self.known = _names(rule, known_bodies)
        self.index: dict[str, list[Target]] = {}
        for target in targets:
            for key in {rule.key(w) for w in self.task[target.item_id]}:
                self.index.setdefault(key, []).append(target)
        self.by_key: dict[str, list[str]] = {}
        for word in self.weight:
            self.by_key.setdefault(rule.key(word), []).append(word)

    def _task_words(self, words: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(w for w in words if w not in self.rule.ignore and not w.isdigit()
                                   and not self.rule.holds(w, self.rule.progress)))

    def _weight(self, word: str) -> float:
        """A word of no item weighs as the rarest: a statement about something else says it."""
        return next((self.weight[w] for w in self.by_key.get(self.rule.key(word), []) if self.rule.same(word, w)),
                    self.rarest)

    def score(self, said: Said, said_words: dict[str, float], target: Target,
              named: list[tuple[str, ...]]) -> float | None:
        """`said_words`: the statement's words but its markers and body names, with their weights."""
        own = self.bodies[target.item_id]
        mine = [n for n in named if any(n == o or _named(self.rule, o, n) for o in own)]
        # a body's name within the task's own words is no body ("the secretariat building")
        others = [n for n in named if not _named(self.rule, target.action_words, n)]
        if others and not mine:
            return None  # about another body
        wanted = self.task[target.item_id]
        total = sum(self.weight[w] for w in wanted)
        if not total or not said_words:
            return None
        recall = sum(self.weight[w] for w in wanted if self.rule.holds(w, said.words)) / total
        precision = sum(weight for w, weight in said_words.items() if self.rule.holds(w, wanted)) / sum(
            said_words.values())
        task = (recall + precision) / 2
        if task < MIN_TASK:
            return None
        return (1 - BODY_BONUS) * task + (BODY_BONUS if mine else 0.0)

    def named(self, said: Said) -> list[tuple[str, ...]]:
        """The known bodies a statement names; a name inside a longer named one is that one."""
        found = {n for n in self.known if _named(self.rule, said.words, n)}
        return [n for n in found if not any(o != n and set(n) < set(o) for o in found)]

    def ranked(self, said: Said) -> list[tuple[float, Target]]:
        named = self.named(said)
        in_names = {w for n in named for w in n}
        said_words = {w: self._weight(w) for w in self._task_words(w for w in said.unmarked if w not in in_names)}
        near = {id(t): t for w in said.words for t in self.index.get(self.rule.key(w), [])}
        scored = [(s, t) for t in self.targets if id(t) in near
                  and (s := self.score(said, said_words, t, named)) is not None]
        return sorted(scored, key=lambda pair: -pair[0])


def reconcile(statements: list[Said], targets: list[Target], known_bodies: list[tuple[str, ...]],
              rule: Rule) -> Reconciliation:
    """Proposed status changes for `targets` (the open items) from `statements`.
    An item gets one proposal: its best-scoring statement that moves it
    furthest; a "done" statement and one saying it is not done (a holding
    statement of the same item) leave it alone, reported."""
    matcher, result = Matcher(targets, known_bodies, rule), Reconciliation()
    best: dict[str, list[tuple[float, Said]]] = {}
    held: dict[str, list[Said]] = {}
    for said in statements:
        ranked = matcher.ranked(said)
        top = [pair for pair in ranked if pair[0] >= MIN_SCORE]
        if not top:
            result.left.append((said, "matches no open item", []))
            continue
        if len(top) > 1 and top[0][0] - top[1][0] < TIE_MARGIN:
            tied = [t.item_id for s, t in top if top[0][0] - s < TIE_MARGIN]
            result.left.append((said, "matches several items equally", tied))
            continue
        target = top[0][1]
        if said.status is None:
            held.setdefault(target.item_id, []).append(said)
            result.left.append((said, f"{said.kind}: no change", [target.item_id]))
        else:
            best.setdefault(target.item_id, []).append((top[0][0], said))
    by_id = {t.item_id: t for t in targets}
    for item_id, found in best.items():
        target = by_id[item_id]
        score, said = max(found, key=lambda pair: (RANK[Status(pair[1].status)], pair[0]))
        new = Status(said.status)
        if new is Status.DONE and item_id in held:
            result.left.append((said, "another sentence says it is not done yet", [item_id]))
        elif RANK[new] <= RANK.get(target.status, 0):
            result.left.append((said, f"already {target.status.value}", [item_id]))
        else:
            result.proposals.append(Proposal(item_id, target.status, new, said.sentence, score, target.action))
    order = {t.item_id: i for i, t in enumerate(targets)}
    result.proposals.sort(key=lambda p: order[p.item_id])
    return result


def _without(words: tuple[str, ...], deadline: tuple[str, ...]) -> tuple[str, ...]:
    """An action's words without its deadline's ("by 30 April"): a report
    seldom repeats the date, and a month's name is no task."""
    return tuple(w for w in words if w not in set(deadline))


def against_store(store: "Store", statements: list[Said], words: Callable[[str], tuple[str, ...]],
                  rule: Rule) -> Reconciliation:
    """`reconcile` against the store's outstanding items (not those waiting
    for review), each body known by all its names (`docket alias`).
    `words` splits a text as the statements were split."""
    from docket.models.query import ItemFilter

    names: dict[str, list[str]] = {}
    for body in store.bodies():
        for name in (body.name, *body.aliases):
            names[normalise(name)] = [body.name, *body.aliases]
    targets = [Target(item.id, item.status, item.action,
                      _without(words(item.action), words(item.deadline_text or "")),
                      tuple(words(n) for r in item.responsible for n in names.get(normalise(r), [r])))
               for item in store.items(ItemFilter.outstanding())]
    known = [words(n) for n in sorted({n for group in names.values() for n in group})]
    return reconcile(statements, targets, known, rule)


@as_store_errors
def apply(store: "Store", proposals: list[Proposal], source: str, *, by: str | None = None) -> list[StatusChange]:
    """Set the accepted statuses in one transaction, each with its sentence as
    the note (what `docket status --note` records), logged as one change
    that `docket undo` reverts whole."""
    now = store._now()
    with store._write(), changes.recording(store.db, now, by, "reconcile") as change:
        done: list[StatusChange] = []
        for proposal in proposals:
            done += edits.set_status(store.db, now, [store.resolve_id(proposal.item_id)], proposal.new,
                                     proposal.sentence, by)
        moved = [[c.item_id, c.old.value, c.new.value] for c in done if c.changed]
        if moved:
            change.undo = {"items": moved}
            change.summary = f"reconcile {source}: " + ", ".join(f"{m[0]} {m[2]}" for m in moved)
    return done
