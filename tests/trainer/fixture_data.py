"""A small ShareGPT fixture with bad rows of every cleaning category, and the counts prepare must report."""

from __future__ import annotations

import json
from pathlib import Path

_FACTS = [
    ("What is the capital of France?", "The capital of France is Paris."),
    ("How many legs does a spider have?", "A spider has eight legs."),
    ("What colour is the sky on a clear day?", "On a clear day the sky is blue."),
    ("Name a primary colour.", "Red is a primary colour."),
    ("What is 2 plus 3?", "2 plus 3 is 5."),
    ("What do bees make?", "Bees make honey."),
    ("Which planet is known as the red planet?", "Mars is known as the red planet."),
    ("What is frozen water called?", "Frozen water is called ice."),
    ("How many days are in a week?", "There are seven days in a week."),
    ("What is the opposite of hot?", "The opposite of hot is cold."),
    ("What gas do plants take in?", "Plants take in carbon dioxide."),
    ("What is 10 times 3?", "10 times 3 is 30."),
    ("Which animal says moo?", "A cow says moo."),
    ("What is the largest ocean?", "The Pacific is the largest ocean."),
    ("How many hours are in a day?", "There are 24 hours in a day."),
    ("What do you call a baby cat?", "A baby cat is called a kitten."),
    ("What is 9 minus 4?", "9 minus 4 is 5."),
    ("Which season comes after winter?", "Spring comes after winter."),
]


def good_rows() -> list[dict]:
    rows: list[dict] = []
    for index, (question, answer) in enumerate(_FACTS):
        turns = [{"from": "human", "value": question}, {"from": "gpt", "value": answer}]
        if index % 3 == 0:
            turns.insert(0, {"from": "system", "value": "You answer in one short sentence."})
        if index % 4 == 1:
            turns += [{"from": "human", "value": "Thanks! Say it again."}, {"from": "gpt", "value": answer}]
        rows.append({"conversations": turns, "source": "fixture"})
    # The other layout prepare accepts: role/content messages.
    rows.insert(
        0,
        {"messages": [{"role": "user", "content": "Say hello."}, {"role": "assistant", "content": "Hello!"}]},
    )
    return rows


def write_fixture(path: Path, eval_size: int = 4) -> dict:
    """Write the JSONL and return the data_report prepare must produce with this eval_size."""
    good = good_rows()
    long_text = " ".join(f"word{i}" for i in range(400))  # far past max_seq_length=256 tokens
    lines: list[str] = [json.dumps(row) for row in good]
    bad = {
        "malformed": [
            '{"conversations": [{"from": "human", "value": "unterminated"',  # not valid JSON
            "this is not json at all",
            json.dumps({"text": "no conversation list here"}),
            json.dumps({"conversations": "not a list"}),
            json.dumps({"conversations": [{"value": "no role"}, {"from": "gpt", "value": "hi"}]}),
            json.dumps({"conversations": [{"from": "human", "value": "hi"}, {"from": "gpt"}]}),
            json.dumps({"conversations": [{"from": "human", "value": "hi"}, {"from": "gpt", "value": None}]}),
            json.dumps([1, 2, 3]),
        ],
        "empty": [
            json.dumps({"conversations": [{"from": "gpt", "value": "an answer with no question"}]}),
            json.dumps({"conversations": [{"from": "human", "value": "a question with no answer"}]}),
            json.dumps(
                {"conversations": [{"from": "human", "value": "   \n\t "}, {"from": "gpt", "value": "ok"}]}
            ),
            json.dumps({"conversations": []}),
        ],
        "duplicate": [
            json.dumps(good[0]),
            json.dumps(
                {
                    "conversations": [
                        {"from": t["from"], "value": "  " + t["value"].upper().replace(" ", "   ") + " \n"}
                        for t in good[1]["conversations"]
                    ]
                }
            ),
            json.dumps(
                {
                    "messages": [
                        {"role": "user", "content": "say HELLO."},
                        {"role": "assistant", "content": "hello!"},
                    ]
                }
            ),
        ],
        "too_long": [
            json.dumps(
                {
                    "conversations": [
                        {"from": "human", "value": "Repeat this: " + long_text},
                        {"from": "gpt", "value": long_text},
                    ]
                }
            ),
            json.dumps(
                {
                    "conversations": [
                        {"from": "human", "value": "Count."},
                        {"from": "gpt", "value": long_text + " end"},
                    ]
                }
            ),
        ],
    }
    # Interleave bad rows among the good ones, with a blank line (layout, not a row) in the middle.
    mixed: list[str] = []
    bad_lines = [line for group in bad.values() for line in group]
    for index, line in enumerate(lines):
        mixed.append(line)
        if index < len(bad_lines):
            mixed.append(bad_lines[index])
    mixed += bad_lines[len(lines) :]
    mixed.insert(5, "")
    path.write_text("\n".join(mixed) + "\n", encoding="utf-8")
    rows_out = len(good)
    return {
        "rows_in": len(good) + len(bad_lines),
        "dropped": {reason: len(group) for reason, group in bad.items()},
        "rows_out": rows_out,
        "train": rows_out - eval_size,
        "eval": eval_size,
    }
