"""The `chinwag` command line: ask, models, download, devices."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

from desktop.context import AppContext
from desktop.core.actions import ACTION_MODEL, Actions, alarm_message, alarm_title, pick_language
from desktop.core.audio import list_input_devices, read_wav, write_wav
from desktop.core.catalog import CatalogError
from desktop.core.errors import ChinwagError, DownloadCancelled
from desktop.core.gguf_check import verify_model_file
from desktop.core.hub import Progress
from desktop.core.speech_out import Speaker, SpeechFile
from desktop.core.speech_text import FIRST_PHRASE_WORDS, SpeechSplitter
from desktop.core.turn import Token, Transcribed, TurnDone, VoiceTurn

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chinwag", description="Offline push-to-talk voice assistant.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("--self-test", action="store_true", help="run the window's self-test and exit")
    parser.add_argument("--wav", type=Path, help="(with --self-test) the utterance to feed in")
    parser.add_argument("--model", help="(with --self-test) model id or .gguf path")
    sub = parser.add_subparsers(dest="command")

    ask = sub.add_parser("ask", help="one turn from a WAV file or text; the reply streams to stdout")
    ask.add_argument("words", nargs="?", help="a typed message (the same as --text)")
    source = ask.add_mutually_exclusive_group()
    source.add_argument("--wav", type=Path, dest="ask_wav", help="a WAV file of speech")
    source.add_argument("--text", help="a typed message")
    ask.add_argument("--tools", action="store_true",
                     help="offer the local actions to a Llama 3.x model as tools it may call (off by default)")
    ask.add_argument("--wait", action="store_true",
                     help="if the request set a timer or reminder, wait for it and print (or say) it when it fires")
    ask.add_argument("--model", dest="ask_model", help="model id from `chinwag models`, or a .gguf path")
    ask.add_argument("--whisper", help="Whisper model id, or a faster-whisper model folder")
    ask.add_argument("--system", help="system prompt")
    ask.add_argument("--temperature", type=float)
    ask.add_argument("--max-tokens", type=int)
    ask.add_argument("--seed", type=int)
    ask.add_argument("--json", action="store_true", help="print one JSON object on the last line")
    ask.add_argument("--speak", action="store_true", help="read the reply aloud as it streams (default output)")
    ask.add_argument("--speak-to", type=Path, metavar="FILE.wav", help="write the spoken reply to a WAV file")
    ask.add_argument("--voice", help="voice id from `chinwag models` (default: the one chosen in Settings)")

    models = sub.add_parser("models", help="list model variants, or add one to your catalog")
    models.add_argument("--json", action="store_true")
    models_sub = models.add_subparsers(dest="models_command")
    add = models_sub.add_parser("add", help="import a catalog entry (JSON file) made by chinwag-train")
    add.add_argument("entry", type=Path)

    download = sub.add_parser("download", help="download a model variant (resumes where it stopped)")
    download.add_argument("id")

    sub.add_parser("devices", help="list microphones")

    serve = sub.add_parser("serve", help="a local OpenAI-compatible API server (loopback only, key required)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer "
                       "only; 0.0.0.0 or :: every network, where the key travels unencrypted)")
    serve.add_argument("--port", type=int, help="port (default: the one in Settings, 8765; 0: any free port)")
    serve.add_argument("--api-key-file", type=Path, metavar="FILE",
                       help="read the key clients must send from FILE (its first line); or set CHINWAG_API_KEY. "
                            "Default: the key kept in the system keyring")
    serve.add_argument("--api-key", help="the key on the command line (other users can read it in the process list: "
                                         "prefer --api-key-file or CHINWAG_API_KEY)")
    serve.add_argument("--no-auth", action="store_true", help="accept requests without a key (loopback only)")
    serve.add_argument("--model", dest="serve_model", help="model id from `chinwag models`, or a .gguf path")
    serve.add_argument("--whisper", dest="serve_whisper", help="Whisper model id, or a faster-whisper model folder")
    serve.add_argument("--voice", dest="serve_voice", help="voice id from `chinwag models`")
    serve.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                       help="let web pages from ORIGIN (e.g. http://localhost:3000, or *) call the server; repeatable")
    serve.add_argument("--allow-actions", choices=("off", "read-only", "all"), metavar="LEVEL",
                       help="which of Chinwag's actions clients may ask for as tools named chinwag.*: off, read-only "
                            "(time, date, calculations, unit conversions) or all (also timers and reminders on this "
                            "desktop). Default: the choice in Settings (off unless changed)")
    return parser


def run(args: argparse.Namespace, context: AppContext) -> int:
    for warning in context.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.command == "ask":
        return _ask(args, context)
    if args.command == "models":
        if args.models_command == "add":
            return _models_add(args, context)
        return _models(args, context)
    if args.command == "download":
        return _download(args.id, context)
    if args.command == "devices":
        return _devices()
    if args.command == "serve":
        return _serve(args, context)
    raise AssertionError(args.command)


def _ask(args: argparse.Namespace, context: AppContext) -> int:
    settings = context.settings
    if args.words is not None:
        if args.text is not None or args.ask_wav is not None:
            raise ChinwagError("Give the message once: as words, --text or --wav.")
        args.text = args.words
    if args.text is None and args.ask_wav is None:
        raise ChinwagError("Say what to ask: chinwag ask \"…\", --text \"…\" or --wav FILE.wav.")
    actions = _actions(context)
    if args.text is not None and actions.recognise(args.text) is not None:
        # A local action (a timer, the time, a sum…) answers this: no language model is loaded at all.
        turn = VoiceTurn(engine=None, store=context.store, model_name=ACTION_MODEL, actions=actions)  # type: ignore
        return _answer(args, context, turn, None)
    variant = context.llm_variant(args.ask_model)
    if args.ask_model is None and variant.id != settings.llm_variant:
        print(f"note: {settings.llm_variant} is not downloaded; answering with {variant.label}. "
              f"Run `chinwag download {settings.llm_variant}` for better answers.", file=sys.stderr)
    params = context.generation_params()
    if args.temperature is not None:
        params = replace(params, temperature=args.temperature)
    if args.max_tokens is not None:
        params = replace(params, max_tokens=args.max_tokens)
    if args.seed is not None:
        params = replace(params, seed=args.seed)
    # A damaged file gives a message, never a crash: checked, and the first time loaded in a child process.
    model_path = context.downloader.require(variant)
    verify_model_file(model_path, context.paths.data_dir)
    log.info("ask: %s (%s), %s input", variant.id, model_path, "speech" if args.ask_wav else "typed")
    transcriber = None
    pcm = None
    if args.ask_wav is not None:
        pcm = read_wav(args.ask_wav)
        transcriber = context.transcriber_for(context.whisper_variant(args.whisper))
    engine = context.engine_for(variant)
    turn = VoiceTurn(
        engine=engine,
        store=context.store,
        model_name=variant.id,
        system_prompt=args.system if args.system is not None else settings.system_prompt_for(variant.id),
        params=params,
        transcriber=transcriber,
        actions=actions,
        tools=args.tools,
    )
    return _answer(args, context, turn, pcm)


def _answer(args: argparse.Namespace, context: AppContext, turn: VoiceTurn, pcm) -> int:  # noqa: ANN001
    voice_out = _voice_output(args, context)  # loaded before the clock starts, as the window does at start-up
    splitter = SpeechSplitter(FIRST_PHRASE_WORDS)
    opening = args.text if args.text else args.ask_wav.name
    conversation = context.store.create_conversation(_title(opening))
    cancel = threading.Event()
    done: TurnDone | None = None
    started = time.perf_counter()  # the end of the input: the question is all there
    events = turn.run(conversation.id, pcm=pcm, text=args.text, cancel=cancel, released_at=started)
    try:
        for event in events:
            if isinstance(event, Transcribed) and not args.json:
                print(f"> {event.transcript.text}", file=sys.stderr, flush=True)
            elif isinstance(event, Token):
                sys.stdout.write(event.text)
                sys.stdout.flush()
                if voice_out is not None:
                    for sentence in splitter.feed(event.text):
                        voice_out.say(sentence)
            elif isinstance(event, TurnDone):
                done = event
    except KeyboardInterrupt:
        cancel.set()
        events.close()  # saves the partial reply, marked stopped
        if isinstance(voice_out, Speaker):
            voice_out.close()
        print("\n(stopped)", file=sys.stderr)
        return 130
    sys.stdout.write("\n")
    speech: dict[str, float | None] = {}
    if voice_out is not None:
        for sentence in splitter.flush():
            voice_out.say(sentence)
        voice_out.finish()
        speech = _finish_speaking(voice_out, args, started)
    if args.json and done is not None:
        t = done.timings
        print(json.dumps({
            "transcript": done.transcript,
            "reply": done.reply,
            "model": done.model,
            "timings": {"stt_s": round(t.stt_s, 4), "ttft_s": round(t.ttft_s, 4), "tokens": t.tokens,
                        "decode_tok_s": round(t.decode_tok_s, 2), "total_s": round(t.total_s, 4), **speech},
            **({"action": done.action} if done.action else {}),
        }, ensure_ascii=False))
    if args.wait and done is not None and done.action in ("timer.set", "reminder.set"):
        return _wait_for(done, args, context)
    return 0


def _actions(context: AppContext) -> Actions:
    """Typed requests are read in the speech-language setting, then the window's language, when Chinwag has
    patterns for them, then in English (desktop/core/actions.languages_for). A window language of "" follows the
    system's locale, as the window does (read here from the environment, without Qt)."""
    settings = context.settings
    system = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    window = settings.window_language or system.split(".")[0].split("_")[0].lower()  # "de_DE.UTF-8" → "de"
    return Actions(context.store, language=pick_language(settings.language, window), also=(window,))


def _wait_for(done: TurnDone, args: argparse.Namespace, context: AppContext) -> int:
    """`chinwag ask "set a timer for 2 seconds" --wait`: sleep until each alarm the turn set is due, then mark it fired
    (so the window does not fire it again), print it, and say it with --speak."""
    request = _actions(context).recognise(done.transcript)
    language = request.language if request is not None else "en"  # announced in the language it was asked in
    try:
        for alarm in sorted(done.alarms, key=lambda a: a.due):
            while (left := alarm.due - time.time()) > 0:
                time.sleep(min(left, 0.5))
            if not context.store.fire_alarm(alarm.id):
                print(f"{alarm_title(alarm, language)}: cancelled or already fired elsewhere.", file=sys.stderr)
                continue
            message = alarm_message(alarm, time.time(), language)
            print(message, flush=True)
            if args.speak:
                voice_out = _voice_output(args, context)
                if voice_out is not None:
                    voice_out.say(message)
                    voice_out.finish()
                    _finish_speaking(voice_out, args, time.perf_counter())
    except KeyboardInterrupt:
        print("\n(stopped waiting; the timer is still set, and the window will tell you when it fires)",
              file=sys.stderr)
        return 130
    return 0


def _voice_output(args: argparse.Namespace, context: AppContext) -> Speaker | SpeechFile | None:
    if not (args.speak or args.speak_to):
        return None
    voice = context.voice_for(context.voice_variant(args.voice))
    voice.load()
    settings = context.settings
    if args.speak_to:
        return SpeechFile(voice, settings.speech_speed, settings.speech_volume)

    def notice(error: Exception) -> None:
        print(f"warning: {error}", file=sys.stderr)

    return Speaker(voice, device=context.output_device(), speed=settings.speech_speed,
                   volume=settings.speech_volume, on_error=notice)


def _finish_speaking(voice_out: Speaker | SpeechFile, args: argparse.Namespace,
                     started: float) -> dict[str, float | None]:
    """Wait for the voice; the timings: input end → first audio ready to play, and time spent synthesizing."""
    if isinstance(voice_out, SpeechFile):
        audio = voice_out.wait()
        write_wav(args.speak_to, audio, voice_out.voice.sample_rate)
        print(f"spoken reply written to {args.speak_to} ({audio.size / voice_out.voice.sample_rate:.1f} s)",
              file=sys.stderr)
    else:
        voice_out.wait()
        voice_out.close()
    first = voice_out.first_audio_at
    first_audio_s = round(first - started, 4) if first is not None else None
    return {"first_audio_s": first_audio_s, "tts_s": round(voice_out.tts_s, 4)}


def _title(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= 48 else words[:47] + "…"


def _models(args: argparse.Namespace, context: AppContext) -> int:
    rows = []
    for variant in context.catalog.variants():
        rows.append({
            "id": variant.id,
            "kind": variant.kind,
            "label": variant.label,
            "size_mb": round(variant.approx_mb) if variant.approx_mb else None,
            "ram_gb": variant.ram_gb,
            "downloaded": context.downloader.is_downloaded(variant),
            "source": variant.source,
            "default": variant.id in (context.settings.llm_variant, context.settings.whisper_model),
        })
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for row in rows:
        mark = "✓" if row["downloaded"] else " "
        size = f"{row['size_mb']} MB" if row["size_mb"] else ""
        star = "*" if row["default"] else " "
        print(f"{mark}{star} {row['id']:<36} {row['kind']:<8} {size:>8}  {row['label']}")
    print("\n✓ downloaded   * selected in Settings", file=sys.stderr)
    return 0


def _models_add(args: argparse.Namespace, context: AppContext) -> int:
    try:
        added = context.catalog.add_user_entries(args.entry)
    except CatalogError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for variant in added:
        print(f"added {variant.id}: {variant.label}")
    return 0


def _download(variant_id: str, context: AppContext) -> int:
    known = {v.id: v.kind for v in context.catalog.variants()}
    variant = context.catalog.get(variant_id, known.get(variant_id, "llm"))
    cancel = threading.Event()
    last: Progress | None = None
    try:
        for progress in context.downloader.download(variant, cancel):
            last = progress
            _print_progress(progress)
    except KeyboardInterrupt:
        cancel.set()
        print("\ncancelled; run the same command again to continue where it stopped.", file=sys.stderr)
        return 130
    except DownloadCancelled as error:
        print(f"\n{error}", file=sys.stderr)
        return 130
    print(f"\n{variant.label} is ready: {last.path if last else ''}", file=sys.stderr)
    return 0



def _print_progress(p: Progress) -> None:
    if p.stage == "checking":
        print("checking the Hub…", file=sys.stderr)
        return
    if p.stage == "done" or not p.total:
        return
    width = 30
    fill = int(width * p.done / p.total)
    rate = f"{p.rate / 1e6:5.1f} MB/s" if p.stage == "downloading" else "verifying"
    eta = f" {p.eta_s:4.0f} s left" if p.eta_s is not None and p.stage == "downloading" else ""
    bar = "#" * fill + "." * (width - fill)
    sys.stderr.write(f"\r[{bar}] {p.done / 1e6:7.1f}/{p.total / 1e6:.1f} MB {rate}{eta}   ")
    sys.stderr.flush()


def _serve(args: argparse.Namespace, context: AppContext) -> int:
    """`chinwag serve`: the models on a thread of their own, the API in front of them, until Ctrl+C."""
    from desktop.core.secrets import SecretUnreadable, ensure_api_key
    from desktop.server.app import ServerConfig
    from desktop.server.runner import LazyModels, Served, ThreadRunner
    from desktop.server.server import (
        ApiServer,
        ServerError,
        is_loopback,
        is_wildcard,
        listen_address,
        wildcard_hosts,
    )

    settings = context.settings
    try:
        given_key = _given_api_key(args)
    except OSError as error:
        print(f"error: cannot read the API key file {args.api_key_file} ({error.strerror or error}).", file=sys.stderr)
        return 2
    if given_key == "":
        print("error: the API key given is empty.", file=sys.stderr)
        return 2
    wildcard = is_wildcard(args.host)
    host = listen_address(args.host)
    if not is_loopback(host):
        if args.no_auth or not (given_key or settings.api_require_key):
            print("error: a server without a key (--no-auth, or 'Require the key' off in Settings) is for the "
                  f"loopback address only: any computer that reaches {args.host or '(every address)'} could use the "
                  "models.", file=sys.stderr)
            return 2
        where = "every network this computer is on" if wildcard else host
        print(f"warning: listening on {where}, not just this computer. Every request needs the key, but the API "
              "speaks plain HTTP: the key and everything said cross the network unencrypted, readable by anyone on "
              "it. Use it on a network you trust, or put an HTTPS proxy in front.", file=sys.stderr)
    variant = context.llm_variant(args.serve_model)
    verify_model_file(context.downloader.require(variant), context.paths.data_dir)
    whisper = context.whisper_variant(args.serve_whisper)
    whisper_ok = context.downloader.is_downloaded(whisper)
    voice = context.voice_variant(args.serve_voice)
    voice_ok = context.downloader.is_downloaded(voice)
    models = LazyModels(lambda: context.engine_for(variant),
                        (lambda: context.transcriber_for(whisper)) if whisper_ok else None,
                        (lambda: context.voice_for(voice)) if voice_ok else None,
                        (lambda language: context.voice_speaking(language, voice.id)) if voice_ok else None,
                        actions=lambda: _actions(context))  # used only when clients are allowed actions
    # A model given by path is served under its file name (the path is accepted too).
    llm_id = variant.label if variant.source == "local" else variant.id
    runner = ThreadRunner(models, Served(llm=llm_id, whisper=whisper.id if whisper_ok else None,
                                         voice=voice.id if voice_ok else None, llm_label=variant.id))
    if given_key:
        key: str | None = given_key
    elif args.no_auth or not settings.api_require_key:
        key = None
    else:
        try:
            key = ensure_api_key(context.paths.config_dir)  # made and kept in the keyring on first use
        except SecretUnreadable as error:  # never a new key because the keyring could not be read
            print(f"error: {error}", file=sys.stderr)
            runner.close()
            return 1
    extra_hosts = () if is_loopback(host) else wildcard_hosts() if wildcard else (host,)
    actions = args.allow_actions or settings.api_actions
    config = ServerConfig(api_key=key, extra_hosts=extra_hosts,
                          cors_origins=tuple(args.cors_origin or settings.api_cors_origins),
                          default_max_tokens=settings.max_tokens, actions=actions)
    port = settings.api_port if args.port is None else args.port
    server = ApiServer(runner, config, host=host, port=port)
    try:
        print(f"loading {variant.label}…", file=sys.stderr)
        runner.warm_up()
        server.start()
    except (ServerError, ChinwagError) as error:
        print(f"error: {error}", file=sys.stderr)
        runner.close()
        return 1
    print(f"Chinwag API server: {server.url}", flush=True)
    if key and given_key:
        print("API key: the one given", flush=True)  # never echoed: it came from a file or the environment
    else:
        print(f"API key: {key}" if key else "API key: none needed (--no-auth)", flush=True)
    print(f"models: {', '.join(i for i in (llm_id, runner.served().whisper, runner.served().voice) if i)}",
          flush=True)
    if actions != "off":
        what = "all, timers and reminders included" if actions == "all" else "read-only ones"
        print(f"actions: clients may ask for Chinwag's {what} (tools named chinwag.*)", flush=True)
    print("Ctrl+C stops it.", file=sys.stderr, flush=True)
    signal.signal(signal.SIGTERM, _interrupt)  # a service manager's stop ends it as cleanly as Ctrl+C
    try:
        server.wait()
    except KeyboardInterrupt:
        print("\nstopping…", file=sys.stderr)
    finally:
        server.stop()
        runner.close()
    return 0


API_KEY_ENV = "CHINWAG_API_KEY"


def _given_api_key(args: argparse.Namespace) -> str | None:
    """The key from --api-key-file, --api-key (with a warning) or CHINWAG_API_KEY; None: use the kept one."""
    if args.api_key_file is not None:
        lines = args.api_key_file.read_text(encoding="utf-8").splitlines()
        return lines[0].strip() if lines else ""
    if args.api_key is not None:
        print("warning: a key given with --api-key can be read by other users of this computer in the process "
              f"list; use --api-key-file FILE or the {API_KEY_ENV} environment variable instead.", file=sys.stderr)
        return args.api_key.strip()
    from_env = (os.environ.get(API_KEY_ENV) or "").strip()
    return from_env or None


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _devices() -> int:
    for device in list_input_devices():
        default = " (default)" if device.is_default else ""
        print(f"{device.index:3d}  {device.name}{default}  {device.default_rate:.0f} Hz")
    return 0
