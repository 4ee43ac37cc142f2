"""Unit conversions with Pint: "convert 5 miles to km", "how many ounces in a pound", "100 fahrenheit in celsius".

Unit names are mapped through the language's word list, then must be on its allowed list before Pint reads them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from fractions import Fraction

from desktop.core.actions.language import Language


class NotAConversion(ValueError):
    pass


@dataclass(frozen=True)
class Conversion:
    value: float
    source: str  # Pint's unit, as given
    result: float
    target: str
    text: str  # "5 miles = 8.04672 kilometers"


@functools.cache
def _registry():  # noqa: ANN202 - pint's own type
    import pint

    return pint.UnitRegistry(autoconvert_offset_to_baseunit=True, cache_folder=None)


def _unit(text: str, lang: Language) -> str:
    u = lang.section("units")
    text = text.strip()
    articles = "|".join(re.escape(a) for a in u.get("articles", ["a", "an", "one", "the"]))
    text = re.sub(rf"^(?:{articles}) ", "", text)
    for word, unit in sorted(u.get("words", []), key=lambda p: len(p[0]), reverse=True):
        if text == word:
            text = unit
            break
    allowed = set(u.get("allowed", []))
    if text not in allowed:
        singular = re.sub(r"(?<=[a-z])s$", "", text)
        if singular in allowed:
            text = singular
        elif text.endswith("es") and text[:-2] in allowed:
            text = text[:-2]
        else:
            raise NotAConversion(text)
    return text


def _format(value: float, point: str = ".") -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.6g}"
    if "e" in text:
        text = f"{value:.6e}"
    return text.replace(".", point)


def convert(quantity: str, target: str, lang: Language) -> Conversion:
    ones = "|".join(re.escape(a) for a in lang.section("units").get("one", ["a", "an"]))
    quantity = re.sub(rf"^(?:{ones}) ", "1 ", quantity.strip())
    m = re.fullmatch(r"(-?\d+(?:\.\d+)?(?:/\d+)?) ?(.+)", quantity)
    if not m:
        raise NotAConversion(quantity)
    value = float(Fraction(m.group(1)))
    source_unit, target_unit = _unit(m.group(2), lang), _unit(target, lang)
    ureg = _registry()
    try:
        q = ureg.Quantity(value, ureg.parse_units(source_unit)).to(ureg.parse_units(target_unit))
    except Exception as error:  # noqa: BLE001 - pint's DimensionalityError, UndefinedUnitError, …
        raise NotAConversion(str(error)) from error
    result = float(q.magnitude)
    names = lang.section("answers").get("unit_names", {})
    point = lang.section("answers").get("decimal_point", ".")
    shown_source = f"{_format(value, point)} {_name(source_unit, value, names)}"
    text = f"{shown_source} = {_format(result, point)} {_name(target_unit, result, names)}"
    return Conversion(value, source_unit, result, target_unit, text)


def _name(unit: str, value: float, names: dict) -> str:
    """The unit as the answer says it: the language's word ("foot"/"feet", "Meile"/"Meilen") where its data has
    one (a list is singular and plural), else Pint's short name for a unit spelt with symbols, else the unit's
    name with an English plural (English words are the fallback)."""
    plural = value != 1
    if unit in names:
        named = names[unit]
        return named if isinstance(named, str) else named[1 if plural else 0]
    if len(unit) <= 2 or "/" in unit:
        return unit
    return unit.replace("_", " ") + ("s" if plural and not unit.endswith("s") else "")
