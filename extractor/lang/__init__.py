"""Language packs: everything docket knows about a language, as data.

Each folder here (`en/`, `ur/`, ...) holds YAML files:

- `pack.yml`: spaCy language, detection letters and words, character folding,
  sentence rules, list markers;
- `cues.yml`: directive cues with the side their responsible body is on;
- `signals.yml`: what weakens a candidate, run openers, issuer titles,
  urgency and recurrence words, body nouns;
- `dates.yml`: month and weekday names, number words, deadline phrases.

`load_pack(code)` reads and validates a pack once. Adding a folder adds a
language; the engine never names a word of any language.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import srsly

from docket.models.errors import PackError

LANG_DIR = Path(__file__).parent
BODY_SIDES = {"after", "before", "slice", "speaker", "addressee", "label", "none"}


@dataclass(frozen=True)
class Cue:
    kind: str
    body: str
    weight: float
    phrases: tuple[str, ...]
    position: str = "any"  # any | start | end
    needs_party: bool = False  # counts only when a responsible party is found
    previous_suffix: tuple[str, ...] = ()  # the word before must end so; the cue then includes it
    previous_not: tuple[str, ...] = ()
    final_suffix: tuple[str, ...] = ()  # a clause whose last word ends so ("... بھجوائیں")
    final_not: tuple[str, ...] = ()


@dataclass(frozen=True)
class Negative:
    kind: str
    penalty: float
    phrases: tuple[str, ...]
    position: str = "any"


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
    bullets: set[str]
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
    head_final: bool = False  # noun phrases end in their head noun (Urdu)
    comma_lists: bool = False  # lists of parties without a coordinator ("các bộ, ngành, địa phương")
    title_tail: int = 0  # lower-case syllables a capitalised word may carry ("Công an")
    blockers: list[str] = field(default_factory=list)
    genitives: set[str] = field(default_factory=set)
    addressee_markers: set[str] = field(default_factory=set)
    head_initial: set[str] = field(default_factory=set)
    marked_kinds: set[str] = field(default_factory=set)
    patterns: list[dict[str, Any]] = field(default_factory=list)
    table_headers: dict[str, list[str]] = field(default_factory=dict)


def available() -> list[str]:
    """Codes of the installed packs, in sorted order."""
    return sorted(p.name for p in LANG_DIR.iterdir() if (p / "pack.yml").is_file())


def _read(folder: Path, name: str, required: bool = True) -> dict[str, Any]:
    path = folder / name
    if not path.is_file():
        if required:
            raise PackError(f"language pack {folder.name}: {name} is missing")
        return {}
    data = srsly.read_yaml(path)
    if not isinstance(data, dict):
        raise PackError(f"language pack {folder.name}: {name} is not a mapping")
    return data


def _words(data: dict[str, Any], key: str, where: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise PackError(f"language pack {where}: {key} must be a list of words")
    return [str(v).lower() for v in value]


def _cues(data: dict[str, Any], where: str) -> list[Cue]:
    cues = []
    for entry in data.get("cues", []):
        body = entry.get("body", "none")
        if body not in BODY_SIDES:
            raise PackError(f"language pack {where}: cue {entry.get('kind')!r} has body {body!r}")
        cues.append(Cue(
            kind=str(entry["kind"]),
            body=body,
            weight=float(entry.get("weight", 0.6)),
            phrases=tuple(_words(entry, "phrases", where)),
            position=entry.get("position", "any"),
            needs_party=bool(entry.get("needs_party", False)),
            previous_suffix=tuple(_words(entry, "previous_suffix", where)),
            previous_not=tuple(_words(entry, "previous_not", where)),
            final_suffix=tuple(_words(entry, "final_suffix", where)),
            final_not=tuple(_words(entry, "final_not", where)),
        ))
    return cues


@functools.lru_cache(maxsize=None)
def load_pack(code: str) -> LanguagePack:
    folder = LANG_DIR / code
    if not (folder / "pack.yml").is_file():
        raise PackError(f"no language pack {code!r} (installed: {', '.join(available())})")
    meta = _read(folder, "pack.yml")
    cues = _read(folder, "cues.yml")
    signals = _read(folder, "signals.yml")
    dates = _read(folder, "dates.yml")
    headers = _read(folder, "table_headers.yml", required=False)
    patterns = []
    if (folder / "patterns.jsonl").is_file():
        patterns = list(srsly.read_jsonl(folder / "patterns.jsonl"))
        for entry in patterns:
            if entry.get("body", "none") not in BODY_SIDES or "pattern" not in entry:
                raise PackError(f"language pack {code}: bad Matcher pattern {entry.get('kind')!r}")
    sentence = meta.get("sentence", {})
    try:
        return LanguagePack(
            code=meta["code"],
            name=meta.get("name", code),
            spacy_lang=meta.get("spacy_lang", "xx"),
            detect=meta.get("detect", {}),
            char_map={str(k): str(v) for k, v in (meta.get("char_map") or {}).items()},
            terminators=set(sentence.get("terminators", [".", "!", "?"])),
            titles=set(_words(sentence, "titles", code)),
            before_number=set(_words(sentence, "before_number", code)),
            bullets=set(str(b) for b in meta.get("bullets", [])),
            cues=_cues(cues, code),
            negatives=[
                Negative(str(n["kind"]), float(n.get("penalty", 0.3)),
                         tuple(_words(n, "phrases", code)), n.get("position", "any"))
                for n in signals.get("negatives", [])
            ],
            body_stop=set(_words(cues, "body_stop", code)),
            body_strip=_words(cues, "body_strip", code),
            clause_openers=_words(cues, "clause_openers", code),
            subject_stop=set(_words(cues, "subject_stop", code)),
            coordinators=set(_words(cues, "coordinators", code)),
            addressee_pronouns=set(_words(cues, "addressee_pronouns", code)),
            passive_markers=set(_words(cues, "passive_markers", code)),
            attach_labels={str(k): _words(cues["attach_labels"], k, code)
                           for k in (cues.get("attach_labels") or {})},
            body_markers=set(_words(cues, "body_markers", code)),
            issuer_markers=set(_words(cues, "issuer_markers", code)),
            complementizers=set(_words(cues, "complementizers", code)),
            speaker_pronouns=set(_words(cues, "speaker_pronouns", code)),
            vague_subjects=set(_words(cues, "vague_subjects", code)),
            clause_splitters=set(cues.get("clause_splitters", [";"])),
            run_openers=_words(signals, "run_openers", code),
            run_closers=_words(signals, "run_closers", code),
            issuer_titles=_words(signals, "issuer_titles", code),
            urgent=_words(signals, "urgent", code),
            recurring=_words(signals, "recurring", code),
            not_speakers=set(_words(signals, "not_speakers", code)),
            body_nouns=_words(signals, "body_nouns", code),
            dates=dates,
            head_final=bool(meta.get("head_final", False)),
            comma_lists=bool(meta.get("comma_lists", False)),
            title_tail=int(meta.get("title_tail", 0)),
            blockers=_words(cues, "blockers", code),
            genitives=set(_words(cues, "genitives", code)),
            addressee_markers=set(_words(cues, "addressee_markers", code)),
            head_initial=set(_words(cues, "head_initial", code)),
            marked_kinds=set(_words(cues, "marked_kinds", code)),
            patterns=patterns,
            table_headers={k: [str(w).lower() for w in v] for k, v in headers.items()},
        )
    except KeyError as missing:
        raise PackError(f"language pack {code}: {missing.args[0]} is missing") from None
