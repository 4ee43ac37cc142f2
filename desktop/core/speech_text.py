"""From a streamed Markdown reply to sentences worth saying aloud.

`SpeechSplitter` is fed the reply piece by piece as the model writes it and hands back each sentence as soon as
it is complete, cleaned for a voice: Markdown marks are not read, code blocks and tables are skipped (with a single
"Code omitted." per reply), links read as their text, bare URLs as their site, list items as sentences of their own,
and abbreviations or decimals do not end a sentence. Pure Python: no audio, testable on its own.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

CODE_OMITTED = "Code omitted."
# Words whose trailing dot does not end a sentence ("Dr. Smith", "e.g. this").
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "cf", "approx", "no", "fig",
    "inc", "ltd", "co", "mt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "a.m", "p.m", "u.s", "u.k", "min", "max", "ca",
}
# Each language's own, on top of those (an initial, "M. Dupont", is already kept whole). "z. B." and "d. h." are
# two dots: both letters are listed.
_LANGUAGE_ABBREVIATIONS = {
    "de": {"z", "b", "d", "h", "u", "a", "bzw", "usw", "vgl", "ggf", "evtl", "nr", "str", "bspw", "inkl", "ca",
           "hr", "fr", "dr", "sog", "jh", "mio", "mrd", "z.b", "d.h", "u.a", "o.ä"},
    "fr": {"mme", "mlle", "mm", "p.ex", "cf", "env", "av", "bd", "etc", "vol", "p"},
    "es": {"sr", "sra", "srta", "d", "dña", "ud", "uds", "p.ej", "núm", "pág", "etc", "av", "aprox"},
    "it": {"sig", "sig.ra", "dott", "ecc", "pag", "prof", "avv", "ing"},
    "pt": {"sr", "sra", "dr", "dra", "etc", "pág", "av", "p.ex"},
}
# Thai writes no sentence marks: a space is where a speaker pauses, so a long enough run of text ends there, and one
# with no space at all is cut at a length a voice says in one breath.
THAI_MIN_CHARS = 24
THAI_MAX_CHARS = 120
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]+", re.IGNORECASE)
_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_INLINE_CODE = re.compile(r"`([^`]*)`")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_TABLE = re.compile(r"^\s*\|")
# Ends: . ! ? … and the Devanagari danda (। ॥); closing quotes stay with their sentence, French « … » with the space
# before its closing mark.
_SENTENCE_END = re.compile(r"([.!?…।॥]+)((?:\s?[\"')\]»”’])*)(\s+|$)")


def _site(url: str) -> str:
    parsed = urlparse(url if "://" in url else "http://" + url)
    host = (parsed.hostname or url).lower()
    return host[4:] if host.startswith("www.") else host


def clean_inline(text: str) -> str:
    """One line of Markdown as plain words: marks dropped, links as their text, URLs as their site."""
    text = _LINK.sub(lambda m: m.group(1) or _site(m.group(2)), text)
    text = _URL.sub(lambda m: _site(m.group(0).rstrip(".,;:!?")), text)
    text = _INLINE_CODE.sub(lambda m: m.group(1), text)
    for _ in range(3):  # nested emphasis: ***both*** and **bold _italic_**
        text = _EMPHASIS.sub(lambda m: m.group(2), text)
    text = text.replace("**", "").replace("__", "")
    return re.sub(r"\s+", " ", text).strip()


def _ends_sentence(text: str, end: int, language: str = "en") -> bool:
    """Whether the punctuation just before `end` closes a sentence (not "Dr." nor "3.14" nor "e.g." nor, in German,
    "z. B.")."""
    before = text[:end]
    if before.endswith("."):
        word = re.search(r"([^\W\d_][^\W\d_.]*(?:\.[^\W\d_]+)*)\.$", before)
        if word and (word.group(1).lower() in _ABBREVIATIONS
                     or word.group(1).lower() in _LANGUAGE_ABBREVIATIONS.get(language, ())):
            return False
        if word and len(word.group(1)) == 1 and word.group(1).isupper():  # an initial: "J. R. R. Tolkien"
            return False
    return True


def split_sentences(text: str, language: str = "en") -> tuple[list[str], str]:
    """Complete sentences at the start of `text`, and the unfinished rest. A mark at the very end of the text is not
    yet an ending: the next piece may continue it ("3." becoming "3.14"). `language`: whose abbreviations to know;
    Thai ("th") is split at its spaces and by length instead."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if not match.group(3):
            break
        if not _ends_sentence(text, match.end(1), language):
            continue
        sentence = text[start:match.end(2)].strip()
        if sentence:
            sentences.append(sentence)
        start = match.end()
    if language == "th":
        return _split_thai(text[start:], sentences)
    return sentences, text[start:]


def _split_thai(text: str, sentences: list[str]) -> tuple[list[str], str]:
    """Thai: a space after at least THAI_MIN_CHARS characters ends a phrase; a run with no space is cut at
    THAI_MAX_CHARS. Only spaces followed by more text count (the next piece may continue the last word)."""
    while True:
        stripped = text.lstrip()
        cut = next((m.start() for m in re.finditer(r"\s+(?=\S)", stripped) if m.start() >= THAI_MIN_CHARS), None)
        if cut is not None and cut <= THAI_MAX_CHARS:
            sentences.append(stripped[:cut])
            text = stripped[cut:]
        elif len(stripped) > THAI_MAX_CHARS:
            sentences.append(stripped[:THAI_MAX_CHARS])
            text = stripped[THAI_MAX_CHARS:]
        else:
            return sentences, text


def _words(text: str) -> bool:
    return bool(re.search(r"\w", text))


def _close(text: str) -> str:
    """A sentence without its own end mark gets a full stop, so the voice falls at its end."""
    return text if text[-1] in ".!?…:;।॥" else text + "."


_CLAUSE_BREAK = re.compile(r"[,;:](?=\s)|\s[—–-](?=\s)")
FIRST_PHRASE_WORDS = 4


class SpeechSplitter:
    """Feed it the reply as it streams; it returns the sentences completed so far, each cleaned for speech.

    `first_phrase_words`: when not 0, the reply's very first utterance may be a clause rather than a sentence: the
    words up to a comma, semicolon, colon or dash once there are at least that many. The voice then starts while the
    model is still writing the rest of the first sentence, and has less to synthesize before the first sound.
    """

    def __init__(self, first_phrase_words: int = 0, language: str = "en") -> None:
        self.language = language  # the reply's language: whose abbreviations, and Thai's splitting by length
        self._line = ""  # the current, unfinished line of Markdown, raw
        self._pending = ""  # the paragraph so far, cleaned, not yet ended by a sentence mark
        self._in_code = False
        self._said_code = False
        self._first_phrase_words = first_phrase_words
        self._said_any = False

    def feed(self, piece: str) -> list[str]:
        out = self._feed(piece)
        self._said_any = self._said_any or bool(out)
        return out

    def _feed(self, piece: str) -> list[str]:
        out: list[str] = []
        self._line += piece
        while "\n" in self._line:
            line, self._line = self._line.split("\n", 1)
            out += self._complete_line(line)
        # Sentences already complete within the unfinished line go now: the voice starts as soon as the first
        # sentence ends, not at the end of its line. The raw rest stays, as it may still become a link or emphasis.
        if self._in_code or _FENCE.match(self._line) or _TABLE.match(self._line):
            return out
        prefix = re.match(r"^(?:\s*(?:>\s?)+)?(?:\s{0,3}#{1,6}\s+|\s*(?:[-*+•]|\d{1,3}[.)])\s+)?", self._line)
        marker = prefix.group(0) if prefix else ""
        sentences, rest = split_sentences(self._line[len(marker):], self.language)
        if sentences:
            cleaned = [clean_inline(s) for s in sentences]
            if marker.strip() and not _QUOTE.fullmatch(marker):
                out += self._end_paragraph()  # a heading or list item starts a sentence of its own
            elif self._pending:
                cleaned[0] = f"{self._pending} {cleaned[0]}"
                self._pending = ""
            out += [c for c in cleaned if _words(c)]
            self._line = marker + rest
        elif not out and not self._said_any and self._first_phrase_words:
            out += self._first_phrase(marker)
        return out

    def _first_phrase(self, marker: str) -> list[str]:
        """The first clause of the reply, if it is complete and long enough (see the class)."""
        body = self._line[len(marker):]
        for match in _CLAUSE_BREAK.finditer(body):
            head = body[: match.end()]
            if head.count("**") % 2 or head.count("`") % 2 or head.count("[") != head.count("]"):
                continue  # inside emphasis, code or a link: not a place to cut
            phrase = clean_inline(f"{self._pending} {head}".strip()) if not marker.strip() else clean_inline(head)
            if len(re.findall(r"\w+", phrase)) < self._first_phrase_words:
                continue
            if marker.strip() and not _QUOTE.fullmatch(marker):
                before = self._end_paragraph()
            else:
                before, self._pending = [], ""
            self._line = body[match.end():].lstrip()
            return [*before, phrase]
        return []

    def flush(self) -> list[str]:
        """The end of the reply: whatever is left is the last sentence."""
        out = self._complete_line(self._line) if self._line else []
        self._line = ""
        out += self._end_paragraph()
        self._said_any = self._said_any or bool(out)
        return out

    def _complete_line(self, line: str) -> list[str]:
        out: list[str] = []
        if _FENCE.match(line):
            if not self._in_code:
                out += self._end_paragraph()
                if not self._said_code:
                    self._said_code = True
                    out.append(CODE_OMITTED)
            self._in_code = not self._in_code
            return out
        if self._in_code:
            return out
        if _TABLE.match(line) or not line.strip() or _RULE.match(line):
            return self._end_paragraph()  # tables are skipped: read aloud, cells make no sentences
        body = _QUOTE.sub("", line)
        if _HEADING.match(body) or _BULLET.match(body):
            # A heading or a list item is a sentence of its own, even without a full stop.
            out += self._end_paragraph()
            sentences, rest = split_sentences(clean_inline(_BULLET.sub("", _HEADING.sub("", body))) + " ",
                                              self.language)
            out += [s for s in sentences if _words(s)]
            if _words(rest):
                out.append(_close(rest.strip()))
            return out
        text = clean_inline(body)
        # The end of a line is white space: a mark there ends its sentence.
        sentences, rest = split_sentences(f"{self._pending} {text} ".lstrip(), self.language)
        self._pending = rest.strip()
        return out + [s for s in sentences if _words(s)]

    def _end_paragraph(self) -> list[str]:
        rest = self._pending.strip()
        self._pending = ""
        return [_close(rest)] if _words(rest) else []


def speakable(markdown: str, language: str = "en") -> list[str]:
    """A whole reply as the sentences the voice would say."""
    splitter = SpeechSplitter(language=language)
    return splitter.feed(markdown) + splitter.flush()
