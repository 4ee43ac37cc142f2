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
    meridiem = None
    at = _one_of(t.get("at", ["at", "by", "around"]))

    def strip_meridiem(text: str) -> tuple[str, str | None]:
        for key in ("am", "pm"):
            words = _one_of(t.get(key, []))
            m = re.match(rf"^(.+?) ?(?:{words})$", text) if words else None
            if m:
                return m.group(1).strip(), key
        return text, None

    # "8 de la mañana" ends with an am word that holds "mañana" (tomorrow): the ending is read first
    text, meridiem = strip_meridiem(text)
    for words, offset in ((_one_of(t.get("tomorrow", [])), 1), (_one_of(t.get("today", [])), 0)):
        if not words:
            continue
        m = re.match(rf"^(?:{words}) (?:(?:{at}) )?(.+)$", text) or re.match(rf"^(.+?) (?:{words})$", text)
        if m:
            text, day_offset, explicit_day = m.group(1).strip(), offset, True
            break
    if meridiem is None:
        text, meridiem = strip_meridiem(text)
    marks = _one_of(t.get("hour_marks", []))
    if marks:  # "15 h 30", "15h30", "8 heures", "15 Uhr 30" → "15:30", "8"
        text = re.sub(rf"^(\d{{1,2}}) ?(?:{marks})(?: ?(\d{{2}}))?\b",
                      lambda m: m.group(1) + (f":{m.group(2)}" if m.group(2) else ""), text)
    oclock = _one_of(t.get("oclock", []))
    text = re.sub(rf" ?(?:{oclock})$", "", text) if oclock else text
    hour: int | None = None
    minute = 0
    fixed = False  # noon and midnight are never read as twelve hours later
    noon, midnight = _one_of(t.get("noon", [])) or "(?!)", _one_of(t.get("midnight", [])) or "(?!)"
    half_before = _one_of(t.get("half_before_hour", []))
    past, to = _one_of(t.get("past", [])) or "(?!)", _one_of(t.get("to", [])) or "(?!)"
    half, quarter = _one_of(t.get("half", [])) or "(?!)", _one_of(t.get("quarter", [])) or "(?!)"
    minutes = _one_of(t.get("minute_words", ["minute", "minutes"])) or "(?!)"
    hour_word = rf"\d{{1,2}}|{noon}|{midnight}"
    if re.fullmatch(noon, text):
        hour, meridiem, fixed = 12, None, True
    elif re.fullmatch(midnight, text):
        hour, meridiem, fixed = 0, None, True
    elif m := re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?", text):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
    elif m := re.fullmatch(r"(\d{1,2}) (\d{2})", text):  # "3 30", "7 05"
        hour, minute = int(m.group(1)), int(m.group(2))
    elif m := re.fullmatch(r"(\d{3,4})", text):  # "1530", "730 pm"
        hour, minute = divmod(int(m.group(1)), 100)
    elif half_before and (m := re.fullmatch(rf"(?:{half_before}) (\d{{1,2}})", text)):  # "halb 3" is 2:30
        hour, minute = (int(m.group(1)) - 1) % 24, 30
    else:
        if t.get("hour_first"):  # "7 heures et quart", "las 4 menos cuarto"
            m = re.fullmatch(rf"({hour_word}) ({past}|{to}) ({half}|{quarter}|\d{{1,2}})(?: (?:{minutes}))?", text)
            amount_at, around_at, hour_at = 3, 2, 1
        else:  # "quarter past 7", "viertel nach 7"
            m = re.fullmatch(rf"({half}|{quarter}|\d{{1,2}})(?: (?:{minutes}))? ({past}|{to}) ({hour_word})", text)
            amount_at, around_at, hour_at = 1, 2, 3
        if not m:
            return None
        said = m.group(amount_at)
        amount = 30 if re.fullmatch(half, said) else 15 if re.fullmatch(quarter, said) else int(said)
        base = m.group(hour_at)
        hour = 12 if re.fullmatch(noon, base) else 0 if re.fullmatch(midnight, base) else int(base)
        if re.fullmatch(past, m.group(around_at)):
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
