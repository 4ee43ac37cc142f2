"""The window's translations: Qt Linguist sources in desktop/ui/i18n/chinwag_<lang>.ts, compiled to .qm files.

German, French and Spanish hold every text of the window; English is the source language, and its file holds only
the plural forms ("%n file(s)" -> "1 file", "2 files").

    python scripts/translations.py update               # lupdate desktop/ui/**/*.py into every .ts (translations kept)
    python scripts/translations.py build OUTDIR [TS...]  # lrelease each .ts (default: all) into OUTDIR/<name>.qm
    python scripts/translations.py check                 # what is left to translate, per language (exit 1 if any)

The tools come with the PySide6 wheel (pyside6-lupdate, pyside6-lrelease, beside this Python) and need no network.
A new language: add its code to LANGUAGES here and to WINDOW_LANGUAGES in desktop/ui/shell/window_language.py, run
`update`, translate the new file (Qt Linguist: `pyside6-linguist`, or any editor), then `build`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "desktop" / "ui" / "i18n"
LANGUAGES = ("en", "de", "fr", "es")  # "en": plural forms only (-pluralonly)
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%n")


def ts_file(language: str) -> Path:
    return I18N / f"chinwag_{language}.ts"


def tool(name: str) -> str:
    """pyside6-lupdate or pyside6-lrelease: beside this Python (the virtual environment), else on PATH."""
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        sys.exit(f"translations: {name} not found (it comes with PySide6: run this with the app's .venv/bin/python)")
    return found


def sources() -> list[str]:
    """Every Python file of the window, relative to the repository (what lupdate reads)."""
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop" / "ui").rglob("*.py"))


def lupdate(ts: Path, language: str) -> None:
    """Bring `ts` up to date with the sources: new texts come in unfinished, texts no longer used go, translations of
    the others are kept."""
    command = [tool("pyside6-lupdate"), *sources(), "-ts", str(ts), "-no-obsolete", "-locations", "none",
               "-source-language", "en", "-target-language", language, "-silent"]
    if language == "en":
        command.append("-pluralonly")
    subprocess.run(command, cwd=ROOT, check=True)


def lrelease(ts: Path, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    qm = out_dir / ts.with_suffix(".qm").name
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], cwd=ROOT, check=True)
    return qm


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translations: tuple[str, ...]  # one, or one per plural form
    unfinished: bool
    plural: bool

    @property
    def key(self) -> tuple[str, str]:
        return self.context, self.source


def messages(ts: Path) -> list[Message]:
    """The messages of a .ts file (obsolete and vanished ones left out)."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            plural = message.get("numerus") == "yes"
            if translation is None:
                texts: tuple[str, ...] = ("",)
            elif plural:
                texts = tuple(form.text or "" for form in translation.iter("numerusform"))
            else:
                texts = (translation.text or "",)
            out.append(Message(name, message.findtext("source") or "", texts, kind == "unfinished", plural))
    return out


def problems(ts: Path) -> list[str]:
    """What keeps `ts` from being complete: unfinished or empty translations, and placeholders ({name}, %n) that
    differ from the English text's."""
    found = []
    for m in messages(ts):
        where = f"{m.context}: {m.source!r}"
        if m.unfinished:
            found.append(f"unfinished: {where}")
            continue
        if not m.translations or any(not t.strip() for t in m.translations):
            found.append(f"empty translation: {where}")
            continue
        wanted = sorted(set(PLACEHOLDER.findall(m.source)))
        for text in m.translations:
            if sorted(set(PLACEHOLDER.findall(text))) != wanted:
                found.append(f"placeholders {wanted} not kept in {text!r}: {where}")
    return found


def extract(ts: Path, language: str = "de") -> list[Message]:
    """Every text of the sources as lupdate sees it, into a fresh `ts` (the test that the shipped files are up to
    date compares them with this)."""
    if ts.exists():
        ts.unlink()
    lupdate(ts, language)
    return messages(ts)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("update", "build", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "update":
        I18N.mkdir(parents=True, exist_ok=True)
        for language in LANGUAGES:
            lupdate(ts_file(language), language)
            left = sum(m.unfinished for m in messages(ts_file(language)))
            print(f"{ts_file(language).relative_to(ROOT)}: {len(messages(ts_file(language)))} texts, {left} unfinished")
        return 0
    if command == "build":
        if not rest:
            print("translations build: the folder for the .qm files is missing", file=sys.stderr)
            return 2
        out_dir = Path(rest[0])
        files = [Path(p) for p in rest[1:]] or [ts_file(language) for language in LANGUAGES]
        for ts in files:
            lrelease(ts, out_dir)
        return 0
    status = 0
    for language in LANGUAGES:
        found = problems(ts_file(language))
        print(f"{language}: {len(found)} to do")
        for line in found:
            print(f"  {line}")
        status |= bool(found)
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
