"""Local actions, recognised before the model: timers, reminders and alarms, the time and date, exact arithmetic
and equations (SymPy), unit conversions (Pint). Qt-free (docs/ARCHITECTURE.md §2).

`recognise(text, language)` says whether a request is one of them (patterns per language in
`assets/actions/<lang>.json`; a match counts only when its parts parse); `Actions.handle(text)` carries it out and
says what to answer, in the words of the same file's "answers", so a German request is answered in German. Which
languages a request is read in: `languages_for`. Anything that does not match goes to the model, as before.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from desktop.core.actions.language import Language, available_languages, load
from desktop.core.actions.maths import MathsAnswer, NotMaths, evaluate
from desktop.core.actions.numbers import words_to_digits
from desktop.core.actions.units import Conversion, NotAConversion, convert
from desktop.core.actions.when import parse_duration, parse_time
from desktop.core.store import Alarm

ACTION_MODEL = "chinwag-actions"  # the `model` of a stored reply that an action gave, not a language model
_L = r"[^\W\d_]"  # a letter of any alphabet


@dataclass(frozen=True)
class Request:
    """A recognised request: `action` is the pattern file's intent ("timer.set", "maths", …), `values` what it
    needs, already parsed; `language` the pattern file that matched, so the answer is phrased in it."""

    action: str
    values: dict[str, Any] = field(default_factory=dict)
    language: str = "en"


def languages_for(heard: str = "", *preferred: str | None) -> list[str]:
    """The pattern files to try for one request, in order.

    The rule: a spoken request is read first in the language Whisper heard it in (`heard`, stored with the message);
    a typed one (or one whose language the speech setting fixed, so nothing was detected) in the `preferred`
    languages, in the order given: the window passes the speech-language setting, then the window's language. Only
    languages Chinwag ships patterns for count. English is tried last in every case: English requests are common
    whatever the settings say ("set a timer for 5 minutes" typed in a German window still works), and a pattern of
    one language practically never matches a sentence of another, so trying several costs nothing but a few
    regular expressions.
    """
    shipped = available_languages()
    order: list[str] = []
    for code in (heard, *preferred, "en"):
        if code and code in shipped and code not in order:
            order.append(code)
    return order


def pick_language(*candidates: str | None) -> str:
    """The first of `candidates` (e.g. the speech-language setting, then the window's language) that has a pattern
    file, else English."""
    shipped = available_languages()
    return next((c for c in candidates if c and c in shipped), "en")


def normalise(text: str, lang: Language) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ").strip().lower()
    text = re.sub(r"[.?!…¿¡]+$", "", text).strip()
    text = re.sub(r"^[¿¡]+|(?<=\s)[¿¡]+", "", text)  # Spanish opening marks: "¿qué hora es?"
    text = re.sub(rf"(?<={_L}),", "", text)  # "hey chinwag, set …"; "17,339" keeps its comma for the numbers
    text = re.sub(r"(?<=[^\W_])[.?!]\s+(?=[^\W_]|\()", " ", text)  # Whisper ends a "sentence" mid-request
    if lang.section("numbers").get("decimal_comma"):  # "17.339" is a thousand-separated number, "2,5" a decimal
        text = re.sub(r"(?<=\d)\.(?=\d{3}\b)", "", text)
        text = re.sub(r"(?<=\d),(?=\d)", ".", text)
    text = re.sub(r"\s+", " ", text)
    changed = True
    while changed:  # one opening or ending at a time, longest first, until none is left
        changed = False
        for prefix in lang.prefixes:
            if text.startswith(prefix + " "):
                text, changed = text[len(prefix) + 1:], True
                break
        for suffix in lang.suffixes:
            if not changed and text.endswith(" " + suffix):
                text, changed = text[: -len(suffix) - 1], True
                break
    text = words_to_digits(text, lang.numbers)
    return re.sub(r"\s+", " ", text).strip()


def _original_case(slot: str, original: str) -> str:
    found = re.search(re.escape(slot), original, re.IGNORECASE)
    return original[found.start():found.end()] if found else slot


def recognise(text: str, language: str = "en", now: dt.datetime | None = None) -> Request | None:
    """The local action `text` asks for in `language`'s patterns, or None (then the model answers)."""
    lang = load(language)
    said = normalise(text, lang)
    if not said or len(said) > 400:
        return None
    now = now or dt.datetime.now()
    for action, patterns in lang.intents:
        for pattern in patterns:
            m = pattern.fullmatch(said)
            if m is None:
                continue
            request = _parse(action, {k: v for k, v in m.groupdict().items() if v is not None}, lang, now, text)
            if request is not None:
                return Request(request.action, request.values, lang.code)
    return None


def _name(slots: dict[str, str], lang: Language) -> str:
    names = lang.section("names")
    articles = "|".join(re.escape(a) for a in names.get("articles", []))
    name = slots.get("name", "").strip(" -")  # "nudel-timer": the hyphen joins, it is not part of the name
    if articles:
        name = re.sub(rf"^(?:{articles}) ", "", name)
    return "" if name in set(names.get("not_names", [])) or not name else name


def _kind(slots: dict[str, str], lang: Language) -> tuple[str, bool]:
    """("timer" | "alarm" | "reminder", whether the words were plural), from the language's own words."""
    said = slots.get("kind", "timer")
    kind = lang.section("kind_words").get(said, said)
    return (kind.rstrip("s") or "timer"), kind.endswith("s")


def _parse(action: str, slots: dict[str, str], lang: Language, now: dt.datetime, original: str) -> Request | None:
    if action == "timer.set":
        seconds = parse_duration(slots["duration"], lang)
        return None if seconds is None else Request(action, {"seconds": seconds, "name": _name(slots, lang)})
    if action == "reminder.set":
        reminding = lang.section("names").get("reminder_words", "(?!)")
        kind = "reminder" if re.search(reminding, original, re.I) else "alarm"
        text = _original_case(slots["text"].strip(), original) if slots.get("text") else ""
        if "time" in slots:
            due = parse_time(slots["time"], lang, now)
            if due is None:
                return None
            return Request(action, {"kind": kind, "due": due.timestamp(), "text": text or _name(slots, lang)})
        seconds = parse_duration(slots.get("duration", ""), lang)
        if seconds is None:
            return None
        return Request(action, {"kind": kind, "seconds": seconds, "text": text or _name(slots, lang)})
    if action in ("timer.cancel", "timer.status"):
        kind, plural = _kind(slots, lang)
        values: dict[str, Any] = {"kind": kind, "name": _name(slots, lang), "all": bool(slots.get("all")) or plural}
        if slots.get("duration"):
            seconds = parse_duration(slots["duration"], lang)
            if seconds is None:
                return None
            values["seconds"] = seconds
        return Request(action, values)
    if action in ("clock.time", "clock.date"):
        return Request(action)
    if action == "convert":
        quantity = slots.get("quantity") or (f"1 {slots['one']}" if slots.get("one") else "")
        try:
            return Request(action, {"conversion": convert(quantity, slots["unit"], lang)})
        except NotAConversion:
            return None
    if action == "maths":
        try:
            return Request(action, {"answer": evaluate(slots["expr"], lang)})
        except NotMaths:
            return None
    return None


def unbacked_claim(reply: str, *languages: str) -> str | None:
    """The note to add when a model's `reply` says it set a timer, alarm or reminder (no action ran, so nothing was
    set); None when it claims nothing. The claims of `languages` are checked in order, then English's; the note is
    in the language whose words matched."""
    text = reply.replace("\u2019", "'").lower()
    for code in languages_for("", *languages):
        claims = load(code).section("claims")
        for pattern in claims.get("patterns", []):
            if re.search(pattern, text):
                return claims.get("note", "(Nothing was set.)")
    return None


# ---- carrying them out -------------------------------------------------------------------------------------------


class AlarmBook(Protocol):
    """Where timers and reminders are kept (ConversationStore)."""

    def add_alarm(self, kind: str, due: float, *, label: str = "", duration: float | None = None,
                  conversation_id: int | None = None) -> Alarm: ...

    def pending_alarms(self) -> list[Alarm]: ...

    def cancel_alarm(self, alarm_id: int) -> bool: ...


@dataclass(frozen=True)
class ActionResult:
    action: str
    reply: str  # shown in the chat, stored as the assistant's message, spoken
    alarms: tuple[Alarm, ...] = ()  # the timers or reminders it set (or cancelled)


def _say(language: str) -> dict:
    """The language's answer texts ("answers" in its pattern file): every word an action says comes from there."""
    return load(language).section("answers")


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def say_duration(seconds: float, language: str = "en") -> str:
    """"5 minutes", "1 hour and 30 minutes", "45 seconds" (rounded to the second), in `language`."""
    a = _say(language)
    seconds = int(round(seconds))
    parts = []
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1)):
        amount, seconds = divmod(seconds, size)
        if amount:
            one, many = a["durations"][unit]
            parts.append(f"{amount} {one if amount == 1 else many}")
    if not parts:
        return a["zero_duration"]
    return " ".join(parts[:2]) if len(parts) > 2 else a["and"].join(parts)


def countdown(seconds: float) -> str:
    """"4:59", "1:02:03"; never below 0:00."""
    total = max(0, int(seconds + 0.999))  # 4.2 s left shows 0:05 until it is under 4 s: a countdown rounds up
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _fields(moment: dt.datetime, a: dict) -> dict[str, Any]:
    """What a clock or date template may name; the day and month names come from the data, not the C library's
    locale, so the answer is in the request's language whatever the system's locale is."""
    return {"h": moment.hour, "hh": f"{moment.hour:02d}", "h12": moment.hour % 12 or 12, "mm": f"{moment.minute:02d}",
            "ampm": a["am_pm"][moment.hour >= 12], "weekday": a["weekdays"][moment.weekday()], "day": moment.day,
            "month": a["months"][moment.month - 1], "year": moment.year}


def say_time(moment: dt.datetime, language: str = "en") -> str:
    """"3:00 PM", "15:00 Uhr"."""
    a = _say(language)
    return a["clock"].format(**_fields(moment, a))


def say_clock(moment: dt.datetime, now: dt.datetime, language: str = "en") -> str:
    a = _say(language)
    clock = say_time(moment, language)
    if moment.date() == now.date():
        return clock
    if moment.date() == now.date() + dt.timedelta(days=1):
        return a["clock_tomorrow"].format(clock=clock)
    return a["clock_other_day"].format(clock=clock, **{k: v for k, v in _fields(moment, a).items()})


def alarm_title(alarm: Alarm, language: str = "en") -> str:
    a = _say(language)
    if alarm.kind == "timer":
        named = (a["title_named_timer"].format(label=alarm.label, Label=_upper_first(alarm.label)) if alarm.label
                 else a["title_timer"].format(duration=say_duration(alarm.duration or 0, language)))
        return _upper_first(named)
    kind = "alarm" if alarm.kind == "alarm" else "reminder"
    return a[f"title_{kind}_label"].format(label=alarm.label) if alarm.label else a[f"title_{kind}"]


@dataclass
class Actions:
    """Carries out recognised requests. `book` keeps timers and reminders (None: they are refused). `language`:
    the language typed requests are read in first (see `languages_for`)."""

    book: AlarmBook | None = None
    language: str = "en"
    clock: Callable[[], float] = time.time
    also: tuple[str, ...] = ()  # more languages to try after `language` (the window's), before English

    def languages(self, heard: str = "") -> list[str]:
        """The languages a request heard in `heard` ("" for typed) is read in, in order (see `languages_for`)."""
        return languages_for(heard, self.language, *self.also)

    def language_for(self, heard: str = "") -> str:
        """The language a request heard in `heard` ("" for typed) is read and answered in first."""
        return self.languages(heard)[0]

    def recognise(self, text: str, heard: str = "") -> Request | None:
        now = dt.datetime.fromtimestamp(self.clock())
        for code in self.languages(heard):
            request = recognise(text, code, now)
            if request is not None:
                return request
        return None

    def handle(self, text: str, conversation_id: int | None = None, heard: str = "") -> ActionResult | None:
        request = self.recognise(text, heard)
        return None if request is None else self.run(request, conversation_id)

    def run(self, request: Request, conversation_id: int | None = None) -> ActionResult:
        now_s = self.clock()
        now = dt.datetime.fromtimestamp(now_s)
        v = request.values
        language = request.language
        a = _say(language)
        if request.action == "clock.time":
            return ActionResult(request.action, a["time"].format(clock=say_time(now, language)))
        if request.action == "clock.date":
            return ActionResult(request.action, a["today"].format(date=a["date"].format(**_fields(now, a))))
        if request.action == "maths":
            answer: MathsAnswer = v["answer"]
            if answer.truth is not None:
                return ActionResult(request.action, a["truth"].format(expression=_pretty(answer.expression),
                                                                      truth=answer.text))
            if "=" in answer.expression:  # solved: "x = 887, y = 1113", or "no solution"
                return ActionResult(request.action, answer.text)
            return ActionResult(request.action, f"{_pretty(answer.expression)} = {answer.text}")
        if request.action == "convert":
            conversion: Conversion = v["conversion"]
            return ActionResult(request.action, f"{conversion.text}")
        if self.book is None:
            return ActionResult(request.action, a["unavailable"])
        if request.action == "timer.set":
            alarm = self.book.add_alarm("timer", now_s + v["seconds"], label=v["name"], duration=v["seconds"],
                                        conversation_id=conversation_id)
            duration = say_duration(v["seconds"], language)
            reply = (a["named_timer_set"].format(name=v["name"], Name=_upper_first(v["name"]), duration=duration)
                     if v["name"] else a["timer_set"].format(duration=duration))
            return ActionResult(request.action, reply, (alarm,))
        if request.action == "reminder.set":
            due = v["due"] if "due" in v else now_s + v["seconds"]
            alarm = self.book.add_alarm(v["kind"], due, label=v["text"], conversation_id=conversation_id)
            at = say_clock(dt.datetime.fromtimestamp(due), now, language)
            if "seconds" in v:
                when = a["in_duration"].format(duration=say_duration(v["seconds"], language), clock=at)
            else:
                when = a["at_time"].format(clock=at)
            key = ("alarm_set" if v["kind"] == "alarm" else "reminder_set") + ("_text" if v["text"] else "")
            text = v["text"] if v["kind"] == "alarm" else _to_you(v["text"], language)
            return ActionResult(request.action, a[key].format(when=when, text=text), (alarm,))
        if request.action == "timer.cancel":
            return self._cancel(v, now_s, language)
        if request.action == "timer.status":
            return self._status(v, now_s, language)
        raise ValueError(f"unknown action {request.action}")

    def _matching(self, v: dict[str, Any]) -> list[Alarm]:
        kinds = {"timer": ("timer",), "alarm": ("alarm", "reminder"), "reminder": ("reminder", "alarm")}
        found = [a for a in self.book.pending_alarms() if a.kind in kinds.get(v.get("kind", "timer"), ("timer",))]
        if v.get("name"):
            named = [a for a in found if v["name"] in a.label.lower()]
            found = named
        if "seconds" in v:
            found = [a for a in found if a.duration is not None and abs(a.duration - v["seconds"]) < 1]
        return found

    @staticmethod
    def _nouns(v: dict[str, Any], a: dict) -> dict[str, str]:
        """The words for the kind asked about: "timer", "timers", "no pasta timer", "no timers"."""
        kind = a["kinds"][v["kind"]]
        what = a["named"].format(name=v["name"], noun=kind["one"]) if v.get("name") else kind["one"]
        return {"one": kind["one"], "many": kind["many"], "no": kind["no"].format(what=what), "none": kind["none"]}

    def _cancel(self, v: dict[str, Any], now_s: float, language: str) -> ActionResult:
        a = _say(language)
        found = self._matching(v)
        nouns = self._nouns(v, a)
        if not found:
            return ActionResult("timer.cancel", a["cancel_none"].format(**nouns))
        if len(found) > 1 and not v.get("all"):
            listed = a["list_separator"].join(
                a["cancel_listed"].format(title=alarm_title(x, language), left=_left(x, now_s, language))
                for x in found)
            return ActionResult("timer.cancel", a["cancel_which"].format(count=len(found), listed=listed, **nouns))
        cancelled = tuple(x for x in found if self.book.cancel_alarm(x.id))
        if len(cancelled) == 1:
            return ActionResult("timer.cancel", a["cancelled_one"].format(title=alarm_title(cancelled[0], language)),
                                cancelled)
        return ActionResult("timer.cancel", a["cancelled_many"].format(count=len(cancelled), **nouns), cancelled)

    def _status(self, v: dict[str, Any], now_s: float, language: str) -> ActionResult:
        a = _say(language)
        found = self._matching(v)
        nouns = self._nouns(v, a)
        if not found:
            return ActionResult("timer.status", a["status_none_named" if v.get("name") else "status_none"]
                                .format(**nouns))
        if len(found) == 1:
            return ActionResult("timer.status", a["status_one"].format(title=alarm_title(found[0], language),
                                                                       left=_left(found[0], now_s, language)),
                                tuple(found))
        listed = "\n".join(a["status_line"].format(title=alarm_title(x, language), left=_left(x, now_s, language))
                           for x in found)
        return ActionResult("timer.status", a["status_many"].format(count=len(found), listed=listed, **nouns),
                            tuple(found))


def alarm_message(alarm: Alarm, now_s: float, language: str = "en") -> str:
    """What to show and say when it fires; a note if it fires late (the laptop slept, or Chinwag was closed)."""
    a = _say(language)
    late = now_s - alarm.due
    if alarm.kind == "timer":
        text = a["times_up"].format(title=alarm_title(alarm, language))
    elif alarm.kind == "alarm":
        text = a["alarm_fired"].format(title=alarm_title(alarm, language),
                                       clock=say_time(dt.datetime.fromtimestamp(alarm.due), language))
    else:
        text = a["reminder_fired"].format(text=_to_you(alarm.label, language)) if alarm.label \
            else a["reminder_fired_plain"]
    if late >= 60:
        text += a["late"].format(duration=say_duration(late, language))
    return text


def _left(alarm: Alarm, now_s: float, language: str = "en") -> str:
    a = _say(language)
    left = say_duration(max(alarm.due - now_s, 0), language)
    if alarm.kind != "timer":
        at = say_clock(dt.datetime.fromtimestamp(alarm.due), dt.datetime.fromtimestamp(now_s), language)
        return a["left_alarm"].format(clock=at, duration=left)
    return a["left_timer"].format(duration=left)


def _to_you(text: str, language: str = "en") -> str:
    """"call my mum" → "call your mum" (the language's own word swaps)."""
    swaps = _say(language).get("you", {})
    return " ".join(swaps.get(w.lower(), w) for w in text.split())


def _pretty(expression: str) -> str:
    text = re.sub(r"\s*([+\-=])\s*", r" \1 ", expression)
    text = re.sub(r"\s*\*\s*", " × ", text)
    text = re.sub(r"\s*/\s*", " / ", text)
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"\s+\)", ")", text)
    return re.sub(r"\s+", " ", text).strip()


def warm(language: str = "en") -> None:
    """Load the patterns, SymPy and Pint's unit tables now (about 2 s on a laptop), off the path of a first request."""
    load(language)
    recognise("what is 2 plus 2", language)
    recognise("convert 1 mile to km", language)
