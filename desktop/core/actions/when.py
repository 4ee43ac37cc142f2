"""Durations ("an hour and a half") and times of day ("3 pm", "quarter past 7 tomorrow"), from a language's words.

The text reaching here is normalised: lower case, number words already digits.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction

from desktop.core.actions.language import Language

MAX_DURATION_S = 7 * 86400  # a timer or reminder further off than a week is not what was meant


def _one_of(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def parse_duration(text: str, lang: Language) -> float | None:
    """Seconds, or None when `text` is not a duration. "5 minutes", "1 hour and 30 minutes", "an hour and a half",
    "half an hour", "2 and a half minutes", "90 s", "1:30" is not one (that is a time)."""
    d = lang.section("durations")
    units: dict[str, int] = d["units"]
    text = text.strip().strip(",")
    if not text:
        return None
    for phrase in d.get("half_before", []):  # "half an hour" → "0.5 hour"
        text = re.sub(rf"^{re.escape(phrase)} ", "0.5 ", text)
    for phrase in d.get("quarter_before", []):
        text = re.sub(rf"^{re.escape(phrase)} ", "0.25 ", text)
    ones = _one_of(d.get("one", []))
    halves = _one_of(d.get("half_after", []))
    unit_words = _one_of(list(units))
    number = rf"(?:\d+(?:\.\d+)?|\d+/\d+|{ones})"
    joiners = _one_of(d.get("joiners", []))
    piece = re.compile(rf"({number})(?: ({halves}))? ?({unit_words})(?: ({halves}))?\b")
    total = Fraction(0)
    position = 0
    found = 0
    while position < len(text):
        rest = text[position:]
        gap = re.match(rf"(?:\s*(?:{joiners})\s*|\s+)", rest) if found else None
        if gap:
            rest = rest[gap.end():]
            position += gap.end()
        m = piece.match(rest)
        if not m:
            return None
        raw, half_a, unit, half_b = m.groups()
        value = Fraction(1) if re.fullmatch(ones, raw) else Fraction(raw)
        if half_a or half_b:
            value += Fraction(1, 2)
        total += value * units[unit]
        position += m.end()
        found += 1
    seconds = float(total)
    if found == 0 or seconds <= 0 or seconds > MAX_DURATION_S:
        return None
    return seconds


def parse_time(text: str, lang: Language, now: dt.datetime) -> dt.datetime | None:
    """The next moment `text` names, after `now` (local, naive): "3 pm", "3:30", "15:00", "noon", "7 in the morning",
    "half past 6", "quarter to 8 pm", "8 am tomorrow", "tomorrow at 8"; None when it is not a time."""
    t = lang.section("times")
    text = text.strip()
    day_offset = 0
    explicit_day = False
    tomorrow = _one_of(t.get("tomorrow", []))
    today = _one_of(t.get("today", []))
    for words, offset in ((tomorrow, 1), (today, 0)):
        if not words:
            continue
        m = re.match(rf"^(?:{words}) (?:at |by |around )?(.+)$", text) or re.match(rf"^(.+?) (?:{words})$", text)
        if m:
            text, day_offset, explicit_day = m.group(1).strip(), offset, True
            break
    meridiem = None
    for key in ("am", "pm"):
        words = _one_of(t.get(key, []))
        m = re.match(rf"^(.+?) ?(?:{words})$", text)
        if m:
            text, meridiem = m.group(1).strip(), key
            break
    oclock = _one_of(t.get("oclock", []))
    text = re.sub(rf" ?(?:{oclock})$", "", text) if oclock else text
    hour: int | None = None
    minute = 0
    fixed = False  # noon and midnight are never read as twelve hours later
    if re.fullmatch(_one_of(t.get("noon", [])), text):
        hour, meridiem, fixed = 12, None, True
    elif re.fullmatch(_one_of(t.get("midnight", [])), text):
        hour, meridiem, fixed = 0, None, True
    elif m := re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?", text):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
    elif m := re.fullmatch(r"(\d{1,2}) (\d{2})", text):  # "3 30", "7 05"
        hour, minute = int(m.group(1)), int(m.group(2))
    elif m := re.fullmatch(r"(\d{3,4})", text):  # "1530", "730 pm"
        hour, minute = divmod(int(m.group(1)), 100)
    else:
        past, to = _one_of(t.get("past", [])), _one_of(t.get("to", []))
        half, quarter = _one_of(t.get("half", [])), _one_of(t.get("quarter", []))
        m = re.fullmatch(rf"({half}|{quarter}|\d{{1,2}})(?: minutes?)? ({past}|{to}) (\d{{1,2}}|noon|midnight)", text)
        if not m:
            return None
        amount = 30 if re.fullmatch(half, m.group(1)) else 15 if re.fullmatch(quarter, m.group(1)) else int(m.group(1))
        base = {"noon": 12, "midnight": 0}.get(m.group(3))
        hour = base if base is not None else int(m.group(3))
        if re.fullmatch(past, m.group(2)):
            minute = amount
        else:
            hour, minute = (hour - 1) % 24, 60 - amount
        if amount >= 60:
            return None
    if hour is None or minute > 59 or hour > 23:
        return None
    if meridiem is not None:
        if hour > 12 or hour == 0:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    day = now.date() + dt.timedelta(days=day_offset)
    when = dt.datetime.combine(day, dt.time(hour, minute))
    if when <= now and not explicit_day:
        if meridiem is None and not fixed and hour < 12 and when + dt.timedelta(hours=12) > now:
            when += dt.timedelta(hours=12)  # "at 3" said at 10 am means 3 pm
        else:
            when += dt.timedelta(days=1)
    elif when <= now:
        return None  # "today at 8 am" at noon: already gone
    return when
