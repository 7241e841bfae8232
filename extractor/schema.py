"""The shape of a language pack: every file, every key, every kind, declared once.

A pack is a folder of YAML files (and an optional `patterns.jsonl`). Each
file's keys are declared here with the parser that types their value; a key
that is not declared (a misspelling, a key of another file) is an error at
load time that names the file and the key, as is an unknown cue, signal or
date kind. The kinds the engine reasons about are the enums below: the engine
tests `CueKind.REQUEST`, never the string "request".
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Callable

from docket.models.errors import PackError


class CueKind(StrEnum):
    """What a directive cue says; a fired cue's kind is the directive's first rule."""
    REQUEST = "request"  # "requested X to": opens a run of directives
    ASK = "ask"  # "can you": a question that asks, not one that wonders
    MODAL = "modal"
    RESPONSIBILITY = "responsibility"  # names its party even under another cue
    FUTURE = "future"
    URGENT_SUBJECT = "urgent_subject"
    COMMITMENT = "commitment"
    LABEL = "label"
    IMPERATIVE = "imperative"
    LEAD = "lead"
    SUPPORT = "support"
    NAME_TO = "name_to"  # Matcher patterns: "Priya to send ..."
    NAME_WILL = "name_will"
    NAME_DASH = "name_dash"
    REPLY = "reply"  # "Sure.", "Will do.": accepts the request of the turn before (transcripts)


class SignalKind(StrEnum):
    """What weakens a candidate (signals.yml negatives)."""
    PAST = "past"
    PERFECTIVE = "perfective"
    DECISION = "decision"
    SOFT = "soft"
    AGENDA = "agenda"
    NEGATED = "negated"
    REPORT = "report"
    CAPTION = "caption"
    PRAISE = "praise"
    FUTURE_REPORT = "future_report"
    STATISTICS_WORDS = "statistics_words"
    IN_MEETING = "in_meeting"  # a move made during the meeting ("introduce yourselves", "call the roll")
    INFORMATION_REQUEST = "information_request"  # asking for an update or an explanation in the meeting
    PREDICTION = "prediction"  # a forecast, a hedge or a deferral ("we'll wait and see")
    NOTICE = "notice"  # a notice of a question or motion for the next meeting


class ProgressKind(StrEnum):
    """What a progress marker (progress.yml) says of the task a sentence is about.
    Only DONE and UNDER_WAY move an item; the others hold it where it is."""
    DONE = "done"  # "has submitted", "đã hoàn thành", "مکمل کر لیا گیا"
    UNDER_WAY = "under_way"  # "is in progress", "đang", "جاری ہے"
    PENDING = "pending"  # "is still pending", "delayed"
    NEGATED = "negated"  # "not yet", "chưa", "نہیں"
    FUTURE = "future"  # "will", "plans to", "sẽ", "گا"
    ASSIGNED = "assigned"  # the task given or restated ("was asked to", "yêu cầu", "ہدایت")

    @property
    def holds(self) -> bool:
        """A marker that keeps the sentence from changing any status."""
        return self not in (ProgressKind.DONE, ProgressKind.UNDER_WAY)


class DateKind(StrEnum):
    """What a deadline phrase names; `precision` ranks how exactly it names a
    day (the most precise phrase of a clause is its deadline)."""
    DATE = "date"
    TOMORROW = "tomorrow"
    WEEKDAY = "weekday"
    WITHIN = "within"
    THIS_WEEK = "this_week"
    NEXT_WEEK = "next_week"
    MONTH = "month"
    THIS_MONTH = "this_month"
    NEXT_MONTH = "next_month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR_END = "year_end"
    YEAR = "year"
    OPEN = "open"
    # a phrase that looks like a deadline and is none ("in the last two
    # months", "from 1 March to 30 June", "vision to 2045"): the deadline
    # phrases it overlaps are dropped
    NOT_DEADLINE = "not_deadline"

    @property
    def precision(self) -> int:
        return _PRECISION[self]


_PRECISION = {
    DateKind.DATE: 5, DateKind.TOMORROW: 5, DateKind.WEEKDAY: 4, DateKind.WITHIN: 3,
    DateKind.THIS_WEEK: 3, DateKind.NEXT_WEEK: 3, DateKind.MONTH: 2, DateKind.THIS_MONTH: 2,
    DateKind.NEXT_MONTH: 2, DateKind.QUARTER: 1, DateKind.HALF: 1, DateKind.YEAR_END: 1,
    DateKind.YEAR: 1, DateKind.OPEN: 0, DateKind.NOT_DEADLINE: -1,
}


class BodySide(StrEnum):
    """Where a cue's responsible party stands."""
    AFTER = "after"  # the addressee follows ("urged ministries to ...")
    BEFORE = "before"  # the subject precedes ("ministries must ...")
    SLICE = "slice"  # inside the match ("Priya to ...")
    SPEAKER = "speaker"  # the line's speaker ("I'll send it")
    ADDRESSEE = "addressee"  # the person named in a vocative ("Priya, can you ...")
    LABEL = "label"  # minutes shorthand; the owner is in the rest of the line
    NONE = "none"  # the cue names nobody


class Position(StrEnum):
    ANY = "any"
    START = "start"  # only at the start of a clause
    END = "end"  # only at its end


class Typology(StrEnum):
    """Where a noun phrase has its head: it picks the party finder's strategy."""
    HEAD_INITIAL = "head_initial"  # "Ministry of Finance", "Sở Tài chính"
    HEAD_FINAL = "head_final"  # Urdu: the head noun ends the phrase


class TableRole(StrEnum):
    ACTION = "action"
    OWNER = "owner"
    DUE = "due"
    RESULT = "result"  # named, but carries no directive field
    NUMBER = "number"


# ------------------------------------------------------------------ typed entries
@dataclass(frozen=True)
class Cue:
    kind: CueKind
    body: BodySide
    weight: float
    phrases: tuple[str, ...]
    position: Position = Position.ANY
    needs_party: bool = False  # counts only when a responsible party is found
    previous_suffix: tuple[str, ...] = ()  # the word before must end so; the cue then includes it
    previous_not: tuple[str, ...] = ()
    final_suffix: tuple[str, ...] = ()  # a clause whose last word ends so
    final_not: tuple[str, ...] = ()
    slice: tuple[int, int] = (0, -2)
    complements: tuple[str, ...] = ()  # one must follow the cue: "asked X to", not "asked if"
    complement_window: int = 10
    # a directing verb ("chỉ đạo", "oversee"): a subject that is a body and no
    # issuer title is the one responsible, not the addressee it directs
    subject_acts: bool = False


@dataclass(frozen=True)
class Pattern:
    """A spaCy Matcher pattern that fires as a cue (patterns.jsonl)."""
    kind: CueKind
    body: BodySide
    pattern: tuple[dict[str, Any], ...]
    weight: float = 0.6
    position: Position = Position.ANY
    slice: tuple[int, int] = (0, -2)
    greedy: str | None = None
    needs_party: bool = False
    complements: tuple[str, ...] = ()
    complement_window: int = 10


@dataclass(frozen=True)
class Negative:
    kind: SignalKind
    penalty: float
    phrases: tuple[str, ...]
    position: Position = Position.ANY
    # a frame over the whole clause ("a reader wrote that ..."): it weighs on
    # the governing cue from any conjunct, not only from the cue's own
    frame: bool = False


@dataclass(frozen=True)
class ProgressMarker:
    kind: ProgressKind
    phrases: tuple[str, ...] = ()
    patterns: tuple[tuple[dict[str, Any], ...], ...] = ()


@dataclass(frozen=True)
class DatePhrase:
    kind: DateKind
    regex: str


# ------------------------------------------------------------------ key parsers
Parse = Callable[[Any, str], Any]


@dataclass(frozen=True)
class Key:
    """A declared key: how its value is typed, and its default (`REQUIRED` when none)."""
    parse: Parse
    default: Any = None
    required: bool = False


def _fail(where: str, message: str) -> PackError:
    return PackError(f"language pack {where}: {message}")


def words(value: Any, where: str) -> list[str]:
    """A list of words or phrases, lower-cased."""
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise _fail(where, "must be a list of words")
    return [str(v).lower() for v in value]


def texts(value: Any, where: str) -> list[str]:
    """A list of strings taken as written."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(where, "must be a list of strings")
    return list(value)


def word_set(value: Any, where: str) -> set[str]:
    return set(words(value, where))


def marks(value: Any, where: str) -> set[str]:
    """A set of characters or tokens taken as written (punctuation, bullets)."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(where, "must be a list of marks")
    return set(value)


def _scalar(accept: Callable[[Any], bool], what: str, convert: Callable[[Any], Any] = lambda v: v) -> Parse:
    """A parser of one value: `accept` tests it, `what` names what it must be."""
    def parse(value: Any, where: str):
        if not accept(value):
            raise _fail(where, f"must be {what}")
        return convert(value)
    return parse


flag = _scalar(lambda v: isinstance(v, bool), "true or false")
integer = _scalar(lambda v: isinstance(v, int) and not isinstance(v, bool), "a whole number")
number = _scalar(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool), "a number", float)
text = _scalar(lambda v: isinstance(v, str), "a string")
mapping = _scalar(lambda v: isinstance(v, dict), "a mapping")


def str_map(value: Any, where: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in (mapping(value, where) if value is not None else {}).items()}


def enum_of(kinds: type[StrEnum]) -> Parse:
    def parse(value: Any, where: str):
        try:
            return kinds(value)
        except ValueError:
            known = ", ".join(k.value for k in kinds)
            raise _fail(where, f"unknown {kinds.__name__} {value!r} (known: {known})") from None
    return parse


def enum_set(kinds: type[StrEnum]) -> Parse:
    return lambda value, where: {enum_of(kinds)(v, where) for v in words(value, where)}


def section(keys: dict[str, Key]) -> Parse:
    """A nested mapping whose keys are declared in turn."""
    return lambda value, where: check(mapping(value, where), keys, where)


def entries(keys: dict[str, Key], build: Callable[..., Any]) -> Parse:
    """A list of mappings, each typed by `keys` and built into a value."""
    def parse(value: Any, where: str):
        if not isinstance(value, list):
            raise _fail(where, "must be a list")
        return [build(**check(mapping(v, f"{where}[{i}]"), keys, f"{where}[{i}]"))
                for i, v in enumerate(value)]
    return parse


def check(data: dict[str, Any], keys: dict[str, Key], where: str) -> dict[str, Any]:
    """Typed values of every declared key; an undeclared key is an error."""
    for key in data:
        if key not in keys:
            raise _fail(where, f"unknown key {key!r}")
    out = {}
    for key, spec in keys.items():
        if key in data and data[key] is not None:
            out[key] = spec.parse(data[key], f"{where}: {key}")
        elif spec.required:
            raise _fail(where, f"{key} is missing")
        else:
            out[key] = spec.default() if callable(spec.default) else spec.default
    return out


def _pair(value: Any, where: str) -> tuple[int, int]:
    if not isinstance(value, list) or len(value) != 2 or not all(isinstance(v, int) for v in value):
        raise _fail(where, "must be two whole numbers")
    return tuple(value)


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(where, "must be a list")
    return value


def _tokens(value: Any, where: str) -> tuple[dict[str, Any], ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _fail(where, "must be a list of token patterns")
    return tuple(value)


# ------------------------------------------------------------------ the files
def _opt(parse: Parse, default: Any = list) -> Key:
    return Key(parse, default)


def _req(parse: Parse) -> Key:
    return Key(parse, required=True)


CUE_KEYS = {
    "kind": _req(enum_of(CueKind)), "body": Key(enum_of(BodySide), BodySide.NONE),
    "weight": Key(number, 0.6), "phrases": _req(lambda v, w: tuple(words(v, w))),
    "position": Key(enum_of(Position), Position.ANY), "needs_party": Key(flag, False),
    "previous_suffix": Key(lambda v, w: tuple(words(v, w)), ()),
    "previous_not": Key(lambda v, w: tuple(words(v, w)), ()),
    "final_suffix": Key(lambda v, w: tuple(words(v, w)), ()),
    "final_not": Key(lambda v, w: tuple(words(v, w)), ()),
    "slice": Key(_pair, (0, -2)), "subject_acts": Key(flag, False),
    # the cue counts only when one of these follows it (within `complement_window`
    # words, before a `complement_breaks` word): "asked X to ...", not "asked if ..."
    "complements": Key(lambda v, w: tuple(words(v, w)), ()),
    "complement_window": Key(integer, 10),
}
PATTERN_KEYS = {
    "kind": _req(enum_of(CueKind)), "body": Key(enum_of(BodySide), BodySide.NONE),
    "pattern": _req(_tokens), "weight": Key(number, 0.6),
    "position": Key(enum_of(Position), Position.ANY), "slice": Key(_pair, (0, -2)),
    "greedy": Key(text, None), "needs_party": Key(flag, False),
}
NEGATIVE_KEYS = {
    "kind": _req(enum_of(SignalKind)), "penalty": Key(number, 0.3),
    "phrases": _req(lambda v, w: tuple(words(v, w))), "position": Key(enum_of(Position), Position.ANY),
    "frame": Key(flag, False),
}
PROGRESS_MARKER_KEYS = {
    "kind": _req(enum_of(ProgressKind)),
    "phrases": Key(lambda v, w: tuple(words(v, w)), ()),
    # spaCy Matcher patterns, each a list of token patterns ("has" + a participle)
    "patterns": Key(lambda v, w: tuple(_tokens(p, f"{w}[{i}]") for i, p in enumerate(_list(v, w))), ()),
}
DATE_PHRASE_KEYS = {"kind": _req(enum_of(DateKind)), "regex": _req(text)}


@dataclass(frozen=True)
class BodyEntry:
    """One body of a gazetteer (bodies.yml): `id` joins its entries across
    packs; `names` are its names in this pack's language, the usual one
    first, then other spellings, abbreviations and inflected forms."""
    id: str
    names: tuple[str, ...]


BODY_KEYS = {"id": _req(text), "names": _req(lambda v, w: tuple(texts(v, w)))}

PUNCTUATION_KEYS = {
    "commas": _req(marks),  # separate coordinated parties
    "pauses": _req(marks),  # end a vocative name or an issuer's phrase
    "questions": _req(marks),  # a clause ending so asks
    "percent": _req(marks),  # a clause with one reports statistics
    "closers": _req(marks),  # brackets and quotes that close a sentence before its terminator's break
    "apostrophes": _req(text),  # the apostrophes a name may hold, as one string
    "hyphens": _opt(marks, set),  # join the parts of one word when written without spaces ("follow-up")
    "introducers": _opt(marks, set),  # open what follows: a question after one starts there ("It's this: what ...?")
}

FILES: dict[str, dict[str, Key]] = {
    "pack.yml": {
        "code": _req(text), "name": Key(text, None), "spacy_lang": Key(text, "xx"),
        "detect": _opt(section({"letters": Key(text, ""), "words": _opt(words), "fallback": Key(flag, False),
                                "letter_weight": Key(number, 3.0)}), dict),
        "char_map": Key(str_map, dict),
        "sentence": _req(section({"terminators": _req(marks), "titles": _opt(word_set, set),
                                  "before_number": _opt(word_set, set),
                                  # words a sentence never ends on: a line ending on one is hard-wrapped
                                  "wrap_joiners": _opt(word_set, set),
                                  # units of an agenda item's timebox ("(10m, Dana)"): the item is a topic
                                  "timebox_units": _opt(word_set, set),
                                  # a stretch of more than `runon_words` words with no terminator (speech
                                  # reported with no stops) ends after a verb-final word of `runon_enders`
                                  # unless a word of `runon_joiners` (auxiliary, conjunction, postposition)
                                  # follows it
                                  "runon_words": Key(integer, 0), "runon_enders": _opt(word_set, set),
                                  "runon_joiners": _opt(word_set, set)})),
        "bullets": _req(marks),
        "punctuation": _req(section(PUNCTUATION_KEYS)),
        "typology": Key(enum_of(Typology), Typology.HEAD_INITIAL),
        "comma_lists": Key(flag, False),
        "title_tail": Key(integer, 0),
        # words joining the parts of a name ("Ministry of Finance", "People's Committee")
        "name_joiners": _opt(word_set, set),
        # words joining a title to the office after it ("Minister for Health")
        "title_joiners": _opt(word_set, set),
    },
    "cues.yml": {
        "cues": _req(entries(CUE_KEYS, Cue)),
        **{key: _opt(word_set, set) for key in (
            "body_stop", "subject_stop", "coordinators", "addressee_pronouns", "passive_markers",
            "body_markers", "issuer_markers", "complementizers", "speaker_pronouns", "vague_subjects",
            "genitives", "addressee_markers", "head_initial",
            # head-final: postpositions closing an adverbial before a subject
            # ("X کے مطابق کمیٹی ..."): the party starts after them
            "adjunct_closers",
            # spelled numbers that are also other words: no statistic
            "number_homographs",
            # scoring mechanisms (extractor/scoring.py, extractor/clauses.py)
            "conjunctions", "subordinators", "relative_markers", "generic_subjects", "fillers", "stative_verbs",
            "relative_determiners",
            "participles", "negators", "question_words", "complement_breaks", "relatives",
            "bare_tails", "report_verbs", "irrealis", "infinitive_markers", "restarts",
            # before a request verb these make it passive: its subject is the addressee ("were also asked to")
            "passive_auxiliaries",
            # a request for a thing names who it is asked from after these ("sought a report from X")
            "source_markers",
            # with no speaker to stand for, these pronouns are the party themselves ("we will patch it")
            "group_pronouns",
            # words that open a turn and name nobody ("Okay, you should ..."): no vocative
            "interjections")},
        # action_skip: words between a cue (or its party) and the task's verb ("to", "phải")
        # fronted_openers: words opening a fronted clause that ends at the next pause
        # ("If ...,", "Trường hợp ...,"): no party stands inside it
        **{key: _opt(words) for key in ("body_strip", "clause_openers", "blockers", "fronted_markers",
                                         "generic_frames", "participle_suffixes", "action_skip",
                                         "fronted_openers",
                                         # "my name is", "i 'm the": an unlabelled turn names its speaker
                                         "self_introductions",
                                         # open a list of examples ("such as:"): its `;` separate examples, not clauses
                                         "example_markers")},
        "clause_splitters": _req(marks),
        # a modal obliges only a body, a person or a name: "the parser should work" obliges nothing
        "tasked_subjects": Key(flag, False),
        # a title-cased cue between title-cased words is part of a name ("Project Directed Funding")
        "titled_names": Key(flag, False),
        # an addressee's capitalised name ends before a lower-case verb ("requested Cllr Ryan forward ...")
        "named_addressees": Key(flag, False),
        "attach_labels": Key(section({"owner": _opt(words), "due": _opt(words)}), dict),
        "marked_kinds": _opt(enum_set(CueKind), set),
    },
    "signals.yml": {
        "negatives": _opt(entries(NEGATIVE_KEYS, Negative)),
        **{key: _opt(words) for key in (
            "run_openers", "run_closers", "issuer_titles", "urgent", "recurring", "body_nouns",
            # phrases holding a negative's words without being one: a reporting
            # frame ("X said that" written with a past auxiliary), a participle
            "negative_blockers",
            # a heading or lead-in that quotes a body's standing duties and powers
            # ("Duties and powers of the Steering Committee"): its items task nobody
            "statute_openers")},
        "not_speakers": _opt(word_set, set),
    },
    "dates.yml": {
        **{key: Key(mapping, dict) for key in ("months", "weekdays", "numbers", "units", "quarters",
                                                "halves", "weeks", "macros")},
        "phrases": _opt(entries(DATE_PHRASE_KEYS, DatePhrase)),
        "bare_dates": _opt(entries(DATE_PHRASE_KEYS, DatePhrase)),
        "triggers": _opt(words),
        "cited_markers": _opt(texts),
        "cited_patterns": _opt(texts),
        "event_openers": _opt(texts),
        "meeting_date": Key(lambda v, w: _meeting_dates(v, w), dict),
    },
    "table_headers.yml": {role.value: _opt(words) for role in TableRole},
    # words a comparison of party names leaves out, as the dev set's scorer does
    "scoring.yml": {"function_words": _opt(word_set, set)},
    # what a progress report says of a task (docket reconcile): markers of
    # done / under way / held, the words that end a clause inside a sentence,
    # the words that say nothing of which task, and how inflection is matched
    "progress.yml": {
        "markers": _req(entries(PROGRESS_MARKER_KEYS, ProgressMarker)),
        "breaks": _opt(words),
        # phrases holding a marker's words without being one ("giao thông"): no marker inside them counts
        "not_markers": _opt(words),
        "ignore": _opt(word_set, set),
        # two words of at least this many letters that begin alike for all of
        # the shorter one's letters but `stem_slack` are one word in two forms
        # ("submit" / "submitted"); 0: words match only as written
        "stem": Key(integer, 0),
        "stem_slack": Key(integer, 0),
    },
    # a gazetteer of bodies: the same body's names across languages and
    # inflections (models/bodies.py), so `list --body` finds it in any of them;
    # `articles`: words a name may open with that are no part of it ("the")
    "bodies.yml": {"bodies": _opt(entries(BODY_KEYS, BodyEntry)), "articles": _opt(words)},
    # what a directive that repeats an earlier meeting's item adds to its
    # words ("carried forward", "still pending"): left out when the two are
    # compared (models/mentions.py)
    "repeats.yml": {"markers": _opt(texts)},
}


def _meeting_dates(value: Any, where: str) -> dict[str, list[str]]:
    """Strong patterns say a date is the meeting's; weak ones find any full
    date near the top; `yesterday` ones say the meeting was held the day
    before the dateline; `page` ones find the page's own date stamp, which
    dates the meeting only when the text agrees. A plain list is all weak."""
    if isinstance(value, list):
        value = {"weak": value}
    keys = {"strong": _opt(texts), "weak": _opt(texts), "yesterday": _opt(texts), "page": _opt(texts)}
    return check(mapping(value, where), keys, where)


PATTERN_FILE = "patterns.jsonl"
