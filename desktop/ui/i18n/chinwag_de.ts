<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>ChatController</name>
    <message>
        <source>replacing…</source>
        <translation>wird ersetzt…</translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation>Wird transkribiert…</translation>
    </message>
    <message>
        <source>editing…</source>
        <translation>wird bearbeitet…</translation>
    </message>
    <message>
        <source>Copied to the clipboard</source>
        <translation>In die Zwischenablage kopiert</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Denkt nach…</translation>
    </message>
    <message>
        <source>Heard: “{text}”</source>
        <translation>Gehört: „{text}“</translation>
    </message>
    <message>
        <source>The model gave an empty answer. Try again, or rephrase.</source>
        <translation>Das Modell hat leer geantwortet. Versuchen Sie es noch einmal oder formulieren Sie die Frage um.</translation>
    </message>
    <message>
        <source>Not sent: your words are back in the text box.</source>
        <translation>Nicht gesendet: Ihr Text steht wieder im Eingabefeld.</translation>
    </message>
    <message>
        <source>Something went wrong: {error}. Try again; what you typed is kept.</source>
        <translation>Etwas ist schiefgegangen: {error}. Versuchen Sie es noch einmal; Ihr Text bleibt erhalten.</translation>
    </message>
    <message>
        <source>Editing: Enter sends it again in place of the original, Esc cancels</source>
        <translation>Bearbeiten: Eingabe sendet den Text anstelle des ursprünglichen, Esc bricht ab</translation>
    </message>
    <message>
        <source>Check the transcript, then press Enter to send it</source>
        <translation>Prüfen Sie das Transkript und senden Sie es mit der Eingabetaste</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>kein Modell</translation>
    </message>
    <message>
        <source>{time} · spoken in {language}</source>
        <translation>{time} · gesprochen auf {language}</translation>
    </message>
    <message>
        <source>{time} · spoken</source>
        <translation>{time} · gesprochen</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Conversation</source>
        <translation>Gespräch</translation>
    </message>
    <message>
        <source>⋯  The messages above are left out of what the model sees: its context is full  ⋯</source>
        <translation>⋯  Die Nachrichten darüber sieht das Modell nicht mehr: Sein Kontext ist voll  ⋯</translation>
    </message>
    <message>
        <source>Older messages left out of the model&apos;s context</source>
        <translation>Ältere Nachrichten, die nicht mehr in den Kontext des Modells passen</translation>
    </message>
    <message>
        <source>Older turns were dropped to fit the model&apos;s context. Start a new conversation, or raise the context size in Settings, for the model to see everything.</source>
        <translation>Ältere Wortwechsel wurden weggelassen, damit alles in den Kontext des Modells passt. Beginnen Sie ein neues Gespräch oder erhöhen Sie die Kontextgröße in den Einstellungen, damit das Modell alles sieht.</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;{key}&lt;/b&gt;, talk, press it again</source>
        <translation>Drücken Sie &lt;b&gt;{key}&lt;/b&gt;, sprechen Sie, drücken Sie erneut</translation>
    </message>
    <message>
        <source>Hold &lt;b&gt;{key}&lt;/b&gt; and talk</source>
        <translation>Halten Sie &lt;b&gt;{key}&lt;/b&gt; gedrückt und sprechen Sie</translation>
    </message>
    <message>
        <source>…or type below and press Enter. Everything stays on this computer.</source>
        <translation>…oder tippen Sie unten und drücken Sie die Eingabetaste. Alles bleibt auf diesem Computer.</translation>
    </message>
</context>
<context>
    <name>ChinwagStatusBar</name>
    <message>
        <source>No model</source>
        <translation>Kein Modell</translation>
    </message>
    <message>
        <source>Current model</source>
        <translation>Aktuelles Modell</translation>
    </message>
    <message>
        <source>Loading model</source>
        <translation>Modell wird geladen</translation>
    </message>
    <message>
        <source>Current speech model</source>
        <translation>Aktuelles Spracherkennungsmodell</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Last turn timings</source>
        <translation>Zeiten des letzten Wortwechsels</translation>
    </message>
    <message>
        <source>The last turn: transcription, time to the first word of the reply, reply speed</source>
        <translation>Der letzte Wortwechsel: Transkription, Zeit bis zum ersten Wort der Antwort, Antwortgeschwindigkeit</translation>
    </message>
    <message>
        <source>Speaking</source>
        <translation>Spricht</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>Hört zu</translation>
    </message>
    <message>
        <source>Loading {label}…</source>
        <translation>{label} wird geladen…</translation>
    </message>
    <message>
        <source>Model: {label}</source>
        <translation>Modell: {label}</translation>
    </message>
    <message>
        <source>The language model that answers</source>
        <translation>Das Sprachmodell, das antwortet</translation>
    </message>
    <message>
        <source>Speech: {label}</source>
        <translation>Spracherkennung: {label}</translation>
    </message>
    <message>
        <source>Speech input off</source>
        <translation>Spracheingabe aus</translation>
    </message>
    <message>
        <source>The Whisper model that turns what you say into text</source>
        <translation>Das Whisper-Modell, das Gesprochenes in Text umwandelt</translation>
    </message>
    <message>
        <source>● Listening…</source>
        <translation>● Hört zu…</translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation>Wird transkribiert…</translation>
    </message>
    <message>
        <source>Speaking… (Esc to stop)</source>
        <translation>Spricht… (Esc beendet)</translation>
    </message>
    <message>
        <source>● Online (not needed)</source>
        <translation>● Online (nicht nötig)</translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation>● Offline</translation>
    </message>
    <message>
        <source>Everything runs on this computer; the network is only used for downloads.</source>
        <translation>Alles läuft auf diesem Computer; das Netzwerk wird nur für Downloads genutzt.</translation>
    </message>
    <message>
        <source>speech {ms} ms</source>
        <translation>Sprache {ms} ms</translation>
    </message>
    <message>
        <source>first token {ms} ms</source>
        <translation>erstes Token {ms} ms</translation>
    </message>
    <message>
        <source>{rate} tok/s</source>
        <translation>{rate} Token/s</translation>
    </message>
    <message>
        <source>Last turn: {parts}</source>
        <translation>Letzter Wortwechsel: {parts}</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy this code to the clipboard</source>
        <translation>Diesen Code in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Code kopieren</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
</context>
<context>
    <name>ConversationController</name>
    <message>
        <source>Deleted “{title}”.</source>
        <translation>„{title}“ gelöscht.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>conversation</source>
        <translation>Gespräch</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Gespräch exportieren</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Could not save {path}: {error}. Choose another folder.</source>
        <translation>{path} konnte nicht gespeichert werden: {error}. Wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>{path} gespeichert</translation>
    </message>
</context>
<context>
    <name>ConversationHeader</name>
    <message>
        <source>Conversation settings</source>
        <translation>Gesprächseinstellungen</translation>
    </message>
    <message>
        <source>This conversation&apos;s model</source>
        <translation>Modell dieses Gesprächs</translation>
    </message>
    <message>
        <source>This conversation&apos;s system prompt</source>
        <translation>Systemprompt dieses Gesprächs</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Ändern…</translation>
    </message>
    <message>
        <source>Change this conversation&apos;s model and system prompt</source>
        <translation>Modell und Systemprompt dieses Gesprächs ändern</translation>
    </message>
    <message>
        <source>The model and the system prompt this conversation uses</source>
        <translation>Das Modell und der Systemprompt, die dieses Gespräch verwendet</translation>
    </message>
    <message>
        <source>Context used</source>
        <translation>Belegter Kontext</translation>
    </message>
    <message>
        <source>context: –</source>
        <translation>Kontext: –</translation>
    </message>
    <message>
        <source>How much of the model&apos;s context this conversation fills; once it is full, the oldest turns are left out of what the model sees.</source>
        <translation>Wie viel vom Kontext des Modells dieses Gespräch belegt; ist er voll, sieht das Modell die ältesten Wortwechsel nicht mehr.</translation>
    </message>
    <message>
        <source> (the window&apos;s model)</source>
        <translation> (Modell des Fensters)</translation>
    </message>
    <message>
        <source>System prompt: {prompt}</source>
        <translation>Systemprompt: {prompt}</translation>
    </message>
    <message>
        <source>No system prompt</source>
        <translation>Kein Systemprompt</translation>
    </message>
    <message>
        <source>{prompt} (the model&apos;s default)</source>
        <translation>{prompt} (Vorgabe des Modells)</translation>
    </message>
    <message>
        <source>context: {used} / {total} tokens</source>
        <translation>Kontext: {used} / {total} Tokens</translation>
    </message>
    <message>
        <source>{used} of {total} tokens, {percent}%</source>
        <translation>{used} von {total} Tokens, {percent} %</translation>
    </message>
</context>
<context>
    <name>ConversationMode</name>
    <message>
        <source>Conversation mode ended: {error}</source>
        <translation>Gesprächsmodus beendet: {error}</translation>
    </message>
    <message>
        <source>Conversation mode ended: nothing was said for {seconds} s. Press the talk key or turn it on again (Ctrl+Shift+H).</source>
        <translation>Gesprächsmodus beendet: {seconds} s lang wurde nichts gesagt. Drücken Sie die Sprechtaste oder schalten Sie ihn wieder ein (Strg+Umschalt+H).</translation>
    </message>
</context>
<context>
    <name>ConversationSetupDialog</name>
    <message>
        <source>This conversation</source>
        <translation>Dieses Gespräch</translation>
    </message>
    <message>
        <source>This conversation&apos;s model and system prompt</source>
        <translation>Modell und Systemprompt dieses Gesprächs</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>The window&apos;s model</source>
        <translation>Modell des Fensters</translation>
    </message>
    <message>
        <source>Use the model&apos;s default system prompt</source>
        <translation>Den vorgegebenen Systemprompt des Modells verwenden</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Systemprompt</translation>
    </message>
</context>
<context>
    <name>ConversationSidebar</name>
    <message>
        <source>+  New conversation</source>
        <translation>+  Neues Gespräch</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Neues Gespräch</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Gespräche durchsuchen</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Gespräche</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>Gespräch umbenennen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>Gespräch löschen</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Gespräch exportieren</translation>
    </message>
    <message>
        <source>As Markdown…</source>
        <translation>Als Markdown…</translation>
    </message>
    <message>
        <source>As JSON…</source>
        <translation>Als JSON…</translation>
    </message>
</context>
<context>
    <name>Dictation</name>
    <message>
        <source>“{char}” has no key on this keyboard, and no spare key is free to type it with.</source>
        <translation>„{char}“ hat keine Taste auf dieser Tastatur, und keine freie Taste ist verfügbar, um es zu tippen.</translation>
    </message>
    <message>
        <source>python-xlib, which types on X11, is not installed.</source>
        <translation>python-xlib, das unter X11 tippt, ist nicht installiert.</translation>
    </message>
    <message>
        <source>there is no X11 display (DISPLAY is not set) to type on.</source>
        <translation>es gibt keine X11-Anzeige (DISPLAY ist nicht gesetzt), auf der getippt werden könnte.</translation>
    </message>
    <message>
        <source>the X11 display {display} cannot be opened ({error}).</source>
        <translation>die X11-Anzeige {display} kann nicht geöffnet werden ({error}).</translation>
    </message>
    <message>
        <source>this X server does not offer XTest, which Chinwag types with.</source>
        <translation>dieser X-Server bietet kein XTest, mit dem Chinwag tippt.</translation>
    </message>
    <message>
        <source>Ctrl, Alt, Shift or Super was still held down, and typing then would have pressed shortcuts in that window.</source>
        <translation>Strg, Alt, Umschalt oder Super war noch gedrückt, und Tippen hätte dann Tastenkürzel in diesem Fenster ausgelöst.</translation>
    </message>
</context>
<context>
    <name>DownloadController</name>
    <message>
        <source>Cancelled before it started.</source>
        <translation>Abgebrochen, bevor er begann.</translation>
    </message>
    <message>
        <source>Cancelled. {size} are kept: Resume continues from there.</source>
        <translation>Abgebrochen. {size} bleiben erhalten: „Fortsetzen“ macht dort weiter.</translation>
    </message>
</context>
<context>
    <name>DownloadList</name>
    <message>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <source>Download {name}</source>
        <translation>Download von {name}</translation>
    </message>
</context>
<context>
    <name>DownloadView</name>
    <message>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Download-Fortschritt</translation>
    </message>
    <message>
        <source>Download details</source>
        <translation>Download-Details</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Download abbrechen</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Resume download</source>
        <translation>Download fortsetzen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close download panel</source>
        <translation>Download-Leiste schließen</translation>
    </message>
    <message>
        <source>Downloading {name}</source>
        <translation>{name} wird heruntergeladen</translation>
    </message>
    <message>
        <source>Continuing from {size}…</source>
        <translation>Fortsetzung ab {size}…</translation>
    </message>
    <message>
        <source>Contacting the Hub…</source>
        <translation>Verbindung zum Hub…</translation>
    </message>
    <message>
        <source>Checking the Hub…</source>
        <translation>Hub wird abgefragt…</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} von {total}</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>noch {time}</translation>
    </message>
    <message>
        <source>Verifying the checksum… {done} of {total}</source>
        <translation>Prüfsumme wird geprüft… {done} von {total}</translation>
    </message>
    <message>
        <source>{name} is downloaded and verified</source>
        <translation>{name} ist heruntergeladen und geprüft</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Fertig.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Retry download</source>
        <translation>Download wiederholen</translation>
    </message>
    <message>
        <source>Queued: starts when {name} is done.</source>
        <translation>In der Warteschlange: beginnt, wenn {name} fertig ist.</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>{size}/s</source>
        <translation>{size}/s</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} s</translation>
    </message>
    <message>
        <source>{m} min {s} s</source>
        <translation>{m} min {s} s</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} h {m} min</translation>
    </message>
</context>
<context>
    <name>GlobalHotkey</name>
    <message>
        <source>A global push-to-talk key works on Linux with X11 so far; on this system use the tray icon, or the push-to-talk key in Chinwag&apos;s window.</source>
        <translation>Eine globale Sprechtaste gibt es bisher nur unter Linux mit X11; verwenden Sie auf diesem System das Symbol im Infobereich oder die Sprechtaste im Fenster von Chinwag.</translation>
    </message>
    <message>
        <source>Not available in a Wayland session: Wayland does not let an app see keys pressed in other apps&apos; windows, and Chinwag cannot use the desktop&apos;s global-shortcut portal yet. Use the tray icon, or log in to an X11 session.</source>
        <translation>In einer Wayland-Sitzung nicht verfügbar: Wayland lässt eine Anwendung keine Tasten sehen, die in den Fenstern anderer Anwendungen gedrückt werden, und Chinwag kann das Portal für globale Tastenkürzel der Arbeitsumgebung noch nicht nutzen. Verwenden Sie das Symbol im Infobereich oder melden Sie sich in einer X11-Sitzung an.</translation>
    </message>
    <message>
        <source>Not available: there is no X11 display (DISPLAY is not set) to listen for the key on.</source>
        <translation>Nicht verfügbar: Es gibt keine X11-Anzeige (DISPLAY ist nicht gesetzt), auf der die Taste abgehört werden könnte.</translation>
    </message>
    <message>
        <source>Not available: python-xlib, which listens for the key on X11, is not installed.</source>
        <translation>Nicht verfügbar: python-xlib, das die Taste unter X11 abhört, ist nicht installiert.</translation>
    </message>
    <message>
        <source>Not available: the X11 display {display} cannot be opened ({error}).</source>
        <translation>Nicht verfügbar: Die X11-Anzeige {display} lässt sich nicht öffnen ({error}).</translation>
    </message>
    <message>
        <source>{key} is not a key: choose one in Settings, e.g. Ctrl+Alt+Space.</source>
        <translation>{key} ist keine Taste: Wählen Sie eine in den Einstellungen, z. B. Strg+Alt+Leertaste.</translation>
    </message>
    <message>
        <source>{name} in {key} is not a modifier (Ctrl, Alt, Shift or Meta).</source>
        <translation>{name} in {key} ist keine Zusatztaste (Strg, Alt, Umschalt oder Meta).</translation>
    </message>
    <message>
        <source>{key} is not a key Chinwag can listen for globally: choose another in Settings.</source>
        <translation>Auf {key} kann Chinwag nicht global hören: Wählen Sie in den Einstellungen eine andere Taste.</translation>
    </message>
    <message>
        <source>The global push-to-talk key is off: the X11 display cannot be opened ({error}).</source>
        <translation>Die globale Sprechtaste ist aus: Die X11-Anzeige lässt sich nicht öffnen ({error}).</translation>
    </message>
    <message>
        <source>The global push-to-talk key is off: this keyboard has no {key} key.</source>
        <translation>Die globale Sprechtaste ist aus: Diese Tastatur hat keine Taste {key}.</translation>
    </message>
    <message>
        <source>The global push-to-talk key is off: another program already uses {key}. Choose another key in Settings.</source>
        <translation>Die globale Sprechtaste ist aus: Ein anderes Programm verwendet {key} bereits. Wählen Sie in den Einstellungen eine andere Taste.</translation>
    </message>
</context>
<context>
    <name>InputBar</name>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>■  Stop</source>
        <translation>■  Stopp</translation>
    </message>
    <message>
        <source>Stop the reply</source>
        <translation>Antwort anhalten</translation>
    </message>
    <message>
        <source>Stop the reply (Esc); what was written so far is kept</source>
        <translation>Antwort anhalten (Esc); was bisher geschrieben wurde, bleibt erhalten</translation>
    </message>
    <message>
        <source>🔈 Speak replies</source>
        <translation>🔈 Antworten vorlesen</translation>
    </message>
    <message>
        <source>Speak replies aloud</source>
        <translation>Antworten laut vorlesen</translation>
    </message>
    <message>
        <source>Read each reply aloud as it is written (Ctrl+Shift+S). The talk key, Stop or Esc silences it.</source>
        <translation>Jede Antwort vorlesen, während sie geschrieben wird (Strg+Umschalt+S). Die Sprechtaste, „Stopp“ oder Esc bringen sie zum Schweigen.</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Gespräch</translation>
    </message>
    <message>
        <source>Conversation mode</source>
        <translation>Gesprächsmodus</translation>
    </message>
    <message>
        <source>Hands-free: after each spoken reply Chinwag listens for the next question (Ctrl+Shift+H). Esc leaves it.</source>
        <translation>Freihändig: Nach jeder gesprochenen Antwort hört Chinwag auf die nächste Frage (Strg+Umschalt+H). Esc beendet ihn.</translation>
    </message>
    <message>
        <source>Listening… just speak. Esc leaves conversation mode.</source>
        <translation>Hört zu… sprechen Sie einfach. Esc beendet den Gesprächsmodus.</translation>
    </message>
    <message>
        <source>Listening hands-free</source>
        <translation>Hört freihändig zu</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>Mikrofonpegel</translation>
    </message>
    <message>
        <source>Recording time</source>
        <translation>Aufnahmedauer</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Tätigkeit</translation>
    </message>
    <message>
        <source>Live transcript</source>
        <translation>Live-Transkript</translation>
    </message>
</context>
<context>
    <name>LanguageDialog</name>
    <message>
        <source>Your settings could not be saved ({error}); the language is asked again at the next start.</source>
        <translation>Ihre Einstellungen konnten nicht gespeichert werden ({error}); die Sprache wird beim nächsten Start erneut abgefragt.</translation>
    </message>
    <message>
        <source>Chinwag: your language</source>
        <translation>Chinwag: Ihre Sprache</translation>
    </message>
    <message>
        <source>Your language</source>
        <translation>Ihre Sprache</translation>
    </message>
    <message>
        <source>Chinwag listens, answers and reads replies aloud in the language you choose.</source>
        <translation>Chinwag hört zu, antwortet und liest Antworten in der Sprache vor, die Sie wählen.</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Sprachen</translation>
    </message>
    <message>
        <source>What changes</source>
        <translation>Was sich ändert</translation>
    </message>
    <message>
        <source>To hear and speak {language}, Chinwag downloads:</source>
        <translation>Um {language} zu hören und zu sprechen, lädt Chinwag herunter:</translation>
    </message>
    <message>
        <source>{name} ({size})</source>
        <translation>{name} ({size})</translation>
    </message>
    <message>
        <source>The window is not translated into {language} yet; it stays as it is.</source>
        <translation>Das Fenster ist noch nicht in {language} übersetzt; es bleibt, wie es ist.</translation>
    </message>
    <message>
        <source>The window will be in {language}.</source>
        <translation>Das Fenster wird auf {language} angezeigt.</translation>
    </message>
    <message>
        <source>Without the speech model, speech input understands English only; typing works in every language.</source>
        <translation>Ohne das Sprachmodell versteht die Spracheingabe nur Englisch; Tippen funktioniert in jeder Sprache.</translation>
    </message>
    <message>
        <source>There is no voice for {language} yet: replies are shown, not read aloud.</source>
        <translation>Für {language} gibt es noch keine Stimme: Antworten werden angezeigt, nicht vorgelesen.</translation>
    </message>
    <message>
        <source>Without the voice, replies in {language} are shown, not read aloud.</source>
        <translation>Ohne die Stimme werden Antworten auf {language} angezeigt, nicht vorgelesen.</translation>
    </message>
    <message>
        <source>You can download them later with the Models button (Ctrl+M).</source>
        <translation>Sie können sie später über die Schaltfläche „Modelle“ (Strg+M) herunterladen.</translation>
    </message>
    <message>
        <source>The downloads run in the window, and Chinwag works meanwhile.</source>
        <translation>Die Downloads laufen im Fenster, und Chinwag funktioniert währenddessen weiter.</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Französisch</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italienisch</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>Portugiesisch</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>Hindi</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Spanisch</translation>
    </message>
    <message>
        <source>Thai</source>
        <translation>Thailändisch</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Niederländisch</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>Polnisch</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Russisch</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>Japanisch</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>Chinesisch</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>Schwedisch</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>Türkisch</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>Ukrainisch</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>Arabisch</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>Koreanisch</translation>
    </message>
    <message>
        <source>Czech</source>
        <translation>Tschechisch</translation>
    </message>
    <message>
        <source>Danish</source>
        <translation>Dänisch</translation>
    </message>
    <message>
        <source>Finnish</source>
        <translation>Finnisch</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>Griechisch</translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation>Hebräisch</translation>
    </message>
    <message>
        <source>Hungarian</source>
        <translation>Ungarisch</translation>
    </message>
    <message>
        <source>Indonesian</source>
        <translation>Indonesisch</translation>
    </message>
    <message>
        <source>Norwegian</source>
        <translation>Norwegisch</translation>
    </message>
    <message>
        <source>Romanian</source>
        <translation>Rumänisch</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>Vietnamesisch</translation>
    </message>
    <message>
        <source>Catalan</source>
        <translation>Katalanisch</translation>
    </message>
</context>
<context>
    <name>LicencesDialog</name>
    <message>
        <source>Chinwag&apos;s own source code is licensed under the Apache License 2.0. The installers also contain Piper and espeak-ng (GNU GPL version 3), so Chinwag as installed from them is distributed as a whole under the GNU GPL version 3. Qt and PySide6 (GNU LGPL version 3) are separate libraries you may replace. Below: every part with its version, its licence and its licence text, and where the source code of each copyleft part is.</source>
        <translation>Der eigene Quellcode von Chinwag steht unter der Apache License 2.0. Die Installationsprogramme enthalten außerdem Piper und espeak-ng (GNU GPL Version 3); das daraus installierte Chinwag wird deshalb als Ganzes unter der GNU GPL Version 3 weitergegeben. Qt und PySide6 (GNU LGPL Version 3) sind eigenständige Bibliotheken, die Sie ersetzen dürfen. Unten: jeder Bestandteil mit Version, Lizenz und Lizenztext, und wo der Quellcode jedes Copyleft-Bestandteils zu finden ist.</translation>
    </message>
    <message>
        <source>The licence notices come with the installer (THIRD-PARTY-NOTICES.txt). In a source checkout, run python scripts/third_party_notices.py --out NOTICES.txt to write them.</source>
        <translation>Die Lizenzhinweise liegen dem Installationsprogramm bei (THIRD-PARTY-NOTICES.txt). In einem Quellcode-Checkout schreibt python scripts/third_party_notices.py --out NOTICES.txt sie.</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Lizenzen</translation>
    </message>
    <message>
        <source>Licence notices</source>
        <translation>Lizenzhinweise</translation>
    </message>
</context>
<context>
    <name>ListeningOverlay</name>
    <message>
        <source>Chinwag is listening</source>
        <translation>Chinwag hört zu</translation>
    </message>
    <message>
        <source>Listening…</source>
        <translation>Hört zu…</translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation>Wird transkribiert…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>Werkzeugleiste</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Open the model manager</source>
        <translation>Modellverwaltung öffnen</translation>
    </message>
    <message>
        <source>Download, verify and delete language, speech and voice models (Ctrl+M)</source>
        <translation>Sprach-, Spracherkennungs- und Stimmmodelle herunterladen, prüfen und löschen (Strg+M)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Open settings</source>
        <translation>Einstellungen öffnen</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>Einstellungen (Strg+,)</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Every keyboard shortcut (F1)</source>
        <translation>Alle Tastenkürzel (F1)</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Über</translation>
    </message>
    <message>
        <source>About Chinwag</source>
        <translation>Über Chinwag</translation>
    </message>
    <message>
        <source>Version, and where the log file is</source>
        <translation>Version und Speicherort der Protokolldatei</translation>
    </message>
</context>
<context>
    <name>MessageInput</name>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Type a message; Enter sends it, Shift+Enter starts a new line</source>
        <translation>Nachricht eingeben; die Eingabetaste sendet sie, Umschalt+Eingabe beginnt eine neue Zeile</translation>
    </message>
    <message>
        <source>Type a message, or use {key} to talk…  (Enter sends, Shift+Enter new line)</source>
        <translation>Nachricht eingeben oder mit {key} sprechen…  (Eingabe sendet, Umschalt+Eingabe neue Zeile)</translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Your message</source>
        <translation>Ihre Nachricht</translation>
    </message>
    <message>
        <source>Chinwag&apos;s reply</source>
        <translation>Antwort von Chinwag</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy this message to the clipboard</source>
        <translation>Diese Nachricht in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Neu erzeugen</translation>
    </message>
    <message>
        <source>Write this reply again</source>
        <translation>Diese Antwort neu schreiben lassen</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Edit this message and send it again</source>
        <translation>Diese Nachricht bearbeiten und erneut senden</translation>
    </message>
    <message>
        <source>Speak</source>
        <translation>Vorlesen</translation>
    </message>
    <message>
        <source>Read this reply aloud</source>
        <translation>Diese Antwort vorlesen</translation>
    </message>
    <message>
        <source>Continue ▸</source>
        <translation>Weiter ▸</translation>
    </message>
    <message>
        <source>Write more of this reply, which the length limit cut off</source>
        <translation>Diese Antwort, die an der Längengrenze abbrach, weiterschreiben lassen</translation>
    </message>
    <message>
        <source>Show the earlier answer</source>
        <translation>Die frühere Antwort zeigen</translation>
    </message>
    <message>
        <source>Show the later answer</source>
        <translation>Die spätere Antwort zeigen</translation>
    </message>
    <message>
        <source>Which answer is shown</source>
        <translation>Welche Antwort gezeigt wird</translation>
    </message>
    <message>
        <source>writing…</source>
        <translation>schreibt…</translation>
    </message>
    <message>
        <source>This reply was cut off by the length limit</source>
        <translation>Diese Antwort wurde an der Längengrenze abgeschnitten</translation>
    </message>
    <message>
        <source>This reply was stopped before it finished</source>
        <translation>Diese Antwort wurde angehalten, bevor sie fertig war</translation>
    </message>
    <message>
        <source>Answer {index} of {count}</source>
        <translation>Antwort {index} von {count}</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>cut off at the length limit</source>
        <translation>an der Längengrenze abgeschnitten</translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <source>needs {size} RAM</source>
        <translation>braucht {size} RAM</translation>
    </message>
    <message>
        <source>✓ downloaded</source>
        <translation>✓ heruntergeladen</translation>
    </message>
    <message>
        <source>⤓ not downloaded</source>
        <translation>⤓ nicht heruntergeladen</translation>
    </message>
    <message>
        <source>⚠ too big for this computer</source>
        <translation>⚠ zu groß für diesen Computer</translation>
    </message>
    <message>
        <source>Not downloaded yet ({size}): it downloads when you press OK, with progress, cancel and resume; {meanwhile} until it is ready.</source>
        <translation>Noch nicht heruntergeladen ({size}): Der Download beginnt, wenn Sie OK drücken, mit Fortschrittsanzeige, Abbrechen und Fortsetzen; bis er fertig ist, {meanwhile}.</translation>
    </message>
    <message>
        <source>Not downloaded yet: it downloads when you press OK, with progress, cancel and resume; {meanwhile} until it is ready.</source>
        <translation>Noch nicht heruntergeladen: Der Download beginnt, wenn Sie OK drücken, mit Fortschrittsanzeige, Abbrechen und Fortsetzen; bis er fertig ist, {meanwhile}.</translation>
    </message>
</context>
<context>
    <name>ModelController</name>
    <message>
        <source>models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>{error} Using the bundled starter model instead.</source>
        <translation>{error} Stattdessen wird das mitgelieferte Startmodell verwendet.</translation>
    </message>
    <message>
        <source>{name} is not downloaded yet; speech input uses {current} meanwhile.</source>
        <translation>{name} ist noch nicht heruntergeladen; die Spracheingabe verwendet so lange {current}.</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>You are chatting with the small starter model, which works offline right away. For much better answers, download {name} ({size}).</source>
        <translation>Sie sprechen mit dem kleinen Startmodell, das sofort offline funktioniert. Viel bessere Antworten gibt {name} ({size}) – laden Sie es herunter.</translation>
    </message>
    <message>
        <source>Downloading {name}; keep chatting with the current model.</source>
        <translation>{name} wird heruntergeladen; unterhalten Sie sich so lange mit dem aktuellen Modell weiter.</translation>
    </message>
    <message>
        <source>Downloading {name}; speech input keeps the current model meanwhile.</source>
        <translation>{name} wird heruntergeladen; die Spracheingabe behält so lange das aktuelle Modell.</translation>
    </message>
    <message>
        <source>{error} Speech input is off until a speech model is available; typing works.</source>
        <translation>{error} Die Spracheingabe ist aus, bis ein Spracherkennungsmodell verfügbar ist; Tippen funktioniert.</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>kein Modell</translation>
    </message>
    <message>
        <source>Still answering with {name}.</source>
        <translation>Es antwortet weiterhin {name}.</translation>
    </message>
    <message>
        <source>{error} Typing still works.</source>
        <translation>{error} Tippen funktioniert weiterhin.</translation>
    </message>
</context>
<context>
    <name>ModelManagerController</name>
    <message>
        <source>Downloaded and verified.</source>
        <translation>Heruntergeladen und geprüft.</translation>
    </message>
    <message>
        <source>Verifying {name}…</source>
        <translation>{name} wird geprüft…</translation>
    </message>
    <message>
        <source>✓ Verified: every file matches its checksum.</source>
        <translation>✓ Geprüft: Jede Datei stimmt mit ihrer Prüfsumme überein.</translation>
    </message>
    <message>
        <source>Verification cancelled.</source>
        <translation>Prüfung abgebrochen.</translation>
    </message>
    <message>
        <source>{name} is in use: choose another model first, then delete it.</source>
        <translation>{name} wird gerade verwendet: Wählen Sie zuerst ein anderes Modell und löschen Sie es dann.</translation>
    </message>
    <message>
        <source>Delete {name} ({size}) from this computer? It can be downloaded again later.</source>
        <translation>{name} ({size}) von diesem Computer löschen? Es kann später wieder heruntergeladen werden.</translation>
    </message>
    <message>
        <source>Take {name} off the list? Its file stays where it is.</source>
        <translation>{name} von der Liste nehmen? Die Datei bleibt, wo sie ist.</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>Modell löschen</translation>
    </message>
    <message>
        <source>Remove model</source>
        <translation>Modell entfernen</translation>
    </message>
    <message>
        <source>Confirm delete</source>
        <translation>Löschen bestätigen</translation>
    </message>
    <message>
        <source>{name} was deleted; {size} freed.</source>
        <translation>{name} wurde gelöscht; {size} freigegeben.</translation>
    </message>
    <message>
        <source>{name} was taken off the list.</source>
        <translation>{name} wurde von der Liste genommen.</translation>
    </message>
    <message>
        <source>There is nothing on disk to show yet.</source>
        <translation>Auf dem Datenträger gibt es noch nichts zu zeigen.</translation>
    </message>
    <message>
        <source>No file manager could be opened. The model is in {folder}</source>
        <translation>Es ließ sich keine Dateiverwaltung öffnen. Das Modell liegt in {folder}</translation>
    </message>
    <message>
        <source>Asking the Hub about {repo}…</source>
        <translation>Der Hub wird nach {repo} gefragt…</translation>
    </message>
    <message>
        <source>Added {name}: select it above and press Download.</source>
        <translation>{name} hinzugefügt: Wählen Sie es oben aus und drücken Sie „Download“.</translation>
    </message>
    <message>
        <source>Add a local model</source>
        <translation>Lokales Modell hinzufügen</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>{name} wird geprüft…</translation>
    </message>
    <message>
        <source>Added {name}.</source>
        <translation>{name} hinzugefügt.</translation>
    </message>
    <message>
        <source>⚠ Not added. {why}</source>
        <translation>⚠ Nicht hinzugefügt. {why}</translation>
    </message>
    <message>
        <source>The bytes downloaded so far are kept: Resume continues from there.</source>
        <translation>Was bisher heruntergeladen wurde, bleibt erhalten: „Fortsetzen“ macht dort weiter.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
</context>
<context>
    <name>ModelManagerView</name>
    <message>
        <source>Language</source>
        <translation>Sprachmodell</translation>
    </message>
    <message>
        <source>Speech</source>
        <translation>Spracherkennung</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Stimme</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>On disk</source>
        <translation>Auf dem Datenträger</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Arbeitsspeicher</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <source>Hub</source>
        <translation>Hub</translation>
    </message>
    <message>
        <source>local file</source>
        <translation>lokale Datei</translation>
    </message>
    <message>
        <source>bundled</source>
        <translation>mitgeliefert</translation>
    </message>
    <message>
        <source>✓ Downloaded</source>
        <translation>✓ Heruntergeladen</translation>
    </message>
    <message>
        <source>✓ Comes with the app</source>
        <translation>✓ Mitgeliefert</translation>
    </message>
    <message>
        <source>✓ Your file</source>
        <translation>✓ Ihre Datei</translation>
    </message>
    <message>
        <source>Partly downloaded ({size} kept)</source>
        <translation>Teilweise heruntergeladen ({size} vorhanden)</translation>
    </message>
    <message>
        <source>⚠ File missing</source>
        <translation>⚠ Datei fehlt</translation>
    </message>
    <message>
        <source>Not downloaded</source>
        <translation>Nicht heruntergeladen</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Wird heruntergeladen…</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In der Warteschlange</translation>
    </message>
    <message>
        <source>{status} · in use</source>
        <translation>{status} · in Verwendung</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Model manager</source>
        <translation>Modellverwaltung</translation>
    </message>
    <message>
        <source>This computer has {size} GB of memory.</source>
        <translation>Dieser Computer hat {size} GB Arbeitsspeicher.</translation>
    </message>
    <message>
        <source>This computer&apos;s memory is unknown.</source>
        <translation>Der Arbeitsspeicher dieses Computers ist unbekannt.</translation>
    </message>
    <message>
        <source>Language models answer, speech models listen (Whisper), voices speak (Piper). {memory} A model marked ⚠ needs more memory than Chinwag can safely use here.</source>
        <translation>Sprachmodelle antworten, Spracherkennungsmodelle hören zu (Whisper), Stimmen sprechen (Piper). {memory} Ein mit ⚠ markiertes Modell braucht mehr Arbeitsspeicher, als Chinwag hier sicher nutzen kann.</translation>
    </message>
    <message>
        <source>Choose a model in the list.</source>
        <translation>Wählen Sie ein Modell in der Liste.</translation>
    </message>
    <message>
        <source>Selected model</source>
        <translation>Gewähltes Modell</translation>
    </message>
    <message>
        <source>Model download progress</source>
        <translation>Download-Fortschritt des Modells</translation>
    </message>
    <message>
        <source>Model manager status</source>
        <translation>Status der Modellverwaltung</translation>
    </message>
    <message>
        <source>Download the selected model</source>
        <translation>Das gewählte Modell herunterladen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the download or check</source>
        <translation>Download oder Prüfung abbrechen</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Resume the download from the kept bytes</source>
        <translation>Den Download ab den vorhandenen Daten fortsetzen</translation>
    </message>
    <message>
        <source>Verify again</source>
        <translation>Erneut prüfen</translation>
    </message>
    <message>
        <source>Check the files against their checksums</source>
        <translation>Die Dateien mit ihren Prüfsummen vergleichen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete the selected model from this computer</source>
        <translation>Das gewählte Modell von diesem Computer löschen</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Im Ordner zeigen</translation>
    </message>
    <message>
        <source>Open the folder the model is in</source>
        <translation>Den Ordner öffnen, in dem das Modell liegt</translation>
    </message>
    <message>
        <source>Hub repository id</source>
        <translation>Hub-Repository</translation>
    </message>
    <message>
        <source>owner/name on the Hugging Face Hub, e.g. unsloth/Llama-3.2-1B-Instruct-GGUF</source>
        <translation>besitzer/name auf dem Hugging Face Hub, z. B. unsloth/Llama-3.2-1B-Instruct-GGUF</translation>
    </message>
    <message>
        <source>Hub revision</source>
        <translation>Hub-Revision</translation>
    </message>
    <message>
        <source>List files</source>
        <translation>Dateien auflisten</translation>
    </message>
    <message>
        <source>Ask the Hub which files the repository holds</source>
        <translation>Den Hub fragen, welche Dateien das Repository enthält</translation>
    </message>
    <message>
        <source>Files in the Hub repository</source>
        <translation>Dateien im Hub-Repository</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Verwendung</translation>
    </message>
    <message>
        <source>Add this file</source>
        <translation>Diese Datei hinzufügen</translation>
    </message>
    <message>
        <source>Add the selected file to the list of models</source>
        <translation>Die gewählte Datei zur Liste der Modelle hinzufügen</translation>
    </message>
    <message>
        <source>Add a local .gguf…</source>
        <translation>Lokale .gguf hinzufügen…</translation>
    </message>
    <message>
        <source>Add a model file already on this computer</source>
        <translation>Eine Modelldatei hinzufügen, die schon auf diesem Computer liegt</translation>
    </message>
    <message>
        <source>Adding a model</source>
        <translation>Modell hinzufügen</translation>
    </message>
    <message>
        <source>Add a model</source>
        <translation>Modell hinzufügen</translation>
    </message>
    <message>
        <source>{need} of {total} GB</source>
        <translation>{need} von {total} GB</translation>
    </message>
    <message>
        <source>{need} GB</source>
        <translation>{need} GB</translation>
    </message>
    <message>
        <source>Needs more than 80 % of this computer&apos;s memory: it may not load, or make everything slow.</source>
        <translation>Braucht mehr als 80 % des Arbeitsspeichers dieses Computers: Es lädt womöglich nicht oder macht alles langsam.</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>Von der Liste nehmen</translation>
    </message>
    <message>
        <source>In use: choose another model first</source>
        <translation>In Verwendung: Wählen Sie zuerst ein anderes Modell</translation>
    </message>
    <message>
        <source>Delete the model&apos;s files from this computer</source>
        <translation>Die Dateien des Modells von diesem Computer löschen</translation>
    </message>
    <message>
        <source>Take it off the list (your own file is not touched)</source>
        <translation>Von der Liste nehmen (Ihre eigene Datei bleibt unberührt)</translation>
    </message>
    <message>
        <source>Downloading: {done} of {total}</source>
        <translation>Download: {done} von {total}</translation>
    </message>
    <message>
        <source>Verifying: {done} of {total}</source>
        <translation>Prüfung: {done} von {total}</translation>
    </message>
    <message>
        <source>Asking the Hub…</source>
        <translation>Der Hub wird gefragt…</translation>
    </message>
    <message>
        <source>language model</source>
        <translation>Sprachmodell</translation>
    </message>
    <message>
        <source>voice (with its .onnx.json)</source>
        <translation>Stimme (mit ihrer .onnx.json)</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message>
        <source>{files}, {usable} of them models Chinwag can use. Choose one and add it.</source>
        <translation>{files}, davon {usable} Modelle, die Chinwag verwenden kann. Wählen Sie eines und fügen Sie es hinzu.</translation>
    </message>
    <message>
        <source>{files}, none a .gguf model or a Piper voice.</source>
        <translation>{files}, darunter kein .gguf-Modell und keine Piper-Stimme.</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
</context>
<context>
    <name>ModelWorker</name>
    <message>
        <source>Cannot load {name}: {error}. Choose another model.</source>
        <translation>{name} lässt sich nicht laden: {error}. Wählen Sie ein anderes Modell.</translation>
    </message>
    <message>
        <source>No language model is loaded. Choose one in Settings (Ctrl+,).</source>
        <translation>Es ist kein Sprachmodell geladen. Wählen Sie eines in den Einstellungen (Strg+,).</translation>
    </message>
    <message>
        <source>The speech model is not loaded. Choose one in Settings.</source>
        <translation>Das Spracherkennungsmodell ist nicht geladen. Wählen Sie eines in den Einstellungen.</translation>
    </message>
    <message>
        <source>Nothing heard: hold the key while you speak, a little closer to the microphone.</source>
        <translation>Nichts gehört: Halten Sie die Taste gedrückt, während Sie sprechen, etwas näher am Mikrofon.</translation>
    </message>
    <message>
        <source>Nothing heard: no words were recognised. Try again, a little louder.</source>
        <translation>Nichts gehört: Es wurden keine Wörter erkannt. Versuchen Sie es noch einmal, etwas lauter.</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Dismiss notice</source>
        <translation>Hinweis schließen</translation>
    </message>
</context>
<context>
    <name>PushToTalk</name>
    <message>
        <source>The microphone could not be opened ({error}). Try again, or choose another microphone in Settings; typing still works.</source>
        <translation>Das Mikrofon ließ sich nicht öffnen ({error}). Versuchen Sie es noch einmal oder wählen Sie in den Einstellungen ein anderes Mikrofon; Tippen funktioniert weiterhin.</translation>
    </message>
    <message>
        <source>The microphone could not be closed ({error}). Try again, or choose another microphone in Settings; typing still works.</source>
        <translation>Das Mikrofon ließ sich nicht schließen ({error}). Versuchen Sie es noch einmal oder wählen Sie in den Einstellungen ein anderes Mikrofon; Tippen funktioniert weiterhin.</translation>
    </message>
</context>
<context>
    <name>PushToTalkButton</name>
    <message>
        <source>Hold to talk</source>
        <translation>Zum Sprechen halten</translation>
    </message>
    <message>
        <source>Push to talk</source>
        <translation>Sprechtaste</translation>
    </message>
    <message>
        <source>Hold this button, or hold the push-to-talk key, while you speak</source>
        <translation>Halten Sie beim Sprechen diese Schaltfläche oder die Sprechtaste gedrückt</translation>
    </message>
    <message>
        <source>●  Recording… press again to send</source>
        <translation>●  Aufnahme… zum Senden erneut drücken</translation>
    </message>
    <message>
        <source>●  Recording… let go to send</source>
        <translation>●  Aufnahme… zum Senden loslassen</translation>
    </message>
    <message>
        <source>Press {key} to talk</source>
        <translation>Zum Sprechen {key} drücken</translation>
    </message>
    <message>
        <source>Hold to talk  (or hold {key})</source>
        <translation>Zum Sprechen halten  (oder {key} halten)</translation>
    </message>
</context>
<context>
    <name>RemoteTalk</name>
    <message>
        <source>Release {key} to type it into the window in front</source>
        <translation>{key} loslassen, um es in das Fenster im Vordergrund zu tippen</translation>
    </message>
    <message>
        <source>Release {key} to send it</source>
        <translation>Zum Senden {key} loslassen</translation>
    </message>
    <message>
        <source>Press {key} again to type it into the window in front</source>
        <translation>{key} erneut drücken, um es in das Fenster im Vordergrund zu tippen</translation>
    </message>
    <message>
        <source>Press {key} again to send it</source>
        <translation>Zum Senden {key} erneut drücken</translation>
    </message>
    <message>
        <source>Choose “Stop and send” in the tray menu to send it</source>
        <translation>Zum Senden im Menü des Infobereichs „Beenden und senden“ wählen</translation>
    </message>
</context>
<context>
    <name>ServerBox</name>
    <message>
        <source>Local API server</source>
        <translation>Lokaler API-Server</translation>
    </message>
    <message>
        <source>Let other apps on this computer use Chinwag&apos;s models</source>
        <translation>Andere Anwendungen auf diesem Computer dürfen die Modelle von Chinwag nutzen</translation>
    </message>
    <message>
        <source>API server port</source>
        <translation>Port des API-Servers</translation>
    </message>
    <message>
        <source>API server address</source>
        <translation>Adresse des API-Servers</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>Schlüssel kopieren</translation>
    </message>
    <message>
        <source>Copy the API key</source>
        <translation>Den API-Schlüssel kopieren</translation>
    </message>
    <message>
        <source>Require the key (off: any program on this computer may use the models)</source>
        <translation>Schlüssel verlangen (aus: jedes Programm auf diesem Computer darf die Modelle nutzen)</translation>
    </message>
    <message>
        <source>Require the API key</source>
        <translation>Den API-Schlüssel verlangen</translation>
    </message>
    <message>
        <source>Actions other apps may run</source>
        <translation>Aktionen, die andere Apps ausführen dürfen</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Read-only: the time, the date, calculations, unit conversions</source>
        <translation>Nur lesend: Uhrzeit, Datum, Rechnungen, Einheiten umrechnen</translation>
    </message>
    <message>
        <source>All: also set, list and cancel timers and reminders on this desktop</source>
        <translation>Alle: auch Timer und Erinnerungen auf diesem Computer stellen, auflisten und löschen</translation>
    </message>
    <message>
        <source>Programs that use the API may ask Chinwag to run these actions for them, as tools named {prefix}…; anything not allowed here is refused.</source>
        <translation>Programme, die die API nutzen, können Chinwag bitten, diese Aktionen für sie auszuführen, als Werkzeuge namens {prefix}…; was hier nicht erlaubt ist, wird abgelehnt.</translation>
    </message>
    <message>
        <source>Only this computer can connect (127.0.0.1). Clients send the key as “Authorization: Bearer …”; web pages are refused.</source>
        <translation>Nur dieser Computer kann sich verbinden (127.0.0.1). Clients senden den Schlüssel als „Authorization: Bearer …“; Webseiten werden abgewiesen.</translation>
    </message>
    <message>
        <source>P&amp;ort</source>
        <translation>P&amp;ort</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>API &amp;key</source>
        <translation>API-Schl&amp;üssel</translation>
    </message>
    <message>
        <source>Actions other apps may &amp;run</source>
        <translation>Aktionen, die andere Apps &amp;ausführen dürfen</translation>
    </message>
</context>
<context>
    <name>ServerController</name>
    <message>
        <source>The local API server was not started: {error}</source>
        <translation>Der lokale API-Server wurde nicht gestartet: {error}</translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <source>Reading the key from the system keyring…</source>
        <translation>Der Schlüssel wird aus dem Schlüsselbund des Systems gelesen…</translation>
    </message>
    <message>
        <source>The window&apos;s language changes when Chinwag restarts.</source>
        <translation>Die Sprache des Fensters wechselt beim nächsten Start von Chinwag.</translation>
    </message>
    <message>
        <source>Hugging Face token saved in {where}.</source>
        <translation>Hugging-Face-Token gespeichert in {where}.</translation>
    </message>
    <message>
        <source>The Hugging Face token was removed.</source>
        <translation>Das Hugging-Face-Token wurde entfernt.</translation>
    </message>
    <message>
        <source>The Hugging Face token could not be saved: {error}</source>
        <translation>Das Hugging-Face-Token konnte nicht gespeichert werden: {error}</translation>
    </message>
    <message>
        <source>{name} is in use: choose another model first, then delete it.</source>
        <translation>{name} wird gerade verwendet: Wählen Sie zuerst ein anderes Modell und löschen Sie es dann.</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>Modell löschen</translation>
    </message>
    <message>
        <source>Delete {name} from this computer? It can be downloaded again later.</source>
        <translation>{name} von diesem Computer löschen? Es kann später wieder heruntergeladen werden.</translation>
    </message>
    <message>
        <source>Confirm delete</source>
        <translation>Löschen bestätigen</translation>
    </message>
    <message>
        <source>Done: that was the voice as chosen.</source>
        <translation>Fertig: So klingt die gewählte Stimme.</translation>
    </message>
    <message>
        <source>The voice test failed: {error}</source>
        <translation>Der Stimmtest ist fehlgeschlagen: {error}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Automatic (detect)</source>
        <translation>Automatisch (erkennen)</translation>
    </message>
    <message>
        <source>Chinwag settings</source>
        <translation>Einstellungen von Chinwag</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Language model</source>
        <translation>Sprachmodell</translation>
    </message>
    <message>
        <source>Memory warning</source>
        <translation>Warnung zum Arbeitsspeicher</translation>
    </message>
    <message>
        <source>Add a local .gguf…</source>
        <translation>Lokale .gguf hinzufügen…</translation>
    </message>
    <message>
        <source>Add a local GGUF model file</source>
        <translation>Eine lokale GGUF-Modelldatei hinzufügen</translation>
    </message>
    <message>
        <source>Manage models…</source>
        <translation>Modelle verwalten…</translation>
    </message>
    <message>
        <source>Open the model manager</source>
        <translation>Modellverwaltung öffnen</translation>
    </message>
    <message>
        <source>Every language, speech and voice model: download, verify, delete, add from the Hub</source>
        <translation>Alle Sprach-, Spracherkennungs- und Stimmmodelle: herunterladen, prüfen, löschen, vom Hub hinzufügen</translation>
    </message>
    <message>
        <source>Speech model</source>
        <translation>Spracherkennungsmodell</translation>
    </message>
    <message>
        <source>Speech model information</source>
        <translation>Angaben zum Spracherkennungsmodell</translation>
    </message>
    <message>
        <source>Speech language</source>
        <translation>Gesprochene Sprache</translation>
    </message>
    <message>
        <source>Hugging Face access token</source>
        <translation>Hugging-Face-Zugriffstoken</translation>
    </message>
    <message>
        <source>Remove the saved token</source>
        <translation>Das gespeicherte Token entfernen</translation>
    </message>
    <message>
        <source>Downloaded models</source>
        <translation>Heruntergeladene Modelle</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>On disk</source>
        <translation>Auf dem Datenträger</translation>
    </message>
    <message>
        <source>Disk space used by models</source>
        <translation>Von Modellen belegter Speicherplatz</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Mikrofon</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <source>Test microphone</source>
        <translation>Mikrofon testen</translation>
    </message>
    <message>
        <source>Microphone test level</source>
        <translation>Pegel des Mikrofontests</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Top p</source>
        <translation>Top p</translation>
    </message>
    <message>
        <source>Top k</source>
        <translation>Top k</translation>
    </message>
    <message>
        <source>Maximum reply tokens</source>
        <translation>Höchstzahl der Tokens einer Antwort</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Systemprompt</translation>
    </message>
    <message>
        <source>Use this prompt only with this model</source>
        <translation>Diesen Prompt nur mit diesem Modell verwenden</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>Context size</source>
        <translation>Kontextgröße</translation>
    </message>
    <message>
        <source>{count} tokens</source>
        <translation>{count} Tokens</translation>
    </message>
    <message>
        <source>Push-to-talk key</source>
        <translation>Sprechtaste</translation>
    </message>
    <message>
        <source>Push-to-talk mode</source>
        <translation>Modus der Sprechtaste</translation>
    </message>
    <message>
        <source>Hold the key while speaking</source>
        <translation>Taste beim Sprechen gedrückt halten</translation>
    </message>
    <message>
        <source>Press once to start, again to send</source>
        <translation>Einmal drücken zum Beginnen, erneut zum Senden</translation>
    </message>
    <message>
        <source>Let me check the transcript before it is sent</source>
        <translation>Transkript vor dem Senden zum Prüfen anzeigen</translation>
    </message>
    <message>
        <source>Play a short sound when recording starts and stops</source>
        <translation>Kurzen Ton zu Beginn und Ende der Aufnahme abspielen</translation>
    </message>
    <message>
        <source>Talk from any app with a global key (works while Chinwag is in the back)</source>
        <translation>Mit einer globalen Taste aus jeder Anwendung sprechen (funktioniert auch, wenn Chinwag im Hintergrund ist)</translation>
    </message>
    <message>
        <source>Global push-to-talk key</source>
        <translation>Globale Sprechtaste</translation>
    </message>
    <message>
        <source>Global push-to-talk key combination</source>
        <translation>Tastenkombination der globalen Sprechtaste</translation>
    </message>
    <message>
        <source>Why the global key is not available</source>
        <translation>Warum die globale Taste nicht verfügbar ist</translation>
    </message>
    <message>
        <source>Type what I say: the global key types my words into the app in front, instead of sending them to Chinwag</source>
        <translation>Tippen, was ich sage: Die globale Taste tippt meine Worte in die Anwendung im Vordergrund, statt sie an Chinwag zu senden</translation>
    </message>
    <message>
        <source>Type what I say</source>
        <translation>Tippen, was ich sage</translation>
    </message>
    <message>
        <source>Show Chinwag in the system tray (show or hide, talk, quit)</source>
        <translation>Chinwag im Infobereich zeigen (zeigen oder ausblenden, sprechen, beenden)</translation>
    </message>
    <message>
        <source>Tray icon</source>
        <translation>Symbol im Infobereich</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Erscheinungsbild</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Window language</source>
        <translation>Sprache des Fensters</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Sprache des Systems</translation>
    </message>
    <message>
        <source>The window&apos;s language changes when Chinwag restarts.</source>
        <translation>Die Sprache des Fensters wechselt beim nächsten Start von Chinwag.</translation>
    </message>
    <message>
        <source>When the window language changes</source>
        <translation>Wann die Sprache des Fensters wechselt</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>&amp;Language model</source>
        <translation>&amp;Sprachmodell</translation>
    </message>
    <message>
        <source>&amp;Speech model</source>
        <translation>Spracherkennungs&amp;modell</translation>
    </message>
    <message>
        <source>Speech lan&amp;guage</source>
        <translation>&amp;Gesprochene Sprache</translation>
    </message>
    <message>
        <source>Hugging Face &amp;token</source>
        <translation>Hugging-Face-&amp;Token</translation>
    </message>
    <message>
        <source>Microphone and talking</source>
        <translation>Mikrofon und Sprechen</translation>
    </message>
    <message>
        <source>&amp;Microphone</source>
        <translation>Mikr&amp;ofon</translation>
    </message>
    <message>
        <source>Push-to-talk &amp;key</source>
        <translation>Sp&amp;rechtaste</translation>
    </message>
    <message>
        <source>Push-to-talk m&amp;ode</source>
        <translation>Mo&amp;dus der Sprechtaste</translation>
    </message>
    <message>
        <source>&amp;Global key</source>
        <translation>G&amp;lobale Taste</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>&amp;Temperature</source>
        <translation>Temperat&amp;ur</translation>
    </message>
    <message>
        <source>Top &amp;p</source>
        <translation>Top &amp;p</translation>
    </message>
    <message>
        <source>Top &amp;k</source>
        <translation>Top &amp;k</translation>
    </message>
    <message>
        <source>Ma&amp;x tokens</source>
        <translation>Höchst&amp;zahl Tokens</translation>
    </message>
    <message>
        <source>S&amp;ystem prompt</source>
        <translation>S&amp;ystemprompt</translation>
    </message>
    <message>
        <source>T&amp;hreads</source>
        <translation>T&amp;hreads</translation>
    </message>
    <message>
        <source>&amp;Context size</source>
        <translation>Ko&amp;ntextgröße</translation>
    </message>
    <message>
        <source>Th&amp;eme</source>
        <translation>Erscheinungs&amp;bild</translation>
    </message>
    <message>
        <source>&amp;Window language</source>
        <translation>Sprache des &amp;Fensters</translation>
    </message>
    <message>
        <source>Turn on the global key first: dictation is what that key does when this is on.</source>
        <translation>Schalten Sie zuerst die globale Taste ein: Diktieren ist das, was diese Taste tut, wenn dies eingeschaltet ist.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete {name}</source>
        <translation>{name} löschen</translation>
    </message>
    <message numerus="yes">
        <source>Total: {size} in %n downloaded model(s)</source>
        <translation>
            <numerusform>Insgesamt: {size} in %n heruntergeladenen Modell</numerusform>
            <numerusform>Insgesamt: {size} in %n heruntergeladenen Modellen</numerusform>
        </translation>
    </message>
    <message>
        <source>No downloaded models.</source>
        <translation>Keine heruntergeladenen Modelle.</translation>
    </message>
    <message>
        <source>speech input keeps the current model</source>
        <translation>behält die Spracheingabe das aktuelle Modell</translation>
    </message>
    <message>
        <source>Not downloaded yet: it downloads when you press OK (you can keep chatting meanwhile).</source>
        <translation>Noch nicht heruntergeladen: Der Download beginnt, wenn Sie OK drücken (Sie können so lange weiter chatten).</translation>
    </message>
    <message>
        <source>{size} GB</source>
        <translation>{size} GB</translation>
    </message>
    <message>
        <source>too little memory</source>
        <translation>zu wenig Arbeitsspeicher</translation>
    </message>
    <message>
        <source>⚠ This model needs about {need} GB of memory and this computer has {memory}: it may be very slow or fail to load. Choose a smaller one.</source>
        <translation>⚠ Dieses Modell braucht etwa {need} GB Arbeitsspeicher, und dieser Computer hat {memory}: Es kann sehr langsam sein oder gar nicht laden. Wählen Sie ein kleineres.</translation>
    </message>
    <message>
        <source>Add a local model</source>
        <translation>Lokales Modell hinzufügen</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>{name} wird geprüft…</translation>
    </message>
    <message>
        <source>⚠ Not added. {why}</source>
        <translation>⚠ Nicht hinzugefügt. {why}</translation>
    </message>
    <message>
        <source>Speak: the bar should move.</source>
        <translation>Sprechen Sie: Der Balken sollte sich bewegen.</translation>
    </message>
    <message>
        <source>A token is saved; type a new one to replace it</source>
        <translation>Ein Token ist gespeichert; geben Sie ein neues ein, um es zu ersetzen</translation>
    </message>
    <message>
        <source>hf_… (only for models that need a Hugging Face login)</source>
        <translation>hf_… (nur für Modelle, die eine Hugging-Face-Anmeldung brauchen)</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>(no description)</source>
        <translation>(keine Beschreibung)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Everything Chinwag does from the keyboard. Keys marked * can be changed in Settings.</source>
        <translation>Alles, was Chinwag über die Tastatur kann. Mit * markierte Tasten lassen sich in den Einstellungen ändern.</translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Was sie bewirkt</translation>
    </message>
</context>
<context>
    <name>SpeechController</name>
    <message>
        <source>Replies in {language} are not read aloud: their voice, {voice}, is not downloaded.</source>
        <translation>Antworten auf {language} werden nicht vorgelesen: Ihre Stimme, {voice}, ist nicht heruntergeladen.</translation>
    </message>
    <message>
        <source>No voice reads {language}: replies in {language} are shown, not read aloud.</source>
        <translation>Keine Stimme liest {language}: Antworten auf {language} werden angezeigt, nicht vorgelesen.</translation>
    </message>
    <message>
        <source>Chinwag cannot speak: the voice did not load ({error}).</source>
        <translation>Chinwag kann nicht sprechen: Die Stimme ließ sich nicht laden ({error}).</translation>
    </message>
</context>
<context>
    <name>TimerCard</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel {alarm}</source>
        <translation>{alarm} abbrechen</translation>
    </message>
    <message>
        <source>{alarm}: {left} left</source>
        <translation>{alarm}: noch {left}</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Chinwag tray menu</source>
        <translation>Menü von Chinwag im Infobereich</translation>
    </message>
    <message>
        <source>Hide Chinwag</source>
        <translation>Chinwag ausblenden</translation>
    </message>
    <message>
        <source>Start talking</source>
        <translation>Sprechen beginnen</translation>
    </message>
    <message>
        <source>Quit Chinwag</source>
        <translation>Chinwag beenden</translation>
    </message>
    <message>
        <source>Timers and reminders</source>
        <translation>Timer und Erinnerungen</translation>
    </message>
    <message>
        <source>Chinwag: offline voice assistant</source>
        <translation>Chinwag: Sprachassistent ohne Internet</translation>
    </message>
    <message>
        <source>Stop and send</source>
        <translation>Beenden und senden</translation>
    </message>
    <message>
        <source>Chinwag: listening…</source>
        <translation>Chinwag: hört zu…</translation>
    </message>
    <message>
        <source>None set</source>
        <translation>Keine gestellt</translation>
    </message>
    <message>
        <source>Cancel {alarm} ({left})</source>
        <translation>{alarm} abbrechen ({left})</translation>
    </message>
    <message>
        <source>Show Chinwag</source>
        <translation>Chinwag zeigen</translation>
    </message>
</context>
<context>
    <name>VoiceBox</name>
    <message>
        <source>Voice and conversation</source>
        <translation>Stimme und Gespräch</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Stimme</translation>
    </message>
    <message>
        <source>Voice information</source>
        <translation>Angaben zur Stimme</translation>
    </message>
    <message>
        <source>Voice for each language</source>
        <translation>Stimme für jede Sprache</translation>
    </message>
    <message>
        <source>Voice for {language}</source>
        <translation>Stimme für {language}</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>The voice above when it speaks {language}, else the first voice for {language}</source>
        <translation>Die Stimme oben, wenn sie {language} spricht, sonst die erste Stimme für {language}</translation>
    </message>
    <message>
        <source>Each reply is read by the voice of its language:</source>
        <translation>Jede Antwort wird von der Stimme ihrer Sprache vorgelesen:</translation>
    </message>
    <message>
        <source>Voice for each language…</source>
        <translation>Stimme für jede Sprache…</translation>
    </message>
    <message>
        <source>Which voice reads replies in German, French, Spanish…</source>
        <translation>Welche Stimme Antworten auf Deutsch, Französisch, Spanisch … vorliest</translation>
    </message>
    <message>
        <source>Speaking speed</source>
        <translation>Sprechgeschwindigkeit</translation>
    </message>
    <message>
        <source>Speaking volume</source>
        <translation>Lautstärke</translation>
    </message>
    <message>
        <source>Speaker (output device)</source>
        <translation>Lautsprecher (Ausgabegerät)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>{name} (not connected)</source>
        <translation>{name} (nicht angeschlossen)</translation>
    </message>
    <message>
        <source>Voice test status</source>
        <translation>Status des Stimmtests</translation>
    </message>
    <message>
        <source>Test voice</source>
        <translation>Stimme testen</translation>
    </message>
    <message>
        <source>Test the voice</source>
        <translation>Die Stimme testen</translation>
    </message>
    <message>
        <source>Read a sentence with this voice, speed, volume and speaker</source>
        <translation>Einen Satz mit dieser Stimme, Geschwindigkeit, Lautstärke und diesem Lautsprecher vorlesen</translation>
    </message>
    <message>
        <source>Show what I say while I hold the key</source>
        <translation>Zeigen, was ich sage, während ich die Taste halte</translation>
    </message>
    <message>
        <source>Conversation mode: after a spoken reply, listen for the next question without a key (Esc leaves it)</source>
        <translation>Gesprächsmodus: Nach einer gesprochenen Antwort ohne Taste auf die nächste Frage hören (Esc beendet ihn)</translation>
    </message>
    <message>
        <source>Silence that ends a question</source>
        <translation>Stille, die eine Frage beendet</translation>
    </message>
    <message>
        <source> s of silence</source>
        <translation> s Stille</translation>
    </message>
    <message>
        <source>&amp;Voice</source>
        <translation>St&amp;imme</translation>
    </message>
    <message>
        <source>Spee&amp;d</source>
        <translation>Gesch&amp;windigkeit</translation>
    </message>
    <message>
        <source>&amp;Volume</source>
        <translation>Lautst&amp;ärke</translation>
    </message>
    <message>
        <source>Spea&amp;ker</source>
        <translation>Lautspre&amp;cher</translation>
    </message>
    <message>
        <source>A question &amp;ends after</source>
        <translation>Eine Frage &amp;endet nach</translation>
    </message>
    <message>
        <source>replies are read with the current voice</source>
        <translation>werden Antworten mit der aktuellen Stimme vorgelesen</translation>
    </message>
    <message>
        <source>Speaking…</source>
        <translation>Spricht…</translation>
    </message>
</context>
<context>
    <name>WindowController</name>
    <message>
        <source>{error} {seconds} s were recorded before that.</source>
        <translation>{error} Davor wurden {seconds} s aufgenommen.</translation>
    </message>
    <message>
        <source>Transcribe what was recorded</source>
        <translation>Das Aufgenommene transkribieren</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Typed one word into the window in front</source>
        <translation>Ein Wort in das Fenster im Vordergrund getippt</translation>
    </message>
    <message>
        <source>Typed {count} words into the window in front</source>
        <translation>{count} Wörter in das Fenster im Vordergrund getippt</translation>
    </message>
    <message>
        <source>Your words could not be typed into the window in front: {why} They are in Chinwag&apos;s text box.</source>
        <translation>Ihre Worte konnten nicht in das Fenster im Vordergrund getippt werden: {why} Sie stehen im Textfeld von Chinwag.</translation>
    </message>
    <message>
        <source>Dictation failed: {error}.</source>
        <translation>Das Diktat ist fehlgeschlagen: {error}.</translation>
    </message>
    <message>
        <source>Recording stopped at the {limit} s limit and was not sent. Transcribe it to read it first?</source>
        <translation>Die Aufnahme wurde an der Grenze von {limit} s beendet und nicht gesendet. Erst transkribieren und lesen?</translation>
    </message>
    <message>
        <source>Transcribe</source>
        <translation>Transkribieren</translation>
    </message>
    <message>
        <source>Recording discarded: Chinwag lost focus, so the microphone was closed. Nothing was sent.</source>
        <translation>Aufnahme verworfen: Chinwag hat den Fokus verloren, deshalb wurde das Mikrofon geschlossen. Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>Recording cancelled. Nothing was sent.</source>
        <translation>Aufnahme abgebrochen. Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>Recording discarded.</source>
        <translation>Aufnahme verworfen.</translation>
    </message>
    <message>
        <source>The global push-to-talk key is off. {why}</source>
        <translation>Die globale Sprechtaste ist aus. {why}</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Leertaste</translation>
    </message>
    <message>
        <source>Hold to talk, let go to send (outside a text field)</source>
        <translation>Zum Sprechen halten, zum Senden loslassen (außerhalb eines Textfelds)</translation>
    </message>
    <message>
        <source>Press to start talking, again to send</source>
        <translation>Drücken zum Sprechen, erneut drücken zum Senden</translation>
    </message>
    <message>
        <source>Send the typed message</source>
        <translation>Die getippte Nachricht senden</translation>
    </message>
    <message>
        <source>A new line in the message</source>
        <translation>Eine neue Zeile in der Nachricht</translation>
    </message>
    <message>
        <source>Talk from any application (global key)</source>
        <translation>Aus jeder Anwendung sprechen (globale Taste)</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Downloading the voice {name}; replies are read with the current voice meanwhile.</source>
        <translation>Die Stimme {name} wird heruntergeladen; Antworten werden so lange mit der aktuellen Stimme vorgelesen.</translation>
    </message>
    <message>
        <source>from source</source>
        <translation>aus dem Quellcode</translation>
    </message>
    <message>
        <source>not loaded yet</source>
        <translation>noch nicht geladen</translation>
    </message>
    <message>
        <source>About Chinwag</source>
        <translation>Über Chinwag</translation>
    </message>
    <message>
        <source>Chinwag {version}: an offline push-to-talk voice assistant.

llama.cpp CPU code: {cpu}
Log file: {log}</source>
        <translation>Chinwag {version}: ein Sprachassistent mit Sprechtaste, der ohne Internet arbeitet.

CPU-Code von llama.cpp: {cpu}
Protokolldatei: {log}</translation>
    </message>
    <message>
        <source>Licence: Chinwag&apos;s source code is under the Apache License 2.0; the installers also contain GPL-3.0 parts (Piper, espeak-ng), so Chinwag as installed is distributed under the GNU GPL version 3. Licences… lists every part and its licence.</source>
        <translation>Lizenz: Der Quellcode von Chinwag steht unter der Apache License 2.0; die Installationsprogramme enthalten außerdem Bestandteile unter GPL-3.0 (Piper, espeak-ng), daher wird das installierte Chinwag unter der GNU GPL Version 3 weitergegeben. „Lizenzen…“ zeigt jeden Bestandteil mit seiner Lizenz.</translation>
    </message>
    <message>
        <source>Licences…</source>
        <translation>Lizenzen…</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Lizenzen</translation>
    </message>
    <message>
        <source>Something went wrong inside Chinwag ({summary}). The window keeps working; the details are in the log{where}.</source>
        <translation>In Chinwag ist etwas schiefgegangen ({summary}). Das Fenster arbeitet weiter; die Einzelheiten stehen im Protokoll{where}.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Einzelheiten kopieren</translation>
    </message>
    <message>
        <source>Cancel the recording, else stop the reply and the voice</source>
        <translation>Die Aufnahme abbrechen, sonst Antwort und Stimme anhalten</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Neues Gespräch</translation>
    </message>
    <message>
        <source>Models: download, verify, delete, add</source>
        <translation>Modelle: herunterladen, prüfen, löschen, hinzufügen</translation>
    </message>
    <message>
        <source>Search the conversations</source>
        <translation>Die Gespräche durchsuchen</translation>
    </message>
    <message>
        <source>Type a message</source>
        <translation>Eine Nachricht tippen</translation>
    </message>
    <message>
        <source>Rename the selected conversation</source>
        <translation>Das gewählte Gespräch umbenennen</translation>
    </message>
    <message>
        <source>Copy the last reply</source>
        <translation>Die letzte Antwort kopieren</translation>
    </message>
    <message>
        <source>Write the last reply again</source>
        <translation>Die letzte Antwort neu schreiben lassen</translation>
    </message>
    <message>
        <source>Speak replies aloud: on or off</source>
        <translation>Antworten vorlesen: ein oder aus</translation>
    </message>
    <message>
        <source>Conversation mode (hands-free): on or off</source>
        <translation>Gesprächsmodus (freihändig): ein oder aus</translation>
    </message>
    <message>
        <source>This list of shortcuts</source>
        <translation>Diese Liste der Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>WindowStart</name>
    <message>
        <source>Not downloaded: {names}. The Models button (Ctrl+M) downloads them whenever you like.</source>
        <translation>Nicht heruntergeladen: {names}. Die Schaltfläche „Modelle“ (Strg+M) lädt sie herunter, wann immer Sie möchten.</translation>
    </message>
</context>
</TS>
