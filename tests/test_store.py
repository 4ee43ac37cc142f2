from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.core.store import ConversationStore
from tests.conftest import ROOT


def test_conversations_and_messages_survive_reopen(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite3"
    store = ConversationStore(db)
    first = store.create_conversation("Trip")
    store.add_message(first.id, "user", "Where to?", source="voice")
    reply = store.add_message(first.id, "assistant", "", model="m", complete=False)
    store.update_message(reply.id, "Paris.", complete=True, stopped=True, timings={"ttft_s": 0.1})
    second = store.create_conversation("Cooking")
    store.add_message(second.id, "user", "Pasta?")
    store.rename(second.id, "Dinner")
    store.close()

    store = ConversationStore(db)
    assert [c.title for c in store.conversations()] == ["Dinner", "Trip"]
    messages = store.messages(first.id)
    assert [(m.role, m.text, m.source) for m in messages] == [("user", "Where to?", "voice"),
                                                               ("assistant", "Paris.", "text")]
    assert messages[1].stopped and messages[1].timings == {"ttft_s": 0.1}
    assert [c.title for c in store.conversations("paris")] == ["Trip"]
    store.delete(second.id)
    assert [c.title for c in store.conversations()] == ["Trip"]
    store.undelete(second.id)
    assert len(store.conversations()) == 2
    store.delete(second.id)
    store.purge_deleted()
    assert store.messages(second.id) == []


def test_truncate_for_regenerate(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "c.sqlite3")
    c = store.create_conversation()
    a = store.add_message(c.id, "user", "one")
    store.add_message(c.id, "assistant", "1")
    b = store.add_message(c.id, "user", "two")
    store.add_message(c.id, "assistant", "2")
    store.delete_messages_from(c.id, b.id)
    assert [m.text for m in store.messages(c.id)] == ["one", "1"]
    assert store.messages(c.id)[0].id == a.id


def test_export_markdown_and_json(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "c.sqlite3")
    c = store.create_conversation("Français")
    store.add_message(c.id, "user", "Capital of France?", source="voice")
    r = store.add_message(c.id, "assistant", "**Paris**", model="smollm2")
    store.update_message(r.id, "**Paris**", stopped=True)
    md = store.export_markdown(c.id)
    assert md.startswith("# Français")
    assert "**You** (spoken)" in md and "Capital of France?" in md
    assert "**Paris**\n\n*(stopped)*" in md and "smollm2" in md
    data = json.loads(store.export_json(c.id))
    assert data["title"] == "Français"
    assert [m["role"] for m in data["messages"]] == ["user", "assistant"]
    assert data["messages"][1]["stopped"] is True


_WRITER = """
import sys, time
from pathlib import Path
from desktop.core.store import ConversationStore
store = ConversationStore(Path(sys.argv[1]))
c = store.create_conversation("killed")
store.add_message(c.id, "user", "tell me a story")
reply = store.add_message(c.id, "assistant", "", complete=False)
text = ""
for i in range(100000):
    text += f"word{i} "
    store.update_message(reply.id, text)
    if i == 50:
        print("streaming", flush=True)
    time.sleep(0.001)
"""


def test_store_survives_sigkill_mid_reply(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite3"
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(db)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "streaming"
    time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    store = ConversationStore(db)
    (conversation,) = store.conversations()
    user, reply = store.messages(conversation.id)
    assert user.text == "tell me a story"
    assert reply.text.startswith("word0 word1 ") and "word50 " in reply.text
    # The reply that was streaming when the process died is kept and marked as stopped.
    assert reply.complete and reply.stopped


# The schema of the first release (version 0 in `PRAGMA user_version`), as it made databases on users' disks.
_FIRST_SCHEMA = """
CREATE TABLE conversations (id INTEGER PRIMARY KEY, title TEXT NOT NULL, created REAL NOT NULL,
    updated REAL NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE TABLE messages (id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')), text TEXT NOT NULL, created REAL NOT NULL,
    model TEXT, timings TEXT, stopped INTEGER NOT NULL DEFAULT 0, complete INTEGER NOT NULL DEFAULT 1,
    source TEXT NOT NULL DEFAULT 'text');
CREATE INDEX messages_by_conversation ON messages(conversation_id, id);
"""


def test_a_database_made_by_the_first_schema_opens_and_gains_the_new_features(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "old.sqlite3"
    old = sqlite3.connect(db)
    old.executescript(_FIRST_SCHEMA)
    old.execute("INSERT INTO conversations VALUES (1, 'Old talk', 1.0, 2.0, 0)")
    old.execute("INSERT INTO messages(conversation_id, role, text, created, model, timings) "
                "VALUES (1, 'user', 'Hi', 1.0, NULL, '{}'), (1, 'assistant', 'Hello!', 1.5, 'starter', '{}')")
    old.commit()
    old.close()

    store = ConversationStore(db)
    [conversation] = store.conversations()
    assert conversation.title == "Old talk" and conversation.model is None and conversation.system_prompt is None
    user, reply = store.messages(1)
    assert (user.text, reply.text, reply.model) == ("Hi", "Hello!", "starter")
    assert reply.finish_reason == "" and not reply.cut_off and reply.alt_group is None
    assert [m.id for m in store.alternatives(reply.id)] == [reply.id]
    # The new features work on the old rows.
    again = store.add_message(1, "assistant", "Hey there.", model="starter", alternative_of=reply.id)
    assert [m.text for m in store.messages(1)] == ["Hi", "Hey there."]
    store.set_system_prompt(1, "Be brief.")
    store.close()
    store = ConversationStore(db)  # and opening it again migrates nothing twice
    assert [m.text for m in store.alternatives(again.id)] == ["Hello!", "Hey there."]
    assert store.conversation(1).system_prompt == "Be brief."
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == 3
    assert user.language == "" and reply.language == ""


def test_alternatives_keep_every_answer_and_the_shown_one_is_the_history(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "c.sqlite3")
    c = store.create_conversation("Colours")
    store.add_message(c.id, "user", "Name a colour.")
    first = store.add_message(c.id, "assistant", "Red.")
    second = store.add_message(c.id, "assistant", "Blue.", alternative_of=first.id)
    third = store.add_message(c.id, "assistant", "Green.", alternative_of=second.id)
    assert [m.text for m in store.alternatives(first.id)] == ["Red.", "Blue.", "Green."]
    assert [m.text for m in store.messages(c.id)] == ["Name a colour.", "Green."]
    store.show_alternative(first.id)
    assert [m.text for m in store.messages(c.id)] == ["Name a colour.", "Red."]
    store.add_message(c.id, "user", "Why?")
    assert [m.text for m in store.messages(c.id)] == ["Name a colour.", "Red.", "Why?"]
    # An empty answer is dropped, and the one shown before comes back.
    empty = store.add_message(c.id, "assistant", "", alternative_of=third.id)
    assert store.messages(c.id)[1].id == empty.id
    store.discard_reply(empty.id)
    assert store.messages(c.id)[1].text == "Green." and len(store.alternatives(first.id)) == 3
    store.update_message(third.id, "Green", finish_reason="length")
    assert store.messages(c.id)[1].cut_off

    md = store.export_markdown(c.id)
    assert "(answer 3 of 3, shown)" in md and "> Red." in md and "> Blue." in md
    assert "*(cut off at the length limit)*" in md
    data = json.loads(store.export_json(c.id))
    reply = data["messages"][1]
    assert [a["text"] for a in reply["alternatives"]] == ["Red.", "Blue.", "Green"] and reply["shown"] == 2
    assert reply["finish_reason"] == "length"
    # Edit and resend drops everything from the edited message on, alternatives included.
    store.delete_messages_from(c.id, store.messages(c.id)[0].id)
    assert store.messages(c.id) == [] and store.alternatives(first.id) == []


def test_a_conversation_keeps_its_own_model_and_system_prompt(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "c.sqlite3")
    c = store.create_conversation("Pirate")
    store.set_conversation_model(c.id, "smollm2-135m")
    store.set_system_prompt(c.id, "Talk like a pirate.")
    got = store.conversation(c.id)
    assert (got.model, got.system_prompt) == ("smollm2-135m", "Talk like a pirate.")
    store.set_system_prompt(c.id, None)
    store.set_conversation_model(c.id, None)
    got = store.conversations()[0]
    assert (got.model, got.system_prompt) == (None, None)
    data = json.loads(store.export_json(c.id))
    assert data["model"] is None and data["system_prompt"] is None


# ---- issue 21 §2: edit and resend replaces the originals only as the edited message is stored ------------------


def test_replace_from_swaps_the_originals_for_the_new_message_in_one_transaction(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "c.sqlite3")
    conversation = store.create_conversation()
    first = store.add_message(conversation.id, "user", "Say hello.")
    store.add_message(conversation.id, "assistant", "Hello!")
    second = store.add_message(conversation.id, "user", "Say goodbye.")
    store.add_message(conversation.id, "assistant", "Goodbye!")
    other = store.create_conversation()
    store.add_message(other.id, "user", "Elsewhere.")

    edited = store.add_message(conversation.id, "user", "Say good night.", replace_from=second.id)
    assert [(m.role, m.text) for m in store.messages(conversation.id)] == [
        ("user", "Say hello."), ("assistant", "Hello!"), ("user", "Say good night.")]
    assert edited.id > second.id
    assert [m.text for m in store.messages(other.id)] == ["Elsewhere."]  # another conversation is untouched

    # A message that cannot be stored (here a role the schema refuses) leaves every original in place.
    before = [(m.role, m.text) for m in store.messages(conversation.id)]
    with pytest.raises(sqlite3.IntegrityError):
        store.add_message(conversation.id, "narrator", "Not a role.", replace_from=first.id)
    assert [(m.role, m.text) for m in store.messages(conversation.id)] == before
    store.close()
    assert [(m.role, m.text) for m in ConversationStore(tmp_path / "c.sqlite3").messages(conversation.id)] == before


def test_a_version_2_database_gains_the_language_column_and_keeps_its_rows(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "v2.sqlite3"
    old = sqlite3.connect(db)
    old.executescript(_FIRST_SCHEMA)
    for column in ("model TEXT", "system_prompt TEXT"):
        old.execute(f"ALTER TABLE conversations ADD COLUMN {column}")
    for column in ("finish_reason TEXT NOT NULL DEFAULT ''", "alt_group INTEGER", "active INTEGER NOT NULL DEFAULT 1"):
        old.execute(f"ALTER TABLE messages ADD COLUMN {column}")
    old.execute("INSERT INTO conversations(id, title, created, updated) VALUES (1, 'Before', 1.0, 2.0)")
    old.execute("INSERT INTO messages(conversation_id, role, text, created, source) "
                "VALUES (1, 'user', 'Hi', 1.0, 'voice')")
    old.execute("PRAGMA user_version = 2")
    old.commit()
    old.close()

    store = ConversationStore(db)
    [before] = store.messages(1)
    assert (before.text, before.language) == ("Hi", "")
    spoken = store.add_message(1, "user", "Wie spät ist es?", source="voice", language="de")
    store.close()
    store = ConversationStore(db)
    assert [(m.text, m.language) for m in store.messages(1)] == [("Hi", ""), (spoken.text, "de")]
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == 3
