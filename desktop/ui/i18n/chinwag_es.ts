<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>ChatController</name>
    <message>
        <source>replacing…</source>
        <translation>reemplazando…</translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation>Transcribiendo…</translation>
    </message>
    <message>
        <source>editing…</source>
        <translation>editando…</translation>
    </message>
    <message>
        <source>Copied to the clipboard</source>
        <translation>Copiado al portapapeles</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Pensando…</translation>
    </message>
    <message>
        <source>Heard: “{text}”</source>
        <translation>Escuchado: «{text}»</translation>
    </message>
    <message>
        <source>The model gave an empty answer. Try again, or rephrase.</source>
        <translation>El modelo dio una respuesta vacía. Inténtelo de nuevo o reformule la pregunta.</translation>
    </message>
    <message>
        <source>Not sent: your words are back in the text box.</source>
        <translation>No se envió: su texto vuelve a estar en el cuadro de texto.</translation>
    </message>
    <message>
        <source>Something went wrong: {error}. Try again; what you typed is kept.</source>
        <translation>Algo salió mal: {error}. Inténtelo de nuevo; lo que escribió se conserva.</translation>
    </message>
    <message>
        <source>Editing: Enter sends it again in place of the original, Esc cancels</source>
        <translation>Edición: Enter lo vuelve a enviar en lugar del original, Esc cancela</translation>
    </message>
    <message>
        <source>Check the transcript, then press Enter to send it</source>
        <translation>Revise la transcripción y pulse Enter para enviarla</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>sin modelo</translation>
    </message>
    <message>
        <source>{time} · spoken in {language}</source>
        <translation>{time} · hablado ({language})</translation>
    </message>
    <message>
        <source>{time} · spoken</source>
        <translation>{time} · hablado</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <source>⋯  The messages above are left out of what the model sees: its context is full  ⋯</source>
        <translation>⋯  El modelo ya no ve los mensajes de arriba: su contexto está lleno  ⋯</translation>
    </message>
    <message>
        <source>Older messages left out of the model&apos;s context</source>
        <translation>Mensajes antiguos que quedan fuera del contexto del modelo</translation>
    </message>
    <message>
        <source>Older turns were dropped to fit the model&apos;s context. Start a new conversation, or raise the context size in Settings, for the model to see everything.</source>
        <translation>Se omitieron turnos antiguos para que todo quepa en el contexto del modelo. Inicie una conversación nueva o aumente el tamaño del contexto en Configuración para que el modelo lo vea todo.</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;{key}&lt;/b&gt;, talk, press it again</source>
        <translation>Pulse &lt;b&gt;{key}&lt;/b&gt;, hable y vuelva a pulsarla</translation>
    </message>
    <message>
        <source>Hold &lt;b&gt;{key}&lt;/b&gt; and talk</source>
        <translation>Mantenga pulsada &lt;b&gt;{key}&lt;/b&gt; y hable</translation>
    </message>
    <message>
        <source>…or type below and press Enter. Everything stays on this computer.</source>
        <translation>…o escriba abajo y pulse Enter. Todo se queda en este equipo.</translation>
    </message>
</context>
<context>
    <name>ChinwagStatusBar</name>
    <message>
        <source>No model</source>
        <translation>Sin modelo</translation>
    </message>
    <message>
        <source>Current model</source>
        <translation>Modelo actual</translation>
    </message>
    <message>
        <source>Loading model</source>
        <translation>Cargando modelo</translation>
    </message>
    <message>
        <source>Current speech model</source>
        <translation>Modelo de reconocimiento de voz actual</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>Last turn timings</source>
        <translation>Tiempos del último turno</translation>
    </message>
    <message>
        <source>The last turn: transcription, time to the first word of the reply, reply speed</source>
        <translation>El último turno: transcripción, tiempo hasta la primera palabra de la respuesta, velocidad de respuesta</translation>
    </message>
    <message>
        <source>Speaking</source>
        <translation>Hablando</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>Escuchando</translation>
    </message>
    <message>
        <source>Loading {label}…</source>
        <translation>Cargando {label}…</translation>
    </message>
    <message>
        <source>Model: {label}</source>
        <translation>Modelo: {label}</translation>
    </message>
    <message>
        <source>The language model that answers</source>
        <translation>El modelo de lenguaje que responde</translation>
    </message>
    <message>
        <source>Speech: {label}</source>
        <translation>Reconocimiento: {label}</translation>
    </message>
    <message>
        <source>Speech input off</source>
        <translation>Entrada de voz desactivada</translation>
    </message>
    <message>
        <source>The Whisper model that turns what you say into text</source>
        <translation>El modelo Whisper que convierte lo que dice en texto</translation>
    </message>
    <message>
        <source>● Listening…</source>
        <translation>● Escuchando…</translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation>Transcribiendo…</translation>
    </message>
    <message>
        <source>Speaking… (Esc to stop)</source>
        <translation>Hablando… (Esc para detener)</translation>
    </message>
    <message>
        <source>● Online (not needed)</source>
        <translation>● En línea (no es necesario)</translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation>● Sin conexión</translation>
    </message>
    <message>
        <source>Everything runs on this computer; the network is only used for downloads.</source>
        <translation>Todo se ejecuta en este equipo; la red solo se usa para descargas.</translation>
    </message>
    <message>
        <source>speech {ms} ms</source>
        <translation>transcripción {ms} ms</translation>
    </message>
    <message>
        <source>first token {ms} ms</source>
        <translation>primer token {ms} ms</translation>
    </message>
    <message>
        <source>{rate} tok/s</source>
        <translation>{rate} tok/s</translation>
    </message>
    <message>
        <source>Last turn: {parts}</source>
        <translation>Último turno: {parts}</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy this code to the clipboard</source>
        <translation>Copiar este código al portapapeles</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Copiar código</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>code</source>
        <translation>código</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
</context>
<context>
    <name>ConversationController</name>
    <message>
        <source>Deleted “{title}”.</source>
        <translation>Se eliminó «{title}».</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>conversation</source>
        <translation>conversación</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Exportar conversación</translation>
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
        <translation>No se pudo guardar {path}: {error}. Elija otra carpeta.</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Se guardó {path}</translation>
    </message>
</context>
<context>
    <name>ConversationHeader</name>
    <message>
        <source>Conversation settings</source>
        <translation>Configuración de la conversación</translation>
    </message>
    <message>
        <source>This conversation&apos;s model</source>
        <translation>Modelo de esta conversación</translation>
    </message>
    <message>
        <source>This conversation&apos;s system prompt</source>
        <translation>Prompt del sistema de esta conversación</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Cambiar…</translation>
    </message>
    <message>
        <source>Change this conversation&apos;s model and system prompt</source>
        <translation>Cambiar el modelo y el prompt del sistema de esta conversación</translation>
    </message>
    <message>
        <source>The model and the system prompt this conversation uses</source>
        <translation>El modelo y el prompt del sistema que usa esta conversación</translation>
    </message>
    <message>
        <source>Context used</source>
        <translation>Contexto usado</translation>
    </message>
    <message>
        <source>context: –</source>
        <translation>contexto: –</translation>
    </message>
    <message>
        <source>How much of the model&apos;s context this conversation fills; once it is full, the oldest turns are left out of what the model sees.</source>
        <translation>Cuánto del contexto del modelo ocupa esta conversación; cuando se llena, el modelo deja de ver los turnos más antiguos.</translation>
    </message>
    <message>
        <source> (the window&apos;s model)</source>
        <translation> (modelo de la ventana)</translation>
    </message>
    <message>
        <source>System prompt: {prompt}</source>
        <translation>Prompt del sistema: {prompt}</translation>
    </message>
    <message>
        <source>No system prompt</source>
        <translation>Sin prompt del sistema</translation>
    </message>
    <message>
        <source>{prompt} (the model&apos;s default)</source>
        <translation>{prompt} (predeterminado del modelo)</translation>
    </message>
    <message>
        <source>context: {used} / {total} tokens</source>
        <translation>contexto: {used} / {total} tokens</translation>
    </message>
    <message>
        <source>{used} of {total} tokens, {percent}%</source>
        <translation>{used} de {total} tokens, {percent} %</translation>
    </message>
</context>
<context>
    <name>ConversationMode</name>
    <message>
        <source>Conversation mode ended: {error}</source>
        <translation>Modo conversación finalizado: {error}</translation>
    </message>
    <message>
        <source>Conversation mode ended: nothing was said for {seconds} s. Press the talk key or turn it on again (Ctrl+Shift+H).</source>
        <translation>Modo conversación finalizado: no se dijo nada durante {seconds} s. Pulse la tecla para hablar o vuelva a activarlo (Ctrl+Shift+H).</translation>
    </message>
</context>
<context>
    <name>ConversationSetupDialog</name>
    <message>
        <source>This conversation</source>
        <translation>Esta conversación</translation>
    </message>
    <message>
        <source>This conversation&apos;s model and system prompt</source>
        <translation>Modelo y prompt del sistema de esta conversación</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>The window&apos;s model</source>
        <translation>Modelo de la ventana</translation>
    </message>
    <message>
        <source>Use the model&apos;s default system prompt</source>
        <translation>Usar el prompt del sistema predeterminado del modelo</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Prompt del sistema</translation>
    </message>
</context>
<context>
    <name>ConversationSidebar</name>
    <message>
        <source>+  New conversation</source>
        <translation>+  Nueva conversación</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Nueva conversación</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Buscar conversaciones</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Cambiar nombre</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>Cambiar el nombre de la conversación</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>Eliminar la conversación</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Exportar la conversación</translation>
    </message>
    <message>
        <source>As Markdown…</source>
        <translation>Como Markdown…</translation>
    </message>
    <message>
        <source>As JSON…</source>
        <translation>Como JSON…</translation>
    </message>
</context>
<context>
    <name>Dictation</name>
    <message>
        <source>“{char}” has no key on this keyboard, and no spare key is free to type it with.</source>
        <translation>«{char}» no tiene tecla en este teclado, y no hay ninguna tecla libre para escribirlo.</translation>
    </message>
    <message>
        <source>python-xlib, which types on X11, is not installed.</source>
        <translation>python-xlib, que escribe en X11, no está instalado.</translation>
    </message>
    <message>
        <source>there is no X11 display (DISPLAY is not set) to type on.</source>
        <translation>no hay ninguna pantalla X11 (DISPLAY no está definido) en la que escribir.</translation>
    </message>
    <message>
        <source>the X11 display {display} cannot be opened ({error}).</source>
        <translation>no se puede abrir la pantalla X11 {display} ({error}).</translation>
    </message>
    <message>
        <source>this X server does not offer XTest, which Chinwag types with.</source>
        <translation>este servidor X no ofrece XTest, con el que Chinwag escribe.</translation>
    </message>
    <message>
        <source>Ctrl, Alt, Shift or Super was still held down, and typing then would have pressed shortcuts in that window.</source>
        <translation>Ctrl, Alt, Mayús o Super seguía pulsada, y escribir entonces habría activado atajos en esa ventana.</translation>
    </message>
</context>
<context>
    <name>DownloadController</name>
    <message>
        <source>Cancelled before it started.</source>
        <translation>Cancelada antes de empezar.</translation>
    </message>
    <message>
        <source>Cancelled. {size} are kept: Resume continues from there.</source>
        <translation>Cancelada. Se conservan {size}: «Reanudar» continúa desde ahí.</translation>
    </message>
</context>
<context>
    <name>DownloadList</name>
    <message>
        <source>Downloads</source>
        <translation>Descargas</translation>
    </message>
    <message>
        <source>Download {name}</source>
        <translation>Descarga de {name}</translation>
    </message>
</context>
<context>
    <name>DownloadView</name>
    <message>
        <source>Download</source>
        <translation>Descarga</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Progreso de la descarga</translation>
    </message>
    <message>
        <source>Download details</source>
        <translation>Detalles de la descarga</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Cancelar la descarga</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Resume download</source>
        <translation>Reanudar la descarga</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close download panel</source>
        <translation>Cerrar el panel de descargas</translation>
    </message>
    <message>
        <source>Downloading {name}</source>
        <translation>Descargando {name}</translation>
    </message>
    <message>
        <source>Continuing from {size}…</source>
        <translation>Continuando desde {size}…</translation>
    </message>
    <message>
        <source>Contacting the Hub…</source>
        <translation>Conectando con el Hub…</translation>
    </message>
    <message>
        <source>Checking the Hub…</source>
        <translation>Consultando el Hub…</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} de {total}</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>quedan {time}</translation>
    </message>
    <message>
        <source>Verifying the checksum… {done} of {total}</source>
        <translation>Comprobando la suma de verificación… {done} de {total}</translation>
    </message>
    <message>
        <source>{name} is downloaded and verified</source>
        <translation>{name} está descargado y verificado</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Listo.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Retry download</source>
        <translation>Reintentar la descarga</translation>
    </message>
    <message>
        <source>Queued: starts when {name} is done.</source>
        <translation>En cola: empieza cuando termine {name}.</translation>
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
        <translation>Por ahora, la tecla global para hablar solo funciona en Linux con X11; en este sistema, use el icono de la bandeja del sistema o la tecla para hablar en la ventana de Chinwag.</translation>
    </message>
    <message>
        <source>Not available in a Wayland session: Wayland does not let an app see keys pressed in other apps&apos; windows, and Chinwag cannot use the desktop&apos;s global-shortcut portal yet. Use the tray icon, or log in to an X11 session.</source>
        <translation>No disponible en una sesión de Wayland: Wayland no permite que una aplicación vea las teclas pulsadas en las ventanas de otras aplicaciones, y Chinwag aún no puede usar el portal de atajos globales del escritorio. Use el icono de la bandeja del sistema o inicie una sesión de X11.</translation>
    </message>
    <message>
        <source>Not available: there is no X11 display (DISPLAY is not set) to listen for the key on.</source>
        <translation>No disponible: no hay ninguna pantalla X11 (DISPLAY no está definida) en la que escuchar la tecla.</translation>
    </message>
    <message>
        <source>Not available: python-xlib, which listens for the key on X11, is not installed.</source>
        <translation>No disponible: python-xlib, que escucha la tecla en X11, no está instalado.</translation>
    </message>
    <message>
        <source>Not available: the X11 display {display} cannot be opened ({error}).</source>
        <translation>No disponible: no se puede abrir la pantalla X11 {display} ({error}).</translation>
    </message>
    <message>
        <source>{key} is not a key: choose one in Settings, e.g. Ctrl+Alt+Space.</source>
        <translation>{key} no es una tecla: elija una en Configuración, p. ej., Ctrl+Alt+Space.</translation>
    </message>
    <message>
        <source>{name} in {key} is not a modifier (Ctrl, Alt, Shift or Meta).</source>
        <translation>{name} en {key} no es un modificador (Ctrl, Alt, Shift o Meta).</translation>
    </message>
    <message>
        <source>{key} is not a key Chinwag can listen for globally: choose another in Settings.</source>
        <translation>Chinwag no puede escuchar {key} de forma global: elija otra tecla en Configuración.</translation>
    </message>
    <message>
        <source>The global push-to-talk key is off: the X11 display cannot be opened ({error}).</source>
        <translation>La tecla global para hablar está desactivada: no se puede abrir la pantalla X11 ({error}).</translation>
    </message>
    <message>
        <source>The global push-to-talk key is off: this keyboard has no {key} key.</source>
        <translation>La tecla global para hablar está desactivada: este teclado no tiene la tecla {key}.</translation>
    </message>
    <message>
        <source>The global push-to-talk key is off: another program already uses {key}. Choose another key in Settings.</source>
        <translation>La tecla global para hablar está desactivada: otro programa ya usa {key}. Elija otra tecla en Configuración.</translation>
    </message>
</context>
<context>
    <name>InputBar</name>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Enviar el mensaje</translation>
    </message>
    <message>
        <source>■  Stop</source>
        <translation>■  Detener</translation>
    </message>
    <message>
        <source>Stop the reply</source>
        <translation>Detener la respuesta</translation>
    </message>
    <message>
        <source>Stop the reply (Esc); what was written so far is kept</source>
        <translation>Detener la respuesta (Esc); lo escrito hasta ahora se conserva</translation>
    </message>
    <message>
        <source>🔈 Speak replies</source>
        <translation>🔈 Leer respuestas</translation>
    </message>
    <message>
        <source>Speak replies aloud</source>
        <translation>Leer las respuestas en voz alta</translation>
    </message>
    <message>
        <source>Read each reply aloud as it is written (Ctrl+Shift+S). The talk key, Stop or Esc silences it.</source>
        <translation>Leer cada respuesta en voz alta mientras se escribe (Ctrl+Shift+S). La tecla para hablar, «Detener» o Esc la silencian.</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <source>Conversation mode</source>
        <translation>Modo conversación</translation>
    </message>
    <message>
        <source>Hands-free: after each spoken reply Chinwag listens for the next question (Ctrl+Shift+H). Esc leaves it.</source>
        <translation>Manos libres: tras cada respuesta hablada, Chinwag escucha la siguiente pregunta (Ctrl+Shift+H). Esc lo desactiva.</translation>
    </message>
    <message>
        <source>Listening… just speak. Esc leaves conversation mode.</source>
        <translation>Escuchando… simplemente hable. Esc sale del modo conversación.</translation>
    </message>
    <message>
        <source>Listening hands-free</source>
        <translation>Escuchando en modo manos libres</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>Nivel del micrófono</translation>
    </message>
    <message>
        <source>Recording time</source>
        <translation>Tiempo de grabación</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Actividad</translation>
    </message>
    <message>
        <source>Live transcript</source>
        <translation>Transcripción en directo</translation>
    </message>
</context>
<context>
    <name>LanguageDialog</name>
    <message>
        <source>Your settings could not be saved ({error}); the language is asked again at the next start.</source>
        <translation>No se pudo guardar la configuración ({error}); el idioma se preguntará de nuevo en el próximo inicio.</translation>
    </message>
    <message>
        <source>Chinwag: your language</source>
        <translation>Chinwag: su idioma</translation>
    </message>
    <message>
        <source>Your language</source>
        <translation>Su idioma</translation>
    </message>
    <message>
        <source>Chinwag listens, answers and reads replies aloud in the language you choose.</source>
        <translation>Chinwag escucha, responde y lee las respuestas en voz alta en el idioma que elija.</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Idiomas</translation>
    </message>
    <message>
        <source>What changes</source>
        <translation>Qué cambia</translation>
    </message>
    <message>
        <source>To hear and speak {language}, Chinwag downloads:</source>
        <translation>Para oír y hablar {language}, Chinwag descarga:</translation>
    </message>
    <message>
        <source>{name} ({size})</source>
        <translation>{name} ({size})</translation>
    </message>
    <message>
        <source>The window is not translated into {language} yet; it stays as it is.</source>
        <translation>La ventana aún no está traducida a este idioma ({language}); se queda como está.</translation>
    </message>
    <message>
        <source>The window will be in {language}.</source>
        <translation>La ventana estará en {language}.</translation>
    </message>
    <message>
        <source>Without the speech model, speech input understands English only; typing works in every language.</source>
        <translation>Sin el modelo de voz, la entrada por voz solo entiende inglés; escribir funciona en todos los idiomas.</translation>
    </message>
    <message>
        <source>There is no voice for {language} yet: replies are shown, not read aloud.</source>
        <translation>Todavía no hay voz para este idioma ({language}): las respuestas se muestran, no se leen en voz alta.</translation>
    </message>
    <message>
        <source>Without the voice, replies in {language} are shown, not read aloud.</source>
        <translation>Sin la voz, las respuestas en este idioma ({language}) se muestran, no se leen en voz alta.</translation>
    </message>
    <message>
        <source>You can download them later with the Models button (Ctrl+M).</source>
        <translation>Puede descargarlos más tarde con el botón Modelos (Ctrl+M).</translation>
    </message>
    <message>
        <source>The downloads run in the window, and Chinwag works meanwhile.</source>
        <translation>Las descargas se hacen en la ventana, y Chinwag funciona mientras tanto.</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Alemán</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Francés</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italiano</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>Portugués</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>Hindi</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Thai</source>
        <translation>Tailandés</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Neerlandés</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>Polaco</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Ruso</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>Japonés</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>Chino</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>Sueco</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>Turco</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>Ucraniano</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>Árabe</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>Coreano</translation>
    </message>
    <message>
        <source>Czech</source>
        <translation>Checo</translation>
    </message>
    <message>
        <source>Danish</source>
        <translation>Danés</translation>
    </message>
    <message>
        <source>Finnish</source>
        <translation>Finés</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>Griego</translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation>Hebreo</translation>
    </message>
    <message>
        <source>Hungarian</source>
        <translation>Húngaro</translation>
    </message>
    <message>
        <source>Indonesian</source>
        <translation>Indonesio</translation>
    </message>
    <message>
        <source>Norwegian</source>
        <translation>Noruego</translation>
    </message>
    <message>
        <source>Romanian</source>
        <translation>Rumano</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>Vietnamita</translation>
    </message>
    <message>
        <source>Catalan</source>
        <translation>Catalán</translation>
    </message>
</context>
<context>
    <name>LicencesDialog</name>
    <message>
        <source>Chinwag&apos;s own source code is licensed under the Apache License 2.0. The installers also contain Piper and espeak-ng (GNU GPL version 3), so Chinwag as installed from them is distributed as a whole under the GNU GPL version 3. Qt and PySide6 (GNU LGPL version 3) are separate libraries you may replace. Below: every part with its version, its licence and its licence text, and where the source code of each copyleft part is.</source>
        <translation>El código fuente propio de Chinwag está bajo la Apache License 2.0. Los instaladores también contienen Piper y espeak-ng (GNU GPL versión 3), por lo que Chinwag, tal como se instala desde ellos, se distribuye en su conjunto bajo la GNU GPL versión 3. Qt y PySide6 (GNU LGPL versión 3) son bibliotecas independientes que usted puede sustituir. A continuación: cada componente con su versión, su licencia y el texto de la licencia, y dónde está el código fuente de cada componente copyleft.</translation>
    </message>
    <message>
        <source>The licence notices come with the installer (THIRD-PARTY-NOTICES.txt). In a source checkout, run python scripts/third_party_notices.py --out NOTICES.txt to write them.</source>
        <translation>Los avisos de licencia acompañan al instalador (THIRD-PARTY-NOTICES.txt). En una copia del código fuente, ejecute python scripts/third_party_notices.py --out NOTICES.txt para generarlos.</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Licencias</translation>
    </message>
    <message>
        <source>Licence notices</source>
        <translation>Avisos de licencia</translation>
    </message>
</context>
<context>
    <name>ListeningOverlay</name>
    <message>
        <source>Chinwag is listening</source>
        <translation>Chinwag está escuchando</translation>
    </message>
    <message>
        <source>Listening…</source>
        <translation>Escuchando…</translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation>Transcribiendo…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>Barra de herramientas</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <source>Open the model manager</source>
        <translation>Abrir el gestor de modelos</translation>
    </message>
    <message>
        <source>Download, verify and delete language, speech and voice models (Ctrl+M)</source>
        <translation>Descargar, verificar y eliminar modelos de lenguaje, de reconocimiento de voz y de voces (Ctrl+M)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Open settings</source>
        <translation>Abrir la configuración</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>Configuración (Ctrl+,)</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Every keyboard shortcut (F1)</source>
        <translation>Todos los atajos de teclado (F1)</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Acerca de</translation>
    </message>
    <message>
        <source>About Chinwag</source>
        <translation>Acerca de Chinwag</translation>
    </message>
    <message>
        <source>Version, and where the log file is</source>
        <translation>Versión y ubicación del archivo de registro</translation>
    </message>
</context>
<context>
    <name>MessageInput</name>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Type a message; Enter sends it, Shift+Enter starts a new line</source>
        <translation>Escriba un mensaje; Enter lo envía y Shift+Enter empieza una línea nueva</translation>
    </message>
    <message>
        <source>Type a message, or use {key} to talk…  (Enter sends, Shift+Enter new line)</source>
        <translation>Escriba un mensaje o use {key} para hablar…  (Enter envía, Shift+Enter nueva línea)</translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <source>You</source>
        <translation>Usted</translation>
    </message>
    <message>
        <source>Your message</source>
        <translation>Su mensaje</translation>
    </message>
    <message>
        <source>Chinwag&apos;s reply</source>
        <translation>Respuesta de Chinwag</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy this message to the clipboard</source>
        <translation>Copiar este mensaje al portapapeles</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Regenerar</translation>
    </message>
    <message>
        <source>Write this reply again</source>
        <translation>Volver a escribir esta respuesta</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Edit this message and send it again</source>
        <translation>Editar este mensaje y volver a enviarlo</translation>
    </message>
    <message>
        <source>Speak</source>
        <translation>Leer</translation>
    </message>
    <message>
        <source>Read this reply aloud</source>
        <translation>Leer esta respuesta en voz alta</translation>
    </message>
    <message>
        <source>Continue ▸</source>
        <translation>Continuar ▸</translation>
    </message>
    <message>
        <source>Write more of this reply, which the length limit cut off</source>
        <translation>Seguir escribiendo esta respuesta, que el límite de longitud cortó</translation>
    </message>
    <message>
        <source>Show the earlier answer</source>
        <translation>Mostrar la respuesta anterior</translation>
    </message>
    <message>
        <source>Show the later answer</source>
        <translation>Mostrar la respuesta siguiente</translation>
    </message>
    <message>
        <source>Which answer is shown</source>
        <translation>Qué respuesta se muestra</translation>
    </message>
    <message>
        <source>writing…</source>
        <translation>escribiendo…</translation>
    </message>
    <message>
        <source>This reply was cut off by the length limit</source>
        <translation>El límite de longitud cortó esta respuesta</translation>
    </message>
    <message>
        <source>This reply was stopped before it finished</source>
        <translation>Esta respuesta se detuvo antes de terminar</translation>
    </message>
    <message>
        <source>Answer {index} of {count}</source>
        <translation>Respuesta {index} de {count}</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>detenida</translation>
    </message>
    <message>
        <source>cut off at the length limit</source>
        <translation>cortada en el límite de longitud</translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <source>needs {size} RAM</source>
        <translation>necesita {size} de RAM</translation>
    </message>
    <message>
        <source>✓ downloaded</source>
        <translation>✓ descargado</translation>
    </message>
    <message>
        <source>⤓ not downloaded</source>
        <translation>⤓ no descargado</translation>
    </message>
    <message>
        <source>⚠ too big for this computer</source>
        <translation>⚠ demasiado grande para este equipo</translation>
    </message>
    <message>
        <source>Not downloaded yet ({size}): it downloads when you press OK, with progress, cancel and resume; {meanwhile} until it is ready.</source>
        <translation>Aún no está descargado ({size}): se descarga al pulsar Aceptar, con progreso, cancelación y reanudación; hasta que esté listo, {meanwhile}.</translation>
    </message>
    <message>
        <source>Not downloaded yet: it downloads when you press OK, with progress, cancel and resume; {meanwhile} until it is ready.</source>
        <translation>Aún no está descargado: se descarga al pulsar Aceptar, con progreso, cancelación y reanudación; hasta que esté listo, {meanwhile}.</translation>
    </message>
</context>
<context>
    <name>ModelController</name>
    <message>
        <source>models</source>
        <translation>modelos</translation>
    </message>
    <message>
        <source>{error} Using the bundled starter model instead.</source>
        <translation>{error} Se usa en su lugar el modelo inicial incluido.</translation>
    </message>
    <message>
        <source>{name} is not downloaded yet; speech input uses {current} meanwhile.</source>
        <translation>{name} aún no está descargado; mientras tanto, la entrada de voz usa {current}.</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Descargar</translation>
    </message>
    <message>
        <source>You are chatting with the small starter model, which works offline right away. For much better answers, download {name} ({size}).</source>
        <translation>Está conversando con el pequeño modelo inicial, que funciona sin conexión desde el primer momento. Para obtener respuestas mucho mejores, descargue {name} ({size}).</translation>
    </message>
    <message>
        <source>Downloading {name}; keep chatting with the current model.</source>
        <translation>Descargando {name}; siga conversando con el modelo actual.</translation>
    </message>
    <message>
        <source>Downloading {name}; speech input keeps the current model meanwhile.</source>
        <translation>Descargando {name}; mientras tanto, la entrada de voz mantiene el modelo actual.</translation>
    </message>
    <message>
        <source>{error} Speech input is off until a speech model is available; typing works.</source>
        <translation>{error} La entrada de voz está desactivada hasta que haya un modelo de reconocimiento de voz disponible; escribir sigue funcionando.</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>sin modelo</translation>
    </message>
    <message>
        <source>Still answering with {name}.</source>
        <translation>Sigue respondiendo {name}.</translation>
    </message>
    <message>
        <source>{error} Typing still works.</source>
        <translation>{error} Escribir sigue funcionando.</translation>
    </message>
</context>
<context>
    <name>ModelManagerController</name>
    <message>
        <source>Downloaded and verified.</source>
        <translation>Descargado y verificado.</translation>
    </message>
    <message>
        <source>Verifying {name}…</source>
        <translation>Verificando {name}…</translation>
    </message>
    <message>
        <source>✓ Verified: every file matches its checksum.</source>
        <translation>✓ Verificado: cada archivo coincide con su suma de verificación.</translation>
    </message>
    <message>
        <source>Verification cancelled.</source>
        <translation>Verificación cancelada.</translation>
    </message>
    <message>
        <source>{name} is in use: choose another model first, then delete it.</source>
        <translation>{name} está en uso: elija primero otro modelo y luego elimínelo.</translation>
    </message>
    <message>
        <source>Delete {name} ({size}) from this computer? It can be downloaded again later.</source>
        <translation>¿Eliminar {name} ({size}) de este equipo? Podrá volver a descargarlo más adelante.</translation>
    </message>
    <message>
        <source>Take {name} off the list? Its file stays where it is.</source>
        <translation>¿Quitar {name} de la lista? Su archivo se queda donde está.</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>Eliminar modelo</translation>
    </message>
    <message>
        <source>Remove model</source>
        <translation>Quitar modelo</translation>
    </message>
    <message>
        <source>Confirm delete</source>
        <translation>Confirmar la eliminación</translation>
    </message>
    <message>
        <source>{name} was deleted; {size} freed.</source>
        <translation>Se eliminó {name}; se liberaron {size}.</translation>
    </message>
    <message>
        <source>{name} was taken off the list.</source>
        <translation>Se quitó {name} de la lista.</translation>
    </message>
    <message>
        <source>There is nothing on disk to show yet.</source>
        <translation>Todavía no hay nada en el disco que mostrar.</translation>
    </message>
    <message>
        <source>No file manager could be opened. The model is in {folder}</source>
        <translation>No se pudo abrir ningún gestor de archivos. El modelo está en {folder}</translation>
    </message>
    <message>
        <source>Asking the Hub about {repo}…</source>
        <translation>Consultando al Hub sobre {repo}…</translation>
    </message>
    <message>
        <source>Added {name}: select it above and press Download.</source>
        <translation>Se añadió {name}: selecciónelo arriba y pulse «Descargar».</translation>
    </message>
    <message>
        <source>Add a local model</source>
        <translation>Añadir un modelo local</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>Modelos GGUF (*.gguf)</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>Comprobando {name}…</translation>
    </message>
    <message>
        <source>Added {name}.</source>
        <translation>Se añadió {name}.</translation>
    </message>
    <message>
        <source>⚠ Not added. {why}</source>
        <translation>⚠ No se añadió. {why}</translation>
    </message>
    <message>
        <source>The bytes downloaded so far are kept: Resume continues from there.</source>
        <translation>Lo descargado hasta ahora se conserva: «Reanudar» continúa desde ahí.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
</context>
<context>
    <name>ModelManagerView</name>
    <message>
        <source>Language</source>
        <translation>Lenguaje</translation>
    </message>
    <message>
        <source>Speech</source>
        <translation>Reconocimiento de voz</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Voz</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>On disk</source>
        <translation>En disco</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Descargar</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Memoria</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Licencia</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>catalog</source>
        <translation>catálogo</translation>
    </message>
    <message>
        <source>Hub</source>
        <translation>Hub</translation>
    </message>
    <message>
        <source>local file</source>
        <translation>archivo local</translation>
    </message>
    <message>
        <source>bundled</source>
        <translation>incluido</translation>
    </message>
    <message>
        <source>✓ Downloaded</source>
        <translation>✓ Descargado</translation>
    </message>
    <message>
        <source>✓ Comes with the app</source>
        <translation>✓ Incluido con la aplicación</translation>
    </message>
    <message>
        <source>✓ Your file</source>
        <translation>✓ Su archivo</translation>
    </message>
    <message>
        <source>Partly downloaded ({size} kept)</source>
        <translation>Descargado en parte ({size} conservados)</translation>
    </message>
    <message>
        <source>⚠ File missing</source>
        <translation>⚠ Falta el archivo</translation>
    </message>
    <message>
        <source>Not downloaded</source>
        <translation>No descargado</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Descargando…</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <source>{status} · in use</source>
        <translation>{status} · en uso</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <source>Model manager</source>
        <translation>Gestor de modelos</translation>
    </message>
    <message>
        <source>This computer has {size} GB of memory.</source>
        <translation>Este equipo tiene {size} GB de memoria.</translation>
    </message>
    <message>
        <source>This computer&apos;s memory is unknown.</source>
        <translation>Se desconoce la memoria de este equipo.</translation>
    </message>
    <message>
        <source>Language models answer, speech models listen (Whisper), voices speak (Piper). {memory} A model marked ⚠ needs more memory than Chinwag can safely use here.</source>
        <translation>Los modelos de lenguaje responden, los de reconocimiento de voz escuchan (Whisper) y las voces hablan (Piper). {memory} Un modelo marcado con ⚠ necesita más memoria de la que Chinwag puede usar aquí con seguridad.</translation>
    </message>
    <message>
        <source>Choose a model in the list.</source>
        <translation>Elija un modelo de la lista.</translation>
    </message>
    <message>
        <source>Selected model</source>
        <translation>Modelo seleccionado</translation>
    </message>
    <message>
        <source>Model download progress</source>
        <translation>Progreso de la descarga del modelo</translation>
    </message>
    <message>
        <source>Model manager status</source>
        <translation>Estado del gestor de modelos</translation>
    </message>
    <message>
        <source>Download the selected model</source>
        <translation>Descargar el modelo seleccionado</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cancel the download or check</source>
        <translation>Cancelar la descarga o la comprobación</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Resume the download from the kept bytes</source>
        <translation>Reanudar la descarga desde los datos conservados</translation>
    </message>
    <message>
        <source>Verify again</source>
        <translation>Verificar de nuevo</translation>
    </message>
    <message>
        <source>Check the files against their checksums</source>
        <translation>Comprobar los archivos con sus sumas de verificación</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Delete the selected model from this computer</source>
        <translation>Eliminar el modelo seleccionado de este equipo</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Mostrar en la carpeta</translation>
    </message>
    <message>
        <source>Open the folder the model is in</source>
        <translation>Abrir la carpeta donde está el modelo</translation>
    </message>
    <message>
        <source>Hub repository id</source>
        <translation>ID del repositorio del Hub</translation>
    </message>
    <message>
        <source>owner/name on the Hugging Face Hub, e.g. unsloth/Llama-3.2-1B-Instruct-GGUF</source>
        <translation>propietario/nombre en el Hugging Face Hub, p. ej., unsloth/Llama-3.2-1B-Instruct-GGUF</translation>
    </message>
    <message>
        <source>Hub revision</source>
        <translation>Revisión del Hub</translation>
    </message>
    <message>
        <source>List files</source>
        <translation>Listar archivos</translation>
    </message>
    <message>
        <source>Ask the Hub which files the repository holds</source>
        <translation>Preguntar al Hub qué archivos contiene el repositorio</translation>
    </message>
    <message>
        <source>Files in the Hub repository</source>
        <translation>Archivos del repositorio del Hub</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Uso</translation>
    </message>
    <message>
        <source>Add this file</source>
        <translation>Añadir este archivo</translation>
    </message>
    <message>
        <source>Add the selected file to the list of models</source>
        <translation>Añadir el archivo seleccionado a la lista de modelos</translation>
    </message>
    <message>
        <source>Add a local .gguf…</source>
        <translation>Añadir un .gguf local…</translation>
    </message>
    <message>
        <source>Add a model file already on this computer</source>
        <translation>Añadir un archivo de modelo que ya está en este equipo</translation>
    </message>
    <message>
        <source>Adding a model</source>
        <translation>Añadir un modelo</translation>
    </message>
    <message>
        <source>Add a model</source>
        <translation>Añadir modelo</translation>
    </message>
    <message>
        <source>{need} of {total} GB</source>
        <translation>{need} de {total} GB</translation>
    </message>
    <message>
        <source>{need} GB</source>
        <translation>{need} GB</translation>
    </message>
    <message>
        <source>Needs more than 80 % of this computer&apos;s memory: it may not load, or make everything slow.</source>
        <translation>Necesita más del 80 % de la memoria de este equipo: puede que no se cargue o que lo ralentice todo.</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>Quitar de la lista</translation>
    </message>
    <message>
        <source>In use: choose another model first</source>
        <translation>En uso: elija primero otro modelo</translation>
    </message>
    <message>
        <source>Delete the model&apos;s files from this computer</source>
        <translation>Eliminar los archivos del modelo de este equipo</translation>
    </message>
    <message>
        <source>Take it off the list (your own file is not touched)</source>
        <translation>Quitarlo de la lista (su propio archivo no se toca)</translation>
    </message>
    <message>
        <source>Downloading: {done} of {total}</source>
        <translation>Descargando: {done} de {total}</translation>
    </message>
    <message>
        <source>Verifying: {done} of {total}</source>
        <translation>Verificando: {done} de {total}</translation>
    </message>
    <message>
        <source>Asking the Hub…</source>
        <translation>Consultando al Hub…</translation>
    </message>
    <message>
        <source>language model</source>
        <translation>modelo de lenguaje</translation>
    </message>
    <message>
        <source>voice (with its .onnx.json)</source>
        <translation>voz (con su .onnx.json)</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n archivo</numerusform>
            <numerusform>%n archivos</numerusform>
        </translation>
    </message>
    <message>
        <source>{files}, {usable} of them models Chinwag can use. Choose one and add it.</source>
        <translation>{files}, de ellos {usable} son modelos que Chinwag puede usar. Elija uno y añádalo.</translation>
    </message>
    <message>
        <source>{files}, none a .gguf model or a Piper voice.</source>
        <translation>{files}, ninguno es un modelo .gguf ni una voz de Piper.</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
</context>
<context>
    <name>ModelWorker</name>
    <message>
        <source>Cannot load {name}: {error}. Choose another model.</source>
        <translation>No se puede cargar {name}: {error}. Elija otro modelo.</translation>
    </message>
    <message>
        <source>No language model is loaded. Choose one in Settings (Ctrl+,).</source>
        <translation>No hay ningún modelo de lenguaje cargado. Elija uno en Configuración (Ctrl+,).</translation>
    </message>
    <message>
        <source>The speech model is not loaded. Choose one in Settings.</source>
        <translation>El modelo de reconocimiento de voz no está cargado. Elija uno en Configuración.</translation>
    </message>
    <message>
        <source>Nothing heard: hold the key while you speak, a little closer to the microphone.</source>
        <translation>No se oyó nada: mantenga pulsada la tecla mientras habla, un poco más cerca del micrófono.</translation>
    </message>
    <message>
        <source>Nothing heard: no words were recognised. Try again, a little louder.</source>
        <translation>No se oyó nada: no se reconoció ninguna palabra. Inténtelo de nuevo, un poco más alto.</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Notice</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>Dismiss notice</source>
        <translation>Cerrar el aviso</translation>
    </message>
</context>
<context>
    <name>PushToTalk</name>
    <message>
        <source>The microphone could not be opened ({error}). Try again, or choose another microphone in Settings; typing still works.</source>
        <translation>No se pudo abrir el micrófono ({error}). Inténtelo de nuevo o elija otro micrófono en Configuración; escribir sigue funcionando.</translation>
    </message>
    <message>
        <source>The microphone could not be closed ({error}). Try again, or choose another microphone in Settings; typing still works.</source>
        <translation>No se pudo cerrar el micrófono ({error}). Inténtelo de nuevo o elija otro micrófono en Configuración; escribir sigue funcionando.</translation>
    </message>
</context>
<context>
    <name>PushToTalkButton</name>
    <message>
        <source>Hold to talk</source>
        <translation>Mantener para hablar</translation>
    </message>
    <message>
        <source>Push to talk</source>
        <translation>Pulsar para hablar</translation>
    </message>
    <message>
        <source>Hold this button, or hold the push-to-talk key, while you speak</source>
        <translation>Mantenga pulsado este botón, o la tecla para hablar, mientras habla</translation>
    </message>
    <message>
        <source>●  Recording… press again to send</source>
        <translation>●  Grabando… pulse de nuevo para enviar</translation>
    </message>
    <message>
        <source>●  Recording… let go to send</source>
        <translation>●  Grabando… suelte para enviar</translation>
    </message>
    <message>
        <source>Press {key} to talk</source>
        <translation>Pulse {key} para hablar</translation>
    </message>
    <message>
        <source>Hold to talk  (or hold {key})</source>
        <translation>Mantener para hablar  (o mantener {key})</translation>
    </message>
</context>
<context>
    <name>RemoteTalk</name>
    <message>
        <source>Release {key} to type it into the window in front</source>
        <translation>Suelte {key} para escribirlo en la ventana de delante</translation>
    </message>
    <message>
        <source>Release {key} to send it</source>
        <translation>Suelte {key} para enviarlo</translation>
    </message>
    <message>
        <source>Press {key} again to type it into the window in front</source>
        <translation>Pulse {key} otra vez para escribirlo en la ventana de delante</translation>
    </message>
    <message>
        <source>Press {key} again to send it</source>
        <translation>Pulse {key} de nuevo para enviarlo</translation>
    </message>
    <message>
        <source>Choose “Stop and send” in the tray menu to send it</source>
        <translation>Elija «Detener y enviar» en el menú de la bandeja del sistema para enviarlo</translation>
    </message>
</context>
<context>
    <name>ServerBox</name>
    <message>
        <source>Local API server</source>
        <translation>Servidor de API local</translation>
    </message>
    <message>
        <source>Let other apps on this computer use Chinwag&apos;s models</source>
        <translation>Permitir que otras aplicaciones de este equipo usen los modelos de Chinwag</translation>
    </message>
    <message>
        <source>API server port</source>
        <translation>Puerto del servidor de API</translation>
    </message>
    <message>
        <source>API server address</source>
        <translation>Dirección del servidor de API</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clave de API</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>Copiar clave</translation>
    </message>
    <message>
        <source>Copy the API key</source>
        <translation>Copiar la clave de API</translation>
    </message>
    <message>
        <source>Require the key (off: any program on this computer may use the models)</source>
        <translation>Exigir la clave (desactivado: cualquier programa de este equipo puede usar los modelos)</translation>
    </message>
    <message>
        <source>Require the API key</source>
        <translation>Exigir la clave de API</translation>
    </message>
    <message>
        <source>Actions other apps may run</source>
        <translation>Acciones que otras aplicaciones pueden ejecutar</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>Read-only: the time, the date, calculations, unit conversions</source>
        <translation>Solo lectura: la hora, la fecha, cálculos, conversiones de unidades</translation>
    </message>
    <message>
        <source>All: also set, list and cancel timers and reminders on this desktop</source>
        <translation>Todas: también poner, listar y cancelar temporizadores y recordatorios en este equipo</translation>
    </message>
    <message>
        <source>Programs that use the API may ask Chinwag to run these actions for them, as tools named {prefix}…; anything not allowed here is refused.</source>
        <translation>Los programas que usan la API pueden pedir a Chinwag que ejecute estas acciones por ellos, como herramientas llamadas {prefix}…; lo que no se permita aquí se rechaza.</translation>
    </message>
    <message>
        <source>Only this computer can connect (127.0.0.1). Clients send the key as “Authorization: Bearer …”; web pages are refused.</source>
        <translation>Solo este equipo puede conectarse (127.0.0.1). Los clientes envían la clave como «Authorization: Bearer …»; las páginas web se rechazan.</translation>
    </message>
    <message>
        <source>P&amp;ort</source>
        <translation>&amp;Puerto</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>API &amp;key</source>
        <translation>C&amp;lave de API</translation>
    </message>
    <message>
        <source>Actions other apps may &amp;run</source>
        <translation>Acciones que otras aplicaciones pueden &amp;ejecutar</translation>
    </message>
</context>
<context>
    <name>ServerController</name>
    <message>
        <source>The local API server was not started: {error}</source>
        <translation>No se inició el servidor de API local: {error}</translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <source>Reading the key from the system keyring…</source>
        <translation>Leyendo la clave del llavero del sistema…</translation>
    </message>
    <message>
        <source>The window&apos;s language changes when Chinwag restarts.</source>
        <translation>El idioma de la ventana cambiará cuando Chinwag se reinicie.</translation>
    </message>
    <message>
        <source>Hugging Face token saved in {where}.</source>
        <translation>Token de Hugging Face guardado en {where}.</translation>
    </message>
    <message>
        <source>The Hugging Face token was removed.</source>
        <translation>Se eliminó el token de Hugging Face.</translation>
    </message>
    <message>
        <source>The Hugging Face token could not be saved: {error}</source>
        <translation>No se pudo guardar el token de Hugging Face: {error}</translation>
    </message>
    <message>
        <source>{name} is in use: choose another model first, then delete it.</source>
        <translation>{name} está en uso: elija primero otro modelo y luego elimínelo.</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>Eliminar modelo</translation>
    </message>
    <message>
        <source>Delete {name} from this computer? It can be downloaded again later.</source>
        <translation>¿Eliminar {name} de este equipo? Podrá volver a descargarlo más adelante.</translation>
    </message>
    <message>
        <source>Confirm delete</source>
        <translation>Confirmar la eliminación</translation>
    </message>
    <message>
        <source>Done: that was the voice as chosen.</source>
        <translation>Listo: así suena la voz elegida.</translation>
    </message>
    <message>
        <source>The voice test failed: {error}</source>
        <translation>La prueba de voz falló: {error}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Automatic (detect)</source>
        <translation>Automático (detectar)</translation>
    </message>
    <message>
        <source>Chinwag settings</source>
        <translation>Configuración de Chinwag</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Language model</source>
        <translation>Modelo de lenguaje</translation>
    </message>
    <message>
        <source>Memory warning</source>
        <translation>Aviso de memoria</translation>
    </message>
    <message>
        <source>Add a local .gguf…</source>
        <translation>Añadir un .gguf local…</translation>
    </message>
    <message>
        <source>Add a local GGUF model file</source>
        <translation>Añadir un archivo de modelo GGUF local</translation>
    </message>
    <message>
        <source>Manage models…</source>
        <translation>Gestionar modelos…</translation>
    </message>
    <message>
        <source>Open the model manager</source>
        <translation>Abrir el gestor de modelos</translation>
    </message>
    <message>
        <source>Every language, speech and voice model: download, verify, delete, add from the Hub</source>
        <translation>Todos los modelos de lenguaje, de reconocimiento de voz y de voces: descargar, verificar, eliminar, añadir desde el Hub</translation>
    </message>
    <message>
        <source>Speech model</source>
        <translation>Modelo de reconocimiento de voz</translation>
    </message>
    <message>
        <source>Speech model information</source>
        <translation>Información del modelo de reconocimiento de voz</translation>
    </message>
    <message>
        <source>Speech language</source>
        <translation>Idioma hablado</translation>
    </message>
    <message>
        <source>Hugging Face access token</source>
        <translation>Token de acceso de Hugging Face</translation>
    </message>
    <message>
        <source>Remove the saved token</source>
        <translation>Quitar el token guardado</translation>
    </message>
    <message>
        <source>Downloaded models</source>
        <translation>Modelos descargados</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>On disk</source>
        <translation>En disco</translation>
    </message>
    <message>
        <source>Disk space used by models</source>
        <translation>Espacio en disco usado por los modelos</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Micrófono</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Probar</translation>
    </message>
    <message>
        <source>Test microphone</source>
        <translation>Probar el micrófono</translation>
    </message>
    <message>
        <source>Microphone test level</source>
        <translation>Nivel de la prueba del micrófono</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatura</translation>
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
        <translation>Máximo de tokens por respuesta</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Prompt del sistema</translation>
    </message>
    <message>
        <source>Use this prompt only with this model</source>
        <translation>Usar este prompt solo con este modelo</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Hilos</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automático</translation>
    </message>
    <message>
        <source>Context size</source>
        <translation>Tamaño del contexto</translation>
    </message>
    <message>
        <source>{count} tokens</source>
        <translation>{count} tokens</translation>
    </message>
    <message>
        <source>Push-to-talk key</source>
        <translation>Tecla para hablar</translation>
    </message>
    <message>
        <source>Push-to-talk mode</source>
        <translation>Modo de la tecla para hablar</translation>
    </message>
    <message>
        <source>Hold the key while speaking</source>
        <translation>Mantener pulsada la tecla mientras se habla</translation>
    </message>
    <message>
        <source>Press once to start, again to send</source>
        <translation>Pulsar una vez para empezar y otra para enviar</translation>
    </message>
    <message>
        <source>Let me check the transcript before it is sent</source>
        <translation>Permitirme revisar la transcripción antes de enviarla</translation>
    </message>
    <message>
        <source>Play a short sound when recording starts and stops</source>
        <translation>Reproducir un sonido breve al empezar y al terminar la grabación</translation>
    </message>
    <message>
        <source>Talk from any app with a global key (works while Chinwag is in the back)</source>
        <translation>Hablar desde cualquier aplicación con una tecla global (funciona aunque Chinwag esté en segundo plano)</translation>
    </message>
    <message>
        <source>Global push-to-talk key</source>
        <translation>Tecla global para hablar</translation>
    </message>
    <message>
        <source>Global push-to-talk key combination</source>
        <translation>Combinación de la tecla global para hablar</translation>
    </message>
    <message>
        <source>Why the global key is not available</source>
        <translation>Por qué la tecla global no está disponible</translation>
    </message>
    <message>
        <source>Type what I say: the global key types my words into the app in front, instead of sending them to Chinwag</source>
        <translation>Escribir lo que digo: la tecla global escribe mis palabras en la aplicación de delante, en lugar de enviarlas a Chinwag</translation>
    </message>
    <message>
        <source>Type what I say</source>
        <translation>Escribir lo que digo</translation>
    </message>
    <message>
        <source>Show Chinwag in the system tray (show or hide, talk, quit)</source>
        <translation>Mostrar Chinwag en la bandeja del sistema (mostrar u ocultar, hablar, salir)</translation>
    </message>
    <message>
        <source>Tray icon</source>
        <translation>Icono de la bandeja del sistema</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Según el sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>Window language</source>
        <translation>Idioma de la ventana</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>The window&apos;s language changes when Chinwag restarts.</source>
        <translation>El idioma de la ventana cambiará cuando Chinwag se reinicie.</translation>
    </message>
    <message>
        <source>When the window language changes</source>
        <translation>Cuándo cambia el idioma de la ventana</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <source>&amp;Language model</source>
        <translation>Modelo de lengua&amp;je</translation>
    </message>
    <message>
        <source>&amp;Speech model</source>
        <translation>&amp;Reconocimiento de voz</translation>
    </message>
    <message>
        <source>Speech lan&amp;guage</source>
        <translation>&amp;Idioma hablado</translation>
    </message>
    <message>
        <source>Hugging Face &amp;token</source>
        <translation>&amp;Token de Hugging Face</translation>
    </message>
    <message>
        <source>Microphone and talking</source>
        <translation>Micrófono y habla</translation>
    </message>
    <message>
        <source>&amp;Microphone</source>
        <translation>&amp;Micrófono</translation>
    </message>
    <message>
        <source>Push-to-talk &amp;key</source>
        <translation>Tecla para ha&amp;blar</translation>
    </message>
    <message>
        <source>Push-to-talk m&amp;ode</source>
        <translation>Mo&amp;do de la tecla para hablar</translation>
    </message>
    <message>
        <source>&amp;Global key</source>
        <translation>Tecla &amp;global</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Respuestas</translation>
    </message>
    <message>
        <source>&amp;Temperature</source>
        <translation>Temperat&amp;ura</translation>
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
        <translation>Má&amp;ximo de tokens</translation>
    </message>
    <message>
        <source>S&amp;ystem prompt</source>
        <translation>Prompt del &amp;sistema</translation>
    </message>
    <message>
        <source>T&amp;hreads</source>
        <translation>&amp;Hilos</translation>
    </message>
    <message>
        <source>&amp;Context size</source>
        <translation>Tamaño del &amp;contexto</translation>
    </message>
    <message>
        <source>Th&amp;eme</source>
        <translation>T&amp;ema</translation>
    </message>
    <message>
        <source>&amp;Window language</source>
        <translation>Idioma de la ve&amp;ntana</translation>
    </message>
    <message>
        <source>Turn on the global key first: dictation is what that key does when this is on.</source>
        <translation>Active primero la tecla global: el dictado es lo que hace esa tecla cuando esto está activado.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Delete {name}</source>
        <translation>Eliminar {name}</translation>
    </message>
    <message numerus="yes">
        <source>Total: {size} in %n downloaded model(s)</source>
        <translation>
            <numerusform>Total: {size} en %n modelo descargado</numerusform>
            <numerusform>Total: {size} en %n modelos descargados</numerusform>
        </translation>
    </message>
    <message>
        <source>No downloaded models.</source>
        <translation>No hay modelos descargados.</translation>
    </message>
    <message>
        <source>speech input keeps the current model</source>
        <translation>la entrada de voz mantiene el modelo actual</translation>
    </message>
    <message>
        <source>Not downloaded yet: it downloads when you press OK (you can keep chatting meanwhile).</source>
        <translation>Aún no está descargado: se descarga al pulsar Aceptar (mientras tanto, puede seguir conversando).</translation>
    </message>
    <message>
        <source>{size} GB</source>
        <translation>{size} GB</translation>
    </message>
    <message>
        <source>too little memory</source>
        <translation>memoria insuficiente</translation>
    </message>
    <message>
        <source>⚠ This model needs about {need} GB of memory and this computer has {memory}: it may be very slow or fail to load. Choose a smaller one.</source>
        <translation>⚠ Este modelo necesita unos {need} GB de memoria y este equipo tiene {memory}: puede ir muy lento o no llegar a cargarse. Elija uno más pequeño.</translation>
    </message>
    <message>
        <source>Add a local model</source>
        <translation>Añadir un modelo local</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>Modelos GGUF (*.gguf)</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>Comprobando {name}…</translation>
    </message>
    <message>
        <source>⚠ Not added. {why}</source>
        <translation>⚠ No se añadió. {why}</translation>
    </message>
    <message>
        <source>Speak: the bar should move.</source>
        <translation>Hable: la barra debería moverse.</translation>
    </message>
    <message>
        <source>A token is saved; type a new one to replace it</source>
        <translation>Hay un token guardado; escriba uno nuevo para sustituirlo</translation>
    </message>
    <message>
        <source>hf_… (only for models that need a Hugging Face login)</source>
        <translation>hf_… (solo para modelos que requieren iniciar sesión en Hugging Face)</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>(no description)</source>
        <translation>(sin descripción)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Everything Chinwag does from the keyboard. Keys marked * can be changed in Settings.</source>
        <translation>Todo lo que Chinwag hace desde el teclado. Las teclas marcadas con * se pueden cambiar en Configuración.</translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation>Atajos</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Qué hace</translation>
    </message>
</context>
<context>
    <name>SpeechController</name>
    <message>
        <source>Replies in {language} are not read aloud: their voice, {voice}, is not downloaded.</source>
        <translation>Las respuestas en {language} no se leen en voz alta: su voz, {voice}, no está descargada.</translation>
    </message>
    <message>
        <source>No voice reads {language}: replies in {language} are shown, not read aloud.</source>
        <translation>Ninguna voz lee {language}: las respuestas en {language} se muestran, no se leen en voz alta.</translation>
    </message>
    <message>
        <source>Chinwag cannot speak: the voice did not load ({error}).</source>
        <translation>Chinwag no puede hablar: la voz no se cargó ({error}).</translation>
    </message>
</context>
<context>
    <name>TimerCard</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cancel {alarm}</source>
        <translation>Cancelar {alarm}</translation>
    </message>
    <message>
        <source>{alarm}: {left} left</source>
        <translation>{alarm}: quedan {left}</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminado</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Chinwag tray menu</source>
        <translation>Menú de Chinwag en la bandeja del sistema</translation>
    </message>
    <message>
        <source>Hide Chinwag</source>
        <translation>Ocultar Chinwag</translation>
    </message>
    <message>
        <source>Start talking</source>
        <translation>Empezar a hablar</translation>
    </message>
    <message>
        <source>Quit Chinwag</source>
        <translation>Salir de Chinwag</translation>
    </message>
    <message>
        <source>Timers and reminders</source>
        <translation>Temporizadores y recordatorios</translation>
    </message>
    <message>
        <source>Chinwag: offline voice assistant</source>
        <translation>Chinwag: asistente de voz sin conexión</translation>
    </message>
    <message>
        <source>Stop and send</source>
        <translation>Detener y enviar</translation>
    </message>
    <message>
        <source>Chinwag: listening…</source>
        <translation>Chinwag: escuchando…</translation>
    </message>
    <message>
        <source>None set</source>
        <translation>Ninguno programado</translation>
    </message>
    <message>
        <source>Cancel {alarm} ({left})</source>
        <translation>Cancelar {alarm} ({left})</translation>
    </message>
    <message>
        <source>Show Chinwag</source>
        <translation>Mostrar Chinwag</translation>
    </message>
</context>
<context>
    <name>VoiceBox</name>
    <message>
        <source>Voice and conversation</source>
        <translation>Voz y conversación</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Voz</translation>
    </message>
    <message>
        <source>Voice information</source>
        <translation>Información de la voz</translation>
    </message>
    <message>
        <source>Voice for each language</source>
        <translation>Voz de cada idioma</translation>
    </message>
    <message>
        <source>Voice for {language}</source>
        <translation>Voz: {language}</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automática</translation>
    </message>
    <message>
        <source>The voice above when it speaks {language}, else the first voice for {language}</source>
        <translation>La voz de arriba si habla {language}; si no, la primera voz para {language}</translation>
    </message>
    <message>
        <source>Each reply is read by the voice of its language:</source>
        <translation>Cada respuesta la lee la voz de su idioma:</translation>
    </message>
    <message>
        <source>Voice for each language…</source>
        <translation>Voz de cada idioma…</translation>
    </message>
    <message>
        <source>Which voice reads replies in German, French, Spanish…</source>
        <translation>Qué voz lee las respuestas en alemán, francés, español…</translation>
    </message>
    <message>
        <source>Speaking speed</source>
        <translation>Velocidad de habla</translation>
    </message>
    <message>
        <source>Speaking volume</source>
        <translation>Volumen de la voz</translation>
    </message>
    <message>
        <source>Speaker (output device)</source>
        <translation>Altavoz (dispositivo de salida)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <source>{name} (not connected)</source>
        <translation>{name} (no conectado)</translation>
    </message>
    <message>
        <source>Voice test status</source>
        <translation>Estado de la prueba de voz</translation>
    </message>
    <message>
        <source>Test voice</source>
        <translation>Probar voz</translation>
    </message>
    <message>
        <source>Test the voice</source>
        <translation>Probar la voz</translation>
    </message>
    <message>
        <source>Read a sentence with this voice, speed, volume and speaker</source>
        <translation>Leer una frase con esta voz, velocidad, volumen y altavoz</translation>
    </message>
    <message>
        <source>Show what I say while I hold the key</source>
        <translation>Mostrar lo que digo mientras mantengo pulsada la tecla</translation>
    </message>
    <message>
        <source>Conversation mode: after a spoken reply, listen for the next question without a key (Esc leaves it)</source>
        <translation>Modo conversación: tras una respuesta hablada, escuchar la siguiente pregunta sin tecla (Esc lo desactiva)</translation>
    </message>
    <message>
        <source>Silence that ends a question</source>
        <translation>Silencio que termina una pregunta</translation>
    </message>
    <message>
        <source> s of silence</source>
        <translation> s de silencio</translation>
    </message>
    <message>
        <source>&amp;Voice</source>
        <translation>Vo&amp;z</translation>
    </message>
    <message>
        <source>Spee&amp;d</source>
        <translation>&amp;Velocidad</translation>
    </message>
    <message>
        <source>&amp;Volume</source>
        <translation>V&amp;olumen</translation>
    </message>
    <message>
        <source>Spea&amp;ker</source>
        <translation>&amp;Altavoz</translation>
    </message>
    <message>
        <source>A question &amp;ends after</source>
        <translation>&amp;Fin de la pregunta tras</translation>
    </message>
    <message>
        <source>replies are read with the current voice</source>
        <translation>las respuestas se leen con la voz actual</translation>
    </message>
    <message>
        <source>Speaking…</source>
        <translation>Hablando…</translation>
    </message>
</context>
<context>
    <name>WindowController</name>
    <message>
        <source>{error} {seconds} s were recorded before that.</source>
        <translation>{error} Antes de eso se grabaron {seconds} s.</translation>
    </message>
    <message>
        <source>Transcribe what was recorded</source>
        <translation>Transcribir lo grabado</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Typed one word into the window in front</source>
        <translation>Se escribió una palabra en la ventana de delante</translation>
    </message>
    <message>
        <source>Typed {count} words into the window in front</source>
        <translation>Se escribieron {count} palabras en la ventana de delante</translation>
    </message>
    <message>
        <source>Your words could not be typed into the window in front: {why} They are in Chinwag&apos;s text box.</source>
        <translation>No se pudieron escribir sus palabras en la ventana de delante: {why} Están en el cuadro de texto de Chinwag.</translation>
    </message>
    <message>
        <source>Dictation failed: {error}.</source>
        <translation>El dictado falló: {error}.</translation>
    </message>
    <message>
        <source>Recording stopped at the {limit} s limit and was not sent. Transcribe it to read it first?</source>
        <translation>La grabación se detuvo en el límite de {limit} s y no se envió. ¿Transcribirla para leerla primero?</translation>
    </message>
    <message>
        <source>Transcribe</source>
        <translation>Transcribir</translation>
    </message>
    <message>
        <source>Recording discarded: Chinwag lost focus, so the microphone was closed. Nothing was sent.</source>
        <translation>Grabación descartada: Chinwag perdió el foco, así que se cerró el micrófono. No se envió nada.</translation>
    </message>
    <message>
        <source>Recording cancelled. Nothing was sent.</source>
        <translation>Grabación cancelada. No se envió nada.</translation>
    </message>
    <message>
        <source>Recording discarded.</source>
        <translation>Grabación descartada.</translation>
    </message>
    <message>
        <source>The global push-to-talk key is off. {why}</source>
        <translation>La tecla global para hablar está desactivada. {why}</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Espacio</translation>
    </message>
    <message>
        <source>Hold to talk, let go to send (outside a text field)</source>
        <translation>Mantener para hablar, soltar para enviar (fuera de un campo de texto)</translation>
    </message>
    <message>
        <source>Press to start talking, again to send</source>
        <translation>Pulsar para empezar a hablar y otra vez para enviar</translation>
    </message>
    <message>
        <source>Send the typed message</source>
        <translation>Enviar el mensaje escrito</translation>
    </message>
    <message>
        <source>A new line in the message</source>
        <translation>Una línea nueva en el mensaje</translation>
    </message>
    <message>
        <source>Talk from any application (global key)</source>
        <translation>Hablar desde cualquier aplicación (tecla global)</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Descargar</translation>
    </message>
    <message>
        <source>Downloading the voice {name}; replies are read with the current voice meanwhile.</source>
        <translation>Descargando la voz {name}; mientras tanto, las respuestas se leen con la voz actual.</translation>
    </message>
    <message>
        <source>from source</source>
        <translation>(código fuente)</translation>
    </message>
    <message>
        <source>not loaded yet</source>
        <translation>aún no cargado</translation>
    </message>
    <message>
        <source>About Chinwag</source>
        <translation>Acerca de Chinwag</translation>
    </message>
    <message>
        <source>Chinwag {version}: an offline push-to-talk voice assistant.

llama.cpp CPU code: {cpu}
Log file: {log}</source>
        <translation>Chinwag {version}: un asistente de voz sin conexión con tecla para hablar.

Código de CPU de llama.cpp: {cpu}
Archivo de registro: {log}</translation>
    </message>
    <message>
        <source>Licence: Chinwag&apos;s source code is under the Apache License 2.0; the installers also contain GPL-3.0 parts (Piper, espeak-ng), so Chinwag as installed is distributed under the GNU GPL version 3. Licences… lists every part and its licence.</source>
        <translation>Licencia: el código fuente de Chinwag está bajo la Apache License 2.0; los instaladores también contienen componentes GPL-3.0 (Piper, espeak-ng), por lo que Chinwag, tal como se instala, se distribuye bajo la GNU GPL versión 3. «Licencias…» enumera cada componente y su licencia.</translation>
    </message>
    <message>
        <source>Licences…</source>
        <translation>Licencias…</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Licencias</translation>
    </message>
    <message>
        <source>Something went wrong inside Chinwag ({summary}). The window keeps working; the details are in the log{where}.</source>
        <translation>Algo salió mal dentro de Chinwag ({summary}). La ventana sigue funcionando; los detalles están en el registro{where}.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copiar detalles</translation>
    </message>
    <message>
        <source>Cancel the recording, else stop the reply and the voice</source>
        <translation>Cancelar la grabación; si no hay ninguna, detener la respuesta y la voz</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Nueva conversación</translation>
    </message>
    <message>
        <source>Models: download, verify, delete, add</source>
        <translation>Modelos: descargar, verificar, eliminar, añadir</translation>
    </message>
    <message>
        <source>Search the conversations</source>
        <translation>Buscar en las conversaciones</translation>
    </message>
    <message>
        <source>Type a message</source>
        <translation>Escribir un mensaje</translation>
    </message>
    <message>
        <source>Rename the selected conversation</source>
        <translation>Cambiar el nombre de la conversación seleccionada</translation>
    </message>
    <message>
        <source>Copy the last reply</source>
        <translation>Copiar la última respuesta</translation>
    </message>
    <message>
        <source>Write the last reply again</source>
        <translation>Volver a escribir la última respuesta</translation>
    </message>
    <message>
        <source>Speak replies aloud: on or off</source>
        <translation>Leer las respuestas en voz alta: activar o desactivar</translation>
    </message>
    <message>
        <source>Conversation mode (hands-free): on or off</source>
        <translation>Modo conversación (manos libres): activar o desactivar</translation>
    </message>
    <message>
        <source>This list of shortcuts</source>
        <translation>Esta lista de atajos</translation>
    </message>
</context>
<context>
    <name>WindowStart</name>
    <message>
        <source>Not downloaded: {names}. The Models button (Ctrl+M) downloads them whenever you like.</source>
        <translation>Sin descargar: {names}. El botón Modelos (Ctrl+M) los descarga cuando quiera.</translation>
    </message>
</context>
</TS>
