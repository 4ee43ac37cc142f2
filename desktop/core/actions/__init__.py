"""Local actions, recognised before the model: timers, reminders and alarms, the time and date, exact arithmetic
and equations (SymPy), unit conversions (Pint). Qt-free (docs/ARCHITECTURE.md §2).

`recognise(text)` says whether a request is one of them (patterns per language in `assets/actions/<lang>.json`; a
match counts only when its parts parse); `Actions.handle(text)` carries it out and says what to answer. Anything
that does not match goes to the model, as before.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from desktop.core.actions.language import Language, load
from desktop.core.actions.maths import MathsAnswer, NotMaths, evaluate
from desktop.core.actions.numbers import words_to_digits
from desktop.core.actions.units import Conversion, NotAConversion, convert
from desktop.core.actions.when import parse_duration, parse_time
from desktop.core.store import Alarm

ACTION_MODEL = "chinwag-actions"  # the `model` of a stored reply that an action gave, not a language model
_NOT_NAMES = {"a", "an", "the", "my", "new", "one", "another", "this", "that", "me", "of", "for", "all", "every"}


@dataclass(frozen=True)
class Request:
    """A recognised request: `action` is the pattern file's intent ("timer.set", "maths", …), `values` what it
    needs, already parsed."""

    action: str
    values: dict[str, Any] = field(default_factory=dict)


def normalise(text: str, lang: Language) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").strip().lower()
    text = re.sub(r"[.?!…]+$", "", text).strip()
    text = re.sub(r"(?<=[a-z]),", "", text)  # "hey chinwag, set …"; "17,339" keeps its comma for the numbers
    text = re.sub(r"(?<=[a-z0-9])[.?!]\s+(?=[a-z0-9(])", " ", text)  # Whisper ends a "sentence" mid-request
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
    """The local action `text` asks for, or None (then the model answers)."""
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
                return request
    return None


def _name(slots: dict[str, str]) -> str:
    name = re.sub(r"^(?:the|my|a|an) ", "", slots.get("name", "").strip())
    return "" if name in _NOT_NAMES or not name else name


def _parse(action: str, slots: dict[str, str], lang: Language, now: dt.datetime, original: str) -> Request | None:
    if action == "timer.set":
        seconds = parse_duration(slots["duration"], lang)
        return None if seconds is None else Request(action, {"seconds": seconds, "name": _name(slots)})
    if action == "reminder.set":
        kind = "reminder" if re.search(r"remind|reminder|forget|tell|ping|nudge|alert|notify", original, re.I) \
            else "alarm"
        text = _original_case(slots["text"].strip(), original) if slots.get("text") else ""
        if "time" in slots:
            due = parse_time(slots["time"], lang, now)
            if due is None:
                return None
            return Request(action, {"kind": kind, "due": due.timestamp(), "text": text or _name(slots)})
        seconds = parse_duration(slots.get("duration", ""), lang)
        if seconds is None:
            return None
        return Request(action, {"kind": kind, "seconds": seconds, "text": text or _name(slots)})
    if action in ("timer.cancel", "timer.status"):
        kind = slots.get("kind", "timer").rstrip("s") or "timer"
        values: dict[str, Any] = {"kind": kind, "name": _name(slots), "all": bool(slots.get("all"))
                                  or slots.get("kind", "").endswith("s")}
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


def unbacked_claim(reply: str, language: str = "en") -> str | None:
    """The note to add when a model's `reply` says it set a timer, alarm or reminder (no action ran, so nothing was
    set); None when it claims nothing."""
    claims = load(language).section("claims")
    text = reply.replace("\u2019", "'").lower()
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


def say_duration(seconds: float) -> str:
    """"5 minutes", "1 hour 30 minutes", "45 seconds" (rounded to the second)."""
    seconds = int(round(seconds))
    parts = []
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1)):
        amount, seconds = divmod(seconds, size)
        if amount:
            parts.append(f"{amount} {unit}{'s' if amount != 1 else ''}")
    if not parts:
        return "0 seconds"
    return " ".join(parts[:2]) if len(parts) > 2 else " and ".join(parts)


def countdown(seconds: float) -> str:
    """"4:59", "1:02:03"; never below 0:00."""
    total = max(0, int(seconds + 0.999))  # 4.2 s left shows 0:05 until it is under 4 s: a countdown rounds up
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def say_clock(moment: dt.datetime, now: dt.datetime) -> str:
    clock = moment.strftime("%I:%M %p").lstrip("0")
    if moment.date() == now.date():
        return clock
    if moment.date() == now.date() + dt.timedelta(days=1):
        return f"{clock} tomorrow"
    return f"{clock} on {moment.strftime('%A %-d %B')}"


def alarm_title(alarm: Alarm) -> str:
    if alarm.kind == "timer":
        named = f"{alarm.label} timer" if alarm.label else f"timer for {say_duration(alarm.duration or 0)}"
        return named[0].upper() + named[1:]
    if alarm.kind == "alarm":
        return f"Alarm{': ' + alarm.label if alarm.label else ''}"
    return f"Reminder{': ' + alarm.label if alarm.label else ''}"


@dataclass
class Actions:
    """Carries out recognised requests. `book` keeps timers and reminders (None: they are refused)."""

    book: AlarmBook | None = None
    language: str = "en"
    clock: Callable[[], float] = time.time

    def recognise(self, text: str) -> Request | None:
        return recognise(text, self.language, dt.datetime.fromtimestamp(self.clock()))

    def handle(self, text: str, conversation_id: int | None = None) -> ActionResult | None:
        request = self.recognise(text)
        return None if request is None else self.run(request, conversation_id)

    def run(self, request: Request, conversation_id: int | None = None) -> ActionResult:
        now_s = self.clock()
        now = dt.datetime.fromtimestamp(now_s)
        v = request.values
        if request.action == "clock.time":
            return ActionResult(request.action, f"It's {now.strftime('%I:%M %p').lstrip('0')}.")
        if request.action == "clock.date":
            return ActionResult(request.action, f"It's {now.strftime('%A, %-d %B %Y')}.")
        if request.action == "maths":
            answer: MathsAnswer = v["answer"]
            if answer.text in ("true", "false"):
                return ActionResult(request.action, f"{_pretty(answer.expression)} is {answer.text}.")
            if "=" in answer.expression:  # solved: "x = 887, y = 1113", or "no solution"
                return ActionResult(request.action, answer.text)
            return ActionResult(request.action, f"{_pretty(answer.expression)} = {answer.text}")
        if request.action == "convert":
            conversion: Conversion = v["conversion"]
            return ActionResult(request.action, f"{conversion.text}")
        if self.book is None:
            return ActionResult(request.action, "Timers and reminders are not available here.")
        if request.action == "timer.set":
            alarm = self.book.add_alarm("timer", now_s + v["seconds"], label=v["name"], duration=v["seconds"],
                                        conversation_id=conversation_id)
            what = f"{v['name'].capitalize()} timer" if v["name"] else "Timer"
            return ActionResult(request.action, f"{what} set for {say_duration(v['seconds'])}.", (alarm,))
        if request.action == "reminder.set":
            due = v["due"] if "due" in v else now_s + v["seconds"]
            alarm = self.book.add_alarm(v["kind"], due, label=v["text"], conversation_id=conversation_id)
            at = say_clock(dt.datetime.fromtimestamp(due), now)
            if "seconds" in v:
                at = f"in {say_duration(v['seconds'])} ({at})"
            else:
                at = f"at {at}"
            if v["kind"] == "alarm":
                reply = f"Alarm set {at}" + (f": {v['text']}." if v["text"] else ".")
            else:
                reply = f"OK, I'll remind you {at}" + (f" to {_to_you(v['text'])}." if v["text"] else ".")
            return ActionResult(request.action, reply, (alarm,))
        if request.action == "timer.cancel":
            return self._cancel(v, now_s)
        if request.action == "timer.status":
            return self._status(v, now_s)
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

    def _cancel(self, v: dict[str, Any], now_s: float) -> ActionResult:
        found = self._matching(v)
        noun = v["kind"]
        if not found:
            what = f"{v['name']} {noun}" if v.get("name") else noun
            return ActionResult("timer.cancel", f"There's no {what} to cancel.")
        if len(found) > 1 and not v.get("all"):
            listed = "; ".join(f"{alarm_title(a)} ({_left(a, now_s)})" for a in found)
            return ActionResult("timer.cancel", f"You have {len(found)} {noun}s: {listed}. Say which one to cancel, "
                                f"or \"cancel all {noun}s\".")
        cancelled = tuple(a for a in found if self.book.cancel_alarm(a.id))
        if len(cancelled) == 1:
            return ActionResult("timer.cancel", f"Cancelled: {alarm_title(cancelled[0])}.", cancelled)
        return ActionResult("timer.cancel", f"Cancelled {len(cancelled)} {noun}s.", cancelled)

    def _status(self, v: dict[str, Any], now_s: float) -> ActionResult:
        found = self._matching(v)
        noun = v["kind"]
        if not found:
            what = f"{v['name']} {noun}" if v.get("name") else noun
            return ActionResult("timer.status", f"You have no {what}s set." if not v.get("name")
                                else f"There's no {what} set.")
        if len(found) == 1:
            return ActionResult("timer.status", f"{alarm_title(found[0])}: {_left(found[0], now_s)}.", tuple(found))
        listed = "\n".join(f"- {alarm_title(a)}: {_left(a, now_s)}" for a in found)
        return ActionResult("timer.status", f"You have {len(found)} {noun}s:\n{listed}", tuple(found))


def alarm_message(alarm: Alarm, now_s: float) -> str:
    """What to show and say when it fires; a note if it fires late (the laptop slept, or Chinwag was closed)."""
    late = now_s - alarm.due
    if alarm.kind == "timer":
        text = f"Time's up: {alarm_title(alarm)}."
    elif alarm.kind == "alarm":
        text = f"{alarm_title(alarm)}. It's {dt.datetime.fromtimestamp(alarm.due).strftime('%I:%M %p').lstrip('0')}."
    else:
        text = f"Reminder: {_to_you(alarm.label)}." if alarm.label else "Reminder."
    if late >= 60:
        text += f" (This was due {say_duration(late)} ago, while Chinwag was closed or the computer was asleep.)"
    return text


def _left(alarm: Alarm, now_s: float) -> str:
    left = alarm.due - now_s
    if alarm.kind != "timer":
        at = say_clock(dt.datetime.fromtimestamp(alarm.due), dt.datetime.fromtimestamp(now_s))
        return f"at {at}, in {say_duration(max(left, 0))}"
    return f"{say_duration(max(left, 0))} left"


def _to_you(text: str) -> str:
    """"call my mum" → "call your mum"."""
    swaps = {"my": "your", "me": "you", "i": "you", "i'm": "you're", "mine": "yours", "myself": "yourself"}
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
