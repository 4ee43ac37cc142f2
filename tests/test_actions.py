"""Local actions (desktop/core/actions, issue 22): the phrasing tables (at least 100 per action, English), the
near-misses that must go to the model, the maths and conversions with the real SymPy and Pint, and the timers and
reminders kept in a real store."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from desktop.core.actions import Actions, recognise
from desktop.core.actions.language import available_languages, load
from desktop.core.actions.maths import NotMaths, evaluate
from desktop.core.store import ConversationStore

NOW = dt.datetime(2026, 12, 3, 10, 0, 0)  # a Thursday morning


def _at(hour: int, minute: int = 0, days: int = 0) -> float:
    return (dt.datetime.combine(NOW.date() + dt.timedelta(days=days), dt.time(hour, minute))).timestamp()


# ---- the tables: (phrase, expected values) --------------------------------------------------------------------

_DURATIONS = [("5 minutes", 300), ("five minutes", 300), ("10 minutes", 600), ("ten minutes", 600),
              ("2 seconds", 2), ("thirty seconds", 30), ("an hour", 3600), ("1 hour and 30 minutes", 5400),
              ("an hour and a half", 5400), ("half an hour", 1800), ("two and a half minutes", 150),
              ("90 seconds", 90), ("one minute", 60), ("25 minutes", 1500), ("forty five minutes", 2700),
              ("3 hours", 10800), ("1 minute 30 seconds", 90), ("twenty-five minutes", 1500)]
_SET_TIMER = ["set a timer for {d}", "Set a timer for {d}.", "start a timer for {d}", "timer for {d}",
              "can you set a timer for {d}", "please set a timer for {d}", "Hey Chinwag, set a timer for {d}",
              "make a timer for {d}", "I need a timer for {d}", "count down {d}", "start a countdown for {d}",
              "set me a timer for {d} please", "could you start a timer for {d}?"]


def timer_set_table() -> list[tuple[str, dict]]:
    table = [(p.format(d=d), {"seconds": s, "name": ""}) for p, (d, s) in itertools.product(_SET_TIMER, _DURATIONS)]
    table += [
        ("set a 10 minute timer", {"seconds": 600, "name": ""}),
        ("set a five minute timer", {"seconds": 300, "name": ""}),
        ("start a 3 minute timer", {"seconds": 180, "name": ""}),
        ("10 minute timer", {"seconds": 600, "name": ""}),
        ("set a pasta timer for 10 minutes", {"seconds": 600, "name": "pasta"}),
        ("set an egg timer for 4 minutes", {"seconds": 240, "name": "egg"}),
        ("start a tea timer for three minutes", {"seconds": 180, "name": "tea"}),
        ("set a timer for 12 minutes called pizza", {"seconds": 720, "name": "pizza"}),
        ("set a timer for 20 minutes named laundry", {"seconds": 1200, "name": "laundry"}),
        ("set a 15 minute timer for the bread", {"seconds": 900, "name": "bread"}),
        ("set a 6 minute timer called eggs", {"seconds": 360, "name": "eggs"}),
        ("set a timer called rice for 18 minutes", {"seconds": 1080, "name": "rice"}),
        ("let me know when 5 minutes are up", {"seconds": 300, "name": ""}),
        ("let me know in 10 minutes", {"seconds": 600, "name": ""}),
    ]
    return table


def reminder_table() -> list[tuple[str, dict]]:
    table: list[tuple[str, dict]] = []
    times = [("3 pm", _at(15)), ("3:30 pm", _at(15, 30)), ("15:00", _at(15)), ("noon", _at(12)),
             ("half past 4", _at(16, 30)), ("quarter to 6 pm", _at(17, 45)), ("7 in the evening", _at(19)),
             ("8 am tomorrow", _at(8, days=1)), ("tomorrow at 9", _at(9, days=1)), ("11 o'clock", _at(11)),
             ("five pm", _at(17)), ("9 am", _at(9, days=1))]
    tasks = [("call Sam", "call Sam"), ("take the bins out", "take the bins out"), ("water the plants",
                                                                                    "water the plants")]
    for (t, due), (task, text) in itertools.product(times, tasks):
        table.append((f"remind me at {t} to {task}", {"kind": "reminder", "due": due, "text": text}))
        table.append((f"Remind me to {task} at {t}.", {"kind": "reminder", "due": due, "text": text}))
    durations = [("20 minutes", 1200), ("an hour", 3600), ("two hours", 7200), ("ten minutes", 600),
                 ("half an hour", 1800)]
    for (d, s), (task, text) in itertools.product(durations, tasks):
        table.append((f"remind me in {d} to {task}", {"kind": "reminder", "seconds": s, "text": text}))
        table.append((f"remind me to {task} in {d}", {"kind": "reminder", "seconds": s, "text": text}))
    table += [
        ("set an alarm for 7 am", {"kind": "alarm", "due": _at(7, days=1), "text": ""}),
        ("set an alarm for 6:30 tomorrow", {"kind": "alarm", "due": _at(6, 30, days=1), "text": ""}),
        ("wake me up at 7", {"kind": "alarm", "due": _at(19), "text": ""}),
        ("wake me up at 6 am", {"kind": "alarm", "due": _at(6, days=1), "text": ""}),
        ("set an alarm in 45 minutes", {"kind": "alarm", "seconds": 2700, "text": ""}),
        ("alarm for 5:45 pm", {"kind": "alarm", "due": _at(17, 45), "text": ""}),
        ("set an alarm for noon", {"kind": "alarm", "due": _at(12), "text": ""}),
        ("set a reminder for 4 pm to pick up the kids", {"kind": "reminder", "due": _at(16),
                                                         "text": "pick up the kids"}),
        ("create a reminder to stretch in 30 minutes", {"kind": "reminder", "seconds": 1800, "text": "stretch"}),
        ("don't let me forget to feed the cat at 6 pm", {"kind": "reminder", "due": _at(18),
                                                         "text": "feed the cat"}),
        ("remind me at midnight to lock the door", {"kind": "reminder", "due": _at(0, days=1),
                                                    "text": "lock the door"}),
    ]
    return table


def timer_cancel_table() -> list[tuple[str, dict]]:
    table: list[tuple[str, dict]] = []
    verbs = ["cancel", "stop", "delete", "remove", "turn off", "dismiss", "get rid of", "clear"]
    for verb, what in itertools.product(verbs, ["the timer", "my timer", "timer", "that timer"]):
        table.append((f"{verb} {what}", {"kind": "timer", "name": "", "all": False}))
    for verb, (what, kind) in itertools.product(verbs, [("the alarm", "alarm"), ("my reminder", "reminder")]):
        table.append((f"{verb} {what}", {"kind": kind, "name": "", "all": False}))
    for verb, name in itertools.product(verbs, ["pasta", "egg", "laundry"]):
        table.append((f"{verb} the {name} timer", {"kind": "timer", "name": name, "all": False}))
    for verb, name in itertools.product(verbs, ["pizza", "tea"]):
        table.append((f"please {verb} my {name} timer", {"kind": "timer", "name": name}))
    for verb in verbs[:6]:
        table.append((f"{verb} all timers", {"kind": "timer", "all": True}))
        table.append((f"{verb} all my alarms", {"kind": "alarm", "all": True}))
    table += [
        ("cancel the 10 minute timer", {"kind": "timer", "seconds": 600}),
        ("never mind the timer", {"kind": "timer", "all": False}),
        ("forget the pasta timer", {"kind": "timer", "name": "pasta"}),
        ("I don't need the timer anymore", {"kind": "timer", "all": False}),
        ("Please cancel the timer.", {"kind": "timer", "name": ""}),
        ("cancel the timer called pizza", {"kind": "timer", "name": "pizza"}),
    ]
    return table


def timer_status_table() -> list[tuple[str, dict]]:
    table: list[tuple[str, dict]] = []
    asks = ["how long is left on the {n}timer", "how much time is left on the {n}timer",
            "how long left on my {n}timer", "how much time is remaining on the {n}timer",
            "how long until the {n}timer goes off", "how long till the {n}timer is done",
            "what's the time left on the {n}timer", "check the {n}timer", "what's the {n}timer at",
            "is the {n}timer still running"]
    for ask, name in itertools.product(asks, ["", "pasta ", "egg ", "tea ", "pizza ", "laundry ", "rice "]):
        table.append((ask.format(n=name), {"kind": "timer", "name": name.strip()}))
    table += [(p, {"kind": "timer"}) for p in [
        "how much time is left", "how long do I have left", "how long is left", "time left",
        "what timers do I have", "list my timers", "show me my timers", "do I have any timers",
        "are there any timers running", "how many timers are running", "which timers are set",
        "time left on the timer", "timer status", "list all my timers", "tell me my timers",
        "what timers are running", "do I have a timer set", "any timers running", "read my timers",
        "check my timers", "what are my timers", "show timers", "how long is remaining",
    ]]
    table += [(p, {"kind": k}) for p, k in [
        ("what alarms do I have", "alarm"), ("list my reminders", "reminder"), ("show my alarms", "alarm"),
        ("do I have any reminders", "reminder"), ("what reminders do I have", "reminder"),
        ("are there any alarms set", "alarm"), ("how long until my alarm", "alarm"),
    ]]
    return table


def clock_time_table() -> list[str]:
    bases = ["what time is it", "what's the time", "what is the time", "tell me the time", "what time is it now",
             "do you know the time", "do you know what time it is", "current time", "time check",
             "what's the current time", "give me the time", "what is the current time", "what time is it right now",
             "have you got the time", "what hour is it", "the time", "what does the clock say", "what time it is",
             "show me the time", "what's the exact time"]
    openings = ["", "hey chinwag, ", "please ", "ok ", "chinwag "]
    endings = ["", "?", " please", ".", "?!"]
    table = [f"{o}{b}{e}" for o, b, e in itertools.product(openings, bases, endings)]
    return table[::2][:120] + [b.capitalize() + "?" for b in bases]


def clock_date_table() -> list[str]:
    bases = ["what's the date", "what is the date", "what's today's date", "what is today's date", "what day is it",
             "what day is it today", "what's the date today", "tell me the date", "what day of the week is it",
             "what's today", "today's date", "what date is it", "which day is it", "what month is it",
             "what year is it", "do you know what day it is", "what's the day today", "give me the date",
             "what is the day today", "what day is today"]
    openings = ["", "hey chinwag, ", "please ", "ok ", "can you "]
    endings = ["", "?", " please", "."]
    return [f"{o}{b}{e}" for o, b, e in itertools.product(openings, bases, endings)][::3][:110] + \
        [b.capitalize() + "?" for b in bases]


def convert_table() -> list[tuple[str, float]]:
    quantities = [("5 miles", "km", 8.04672), ("10 kilometres", "miles", 6.21371), ("100 fahrenheit", "celsius",
                                                                                   37.7778),
                  ("20 degrees celsius", "fahrenheit", 68), ("2 kilos", "pounds", 4.40925),
                  ("1 pound", "grams", 453.592), ("3 cups", "millilitres", 709.765), ("6 feet", "metres", 1.8288),
                  ("12 inches", "centimetres", 30.48), ("60 mph", "km/h", 96.5606), ("1 gallon", "litres", 3.78541),
                  ("500 grams", "ounces", 17.637), ("two litres", "pints", 4.22675), ("1 stone", "kg", 6.35029),
                  ("a mile", "feet", 5280)]
    templates = ["convert {q} to {u}", "what is {q} in {u}", "{q} in {u}", "how much is {q} in {u}",
                 "what's {q} in {u}", "convert {q} into {u}", "{q} to {u}"]
    table = [(t.format(q=q, u=u), v) for t, (q, u, v) in itertools.product(templates, quantities)]
    table += [("how many ounces in a pound", 16), ("how many feet in a mile", 5280),
              ("how many centimetres in an inch", 2.54), ("how many grams in a kilogram", 1000),
              ("how many seconds in an hour", 3600), ("how many metres are in a kilometre", 1000)]
    return table


def maths_table() -> list[tuple[str, str]]:
    table = [
        ("(50 + 60) times (50 times 3 over 60)", "275"), ("(50+60) * (50 * 3/60)=", "275"),
        ("7 x plus 10 y equals 17339 and x plus y equals 2000", "x = 887, y = 1113"),
        ("7x + 10y = 17339; x + y = 2000", "x = 887, y = 1113"),
        ("what is seventeen thousand three hundred and thirty nine minus two thousand", "15339"),
        ("what's 12 times 12", "144"), ("what is 2 to the power of 10", "1024"), ("5 factorial", "120"),
        ("what is the square root of 144", "12"), ("1/3 + 1/6", "1/2 ≈ 0.5"), ("2.5 times 4", "10"),
        ("solve x squared minus 4 equals 0", "x = -2 or x = 2"), ("what is 10 percent of 250", "25"),
        ("solve 2 x plus 3 equals 11", "x = 4"), ("what is 1 divided by 0", "undefined (division by zero)"),
        ("what's 3 squared plus 4 squared", "25"), ("calculate 100 minus 37", "63"),
        ("what is two point five plus one point five", "4"), ("7 × 8", "56"), ("what is 7 x 8", "56"),
    ]
    numbers = [(3, 4), (12, 7), (100, 25), (81, 9), (15, 3), (1000, 8), (42, 6)]
    words = {3: "three", 4: "four", 12: "twelve", 7: "seven", 100: "one hundred", 25: "twenty five", 81:
             "eighty one", 9: "nine", 15: "fifteen", 1000: "one thousand", 8: "eight", 42: "forty-two", 6: "six"}
    ops = [("plus", lambda a, b: a + b), ("minus", lambda a, b: a - b), ("times", lambda a, b: a * b),
           ("divided by", lambda a, b: a / b), ("multiplied by", lambda a, b: a * b)]
    asks = ["what is {a} {op} {b}", "what's {a} {op} {b}", "calculate {a} {op} {b}", "how much is {a} {op} {b}"]
    for (a, b), (op, fn), ask in itertools.product(numbers, ops, asks[:3]):
        value = fn(a, b)
        expected = str(int(value)) if value == int(value) else None
        if expected is None:
            continue
        table.append((ask.format(a=a, op=op, b=b), expected))
        table.append((ask.format(a=words[a], op=op, b=words[b]), expected))
    return table


NEAR_MISSES = [
    "I need more time to think", "what is the capital of France", "tell me a joke about timers",
    "what is time", "is time travel possible", "how do alarms work", "what is a timer in electronics",
    "why do I forget things", "remind me what we talked about", "what's the best time to visit Japan",
    "how long does it take to boil an egg", "what is the date of the next election", "what day was the moon landing",
    "write a poem about the time", "set the table for dinner", "I have no time", "time flies",
    "what time does the sun set in London", "how many people live in Paris", "what is love",
    "convert this text to French", "what is 2 plus 2 in Python", "explain how to convert miles to km",
    "how much is a ticket to Paris", "how many calories in an apple", "who is the president",
    "solve world hunger", "what is x", "is it 5 o'clock somewhere", "give me five reasons to exercise",
    "cancel my subscription", "stop talking", "what does a timer do", "list three fruits",
    "remind me why the sky is blue", "set up my printer", "alarm clocks are annoying", "how do timers work in C",
    "what is the meaning of life", "the date was wonderful", "what is pi", "count the words in this sentence",
    "what year did the war end", "how long is a marathon", "how long is the Nile", "what's the time complexity of sort",
    "time is money", "hello", "thank you", "good morning", "what can you do", "tell me about yourself",
    "translate good morning to Spanish", "what is a quadratic equation", "what's 2 plus 2 in Roman numerals",
    "is it a good time to buy a house", "what is the best timer app", "can you set up a meeting with Sam",
    "remind me of your name", "convert me to your religion", "how many miles to the moon",
    "what's 9/11", "what is 24/7", "the meeting is at 3 pm", "I'll be there in 10 minutes", "what is 1984",
    "what is covid-19", "call mom in 5 minutes", "what is 1 + 1 in binary", "what is a 401k", "42",
]


# ---- the tests ----------------------------------------------------------------------------------------------------


def _check(values: dict, expected: dict) -> None:
    for key, want in expected.items():
        got = values.get(key)
        if isinstance(want, float | int) and not isinstance(want, bool):
            assert got == pytest.approx(want, abs=0.5), key
        else:
            assert got == want, key


def _table_test(table: list, action: str) -> None:
    assert len({phrase for phrase, _ in table}) >= 100, f"{action}: fewer than 100 phrasings"
    failures = []
    for phrase, expected in table:
        request = recognise(phrase, now=NOW)
        if request is None or request.action != action:
            failures.append((phrase, request))
            continue
        try:
            _check(request.values, expected)
        except AssertionError as error:
            failures.append((phrase, request.values, str(error)))
    assert not failures, failures[:10]


def test_timer_set_phrasings() -> None:
    _table_test(timer_set_table(), "timer.set")


def test_reminder_and_alarm_phrasings() -> None:
    _table_test(reminder_table(), "reminder.set")


def test_timer_cancel_phrasings() -> None:
    _table_test(timer_cancel_table(), "timer.cancel")


def test_timer_status_phrasings() -> None:
    _table_test(timer_status_table(), "timer.status")


def test_time_phrasings() -> None:
    _table_test([(p, {}) for p in clock_time_table()], "clock.time")


def test_date_phrasings() -> None:
    _table_test([(p, {}) for p in clock_date_table()], "clock.date")


def test_conversion_phrasings() -> None:
    table = convert_table()
    assert len(table) >= 100
    failures = []
    for phrase, value in table:
        request = recognise(phrase, now=NOW)
        if request is None or request.action != "convert":
            failures.append((phrase, request))
        elif request.values["conversion"].result != pytest.approx(value, rel=1e-4):
            failures.append((phrase, request.values["conversion"]))
    assert not failures, failures[:10]


def test_maths_phrasings() -> None:
    table = maths_table()
    assert len(table) >= 100
    failures = []
    for phrase, answer in table:
        request = recognise(phrase, now=NOW)
        if request is None or request.action != "maths" or request.values["answer"].text != answer:
            failures.append((phrase, request))
    assert not failures, failures[:10]


def test_near_misses_go_to_the_model() -> None:
    matched = [(p, recognise(p, now=NOW)) for p in NEAR_MISSES]
    assert [m for m in matched if m[1] is not None] == []


def test_the_pattern_files_load_and_english_is_complete() -> None:
    assert "en" in available_languages()
    english = load("en")
    names = {name for name, _ in english.intents}
    assert names == {"timer.set", "timer.cancel", "timer.status", "reminder.set", "clock.time", "clock.date",
                     "convert", "maths"}
    for code in available_languages():  # every shipped language has the same actions and compiles
        assert {name for name, _ in load(code).intents} == names


@pytest.mark.parametrize("text", [
    "__import__('os').system('true')", "x.__class__", "2 ** 2 ** 2 ** 1000", "lambda: 1", "open('f')",
    "9" * 200, "(" * 300, "exec(1)", "globals()", "x.y + 1",
])
def test_maths_never_evaluates_anything_but_maths(text: str) -> None:
    with pytest.raises(NotMaths):
        evaluate(text, load("en"))


def test_timers_and_reminders_are_kept_listed_and_cancelled(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "c.db")
    clock = [NOW.timestamp()]
    actions = Actions(store, clock=lambda: clock[0])
    first = actions.handle("set a pasta timer for 10 minutes")
    assert first.reply == "Pasta timer set for 10 minutes." and first.alarms[0].due == clock[0] + 600
    actions.handle("set a timer for 2 minutes")
    reminder = actions.handle("remind me at 3 pm to call my mum")
    assert reminder.reply == "OK, I'll remind you at 3:00 PM to call your mum."
    clock[0] += 60
    status = actions.handle("how long is left on the pasta timer")
    assert status.reply == "Pasta timer: 9 minutes left."
    listed = actions.handle("what timers do I have").reply
    assert "2 timers" in listed and "1 minute left" in listed
    ambiguous = actions.handle("cancel the timer")
    assert "Say which one" in ambiguous.reply and len(store.pending_alarms()) == 3
    assert actions.handle("cancel the pasta timer").reply == "Cancelled: Pasta timer."
    assert actions.handle("cancel the timer").reply == "Cancelled: Timer for 2 minutes."
    assert actions.handle("cancel the timer").reply == "There's no timer to cancel."
    store.close()
    reopened = ConversationStore(tmp_path / "c.db")  # survives a restart
    assert [a.label for a in reopened.pending_alarms()] == ["call my mum"]
    assert reopened.fire_alarm(reopened.pending_alarms()[0].id) is True
    assert reopened.pending_alarms() == []


def test_an_old_database_gets_the_alarms_table(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript("CREATE TABLE conversations (id INTEGER PRIMARY KEY, title TEXT NOT NULL, created REAL NOT NULL,"
                     " updated REAL NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);"
                     "INSERT INTO conversations VALUES (1, 'kept', 1.0, 1.0, 0);")
    db.close()
    store = ConversationStore(path)
    assert store.conversation(1).title == "kept"
    alarm = store.add_alarm("timer", 5.0, duration=5.0, conversation_id=1)
    assert store.pending_alarms() == [alarm]


def test_clock_answers() -> None:
    actions = Actions(None, clock=lambda: NOW.timestamp())
    assert actions.handle("what time is it").reply == "It's 10:00 AM."
    assert actions.handle("what's the date").reply == "It's Thursday, 3 December 2026."
    assert actions.handle("(50 + 60) times (50 times 3 over 60)").reply == "(50 + 60) × (50 × 3 / 60) = 275"
    assert actions.handle("7 x plus 10 y equals 17339 and x plus y equals 2000").reply == "x = 887, y = 1113"
    assert actions.handle("2 + 2 = 5").reply == "2 + 2 = 5 is false."
    assert actions.handle("set a timer for 5 minutes").reply == "Timers and reminders are not available here."
