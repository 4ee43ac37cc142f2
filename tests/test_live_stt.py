"""Live transcription on the real Whisper tiny.en, with speech made by espeak-ng: within a few words of transcribing
the whole utterance at once, while only the unfinished end is left for after the key is released."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from desktop.core.audio import read_wav
from desktop.core.live_stt import SAMPLE_RATE, LiveTranscript
from tests.conftest import espeak

UTTERANCES = [
    "What is the weather like in Paris today? I am planning a walk along the river this afternoon.",
    "Please remind me to call my sister tomorrow morning. She wants to talk about the holidays.",
    "How many minutes does it take to boil an egg? I like the yolk soft but not runny.",
    "Tell me a short story about a dragon who is afraid of the dark. Keep it gentle for a child.",
    "What is the difference between a virus and a bacterium? Explain it in simple words.",
    "Can you suggest three books about the history of science? I enjoy long biographies.",
    "Translate good morning into Spanish and Italian. Then tell me how to pronounce them.",
    "My laptop is running slowly after the update. What are some things I could check first?",
    "How far is the moon from the earth? And how long would it take to drive there by car?",
    "Write a polite email declining a meeting on Friday. Suggest Monday at ten instead.",
    "What should I cook for dinner with rice, onions and a few tomatoes? Something quick please.",
    "Why is the sky blue during the day? And why does it turn orange when the sun goes down?",
    "Set up a simple plan for learning to play the guitar. I can practise for twenty minutes a day.",
    "What are the rules of chess for moving a knight? Give me an example from the opening.",
    "I need a gift for a friend who loves gardening. What would you buy for about thirty dollars?",
    "Explain how a refrigerator keeps food cold. Use an example a teenager would understand.",
    "Which vegetables grow well on a small balcony? The balcony gets sun only in the morning.",
    "How do I change a flat tyre on a bicycle? I have a pump and a spare inner tube.",
    "Summarise the plot of a famous play by Shakespeare. Choose one with a happy ending.",
    "What is a good way to remember the names of new colleagues? I meet many people at work.",
    "Describe the water cycle in four steps. Then tell me where most of the rain falls.",
    "Give me three ideas for a rainy weekend with two children. They are six and nine years old.",
]


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("-", " "))


def word_errors(reference: str, hypothesis: str, split=None) -> int:  # noqa: ANN001 (a words() function)
    """Substitutions + insertions + deletions between the two texts' words (Levenshtein over words)."""
    split = split or words
    ref, hyp = split(reference), split(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        previous, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (r != h))
    return row[-1]


def live(transcriber, pcm: np.ndarray, block_s: float = 0.1, step_every_s: float = 1.0):
    """Feed the take as the recorder would, with a step each second of audio; then release."""
    take = LiveTranscript(transcriber)
    block, every = int(block_s * SAMPLE_RATE), int(step_every_s * SAMPLE_RATE)
    for start in range(0, pcm.size, block):
        take.append(pcm[start:start + block])
        if (start + block) % every < block:
            take.step()
    return take, take.finish()


def test_live_transcript_is_as_good_as_the_whole_utterance(transcriber, tmp_path_factory) -> None:
    folder: Path = tmp_path_factory.mktemp("live")
    reference_words = live_errors = whole_errors = 0
    committed_any = 0
    differences = []  # live minus whole, per take: the pairs the margin is derived from
    for i, text in enumerate(UTTERANCES):
        pcm = read_wav(espeak(text, folder / f"u{i}.wav"))
        whole = transcriber.transcribe(pcm).text
        take, final = live(transcriber, pcm)
        reference_words += len(words(text))
        whole_errors += word_errors(text, whole)
        live_errors += word_errors(text, final.text)
        differences.append(word_errors(text, final.text) - word_errors(text, whole))
        committed_any += take._committed_at > 0
        # Partial transcripts showed while speaking, and what was committed is the start of the final text.
        assert take.steps >= int(pcm.size / SAMPLE_RATE) - 1
        assert final.text.startswith(take.current.committed)
    whole_wer = 100 * whole_errors / reference_words
    live_wer = 100 * live_errors / reference_words
    # Live must not be worse than whole by more than 3 points of word error rate, or than two standard errors of the
    # paired per-take difference if those are wider. Measured: 76 against 67 errors on these 369 words (2.4 points),
    # the same here (AMD EPYC) and on CI; all of it in the tail transcribed after the release, which tiny.en
    # hears with less context than the whole take (5 of 22 takes, 1-4 words each). A different CPU's rounding moves
    # a few words either way, which is noise of this sample's size, not a worse transcript.
    n = len(differences)
    mean = sum(differences) / n
    spread = (sum((d - mean) ** 2 for d in differences) / (n - 1)) ** 0.5
    allowed = max(0.03 * reference_words, 2 * spread * n ** 0.5)
    assert live_errors - whole_errors <= allowed, (live_wer, whole_wer, differences)
    # The comparison covers takes cut while they were spoken (a first sentence committed before the release).
    assert committed_any >= 2


def test_release_only_transcribes_the_unfinished_end(transcriber, tmp_path: Path) -> None:
    text = " ".join(UTTERANCES[:3])
    pcm = read_wav(espeak(text, tmp_path / "long.wav"))
    take, final = live(transcriber, pcm)
    left = pcm.size - take._committed_at
    assert take._committed_at > 0 and left < pcm.size / 2
    assert word_errors(text, final.text) <= len(words(text)) * 0.25
    assert final.audio_s == pcm.size / SAMPLE_RATE
