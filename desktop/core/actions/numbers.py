"""Spoken numbers to digits: "seventeen thousand three hundred and thirty nine" → "17339".

The words come from the language's pattern file (`assets/actions/<lang>.json`, "numbers"), so another language
adds its own words there. Only whole runs of number words are replaced; every other word is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class NumberWords:
    units: dict[str, int]  # zero … nineteen (and "a"/"an" are not here: they are not numbers on their own)
    tens: dict[str, int]  # twenty … ninety
    scales: dict[str, int]  # hundred, thousand, million
    joiners: frozenset[str]  # "and" inside a number: "one hundred and five"
    point: frozenset[str]  # "point": "two point five"
    fractions: dict[str, str]  # "half" → "1/2", used by durations ("an hour and a half")

    @classmethod
    def from_data(cls, data: dict) -> NumberWords:
        return cls(
            units={k: int(v) for k, v in data["units"].items()},
            tens={k: int(v) for k, v in data["tens"].items()},
            scales={k: int(v) for k, v in data["scales"].items()},
            joiners=frozenset(data.get("joiners", [])),
            point=frozenset(data.get("point", [])),
            fractions=dict(data.get("fractions", {})),
        )

    def is_number_word(self, word: str) -> bool:
        return word in self.units or word in self.tens or word in self.scales


_SPLIT = re.compile(r"(\s+)")


def _value(words: list[str], nw: NumberWords) -> int | None:
    """The value of a run of number words, or None when the run is not one number ("five six")."""
    total, current = 0, 0
    last: str | None = None  # "unit", "ten", "scale"
    for word in words:
        if word in nw.units:
            if last in ("unit",) or (last == "ten" and nw.units[word] >= 10) or (last == "ten" and nw.units[word] == 0):
                return None
            current += nw.units[word]
            last = "unit"
        elif word in nw.tens:
            if last in ("unit", "ten"):
                return None
            current += nw.tens[word]
            last = "ten"
        elif word in nw.scales:
            scale = nw.scales[word]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
            last = "scale"
    return total + current


def _split_runs(words: list[str], nw: NumberWords) -> list[list[str]]:
    """A run of number words may hold several numbers said one after another ("five six"); split where the value
    restarts, so each piece is one number."""
    runs: list[list[str]] = []
    current: list[str] = []
    for word in words:
        if current and _value([*current, word], nw) is None:
            runs.append(current)
            current = [word]
        else:
            current.append(word)
    if current:
        runs.append(current)
    return runs


def words_to_digits(text: str, nw: NumberWords) -> str:
    """Replace every run of number words in `text` (already lower case) with its digits. Hyphens inside a number
    ("twenty-five") count as spaces, "and" only joins inside a number ("one hundred and five", not "five and six"),
    and "point" makes a decimal ("two point five" → "2.5")."""
    tens = "|".join(re.escape(t) for t in nw.tens)
    if tens:
        text = re.sub(rf"\b({tens})-(?=[a-z])", r"\1 ", text)  # twenty-five → twenty five
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)  # 17,339 → 17339
    tokens = text.split(" ")
    out: list[str] = []
    i = 0
    while i < len(tokens):
        word = tokens[i].strip()
        bare = word.rstrip(",.?!")
        if not nw.is_number_word(bare):
            out.append(tokens[i])
            i += 1
            continue
        run: list[str] = []
        tail = ""
        j = i
        while j < len(tokens):
            piece = tokens[j]
            bare = piece.rstrip(",.?!")
            if nw.is_number_word(bare):
                run.append(bare)
                j += 1
                if bare != piece:  # punctuation ends the number
                    tail = piece[len(bare):]
                    break
                continue
            if (bare in nw.joiners and run and run[-1] in nw.scales and j + 1 < len(tokens)
                    and tokens[j + 1].rstrip(",.?!") in {**nw.units, **nw.tens}):
                j += 1
                continue
            break
        numbers = [str(_value(r, nw)) for r in _split_runs(run, nw)]
        # "two point five": a decimal
        if (tail == "" and j + 1 < len(tokens) and tokens[j] in nw.point
                and tokens[j + 1].rstrip(",.?!") in nw.units):
            digits = []
            k = j + 1
            while k < len(tokens) and tokens[k].rstrip(",.?!") in nw.units and nw.units[tokens[k].rstrip(",.?!")] < 10:
                digits.append(str(nw.units[tokens[k].rstrip(",.?!")]))
                k += 1
                if tokens[k - 1] != tokens[k - 1].rstrip(",.?!"):
                    tail = tokens[k - 1][len(tokens[k - 1].rstrip(",.?!")):]
                    break
            if digits:
                numbers[-1] = f"{numbers[-1]}.{''.join(digits)}"
                j = k
        out.append(" ".join(numbers) + tail)
        i = j
    result = " ".join(out)
    # "2 point 5" (Whisper writes digits and words mixed): a decimal too
    points = "|".join(re.escape(p) for p in nw.point)
    if points:
        result = re.sub(rf"\b(\d+) (?:{points}) (\d+)\b", r"\1.\2", result)
    return result
