"""Conversations and messages in SQLite (WAL). Every message is committed the moment it exists."""

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
"""


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


@dataclass
class Conversation:
    id: int
    title: str
    created: float
    updated: float


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
        # A reply that was streaming when the app died is kept, marked as stopped.
        self._db.execute("UPDATE messages SET complete = 1, stopped = 1 WHERE complete = 0")

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
        return [Conversation(r["id"], r["title"], r["created"], r["updated"]) for r in rows]

    def conversation(self, conversation_id: int) -> Conversation:
        row = self._db.execute("SELECT * FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        if row is None:
            raise KeyError(f"No conversation {conversation_id}")
        return Conversation(row["id"], row["title"], row["created"], row["updated"])

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
    ) -> Message:
        now = time.time()
        with self._db:
            cursor = self._db.execute(
                "INSERT INTO messages(conversation_id, role, text, created, model, timings, complete, source) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (conversation_id, role, text, now, model, json.dumps(timings or {}), int(complete), source),
            )
            self._db.execute("UPDATE conversations SET updated = ? WHERE id = ?", (now, conversation_id))
        return Message(int(cursor.lastrowid), conversation_id, role, text, now, model, timings or {},
                       False, complete, source)

    def update_message(
        self,
        message_id: int,
        text: str,
        *,
        complete: bool | None = None,
        stopped: bool | None = None,
        timings: dict[str, Any] | None = None,
    ) -> None:
        sets, values = ["text = ?"], [text]
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
        """Drop a message and everything after it (regenerate, edit and resend)."""
        self._db.execute("DELETE FROM messages WHERE conversation_id = ? AND id >= ?", (conversation_id, message_id))

    def messages(self, conversation_id: int) -> list[Message]:
        rows = self._db.execute(
            "SELECT * FROM messages WHERE conversation_id = ? ORDER BY id", (conversation_id,)
        )
        return [
            Message(r["id"], r["conversation_id"], r["role"], r["text"], r["created"], r["model"],
                    json.loads(r["timings"] or "{}"), bool(r["stopped"]), bool(r["complete"]), r["source"])
            for r in rows
        ]

    # ---- export ---------------------------------------------------------------------------------------

    def export_json(self, conversation_id: int) -> str:
        conversation = self.conversation(conversation_id)
        return json.dumps(
            {
                "title": conversation.title,
                "created": conversation.created,
                "messages": [
                    {"role": m.role, "text": m.text, "created": m.created, "model": m.model,
                     "timings": m.timings, "stopped": m.stopped, "source": m.source}
                    for m in self.messages(conversation_id)
                ],
            },
            indent=2,
            ensure_ascii=False,
        )

    def export_markdown(self, conversation_id: int) -> str:
        conversation = self.conversation(conversation_id)
        lines = [f"# {conversation.title}", ""]
        for m in self.messages(conversation_id):
            stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(m.created))
            who = {"user": "You", "assistant": "Chinwag", "system": "System"}[m.role]
            heard = " (spoken)" if m.source == "voice" else ""
            lines.append(f"**{who}**{heard} · {stamp}" + (f" · {m.model}" if m.role == "assistant" and m.model else ""))
            lines.append("")
            lines.append(m.text + ("\n\n*(stopped)*" if m.stopped else ""))
            lines.append("")
        return "\n".join(lines)
