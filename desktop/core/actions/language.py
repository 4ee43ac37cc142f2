"""A language's action patterns (`assets/actions/<lang>.json`), loaded once and compiled."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from desktop.core.actions.numbers import NumberWords
from desktop.core.paths import assets_dir

# What each {slot} of a pattern may hold before its parser judges it.
_L = r"[^\W\d_]"  # a letter of any alphabet ("ü", "é", "ñ" as much as "a")
_SLOTS = {
    "duration": r"(?P<duration>[\w .,'/-]+?)",
    "time": r"(?P<time>[\w .:'-]+?)",
    "name": rf"(?P<name>{_L}(?:{_L}|['-])*(?: {_L}(?:{_L}|['-])*){{0,2}}?)",
    "text": r"(?P<text>.+?)",
    "expr": r"(?P<expr>.+)",
    "quantity": rf"(?P<quantity>(?:-?[\d.]+(?:/\d+)?|{_L}+) ?(?:{_L}|°)[\w °/^.'-]*?)",
    "unit": rf"(?P<unit>(?:{_L}|°)[\w °/^.'-]*?)",
}


def patterns_dir() -> Path:
    return assets_dir() / "actions"


def available_languages() -> list[str]:
    return sorted(p.stem for p in patterns_dir().glob("*.json"))


@dataclass(frozen=True)
class Language:
    code: str
    data: dict
    numbers: NumberWords
    intents: list[tuple[str, list[re.Pattern[str]]]]
    prefixes: list[str]
    suffixes: list[str]

    def section(self, name: str) -> dict:
        return self.data.get(name, {})


def _any(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _shapes(data: dict) -> dict[str, str]:
    """Duration and time-of-day slots made from the language's words, so that a pattern finds where they end."""
    d, t = data.get("durations", {}), data.get("times", {})
    units = _any(list(d.get("units", {})))
    number = rf"(?:\d+(?:\.\d+)?|\d+/\d+|{_any(d.get('one', ['a']))})"
    half_after = _any(d.get("half_after", [])) or "(?!)"
    before = _any(d.get("half_before", []) + d.get("quarter_before", [])) or "(?!)"
    piece = (rf"(?:(?:{before}) (?:{units})\b|{number}(?: (?:{half_after}))? ?(?:{units})\b"
             rf"(?: (?:{half_after}))?)")
    joiners = _any(d.get("joiners", ["and"]))
    duration = rf"(?P<duration>{piece}(?:(?: ?(?:{joiners}) | ){piece})*)"
    ampm = _any(t.get("am", []) + t.get("pm", [])) or "(?!)"
    day = _any(t.get("tomorrow", []) + t.get("today", [])) or "(?!)"
    at = _any(t.get("at", ["at", "by", "around"])) or "(?!)"
    oclock = _any(t.get("oclock", [])) or "(?!)"
    fixed = _any(t.get("noon", []) + t.get("midnight", [])) or "(?!)"
    relative = _any(t.get("half", []) + t.get("quarter", [])) or "(?!)"
    around = _any(t.get("past", []) + t.get("to", [])) or "(?!)"
    minutes = _any(t.get("minute_words", ["minute", "minutes"])) or "(?!)"
    marks = _any(t.get("hour_marks", [])) or "(?!)"
    half_before = _any(t.get("half_before_hour", [])) or "(?!)"
    hour = rf"(?:\d{{1,2}}|{fixed})"
    # "quarter past 7" in English and German; "7 heures et quart", "las 7 y cuarto" name the hour first
    named = (rf"(?:{hour}(?: (?:{marks}))? (?:{around}) (?:{relative}|\d{{1,2}})(?: (?:{minutes}))?)"
             if t.get("hour_first") else
             rf"(?:(?:{relative}|\d{{1,2}})(?: (?:{minutes}))? (?:{around}) {hour})")
    core = (rf"(?:{named}|(?:{half_before}) \d{{1,2}}|\d{{1,2}} ?(?:{marks})(?: ?\d{{2}})?|"
            rf"\d{{1,2}}(?:[:.]\d{{2}})?|\d{{1,2}} \d{{2}}|\d{{3,4}}|{fixed})")
    when = (rf"(?P<time>(?:(?:{day}) (?:(?:{at}) )?)?{core}(?: (?:{oclock}))?(?: ?(?:{ampm}))?"
            rf"(?: (?:{day}))?)")
    return {"duration": duration, "time": when}


def _compile(pattern: str, shapes: dict[str, str]) -> re.Pattern[str]:
    seen: set[str] = set()

    def slot(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in _SLOTS:  # a fragment: the same text wherever it is used
            return shapes[name]
        if name in seen:  # a slot used twice in one pattern: the second must hold the same text
            return f"(?P={name})"
        seen.add(name)
        return shapes.get(name) or _SLOTS[name]

    return re.compile(re.sub(r"\{(\w+)\}", slot, pattern))


@functools.cache
def load(code: str = "en") -> Language:
    path = patterns_dir() / f"{code}.json"
    if not path.is_file():
        path = patterns_dir() / "en.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    intents = data["intents"]
    # "fragments": pieces of regex a language repeats across its patterns ("{article}"), named once in its file
    shapes = {**data.get("fragments", {}), **_shapes(data)}
    compiled = [(name, [_compile(p, shapes) for p in intents[name]]) for name in intents["order"]]
    by_length = sorted(data.get("strip_prefixes", []), key=len, reverse=True)
    return Language(data.get("language", code), data, NumberWords.from_data(data["numbers"]), compiled, by_length,
                    sorted(data.get("strip_suffixes", []), key=len, reverse=True))
