"""The default model's speed: Chinwag's token loop against raw llama-cpp-python on a Llama-3.2-1B-shaped Q4_K_M.

    .venv/bin/python benchmarks/default_model.py [--rounds 3] [--json] [--model PATH]

Without --model it builds once (cached in ~/.cache/chinwag/test-models) a GGUF of exactly Llama 3.2 1B's shape
with the real Llama 3.2 tokenizer and random weights, written by the trainer's GGUF writer and quantized to Q4_K_M
by llama.cpp (about 808 MB, the size of the real default download): decode speed depends on the shape, not the
weights. The build runs in a child process so its memory does not count in this one's peak RSS.

In one process, interleaved so machine noise hits both alike: the app's decode tokens/s (`ChatEngine.stream`, the
app's default sampling for the family) for 128- and 1,024-token replies against raw llama-cpp-python's
`generate()` loop with the same sampling on the same file. Then, in a child process holding only the app's engine
(two loaded copies would count the mapped model twice): the time to first token of turn 1 and turn 8 of one
conversation through `VoiceTurn` (store, history, idle prefill: the app's real path), and that process's peak RSS.
Targets: decode ratio >= 0.95 at both lengths (the 1,024-token ratio within 5% of the 128-token one),
TTFT turn 8 / turn 1 <= 1.2, peak RSS <= model file + 600 MB.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.raw_llama import raw_generate  # noqa: E402
from desktop.core.llm import ChatEngine, GenerationParams, ensure_cpu_backends  # noqa: E402
from desktop.core.store import ConversationStore  # noqa: E402
from desktop.core.turn import TurnDone, VoiceTurn  # noqa: E402

SYSTEM = "You are Chinwag, a friendly voice assistant. Answer clearly."
QUESTIONS = [
    "What is the capital of France?", "Name a large animal.", "What colour is the sky?", "How many legs has a cat?",
    "Give me a fruit.", "What is two plus two?", "Name a planet.", "What do bees make?",
]


def build_model() -> Path:
    code = "from tests import llama3_model as m; print(m.one_b_q4_k_m(m.default_cache_dir()))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"building the 1B-shaped model failed:\n{out.stderr[-2000:]}")
    return Path(out.stdout.strip().splitlines()[-1])


def raw_decode(llama, prompt: list[int], sampling, max_tokens: int, seed: int) -> dict[str, float]:
    """The raw loop: llama-cpp-python's generate() with the same sampler values, stopping on end-of-generation."""
    llama.set_seed(seed)
    return raw_generate(llama, prompt, sampling, max_tokens)


def app_decode(engine: ChatEngine, messages, max_tokens: int, seed: int) -> dict[str, float]:
    for _ in engine.stream(messages, GenerationParams(max_tokens=max_tokens, seed=seed)):
        pass
    stats = engine.last_stats
    return {"tokens": stats.completion_tokens, "decode_tok_s": stats.decode_tok_s}


def app_conversation(model: Path, threads: int) -> dict[str, float]:
    """Eight typed turns of one conversation through the app's real path (store, history, idle prefill), alone in
    its process: its peak RSS is what the app itself needs for this model."""
    ensure_cpu_backends()
    engine = ChatEngine(model, n_ctx=4096, n_threads=threads)
    with tempfile.TemporaryDirectory() as tmp:
        store = ConversationStore(Path(tmp) / "bench.sqlite3")
        turn = VoiceTurn(engine=engine, store=store, model_name="bench", system_prompt=SYSTEM,
                         params=GenerationParams(max_tokens=48, seed=1))
        engine.load()
        conversation = store.create_conversation()
        ttfts = []
        for question in QUESTIONS:
            done = [e for e in turn.run(conversation.id, text=question) if isinstance(e, TurnDone)][0]
            ttfts.append(done.timings.ttft_s)
        store.close()
    engine.close()
    return {"ttfts": ttfts, "peak_rss_mb": _peak_rss_mb()}


def _peak_rss_mb() -> float:
    """This process's own peak RSS. Not getrusage's ru_maxrss: Linux carries it over from the parent across fork and
    exec, so a child started by a process holding two models would report the parent's peak."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversation-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--model", type=Path, help="any GGUF (default: the Llama-3.2-1B-shaped Q4_K_M, built once)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--lengths", type=int, nargs="+", default=[128, 1024])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    model = args.model or build_model()
    if args.conversation_only:
        print(json.dumps(app_conversation(model, args.threads)))
        return
    ensure_cpu_backends()
    from llama_cpp import Llama

    n_ctx = 4096
    engine = ChatEngine(model, n_ctx=n_ctx, n_threads=args.threads)
    engine.load()
    raw = Llama(model_path=str(model), n_ctx=n_ctx, n_threads=args.threads, n_threads_batch=args.threads,
                flash_attn=True, verbose=False)
    sampling = engine.resolve(GenerationParams())  # the app's defaults for this family, used by both sides
    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "Tell me a long story."}]
    prompt = engine.prompt_tokens(messages)

    decode: dict[int, dict[str, list[float]]] = {n: {"app": [], "raw": []} for n in args.lengths}
    app_decode(engine, messages, 16, 0)  # warm-up: both loaded, every path touched once
    raw_decode(raw, prompt, sampling, 16, 0)
    for i in range(args.rounds):
        for n in args.lengths:
            runs = [("app", lambda n=n, i=i: app_decode(engine, messages, n, i)),
                    ("raw", lambda n=n, i=i: raw_decode(raw, prompt, sampling, n, i))]
            for side, run in runs if i % 2 == 0 else reversed(runs):
                result = run()
                decode[n][side].append(result["decode_tok_s"])
                print(f"  round {i + 1} {side:3} {n:5} tokens asked, {result['tokens']:5} made: "
                      f"{result['decode_tok_s']:.2f} tok/s", flush=True)
    raw.close()

    engine.close()
    child = subprocess.run([sys.executable, __file__, "--conversation-only", "--model", str(model), "--threads",
                            str(args.threads)], capture_output=True, text=True, check=True)
    conversation = json.loads(child.stdout.strip().splitlines()[-1])
    ttfts = conversation["ttfts"]

    peak_rss_mb = conversation["peak_rss_mb"]
    model_mb = model.stat().st_size / 2**20
    result: dict[str, float | str] = {"model": model.name, "model_mb": round(model_mb, 1)}
    for n in args.lengths:
        app, raw_rate = statistics.median(decode[n]["app"]), statistics.median(decode[n]["raw"])
        result[f"app_decode_tok_s_{n}"] = round(app, 2)
        result[f"raw_decode_tok_s_{n}"] = round(raw_rate, 2)
        result[f"decode_ratio_{n}"] = round(app / raw_rate, 3)
    result.update({
        "ttft_turn1_s": round(ttfts[0], 4),
        "ttft_turn8_s": round(ttfts[7], 4),
        "ttft_turn8_over_turn1": round(ttfts[7] / ttfts[0], 3),
        "peak_rss_mb": round(peak_rss_mb, 1),
        "rss_over_model_mb": round(peak_rss_mb - model_mb, 1),
    })
    print(f"model {model.name} ({model_mb:.1f} MiB), {args.rounds} rounds, {args.threads} threads, "
          f"sampling {sampling}")
    for n in args.lengths:
        print(f"decode {n:5} tokens  raw generate() {result[f'raw_decode_tok_s_{n}']:.2f} tok/s   chinwag "
              f"{result[f'app_decode_tok_s_{n}']:.2f} tok/s   ratio {result[f'decode_ratio_{n}']:.3f}  (target ≥ 0.95)")
    print(f"TTFT turn 8 / turn 1  {result['ttft_turn8_s']:.3f} / {result['ttft_turn1_s']:.3f} s = "
          f"{result['ttft_turn8_over_turn1']:.3f}  (target ≤ 1.2)")
    print(f"peak RSS {peak_rss_mb:.0f} MiB = model + {peak_rss_mb - model_mb:.0f} MiB  (target ≤ model + 600 MB)")
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
