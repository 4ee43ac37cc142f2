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
    text = re.sub(r"^(?:a|an|one|the) ", "", text)
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


def _format(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.6g}"
    if "e" in text:
        return f"{value:.6e}"
    return text


def convert(quantity: str, target: str, lang: Language) -> Conversion:
    quantity = re.sub(r"^(?:a|an) ", "1 ", quantity.strip())
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
    shown_source = f"{_format(value)} {_name(source_unit, value)}"
    text = f"{shown_source} = {_format(result)} {_name(target_unit, result)}"
    return Conversion(value, source_unit, result, target_unit, text)


def _name(unit: str, value: float) -> str:
    names = {"degF": "°F", "degC": "°C", "mile/hour": "mph", "km/hour": "km/h", "m/s": "m/s", "m^2": "m²",
             "km^2": "km²", "ft^2": "sq ft", "mile^2": "sq mi", "cm^2": "cm²", "m^3": "m³", "cm^3": "cm³",
             "fluid_ounce": "fluid ounces", "imperial_gallon": "imperial gallons", "kWh": "kWh", "hp": "hp"}
    if unit in names:
        return names[unit]
    if len(unit) <= 2 or "/" in unit:
        return unit
    plural = value != 1
    if unit == "foot":
        return "feet" if plural else "foot"
    if unit == "inch":
        return "inches" if plural else "inch"
    return unit.replace("_", " ") + ("s" if plural and not unit.endswith("s") else "")
