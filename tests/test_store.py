from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

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
