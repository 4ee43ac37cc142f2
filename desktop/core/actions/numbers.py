"""Spoken numbers to digits: "seventeen thousand three hundred and thirty nine" → "17339".

The words come from the language's pattern file (`assets/actions/<lang>.json`, "numbers"), so another language
adds its own words there. Only whole runs of number words are replaced; every other word is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class NumberWords:
    units: dict[str, int]  # zero … nineteen (and "a"/"an" are not here: they are not numbers on their own)
    tens: dict[str, int]  # twenty … ninety
    scales: dict[str, int]  # hundred, thousand, million
    joiners: frozenset[str]  # "and" inside a number: "one hundred and five"
    point: frozenset[str]  # "point": "two point five"
    fractions: dict[str, str]  # "half" → "1/2", used by durations ("an hour and a half")
    # Languages that count differently say so here instead of in code:
    hundreds: dict[str, int] = field(default_factory=dict)  # Spanish "doscientos": a whole hundred in one word
    in_compounds: dict[str, int] = field(default_factory=dict)  # German "ein" counts only inside "einundzwanzig"
    glued: bool = False  # German writes a number as one word: "fünfundzwanzig", "dreihundertzwölf"
    unit_then_ten: frozenset[str] = frozenset()  # German "fünf und zwanzig" is 25: the unit comes first
    after_tens: frozenset[str] = frozenset()  # French "vingt et un", Spanish "treinta y cinco"
    teens_after_tens: bool = False  # French "soixante-dix" (60 + 10), "quatre-vingt-douze" (80 + 12)
    as_digits: dict[str, str] = field(default_factory=dict)  # whole words read as a number: "anderthalb" → 1.5

    @classmethod
    def from_data(cls, data: dict) -> NumberWords:
        return cls(
            units={k: int(v) for k, v in data["units"].items()},
            tens={k: int(v) for k, v in data["tens"].items()},
            scales={k: int(v) for k, v in data["scales"].items()},
            joiners=frozenset(data.get("joiners", [])),
            point=frozenset(data.get("point", [])),
            fractions=dict(data.get("fractions", {})),
            hundreds={k: int(v) for k, v in data.get("hundreds", {}).items()},
            in_compounds={k: int(v) for k, v in data.get("in_compounds", {}).items()},
            glued=bool(data.get("glued", False)),
            unit_then_ten=frozenset(data.get("unit_then_ten", [])),
            after_tens=frozenset(data.get("after_tens", [])),
            teens_after_tens=bool(data.get("teens_after_tens", False)),
            as_digits=dict(data.get("as_digits", {})),
        )

    def is_number_word(self, word: str) -> bool:
        return word in self.units or word in self.tens or word in self.scales or word in self.hundreds

    def unit_value(self, word: str) -> int | None:
        return self.units.get(word, self.in_compounds.get(word))


_SPLIT = re.compile(r"(\s+)")


def _value(words: list[str], nw: NumberWords) -> int | None:
    """The value of a run of number words, or None when the run is not one number ("five six")."""
    total, current = 0, 0
    last: str | None = None  # "unit", "ten", "scale"
    for word in words:
        unit = nw.unit_value(word)
        if unit is not None:
            teen_ok = nw.teens_after_tens and 10 <= unit < 20 and current % 100 in (60, 80)
            if last in ("unit",) or (last == "ten" and unit >= 10 and not teen_ok) or (last == "ten" and unit == 0):
                return None
            current += unit
            last = "unit"
        elif word in nw.tens:
            if last in ("unit", "ten"):
                return None
            current += nw.tens[word]
            last = "ten"
        elif word in nw.hundreds:
            if last is not None and last != "scale" or current % 1000:
                return None
            current += nw.hundreds[word]
            last = "scale"
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


def _unglue(token: str, nw: NumberWords) -> str:
    """"fünfundzwanzig" → "fünf und zwanzig": a word made only of number words is split into them (longest first,
    so "siebzehn" stays whole); any other word is left alone."""
    bare = token.rstrip(",.?!")
    if not bare or nw.is_number_word(bare):
        return token
    pieces = _PIECES.get(id(nw))
    if pieces is None:
        words = sorted([*nw.units, *nw.tens, *nw.scales, *nw.hundreds, *nw.in_compounds, *nw.unit_then_ten],
                       key=len, reverse=True)
        pieces = _PIECES[id(nw)] = re.compile("|".join(re.escape(w) for w in words if " " not in w))
    found = pieces.findall(bare)
    if "".join(found) != bare or len(found) < 2:  # "ein" on its own is an article, not a number
        return token
    # a piece that only counts inside a compound ("ein") is written as its standalone word ("eins")
    standalone = {v: k for k, v in reversed(nw.units.items())}
    found = [standalone.get(nw.in_compounds[f], f) if f in nw.in_compounds else f for f in found]
    return " ".join(found) + token[len(bare):]


_PIECES: dict[int, re.Pattern[str]] = {}


def words_to_digits(text: str, nw: NumberWords) -> str:
    """Replace every run of number words in `text` (already lower case) with its digits. Hyphens inside a number
    ("twenty-five") count as spaces, "and" only joins inside a number ("one hundred and five", not "five and six"),
    and "point" makes a decimal ("two point five" → "2.5")."""
    for word, digits in nw.as_digits.items():
        text = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", digits, text)
    tens = "|".join(re.escape(t) for t in sorted(nw.tens, key=len, reverse=True))
    if tens:
        text = re.sub(rf"\b({tens})-(?=[^\W\d_])", r"\1 ", text)  # twenty-five → twenty five
    if nw.glued:
        text = " ".join(_unglue(token, nw) for token in text.split(" "))
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
            after = tokens[j + 1].rstrip(",.?!") if j + 1 < len(tokens) else ""
            if (bare in nw.joiners and run and run[-1] in nw.scales and after in {**nw.units, **nw.tens}):
                j += 1
                continue
            if bare in nw.after_tens and run and run[-1] in nw.tens and nw.unit_value(after) is not None:
                j += 1  # "vingt et un": the joiner belongs to the number
                continue
            if (bare in nw.unit_then_ten and run and nw.unit_value(run[-1]) is not None
                    and 0 < (nw.unit_value(run[-1]) or 0) < 10 and after in nw.tens):
                run.insert(len(run) - 1, after)  # "fünf und zwanzig": read as "zwanzig fünf"
                j += 2
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
