"""Language packs: everything docket knows about a language, as data.

Each folder here (`en/`, `ur/`, ...) holds YAML files:

- `pack.yml`: spaCy language, detection letters and words, character folding,
  sentence rules, list markers, punctuation classes, noun-phrase typology;
- `cues.yml`: directive cues with the side their responsible body is on;
- `signals.yml`: what weakens a candidate, run openers, issuer titles,
  urgency and recurrence words, body nouns;
- `dates.yml`: month and weekday names, number words, deadline phrases;
- `table_headers.yml`: the words that name an action table's columns;
- `scoring.yml`: the words a comparison of party names leaves out (evaluation);
- `progress.yml`: what a progress report says of a task, for `docket
  reconcile` (read by extractor/progress.py, not part of LanguagePack);
- `bodies.yml` (optional): a gazetteer of bodies, each with an id shared
  across packs and its names and inflected forms in the pack's language;
- `repeats.yml` (optional): the words that mark a directive as carried
  forward from an earlier meeting, left out when directives are compared;
- `patterns.jsonl` (optional): spaCy Matcher patterns that fire as cues.

`extractor/schema.py` declares every file's keys and kinds; this module is
the one loader: `load_pack(code)` reads and validates a pack once,
`table_headers()` reads every pack's header words. Adding a folder adds a
language; the engine never names a word of any language.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import srsly

from docket.extractor.schema import (  # noqa: F401  (PackError and the kinds are re-exported)
    FILES, PATTERN_FILE, PATTERN_KEYS, BodySide, Cue, CueKind, DateKind, Negative, PackError, Pattern,
    Position, SignalKind, TableRole, Typology, check, entries,
)
from docket.extractor.yaml12 import read_yaml

LANG_DIR = Path(__file__).parent
HEADERS_FILE = "table_headers.yml"
BODIES_FILE = "bodies.yml"


@dataclass
class LanguagePack:
    code: str
    name: str
    spacy_lang: str
    detect: dict[str, Any]
    char_map: dict[str, str]
    terminators: set[str]
    titles: set[str]
    before_number: set[str]
    wrap_joiners: set[str]
    bullets: set[str]
    commas: set[str]
    pauses: set[str]
    questions: set[str]
    percent: set[str]
    closers: set[str]
    apostrophes: str
    hyphens: set[str]
    introducers: set[str]
    cues: list[Cue]
    negatives: list[Negative]
    body_stop: set[str]
    body_strip: list[str]
    clause_openers: list[str]
    subject_stop: set[str]
    coordinators: set[str]
    addressee_pronouns: set[str]
    passive_markers: set[str]
    attach_labels: dict[str, list[str]]
    body_markers: set[str]
    issuer_markers: set[str]
    complementizers: set[str]
    speaker_pronouns: set[str]
    vague_subjects: set[str]
    clause_splitters: set[str]
    run_openers: list[str]
    run_closers: list[str]
    issuer_titles: list[str]
    urgent: list[str]
    recurring: list[str]
    not_speakers: set[str]
    body_nouns: list[str]
    dates: dict[str, Any]
    typology: Typology = Typology.HEAD_INITIAL
    comma_lists: bool = False  # lists of parties without a coordinator ("các bộ, ngành, địa phương")
    title_tail: int = 0  # lower-case syllables a capitalised word may carry ("Công an")
    name_joiners: set[str] = field(default_factory=set)
    title_joiners: set[str] = field(default_factory=set)
    timebox_units: set[str] = field(default_factory=set)  # "(10m, Dana)" closes an agenda item
    runon_words: int = 0  # a longer stretch with no terminator ends after a verb-final word
    runon_enders: set[str] = field(default_factory=set)
    runon_joiners: set[str] = field(default_factory=set)  # ... unless one of these follows it
    blockers: list[str] = field(default_factory=list)
    negative_blockers: list[str] = field(default_factory=list)
    action_skip: list[str] = field(default_factory=list)
    relatives: set[str] = field(default_factory=set)  # relative pronouns: the phrase before one is their antecedent
    fronted_openers: list[str] = field(default_factory=list)
    genitives: set[str] = field(default_factory=set)
    addressee_markers: set[str] = field(default_factory=set)
    head_initial: set[str] = field(default_factory=set)
    adjunct_closers: set[str] = field(default_factory=set)  # head-final: postpositions closing an adverbial
    number_homographs: set[str] = field(default_factory=set)  # number words with another sense
    marked_kinds: set[CueKind] = field(default_factory=set)
    # scoring mechanisms: what a pack declares, the engine reasons with (empty: inert)
    fronted_markers: list[str] = field(default_factory=list)  # open a fronted purpose/condition clause
    conjunctions: set[str] = field(default_factory=set)  # start a new conjunct: a penalty's scope
    subordinators: set[str] = field(default_factory=set)  # open a trailing adverbial clause ("if", "so that")
    relative_markers: set[str] = field(default_factory=set)  # a cue right after one is subordinate
    relative_determiners: set[str] = field(default_factory=set)  # ... or a word or two after one
    generic_subjects: set[str] = field(default_factory=set)  # subjects nobody can be tasked as
    generic_frames: list[str] = field(default_factory=list)  # make "you" generic ("if you")
    fillers: set[str] = field(default_factory=set)  # skipped between subject, cue and verb
    stative_verbs: set[str] = field(default_factory=set)  # a state, not a task, after a modal
    participles: set[str] = field(default_factory=set)  # irregular participles (passive/progressive)
    participle_suffixes: list[str] = field(default_factory=list)
    negators: set[str] = field(default_factory=set)
    tasked_subjects: bool = False  # a modal with a thing as its subject obliges nothing  # "there shall be no ...": a standing rule
    bare_tails: set[str] = field(default_factory=set)  # "I will try (now)": a commitment to nothing
    titled_names: bool = False  # a title-cased cue between title-cased words is part of a name
    named_addressees: bool = False  # a capitalised addressee ends before a lower-case verb
    report_verbs: set[str] = field(default_factory=set)  # "X advised ...": a report, not a task, unless
    irrealis: set[str] = field(default_factory=set)  # ... a word of the future or obligation stands in it
    restarts: set[str] = field(default_factory=set)  # after a modal, a broken-off phrase ("have to the ...")
    self_introductions: list[str] = field(default_factory=list)  # "my name is X": the turn's speaker
    interjections: set[str] = field(default_factory=set)  # open a turn, name nobody ("Okay, you ...")
    infinitive_markers: set[str] = field(default_factory=set)  # ... or a task stands before it ("X to do Y, he said")
    question_words: set[str] = field(default_factory=set)  # a question opening so wonders, not asks
    complement_breaks: set[str] = field(default_factory=set)  # end the search for a cue's complement
    passive_auxiliaries: set[str] = field(default_factory=set)  # "were (also) asked to": the subject is asked
    source_markers: set[str] = field(default_factory=set)  # "sought a report from X": X is asked
    group_pronouns: set[str] = field(default_factory=set)  # with no speaker, the party is the pronoun
    patterns: list[Pattern] = field(default_factory=list)
    table_headers: dict[str, list[str]] = field(default_factory=dict)
    scoring_function_words: set[str] = field(default_factory=set)
    statute_openers: list[str] = field(default_factory=list)
    example_markers: list[str] = field(default_factory=list)  # "such as:": the `;` after it part examples  # head a quoted statute of duties and powers


def available() -> list[str]:
    """Codes of the installed packs, in sorted order."""
    return sorted(p.name for p in LANG_DIR.iterdir() if (p / "pack.yml").is_file())


def read_file(folder: Path, name: str, required: bool = True) -> dict[str, Any]:
    """One pack file, its keys checked and typed by the schema."""
    path = folder / name
    where = f"{folder.name}/{name}"
    if not path.is_file():
        if required:
            raise PackError(f"language pack {folder.name}: {name} is missing")
        return check({}, FILES[name], where)
    try:
        data = read_yaml(path)
    except Exception as error:  # a YAML syntax error, named with its file
        raise PackError(f"language pack {where}: not valid YAML ({error})") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PackError(f"language pack {where}: not a mapping")
    return check(data, FILES[name], where)


def _patterns(folder: Path) -> list[Pattern]:
    path = folder / PATTERN_FILE
    if not path.is_file():
        return []
    return entries(PATTERN_KEYS, Pattern)(list(srsly.read_jsonl(path)), f"{folder.name}/{PATTERN_FILE}")


def pack_folder(code: str) -> Path:
    """The folder of the pack `code`; a PackError naming the installed packs when there is none."""
    folder = LANG_DIR / code
    if not (folder / "pack.yml").is_file():
        raise PackError(f"no language pack {code!r} (installed: {', '.join(available())})")
    return folder


@functools.lru_cache(maxsize=None)
def load_pack(code: str) -> LanguagePack:
    folder = pack_folder(code)
    meta = read_file(folder, "pack.yml")
    cues = read_file(folder, "cues.yml")
    signals = read_file(folder, "signals.yml")
    headers = read_file(folder, HEADERS_FILE, required=False)
    sentence, punctuation = meta.pop("sentence"), meta.pop("punctuation")
    meta["name"] = meta["name"] or code
    return LanguagePack(
        **meta, **sentence, **punctuation, **cues, **signals,
        dates=read_file(folder, "dates.yml"),
        patterns=_patterns(folder),
        table_headers={role: found for role, found in headers.items() if found},
        scoring_function_words=read_file(folder, "scoring.yml", required=False)["function_words"],
    )


def table_headers(lang_dir: Path | None = None) -> dict[str, dict[str, list[str]]]:
    """Every pack's table header words: code -> role -> words. Read without
    the rest of the packs, for the readers (a document's language is not
    known when it is read)."""
    folders = sorted(p.parent for p in (lang_dir or LANG_DIR).glob(f"*/{HEADERS_FILE}"))
    return {folder.name: read_file(folder, HEADERS_FILE) for folder in folders}


@dataclass(frozen=True)
class Gazetteer:
    """Every pack's bodies.yml joined: body id -> every name in every
    language; the articles a name may open with; every pack's char_map (the
    foldings a comparison of names applies, such as Arabic and Urdu yeh)."""

    names: dict[str, tuple[str, ...]]
    articles: frozenset[str]
    char_map: dict[str, str]
    repeat_markers: tuple[str, ...] = ()  # every pack's repeats.yml, longest first


@functools.lru_cache(maxsize=None)
def gazetteer(lang_dir: Path | None = None) -> Gazetteer:
    """Read without the rest of the packs (the store needs it, not spaCy)."""
    names: dict[str, list[str]] = {}
    articles: set[str] = set()
    char_map: dict[str, str] = {}
    markers: set[str] = set()
    for folder in sorted(p.parent for p in (lang_dir or LANG_DIR).glob("*/pack.yml")):
        char_map.update(read_file(folder, "pack.yml")["char_map"])
        markers.update(read_file(folder, "repeats.yml", required=False)["markers"])
        data = read_file(folder, BODIES_FILE, required=False)
        articles.update(word.casefold() for word in data["articles"])
        for entry in data["bodies"]:
            names.setdefault(entry.id, []).extend(entry.names)
    return Gazetteer({key: tuple(found) for key, found in names.items()}, frozenset(articles), char_map,
                     tuple(sorted(markers, key=lambda m: (-len(m), m))))


@dataclass(frozen=True)
class Detection:
    """What telling a document's language needs of a pack: its code and
    its `detect` entry (pack.yml), without reading the rest of the pack."""
    code: str
    detect: dict[str, Any]


@functools.lru_cache(maxsize=None)
def load_detection(code: str) -> Detection:
    """A pack's `detect` entry, read from its pack.yml alone: detecting the
    language read every pack whole (cues, signals, dates: most of the YAML
    docket parses at start-up) to use one entry of each."""
    folder = pack_folder(code)
    return Detection(code, read_file(folder, "pack.yml")["detect"])
