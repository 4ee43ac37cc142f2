"""Languages: their names, the ones Llama 3.2 speaks, and a small detector for the language of a text.

Whisper tells which language a question was spoken in; a reply's language is normally the question's. When there is
no spoken question (a typed one, the API's /v1/audio/speech) the text itself is looked at: the script settles Hindi
(Devanagari) and Thai, and for the Latin-script languages the share of each language's commonest short words
("der", "und", "le", "que", "the"…) decides. Written here from the languages' grammar, not taken from a library: it
only needs to tell these eight apart, on a sentence or more.
"""

from __future__ import annotations

import re
import unicodedata

# The eight languages Llama 3.2 officially speaks, in Meta's order.
LLAMA_LANGUAGES = ("en", "de", "fr", "it", "pt", "hi", "es", "th")

NAMES = {
    "en": "English", "de": "German", "fr": "French", "it": "Italian", "pt": "Portuguese", "hi": "Hindi",
    "es": "Spanish", "th": "Thai", "nl": "Dutch", "pl": "Polish", "ru": "Russian", "ja": "Japanese",
    "zh": "Chinese", "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "ar": "Arabic", "ko": "Korean",
    "cs": "Czech", "da": "Danish", "fi": "Finnish", "el": "Greek", "he": "Hebrew", "hu": "Hungarian",
    "id": "Indonesian", "no": "Norwegian", "ro": "Romanian", "vi": "Vietnamese", "ca": "Catalan",
}

# The eight, each named in itself: how a reader picks out their own language from a list in any other.
OWN_NAMES = {
    "en": "English", "de": "Deutsch", "fr": "Français", "it": "Italiano", "pt": "Português", "hi": "हिन्दी",
    "es": "Español", "th": "ไทย",
}


def language_name(code: str) -> str:
    """"German" for "de"; the code itself for a language not named here."""
    return NAMES.get(code, code)


# Short words that are frequent in running text of one language and rare in the others (articles, pronouns,
# prepositions, auxiliaries). Words two languages share ("a", "de", "la", "que", "e", "in") are left out or given
# to neither, so a score is evidence for one language only.
_FUNCTION_WORDS = {
    "en": "the and is are was of to you your it this that what with for have not be can how will".split(),
    "de": "der die das und ist nicht ein eine ich du sie wir mit auf für zu den dem des sich auch wie was "
          "bitte kann ihr einen noch nach wird sind oder aber".split(),
    "fr": "le les et est une des du je tu il elle nous vous pas pour dans sur avec qui ce cette au aux sont "
          "mais ou êtes être avoir peut très".split(),
    "es": "el los las y es una del al yo tú él ella nosotros usted por para con qué cómo está son pero muy "
          "también puede hay".split(),
    "it": "il lo gli e è una della delle del che di non sono per con come anche questo questa ci ho hai "
          "molto può".split(),
    "pt": "o os as e é um uma do da dos das não para com que você está são em no na mas muito também pode "
          "isso".split(),
}
_WORD_SETS = {language: set(words) for language, words in _FUNCTION_WORDS.items()}
# Letters only one of the Latin-script languages uses.
_LETTERS = {"de": "äöüß", "es": "ñ¿¡", "fr": "çœèêëîï", "pt": "ãõ"}


def detect_text_language(text: str, default: str | None = None) -> str | None:
    """The language a text is written in, one of LLAMA_LANGUAGES; `default` when there is too little to tell."""
    text = unicodedata.normalize("NFC", text)
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return default
    devanagari = sum(1 for c in letters if "\u0900" <= c <= "\u097f")
    thai = sum(1 for c in letters if "\u0e00" <= c <= "\u0e7f")
    if devanagari >= 0.3 * len(letters):
        return "hi"
    if thai >= 0.3 * len(letters):
        return "th"
    words = re.findall(r"\w+", text.lower())
    scores = {language: sum(1 for w in words if w in wanted) for language, wanted in _WORD_SETS.items()}
    lowered = text.lower()
    for language, marks in _LETTERS.items():
        scores[language] += sum(lowered.count(c) for c in marks)
    best = max(scores, key=lambda language: scores[language])
    if scores[best] == 0 or list(scores.values()).count(scores[best]) > 1:
        return default
    return best


# One instruction for every language, with the language's name put in: told to the model in the system prompt when
# the question was not in English, so that a small model does not drift back into English.
REPLY_LANGUAGE_INSTRUCTION = "The user speaks {language}: always answer in {language}."


def with_reply_language(system_prompt: str, language: str | None,
                        instruction: str = REPLY_LANGUAGE_INSTRUCTION) -> str:
    """The system prompt with the instruction to answer in `language` (a code) after it; unchanged for English or
    no language (the default prompt is English already, and an unchanged prompt keeps the model's cache)."""
    if not language or language == "en" or not instruction:
        return system_prompt
    note = instruction.format(language=language_name(language))
    return f"{system_prompt}\n\n{note}" if system_prompt else note


# Languages Llama 3.2 speaks for which rhasspy/piper-voices has no voice (its model card's language list, checked at
# the catalog's pinned revision): a reply in one of them is shown, not read with another language's voice.
NO_VOICE = {
    "hi": "Piper has no Hindi voice yet: replies in Hindi are shown, not read aloud.",
    "th": "Piper has no Thai voice: replies in Thai are shown, not read aloud.",
}


def voice_language(variant: object) -> str:
    """The language a voice speaks: its catalog entry's "language", else its Piper file's name ("de_DE-…" is
    German), else English (the bundled and the first catalog voices)."""
    extra = getattr(variant, "extra", {}) or {}
    if isinstance(extra.get("language"), str) and extra["language"]:
        return extra["language"]
    names = [getattr(f, "filename", "") for f in getattr(variant, "files", ())] + [getattr(variant, "bundled", "")]
    for name in names:
        found = re.search(r"(?:^|/)([a-z]{2,3})_[A-Z]{2}-[^/]+\.onnx$", name or "")
        if found:
            return found.group(1)
    return "en"


def voice_for_language(language: str, voices: list, chosen: dict[str, str] | None = None,
                       default: str | None = None) -> object | None:
    """The voice to read a reply in `language` with: the user's choice for it (Settings → Voice, `chosen` maps a
    language to a voice id), else `default` when it speaks that language, else the first catalog voice that does;
    None when no voice speaks it (the caller offers the download, or shows the text only)."""
    speaking = [v for v in voices if voice_language(v) == language]
    wanted = (chosen or {}).get(language) or default
    for voice in speaking:
        if getattr(voice, "id", None) == wanted:
            return voice
    return speaking[0] if speaking else None
