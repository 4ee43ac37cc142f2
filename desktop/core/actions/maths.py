"""Exact arithmetic and equations with SymPy, from typed or spoken text. Never Python's eval of the user's text.

The text is first rewritten into a small expression language (digits, + - * / ^ ( ) =, one-letter variables, a few
named functions and constants) and refused if anything else is left. sympy's `parse_expr` then gets only that, with
a restricted transformation set and a namespace holding exactly the allowed names (`auto_symbol` is not used: an
unknown name is an error, never looked up). Sizes are bounded before anything is evaluated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy
from sympy.parsing.sympy_parser import (
    auto_number,
    factorial_notation,
    implicit_multiplication,
    parse_expr,
    rationalize,
)

from desktop.core.actions.language import Language

MAX_CHARS = 300
MAX_EXPONENT = 10_000
MAX_DIGITS = 60

_FUNCTIONS = {
    "sqrt": sympy.sqrt, "cbrt": sympy.cbrt, "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan,
    "log": sympy.log, "ln": sympy.log, "exp": sympy.exp, "abs": sympy.Abs, "factorial": sympy.factorial,
}
_CONSTANTS = {"pi": sympy.pi, "e": sympy.E}
# auto_number wraps literals as Integer/Float; rationalize makes 2.5 exact; implicit multiplication reads 7x, 2(3+4).
_TRANSFORMS = (auto_number, factorial_notation, rationalize, implicit_multiplication)


class NotMaths(ValueError):
    """The text is not an expression this module will evaluate."""


@dataclass(frozen=True)
class MathsAnswer:
    expression: str  # as understood, e.g. "(50 + 60)*(50*3/60)"
    text: str  # the answer to show: "275", "x = 887, y = 1113"
    spoken: str  # the answer to say
    truth: bool | None = None  # "2 + 2 = 5": checked, not solved


def _words_to_symbols(text: str, lang: Language) -> str:
    m = lang.section("maths")
    for word, symbol in sorted(m.get("words", []), key=lambda p: len(p[0]), reverse=True):
        if re.fullmatch(r"[^\W\d_]+(?:[ '-][^\W\d_]+)*", word):
            text = re.sub(rf"\b{re.escape(word)}\b", f" {symbol} ", text)
        else:
            text = text.replace(word, f" {symbol} ")
    # Whisper hears "close bracket times" as "close bracket time"
    text = re.sub(r"\)\s*time\s*(?=\()", ") * ", text)
    # "7 x 8": x between two numbers is "times"; "7 x plus 10 y" keeps x as a variable
    text = re.sub(r"(?<=\d)\s+x\s+(?=\d)", " * ", text)
    return re.sub(r"\s+", " ", text).strip()


def to_expression(text: str, lang: Language) -> str:
    """The expression language form of `text`, or NotMaths."""
    if text.strip().replace(" ", "") in lang.section("maths").get("idioms", []):
        raise NotMaths("an idiom, not a sum")  # "what's 9/11", "24/7": the model answers
    expr = _words_to_symbols(text, lang)
    functions = "|".join(lang.section("maths").get("functions", []))
    if functions:  # "sqrt 2" → "sqrt(2)"
        expr = re.sub(rf"\b({functions}) ?(\d+(?:\.\d+)?|[a-z])\b", r"\1(\2)", expr)
    if "=" in expr:  # "… = 17339 and x + y = 2000": two equations
        for separator in lang.section("maths").get("separators", []):
            if separator.isalpha():
                expr = re.sub(rf"\b{separator}\b", ";", expr)
        # Spanish "y" is both "and" and a variable: only the language's pattern tells where it separates
        for pattern in lang.section("maths").get("separator_patterns", []):
            expr = re.sub(pattern, " ; ", expr)
    expr = re.sub(r"(\s*=\s*)+$", "", expr)  # "what does 7 times 8 equal": nothing on the right
    expr = re.sub(r"^\s*=\s*", "", expr)
    names = set(re.findall(r"[^\W\d]+", expr))
    allowed = set(lang.section("maths").get("functions", [])) | set(lang.section("maths").get("constants", []))
    for name in names:
        if name not in allowed and not re.fullmatch(r"[a-z]", name):
            raise NotMaths(name)
    expr = re.sub(r"\s+!", "!", expr)  # "5 !" → "5!"
    if re.search(r"[^0-9a-z+\-*/^().=!,; ]|\.(?!\d)|(?<!\d)\.|__", expr) or not expr or len(expr) > MAX_CHARS:
        raise NotMaths(expr)
    if not re.search(r"[+\-*/^=!]|\b(?:" + "|".join(_FUNCTIONS) + r")\b", expr):
        raise NotMaths("no operation")
    if not re.search(r"\d", expr):
        raise NotMaths("no number")
    return expr


def _bounded(tree: sympy.Basic) -> None:
    for node in sympy.preorder_traversal(tree):
        if isinstance(node, sympy.Pow) and node.exp.is_number and abs(node.exp) > MAX_EXPONENT:
            raise NotMaths("exponent too large")
        if isinstance(node, sympy.Integer) and len(str(abs(int(node)))) > MAX_DIGITS:
            raise NotMaths("number too large")
        if isinstance(node, sympy.factorial) and node.args[0].is_number and node.args[0] > 1000:
            raise NotMaths("factorial too large")


def _parse(expr: str, variables: dict[str, sympy.Symbol]) -> sympy.Expr:
    namespace: dict = {"Integer": sympy.Integer, "Float": sympy.Float, "Rational": sympy.Rational,
                       "Symbol": sympy.Symbol, "factorial": sympy.factorial, "Add": sympy.Add, "Mul": sympy.Mul,
                       "Pow": sympy.Pow, "__builtins__": {}}
    namespace.update(_FUNCTIONS)
    namespace.update(_CONSTANTS)
    namespace.update(variables)
    try:
        tree = parse_expr(expr.replace("^", "**"), local_dict={}, global_dict=namespace, transformations=_TRANSFORMS,
                          evaluate=False)
    except Exception as error:  # noqa: BLE001 - whatever the parser raises, the text is not maths we can read
        raise NotMaths(str(error)) from error
    if not isinstance(tree, sympy.Basic):
        raise NotMaths("not an expression")
    _bounded(tree)
    return tree


def _number(value: sympy.Expr) -> tuple[str, str]:
    """Shown and spoken forms: exact where the value is rational, a decimal beside a surd."""
    value = sympy.nsimplify(value) if value.is_Float else value
    if value.is_Integer:
        return str(int(value)), str(int(value))
    if value.is_Rational:
        decimal = sympy.N(value, 10)
        shown = f"{value.p}/{value.q} ≈ {_decimal(decimal)}"
        return shown, _decimal(decimal)
    if value.is_real:
        approx = _decimal(sympy.N(value, 12))
        exact = sympy.sstr(value)
        return (f"{exact} ≈ {approx}" if exact != approx else approx), approx
    if value.is_number:
        return sympy.sstr(sympy.N(value, 10)), sympy.sstr(sympy.N(value, 6))
    return sympy.sstr(value), sympy.sstr(value)


def _decimal(value: sympy.Expr) -> str:
    text = f"{float(value):.10g}"
    return text


def evaluate(text: str, lang: Language) -> MathsAnswer:
    """Evaluate an expression or solve equations. Raises NotMaths when `text` is not maths."""
    expr = to_expression(text, lang)
    said = lang.section("answers")  # the words of the answer, in the request's language
    letters = sorted(set(re.findall(r"\b[a-z]\b|(?<=\d)[a-z]\b", expr)) - set(_CONSTANTS))
    variables = {name: sympy.Symbol(name) for name in letters}
    if "=" in expr:
        separators = lang.section("maths").get("separators", [";"])
        parts = re.split("|".join(rf"\s*{re.escape(s)}\s*" if not s.isalpha() else rf"\s+{s}\s+"
                                  for s in separators), expr)
        equations = []
        for part in parts:
            if part.count("=") != 1:
                raise NotMaths("an equation needs one '='")
            left, right = part.split("=")
            equations.append(sympy.Eq(_parse(left, variables), _parse(right, variables), evaluate=False))
        unknowns = [variables[n] for n in letters]
        if not unknowns:  # "2 + 2 = 4": check it
            truth = all(sympy.simplify(eq.lhs - eq.rhs) == 0 for eq in equations)
            return MathsAnswer(expr, said["true" if truth else "false"],
                               said["spoken_true" if truth else "spoken_false"], truth)
        try:
            solutions = sympy.solve(equations, unknowns, dict=True)
        except (NotImplementedError, ValueError, TypeError) as error:
            raise NotMaths(str(error)) from error
        if not solutions:
            return MathsAnswer(expr, said["no_solution"], said["spoken_no_solution"])
        shown_all, spoken_all = [], []
        for solution in solutions[:6]:
            shown, spoken = [], []
            for name in letters:
                symbol = variables[name]
                if symbol in solution:
                    a, b = _number(sympy.simplify(solution[symbol]))
                    shown.append(f"{name} = {a}")
                    spoken.append(f"{name} = {b}")
            shown_all.append(", ".join(shown))
            spoken_all.append(", ".join(spoken))
        return MathsAnswer(expr, said["or"].join(shown_all), said["or"].join(spoken_all))
    tree = _parse(expr, variables)
    try:
        value = sympy.simplify(tree.doit()) if variables else tree.doit()
    except (ValueError, TypeError, ZeroDivisionError, OverflowError) as error:
        raise NotMaths(str(error)) from error
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return MathsAnswer(expr, said["undefined"], said["spoken_undefined"])
    shown, spoken = _number(value)
    if "." in expr and value.is_Rational:  # decimals in, a decimal out
        shown = spoken
    return MathsAnswer(expr, shown, spoken)
