"""Conversations and messages in SQLite (WAL). Every message is committed the moment it exists.

Regenerating a reply keeps the earlier answers: the replies at one place in the conversation form an alternative
group (`alt_group`, the id of the group's first reply), and exactly one of them is `active` (shown, and part of what
the model sees). `messages()` is the conversation as shown; `alternatives()` lists a group.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    created REAL NOT NULL,
    updated REAL NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
    text TEXT NOT NULL,
    created REAL NOT NULL,
    model TEXT,
    timings TEXT,
    stopped INTEGER NOT NULL DEFAULT 0,
    complete INTEGER NOT NULL DEFAULT 1,
    source TEXT NOT NULL DEFAULT 'text'
);
CREATE INDEX IF NOT EXISTS messages_by_conversation ON messages(conversation_id, id);
-- Timers and reminders (desktop/core/actions): created by IF NOT EXISTS on every open, so an older database gets the
-- table the first time a newer Chinwag opens it and nothing else changes.
CREATE TABLE IF NOT EXISTS alarms (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('timer', 'reminder', 'alarm')),
    label TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    due REAL NOT NULL,
    duration REAL,
    conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
    fired REAL,
    cancelled REAL
);
CREATE INDEX IF NOT EXISTS alarms_pending ON alarms(due) WHERE fired IS NULL AND cancelled IS NULL;
"""

SCHEMA_VERSION = 3
# Columns added after version 1 (the first release): (table, column, declaration). Added by ALTER TABLE on open, so a
# database made by an older Chinwag keeps working, and every row it had reads as before.
_ADDED_COLUMNS = [
    ("conversations", "model", "TEXT"),  # the conversation's own model (catalog id); NULL: the window's choice
    ("conversations", "system_prompt", "TEXT"),  # its own system prompt; NULL: the model's default one
    ("messages", "finish_reason", "TEXT NOT NULL DEFAULT ''"),  # "stop", "length" (cut at max_tokens), "cancelled"
    ("messages", "alt_group", "INTEGER"),  # replies at one place share it (the first one's id); NULL: no group
    ("messages", "active", "INTEGER NOT NULL DEFAULT 1"),  # the alternative shown (and sent to the model)
    # Version 3: the language Whisper heard a spoken message in ("de"); '' when typed or not known.
    ("messages", "language", "TEXT NOT NULL DEFAULT ''"),
]


@dataclass
class Message:
    id: int
    conversation_id: int
    role: str
    text: str
    created: float
    model: str | None = None
    timings: dict[str, Any] = field(default_factory=dict)
    stopped: bool = False
    complete: bool = True
    source: str = "text"  # "text" or "voice"
    finish_reason: str = ""  # "stop", "length" (cut off by the token limit) or "cancelled"; "" if unknown
    alt_group: int | None = None
    language: str = ""  # a spoken message: the language Whisper heard ("de"); "" when typed or unknown

    @property
    def cut_off(self) -> bool:
        """Ended by the token limit, not by the model: "Continue" can write more."""
        return self.role == "assistant" and self.finish_reason == "length" and not self.stopped


@dataclass(frozen=True)
class Alarm:
    """A timer, reminder or alarm: `due` in seconds since the epoch; `duration` for a timer (what was asked)."""

    id: int
    kind: str  # "timer", "reminder" or "alarm"
    label: str
    created: float
    due: float
    duration: float | None = None
    conversation_id: int | None = None
    fired: float | None = None
    cancelled: float | None = None


@dataclass
class Conversation:
    id: int
    title: str
    created: float
    updated: float
    model: str | None = None  # None: whatever model the window uses
    system_prompt: str | None = None  # None: the model's default system prompt


class ConversationStore:
    """One connection, used from one thread at a time (the GUI thread or the CLI)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode: a killed process loses nothing committed; only a power cut may lose the last commits.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(_SCHEMA)
        self._migrate()
        # A reply that was streaming when the app died is kept, marked as stopped.
        self._db.execute("UPDATE messages SET complete = 1, stopped = 1 WHERE complete = 0")

    def _migrate(self) -> None:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version >= SCHEMA_VERSION:
            return
        with self._db:
            for table, column, declaration in _ADDED_COLUMNS:
                have = {row["name"] for row in self._db.execute(f"PRAGMA table_info({table})")}
                if column not in have:
                    self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
            self._db.execute("CREATE INDEX IF NOT EXISTS messages_by_group ON messages(alt_group)")
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self._db.close()

    # ---- conversations --------------------------------------------------------------------------------

    def create_conversation(self, title: str = "New conversation") -> Conversation:
        now = time.time()
        cursor = self._db.execute(
            "INSERT INTO conversations(title, created, updated) VALUES (?, ?, ?)", (title, now, now)
        )
        return Conversation(int(cursor.lastrowid), title, now, now)

    def conversations(self, search: str = "") -> list[Conversation]:
        if search:
            pattern = f"%{search}%"
            rows = self._db.execute(
                "SELECT DISTINCT c.* FROM conversations c LEFT JOIN messages m ON m.conversation_id = c.id "
                "WHERE c.deleted = 0 AND (c.title LIKE ? OR m.text LIKE ?) ORDER BY c.updated DESC",
                (pattern, pattern),
            )
        else:
            rows = self._db.execute("SELECT * FROM conversations WHERE deleted = 0 ORDER BY updated DESC")
        return [_conversation(r) for r in rows]

    def conversation(self, conversation_id: int) -> Conversation:
        row = self._db.execute("SELECT * FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        if row is None:
            raise KeyError(f"No conversation {conversation_id}")
        return _conversation(row)

    def set_conversation_model(self, conversation_id: int, model: str | None) -> None:
        self._db.execute("UPDATE conversations SET model = ? WHERE id = ?", (model or None, conversation_id))

    def set_system_prompt(self, conversation_id: int, prompt: str | None) -> None:
        """None: the model's default prompt; "" is a prompt of its own (none at all)."""
        self._db.execute("UPDATE conversations SET system_prompt = ? WHERE id = ?", (prompt, conversation_id))

    def rename(self, conversation_id: int, title: str) -> None:
        self._db.execute("UPDATE conversations SET title = ? WHERE id = ?", (title, conversation_id))

    def delete(self, conversation_id: int) -> None:
        """Soft delete, so the window can offer undo; `purge_deleted` removes for good."""
        self._db.execute("UPDATE conversations SET deleted = 1 WHERE id = ?", (conversation_id,))

    def undelete(self, conversation_id: int) -> None:
        self._db.execute("UPDATE conversations SET deleted = 0 WHERE id = ?", (conversation_id,))

    def purge_deleted(self) -> None:
        self._db.execute("DELETE FROM conversations WHERE deleted = 1")

    # ---- messages -------------------------------------------------------------------------------------

    def add_message(
        self,
        conversation_id: int,
        role: str,
        text: str,
        *,
        model: str | None = None,
        timings: dict[str, Any] | None = None,
        complete: bool = True,
        source: str = "text",
        alternative_of: int | None = None,
        replace_from: int | None = None,
        language: str = "",
    ) -> Message:
        """Add a message at the end; with `alternative_of` (a reply's id), add a reply in that reply's place instead:
        the earlier answers stay, as alternatives, and the new one is shown. With `replace_from` (edit and resend),
        that message and everything after it go in the same transaction as the new one comes in: the originals are
        never gone unless the edited message is stored."""
        now = time.time()
        group: int | None = None
        with self._db:
            # The connection commits every statement by itself (isolation_level=None): BEGIN makes these one
            # transaction, which the `with` commits (or rolls back on an error).
            self._db.execute("BEGIN IMMEDIATE")
            if replace_from is not None:
                self._delete_from(conversation_id, replace_from)
            if alternative_of is not None:
                row = self._db.execute("SELECT id, alt_group FROM messages WHERE id = ?", (alternative_of,)).fetchone()
                if row is None:
                    raise KeyError(f"No message {alternative_of}")
                group = row["alt_group"] or row["id"]
                self._db.execute("UPDATE messages SET alt_group = ?, active = 0 WHERE id = ? OR alt_group = ?",
                                 (group, row["id"], group))
            cursor = self._db.execute(
                "INSERT INTO messages(conversation_id, role, text, created, model, timings, complete, source, "
                "alt_group, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (conversation_id, role, text, now, model, json.dumps(timings or {}), int(complete), source, group,
                 language),
            )
            self._db.execute("UPDATE conversations SET updated = ? WHERE id = ?", (now, conversation_id))
        return Message(int(cursor.lastrowid), conversation_id, role, text, now, model, timings or {},
                       False, complete, source, "", group, language)

    def update_message(
        self,
        message_id: int,
        text: str,
        *,
        complete: bool | None = None,
        stopped: bool | None = None,
        timings: dict[str, Any] | None = None,
        finish_reason: str | None = None,
    ) -> None:
        sets, values = ["text = ?"], [text]
        if finish_reason is not None:
            sets.append("finish_reason = ?")
            values.append(finish_reason)
        if complete is not None:
            sets.append("complete = ?")
            values.append(int(complete))
        if stopped is not None:
            sets.append("stopped = ?")
            values.append(int(stopped))
        if timings is not None:
            sets.append("timings = ?")
            values.append(json.dumps(timings))
        values.append(message_id)
        self._db.execute(f"UPDATE messages SET {', '.join(sets)} WHERE id = ?", values)

    def delete_messages_from(self, conversation_id: int, message_id: int) -> None:
        """Drop a message and everything after it, alternatives included (edit and resend).

        Only a group's newest place can get a new alternative (regenerate is offered on the last reply), so every
        row after a message in the conversation has a larger id."""
        with self._db:
            self._delete_from(conversation_id, message_id)

    def _delete_from(self, conversation_id: int, message_id: int) -> None:
        self._db.execute("DELETE FROM messages WHERE conversation_id = ? AND id >= ?", (conversation_id, message_id))

    def discard_reply(self, message_id: int) -> None:
        """Drop one reply (an empty or failed one); if it was an alternative, the newest one left is shown again."""
        with self._db:
            row = self._db.execute("SELECT alt_group FROM messages WHERE id = ?", (message_id,)).fetchone()
            self._db.execute("DELETE FROM messages WHERE id = ?", (message_id,))
            if row is not None and row["alt_group"] is not None:
                group = row["alt_group"]
                if not self._db.execute("SELECT 1 FROM messages WHERE alt_group = ? AND active = 1",
                                        (group,)).fetchone():
                    self._db.execute(
                        "UPDATE messages SET active = 1 WHERE id = (SELECT MAX(id) FROM messages WHERE alt_group = ?)",
                        (group,))

    def messages(self, conversation_id: int) -> list[Message]:
        """The conversation as shown: of each group of alternatives, only the one chosen."""
        rows = self._db.execute(
            "SELECT * FROM messages WHERE conversation_id = ? AND active = 1 ORDER BY COALESCE(alt_group, id), id",
            (conversation_id,),
        )
        return [_message(r) for r in rows]

    def alternatives(self, message_id: int) -> list[Message]:
        """Every answer given at this reply's place, oldest first (just the reply itself if it has no others)."""
        row = self._db.execute("SELECT id, alt_group FROM messages WHERE id = ?", (message_id,)).fetchone()
        if row is None:
            return []
        if row["alt_group"] is None:
            rows = self._db.execute("SELECT * FROM messages WHERE id = ?", (message_id,))
        else:
            rows = self._db.execute("SELECT * FROM messages WHERE alt_group = ? ORDER BY id", (row["alt_group"],))
        return [_message(r) for r in rows]

    def show_alternative(self, message_id: int) -> None:
        """Make this answer the one shown at its place, and the one the conversation continues from."""
        with self._db:
            row = self._db.execute("SELECT alt_group FROM messages WHERE id = ?", (message_id,)).fetchone()
            if row is None or row["alt_group"] is None:
                return
            self._db.execute("UPDATE messages SET active = (id = ?) WHERE alt_group = ?",
                             (message_id, row["alt_group"]))

    # ---- timers and reminders -------------------------------------------------------------------------

    def add_alarm(self, kind: str, due: float, *, label: str = "", duration: float | None = None,
                  conversation_id: int | None = None) -> Alarm:
        now = time.time()
        cursor = self._db.execute(
            "INSERT INTO alarms(kind, label, created, due, duration, conversation_id) VALUES (?, ?, ?, ?, ?, ?)",
            (kind, label, now, due, duration, conversation_id))
        return Alarm(int(cursor.lastrowid), kind, label, now, due, duration, conversation_id)

    def alarm(self, alarm_id: int) -> Alarm | None:
        row = self._db.execute("SELECT * FROM alarms WHERE id = ?", (alarm_id,)).fetchone()
        return _alarm(row) if row is not None else None

    def pending_alarms(self) -> list[Alarm]:
        """Set and not yet fired or cancelled, soonest first (those already due included)."""
        rows = self._db.execute("SELECT * FROM alarms WHERE fired IS NULL AND cancelled IS NULL ORDER BY due, id")
        return [_alarm(r) for r in rows]

    def cancel_alarm(self, alarm_id: int) -> bool:
        """False when it had already fired or been cancelled."""
        cursor = self._db.execute(
            "UPDATE alarms SET cancelled = ? WHERE id = ? AND fired IS NULL AND cancelled IS NULL",
            (time.time(), alarm_id))
        return cursor.rowcount > 0

    def fire_alarm(self, alarm_id: int, at: float | None = None) -> bool:
        """Mark it fired; False when another process (or a cancel) got there first, so each fires once."""
        cursor = self._db.execute("UPDATE alarms SET fired = ? WHERE id = ? AND fired IS NULL AND cancelled IS NULL",
                                  (time.time() if at is None else at, alarm_id))
        return cursor.rowcount > 0

    # ---- export ---------------------------------------------------------------------------------------

    def export_json(self, conversation_id: int) -> str:
        """The conversation as shown; a reply that was regenerated also lists every answer (`alternatives`, oldest
        first) and which one is shown (`shown`, counted from 0)."""
        conversation = self.conversation(conversation_id)

        def entry(m: Message) -> dict[str, Any]:
            return {"role": m.role, "text": m.text, "created": m.created, "model": m.model, "timings": m.timings,
                    "stopped": m.stopped, "finish_reason": m.finish_reason, "source": m.source}

        messages = []
        for m in self.messages(conversation_id):
            item = entry(m)
            others = self.alternatives(m.id) if m.alt_group is not None else []
            if len(others) > 1:
                item["alternatives"] = [entry(o) for o in others]
                item["shown"] = [o.id for o in others].index(m.id)
            messages.append(item)
        return json.dumps(
            {
                "title": conversation.title,
                "created": conversation.created,
                "model": conversation.model,
                "system_prompt": conversation.system_prompt,
                "messages": messages,
            },
            indent=2,
            ensure_ascii=False,
        )

    def export_markdown(self, conversation_id: int) -> str:
        conversation = self.conversation(conversation_id)
        lines = [f"# {conversation.title}", ""]
        if conversation.model:
            lines += [f"*Model: {conversation.model}*", ""]
        if conversation.system_prompt is not None:
            lines += [f"*System prompt:* {conversation.system_prompt or '(none)'}", ""]
        for m in self.messages(conversation_id):
            others = self.alternatives(m.id) if m.alt_group is not None else []
            if len(others) <= 1:
                lines += _markdown_entry(m, "")
                continue
            ids = [o.id for o in others]
            lines += _markdown_entry(m, f" (answer {ids.index(m.id) + 1} of {len(ids)}, shown)")
            for number, other in enumerate(others, 1):
                if other.id != m.id:
                    lines += _markdown_entry(other, f" (answer {number} of {len(ids)}, not shown)", quote=True)
        return "\n".join(lines)


def _markdown_entry(m: Message, note: str, quote: bool = False) -> list[str]:
    stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(m.created))
    who = {"user": "You", "assistant": "Chinwag", "system": "System"}[m.role]
    heard = " (spoken)" if m.source == "voice" else ""
    head = f"**{who}**{heard}{note} · {stamp}" + (f" · {m.model}" if m.role == "assistant" and m.model else "")
    end = "\n\n*(stopped)*" if m.stopped else "\n\n*(cut off at the length limit)*" if m.cut_off else ""
    body = [head, "", m.text + end, ""]
    if quote:  # an answer not shown: set apart as a quote, so the conversation still reads in order
        return [("> " + line) if line else ">" for line in "\n".join(body[:-1]).split("\n")] + [""]
    return body


def _conversation(r: sqlite3.Row) -> Conversation:
    return Conversation(r["id"], r["title"], r["created"], r["updated"], r["model"], r["system_prompt"])


def _alarm(r: sqlite3.Row) -> Alarm:
    return Alarm(r["id"], r["kind"], r["label"], r["created"], r["due"], r["duration"], r["conversation_id"],
                 r["fired"], r["cancelled"])


def _message(r: sqlite3.Row) -> Message:
    return Message(r["id"], r["conversation_id"], r["role"], r["text"], r["created"], r["model"],
                   json.loads(r["timings"] or "{}"), bool(r["stopped"]), bool(r["complete"]), r["source"],
                   r["finish_reason"] or "", r["alt_group"], r["language"] or "")
