<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>ChatController</name>
    <message>
        <source>replacing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>editing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heard: “{text}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model gave an empty answer. Try again, or rephrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: your words are back in the text box.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong: {error}. Try again; what you typed is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing: Enter sends it again in place of the original, Esc cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the transcript, then press Enter to send it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{time} · spoken in {language}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{time} · spoken</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⋯  The messages above are left out of what the model sees: its context is full  ⋯</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older messages left out of the model&apos;s context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older turns were dropped to fit the model&apos;s context. Start a new conversation, or raise the context size in Settings, for the model to see everything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press &lt;b&gt;{key}&lt;/b&gt;, talk, press it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold &lt;b&gt;{key}&lt;/b&gt; and talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…or type below and press Enter. Everything stays on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChinwagStatusBar</name>
    <message>
        <source>No model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current speech model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last turn timings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last turn: transcription, time to the first word of the reply, reply speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading {label}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language model that answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speech: {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speech input off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Whisper model that turns what you say into text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Listening…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaking… (Esc to stop)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Online (not needed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything runs on this computer; the network is only used for downloads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>speech {ms} ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first token {ms} ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{rate} tok/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last turn: {parts}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy this code to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationController</name>
    <message>
        <source>Deleted “{title}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save {path}: {error}. Choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationHeader</name>
    <message>
        <source>Conversation settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This conversation&apos;s model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This conversation&apos;s system prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change this conversation&apos;s model and system prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model and the system prompt this conversation uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>context: –</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much of the model&apos;s context this conversation fills; once it is full, the oldest turns are left out of what the model sees.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (the window&apos;s model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt: {prompt}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{prompt} (the model&apos;s default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>context: {used} / {total} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{used} of {total} tokens, {percent}%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationMode</name>
    <message>
        <source>Conversation mode ended: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation mode ended: nothing was said for {seconds} s. Press the talk key or turn it on again (Ctrl+Shift+H).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationSetupDialog</name>
    <message>
        <source>This conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This conversation&apos;s model and system prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window&apos;s model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the model&apos;s default system prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationSidebar</name>
    <message>
        <source>+  New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As Markdown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As JSON…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownloadController</name>
    <message>
        <source>Cancelled before it started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. {size} are kept: Resume continues from there.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownloadList</name>
    <message>
        <source>Downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownloadView</name>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close download panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continuing from {size}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacting the Hub…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the Hub…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying the checksum… {done} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is downloaded and verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued: starts when {name} is done.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>{size}/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{m} min {s} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GlobalHotkey</name>
    <message>
        <source>A global push-to-talk key works on Linux with X11 so far; on this system use the tray icon, or the push-to-talk key in Chinwag&apos;s window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not available in a Wayland session: Wayland does not let an app see keys pressed in other apps&apos; windows, and Chinwag cannot use the desktop&apos;s global-shortcut portal yet. Use the tray icon, or log in to an X11 session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not available: there is no X11 display (DISPLAY is not set) to listen for the key on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not available: python-xlib, which listens for the key on X11, is not installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not available: the X11 display {display} cannot be opened ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{key} is not a key: choose one in Settings, e.g. Ctrl+Alt+Space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} in {key} is not a modifier (Ctrl, Alt, Shift or Meta).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{key} is not a key Chinwag can listen for globally: choose another in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The global push-to-talk key is off: the X11 display cannot be opened ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The global push-to-talk key is off: this keyboard has no {key} key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The global push-to-talk key is off: another program already uses {key}. Choose another key in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InputBar</name>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>■  Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the reply (Esc); what was written so far is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>🔈 Speak replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speak replies aloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read each reply aloud as it is written (Ctrl+Shift+S). The talk key, Stop or Esc silences it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hands-free: after each spoken reply Chinwag listens for the next question (Ctrl+Shift+H). Esc leaves it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening… just speak. Esc leaves conversation mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening hands-free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live transcript</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>German</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>French</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Italian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Polish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Russian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Korean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Czech</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Danish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finnish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Greek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hungarian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indonesian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Norwegian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Romanian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catalan</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LicencesDialog</name>
    <message>
        <source>Chinwag&apos;s own source code is licensed under the Apache License 2.0. The installers also contain Piper and espeak-ng (GNU GPL version 3), so Chinwag as installed from them is distributed as a whole under the GNU GPL version 3. Qt and PySide6 (GNU LGPL version 3) are separate libraries you may replace. Below: every part with its version, its licence and its licence text, and where the source code of each copyleft part is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The licence notices come with the installer (THIRD-PARTY-NOTICES.txt). In a source checkout, run python scripts/third_party_notices.py --out NOTICES.txt to write them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence notices</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListeningOverlay</name>
    <message>
        <source>Chinwag is listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the model manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download, verify and delete language, speech and voice models (Ctrl+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every keyboard shortcut (F1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Chinwag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version, and where the log file is</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageInput</name>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a message; Enter sends it, Shift+Enter starts a new line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a message, or use {key} to talk…  (Enter sends, Shift+Enter new line)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinwag&apos;s reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy this message to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write this reply again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit this message and send it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read this reply aloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue ▸</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write more of this reply, which the length limit cut off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the earlier answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the later answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which answer is shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This reply was cut off by the length limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This reply was stopped before it finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer {index} of {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cut off at the length limit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <source>needs {size} RAM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⤓ not downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ too big for this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not downloaded yet ({size}): it downloads when you press OK, with progress, cancel and resume; {meanwhile} until it is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not downloaded yet: it downloads when you press OK, with progress, cancel and resume; {meanwhile} until it is ready.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelController</name>
    <message>
        <source>models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{error} Using the bundled starter model instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not downloaded yet; speech input uses {current} meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are chatting with the small starter model, which works offline right away. For much better answers, download {name} ({size}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading {name}; keep chatting with the current model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading {name}; speech input keeps the current model meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{error} Speech input is off until a speech model is available; typing works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still answering with {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{error} Typing still works.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelManagerController</name>
    <message>
        <source>Downloaded and verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Verified: every file matches its checksum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is in use: choose another model first, then delete it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {name} ({size}) from this computer? It can be downloaded again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take {name} off the list? Its file stays where it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} was deleted; {size} freed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} was taken off the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing on disk to show yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file manager could be opened. The model is in {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the Hub about {repo}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added {name}: select it above and press Download.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a local model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Not added. {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bytes downloaded so far are kept: Resume continues from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelManagerView</name>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speech</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>License</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bundled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Comes with the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Your file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partly downloaded ({size} kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ File missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{status} · in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has {size} GB of memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s memory is unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language models answer, speech models listen (Whisper), voices speak (Piper). {memory} A model marked ⚠ needs more memory than Chinwag can safely use here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model download progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model manager status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the selected model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the download or check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume the download from the kept bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the files against their checksums</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected model from this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the folder the model is in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub repository id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>owner/name on the Hugging Face Hub, e.g. unsloth/Llama-3.2-1B-Instruct-GGUF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the Hub which files the repository holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files in the Hub repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the selected file to the list of models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a local .gguf…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a model file already on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{need} of {total} GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{need} GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs more than 80 % of this computer&apos;s memory: it may not load, or make everything slow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use: choose another model first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the model&apos;s files from this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take it off the list (your own file is not touched)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading: {done} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying: {done} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the Hub…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>language model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voice (with its .onnx.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>{files}, {usable} of them models Chinwag can use. Choose one and add it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{files}, none a .gguf model or a Piper voice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelWorker</name>
    <message>
        <source>Cannot load {name}: {error}. Choose another model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No language model is loaded. Choose one in Settings (Ctrl+,).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The speech model is not loaded. Choose one in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing heard: hold the key while you speak, a little closer to the microphone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing heard: no words were recognised. Try again, a little louder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss notice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PushToTalk</name>
    <message>
        <source>The microphone could not be opened ({error}). Try again, or choose another microphone in Settings; typing still works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone could not be closed ({error}). Try again, or choose another microphone in Settings; typing still works.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PushToTalkButton</name>
    <message>
        <source>Hold to talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push to talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold this button, or hold the push-to-talk key, while you speak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>●  Recording… press again to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>●  Recording… let go to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press {key} to talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold to talk  (or hold {key})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RemoteTalk</name>
    <message>
        <source>Release {key} to send it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press {key} again to send it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose “Stop and send” in the tray menu to send it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerBox</name>
    <message>
        <source>Local API server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let other apps on this computer use Chinwag&apos;s models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API server port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Require the key (off: any program on this computer may use the models)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Require the API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this computer can connect (127.0.0.1). Clients send the key as “Authorization: Bearer …”; web pages are refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerController</name>
    <message>
        <source>The local API server was not started: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <source>Reading the key from the system keyring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window&apos;s language changes when Chinwag restarts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hugging Face token saved in {where}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Hugging Face token was removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Hugging Face token could not be saved: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is in use: choose another model first, then delete it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {name} from this computer? It can be downloaded again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: that was the voice as chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The voice test failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Automatic (detect)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinwag settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a local .gguf…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a local GGUF model file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manage models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the model manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every language, speech and voice model: download, verify, delete, add from the Hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speech model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speech model information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speech language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hugging Face access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the saved token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk space used by models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone test level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum reply tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this prompt only with this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push-to-talk key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push-to-talk mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold the key while speaking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press once to start, again to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let me check the transcript before it is sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play a short sound when recording starts and stops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talk from any app with a global key (works while Chinwag is in the back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global push-to-talk key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global push-to-talk key combination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the global key is not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Chinwag in the system tray (show or hide, talk, quit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tray icon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window&apos;s language changes when Chinwag restarts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the window language changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Speech model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speech lan&amp;guage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hugging Face &amp;token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone and talking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push-to-talk &amp;key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push-to-talk m&amp;ode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Global key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top &amp;p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top &amp;k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ma&amp;x tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ystem prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;hreads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Context size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Th&amp;eme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Window language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Total: {size} in %n downloaded model(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No downloaded models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>speech input keeps the current model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not downloaded yet: it downloads when you press OK (you can keep chatting meanwhile).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{size} GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too little memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ This model needs about {need} GB of memory and this computer has {memory}: it may be very slow or fail to load. Choose a smaller one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a local model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Not added. {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speak: the bar should move.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A token is saved; type a new one to replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hf_… (only for models that need a Hugging Face login)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>(no description)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything Chinwag does from the keyboard. Keys marked * can be changed in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it does</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpeechController</name>
    <message>
        <source>Chinwag cannot speak: the voice did not load ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimerCard</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel {alarm}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{alarm}: {left} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Chinwag tray menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide Chinwag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start talking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit Chinwag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timers and reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinwag: offline voice assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop and send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinwag: listening…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel {alarm} ({left})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Chinwag</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VoiceBox</name>
    <message>
        <source>Voice and conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaking speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaking volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaker (output device)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (not connected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice test status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test voice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test the voice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read a sentence with this voice, speed, volume and speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show what I say while I hold the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation mode: after a spoken reply, listen for the next question without a key (Esc leaves it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silence that ends a question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s of silence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Voice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spee&amp;d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spea&amp;ker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A question &amp;ends after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replies are read with the current voice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaking…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowController</name>
    <message>
        <source>{error} {seconds} s were recorded before that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribe what was recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording stopped at the {limit} s limit and was not sent. Transcribe it to read it first?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording discarded: Chinwag lost focus, so the microphone was closed. Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording cancelled. Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording discarded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The global push-to-talk key is off. {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold to talk, let go to send (outside a text field)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press to start talking, again to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the typed message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new line in the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talk from any application (global key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading the voice {name}; replies are read with the current voice meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not loaded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Chinwag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinwag {version}: an offline push-to-talk voice assistant.

llama.cpp CPU code: {cpu}
Log file: {log}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence: Chinwag&apos;s source code is under the Apache License 2.0; the installers also contain GPL-3.0 parts (Piper, espeak-ng), so Chinwag as installed is distributed under the GNU GPL version 3. Licences… lists every part and its licence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong inside Chinwag ({summary}). The window keeps working; the details are in the log{where}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the recording, else stop the reply and the voice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models: download, verify, delete, add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename the selected conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the last reply again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speak replies aloud: on or off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation mode (hands-free): on or off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This list of shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
