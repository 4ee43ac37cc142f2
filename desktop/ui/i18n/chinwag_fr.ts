<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>ChatController</name>
    <message>
        <source>replacing…</source>
        <translation>remplacement…</translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation>Transcription…</translation>
    </message>
    <message>
        <source>editing…</source>
        <translation>modification…</translation>
    </message>
    <message>
        <source>Copied to the clipboard</source>
        <translation>Copié dans le presse-papiers</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Réflexion…</translation>
    </message>
    <message>
        <source>Heard: “{text}”</source>
        <translation>Entendu&#xa0;: «&#xa0;{text}&#xa0;»</translation>
    </message>
    <message>
        <source>The model gave an empty answer. Try again, or rephrase.</source>
        <translation>Le modèle a donné une réponse vide. Réessayez ou reformulez.</translation>
    </message>
    <message>
        <source>Not sent: your words are back in the text box.</source>
        <translation>Non envoyé&#xa0;: votre texte est de retour dans la zone de saisie.</translation>
    </message>
    <message>
        <source>Something went wrong: {error}. Try again; what you typed is kept.</source>
        <translation>Une erreur s’est produite&#xa0;: {error}. Réessayez&#xa0;; votre texte est conservé.</translation>
    </message>
    <message>
        <source>Editing: Enter sends it again in place of the original, Esc cancels</source>
        <translation>Modification&#xa0;: Entrée le renvoie à la place de l’original, Esc annule</translation>
    </message>
    <message>
        <source>Check the transcript, then press Enter to send it</source>
        <translation>Vérifiez la transcription, puis appuyez sur Entrée pour l’envoyer</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>aucun modèle</translation>
    </message>
    <message>
        <source>{time} · spoken in {language}</source>
        <translation>{time} · dicté ({language})</translation>
    </message>
    <message>
        <source>{time} · spoken</source>
        <translation>{time} · dicté</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Conversation</source>
        <translation>Conversation</translation>
    </message>
    <message>
        <source>⋯  The messages above are left out of what the model sees: its context is full  ⋯</source>
        <translation>⋯  Le modèle ne voit plus les messages ci-dessus&#xa0;: son contexte est plein  ⋯</translation>
    </message>
    <message>
        <source>Older messages left out of the model&apos;s context</source>
        <translation>Messages anciens sortis du contexte du modèle</translation>
    </message>
    <message>
        <source>Older turns were dropped to fit the model&apos;s context. Start a new conversation, or raise the context size in Settings, for the model to see everything.</source>
        <translation>Les échanges les plus anciens ont été retirés pour tenir dans le contexte du modèle. Commencez une nouvelle conversation ou augmentez la taille du contexte dans les Paramètres pour que le modèle voie tout.</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;{key}&lt;/b&gt;, talk, press it again</source>
        <translation>Appuyez sur &lt;b&gt;{key}&lt;/b&gt;, parlez, appuyez de nouveau</translation>
    </message>
    <message>
        <source>Hold &lt;b&gt;{key}&lt;/b&gt; and talk</source>
        <translation>Maintenez &lt;b&gt;{key}&lt;/b&gt; et parlez</translation>
    </message>
    <message>
        <source>…or type below and press Enter. Everything stays on this computer.</source>
        <translation>…ou tapez ci-dessous et appuyez sur Entrée. Tout reste sur cet ordinateur.</translation>
    </message>
</context>
<context>
    <name>ChinwagStatusBar</name>
    <message>
        <source>No model</source>
        <translation>Aucun modèle</translation>
    </message>
    <message>
        <source>Current model</source>
        <translation>Modèle actuel</translation>
    </message>
    <message>
        <source>Loading model</source>
        <translation>Chargement du modèle</translation>
    </message>
    <message>
        <source>Current speech model</source>
        <translation>Modèle de reconnaissance vocale actuel</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>Last turn timings</source>
        <translation>Durées du dernier échange</translation>
    </message>
    <message>
        <source>The last turn: transcription, time to the first word of the reply, reply speed</source>
        <translation>Le dernier échange&#xa0;: transcription, délai avant le premier mot de la réponse, vitesse de réponse</translation>
    </message>
    <message>
        <source>Speaking</source>
        <translation>Parle</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>Écoute</translation>
    </message>
    <message>
        <source>Loading {label}…</source>
        <translation>Chargement de {label}…</translation>
    </message>
    <message>
        <source>Model: {label}</source>
        <translation>Modèle&#xa0;: {label}</translation>
    </message>
    <message>
        <source>The language model that answers</source>
        <translation>Le modèle de langage qui répond</translation>
    </message>
    <message>
        <source>Speech: {label}</source>
        <translation>Reconnaissance vocale&#xa0;: {label}</translation>
    </message>
    <message>
        <source>Speech input off</source>
        <translation>Saisie vocale désactivée</translation>
    </message>
    <message>
        <source>The Whisper model that turns what you say into text</source>
        <translation>Le modèle Whisper qui transforme vos paroles en texte</translation>
    </message>
    <message>
        <source>● Listening…</source>
        <translation>● Écoute…</translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation>Transcription…</translation>
    </message>
    <message>
        <source>Speaking… (Esc to stop)</source>
        <translation>Parle… (Esc pour arrêter)</translation>
    </message>
    <message>
        <source>● Online (not needed)</source>
        <translation>● En ligne (pas nécessaire)</translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation>● Hors ligne</translation>
    </message>
    <message>
        <source>Everything runs on this computer; the network is only used for downloads.</source>
        <translation>Tout fonctionne sur cet ordinateur&#xa0;; le réseau ne sert qu’aux téléchargements.</translation>
    </message>
    <message>
        <source>speech {ms} ms</source>
        <translation>parole {ms} ms</translation>
    </message>
    <message>
        <source>first token {ms} ms</source>
        <translation>premier jeton {ms} ms</translation>
    </message>
    <message>
        <source>{rate} tok/s</source>
        <translation>{rate} jetons/s</translation>
    </message>
    <message>
        <source>Last turn: {parts}</source>
        <translation>Dernier échange&#xa0;: {parts}</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy this code to the clipboard</source>
        <translation>Copier ce code dans le presse-papiers</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Copier le code</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
</context>
<context>
    <name>ConversationController</name>
    <message>
        <source>Deleted “{title}”.</source>
        <translation>Conversation «&#xa0;{title}&#xa0;» supprimée.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>conversation</source>
        <translation>conversation</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Exporter la conversation</translation>
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
        <translation>Impossible d’enregistrer {path}&#xa0;: {error}. Choisissez un autre dossier.</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>{path} enregistré</translation>
    </message>
</context>
<context>
    <name>ConversationHeader</name>
    <message>
        <source>Conversation settings</source>
        <translation>Paramètres de la conversation</translation>
    </message>
    <message>
        <source>This conversation&apos;s model</source>
        <translation>Modèle de cette conversation</translation>
    </message>
    <message>
        <source>This conversation&apos;s system prompt</source>
        <translation>Prompt système de cette conversation</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Change this conversation&apos;s model and system prompt</source>
        <translation>Modifier le modèle et le prompt système de cette conversation</translation>
    </message>
    <message>
        <source>The model and the system prompt this conversation uses</source>
        <translation>Le modèle et le prompt système qu’utilise cette conversation</translation>
    </message>
    <message>
        <source>Context used</source>
        <translation>Contexte utilisé</translation>
    </message>
    <message>
        <source>context: –</source>
        <translation>contexte&#xa0;: –</translation>
    </message>
    <message>
        <source>How much of the model&apos;s context this conversation fills; once it is full, the oldest turns are left out of what the model sees.</source>
        <translation>Part du contexte du modèle occupée par cette conversation&#xa0;; une fois le contexte plein, le modèle ne voit plus les échanges les plus anciens.</translation>
    </message>
    <message>
        <source> (the window&apos;s model)</source>
        <translation> (modèle de la fenêtre)</translation>
    </message>
    <message>
        <source>System prompt: {prompt}</source>
        <translation>Prompt système&#xa0;: {prompt}</translation>
    </message>
    <message>
        <source>No system prompt</source>
        <translation>Aucun prompt système</translation>
    </message>
    <message>
        <source>{prompt} (the model&apos;s default)</source>
        <translation>{prompt} (par défaut du modèle)</translation>
    </message>
    <message>
        <source>context: {used} / {total} tokens</source>
        <translation>contexte&#xa0;: {used} / {total} jetons</translation>
    </message>
    <message>
        <source>{used} of {total} tokens, {percent}%</source>
        <translation>{used} sur {total} jetons, {percent}&#xa0;%</translation>
    </message>
</context>
<context>
    <name>ConversationMode</name>
    <message>
        <source>Conversation mode ended: {error}</source>
        <translation>Mode conversation terminé&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Conversation mode ended: nothing was said for {seconds} s. Press the talk key or turn it on again (Ctrl+Shift+H).</source>
        <translation>Mode conversation terminé&#xa0;: rien n’a été dit pendant {seconds}&#xa0;s. Appuyez sur la touche pour parler ou réactivez-le (Ctrl+Shift+H).</translation>
    </message>
</context>
<context>
    <name>ConversationSetupDialog</name>
    <message>
        <source>This conversation</source>
        <translation>Cette conversation</translation>
    </message>
    <message>
        <source>This conversation&apos;s model and system prompt</source>
        <translation>Modèle et prompt système de cette conversation</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>The window&apos;s model</source>
        <translation>Modèle de la fenêtre</translation>
    </message>
    <message>
        <source>Use the model&apos;s default system prompt</source>
        <translation>Utiliser le prompt système par défaut du modèle</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Prompt système</translation>
    </message>
</context>
<context>
    <name>ConversationSidebar</name>
    <message>
        <source>+  New conversation</source>
        <translation>+  Nouvelle conversation</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Nouvelle conversation</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Rechercher dans les conversations</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>Renommer la conversation</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>Supprimer la conversation</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Exporter la conversation</translation>
    </message>
    <message>
        <source>As Markdown…</source>
        <translation>En Markdown…</translation>
    </message>
    <message>
        <source>As JSON…</source>
        <translation>En JSON…</translation>
    </message>
</context>
<context>
    <name>Dictation</name>
    <message>
        <source>“{char}” has no key on this keyboard, and no spare key is free to type it with.</source>
        <translation>« {char} » n’a pas de touche sur ce clavier, et aucune touche libre n’est disponible pour le taper.</translation>
    </message>
    <message>
        <source>python-xlib, which types on X11, is not installed.</source>
        <translation>python-xlib, qui tape sous X11, n’est pas installé.</translation>
    </message>
    <message>
        <source>there is no X11 display (DISPLAY is not set) to type on.</source>
        <translation>il n’y a pas d’affichage X11 (DISPLAY n’est pas défini) sur lequel taper.</translation>
    </message>
    <message>
        <source>the X11 display {display} cannot be opened ({error}).</source>
        <translation>l’affichage X11 {display} ne peut pas être ouvert ({error}).</translation>
    </message>
    <message>
        <source>this X server does not offer XTest, which Chinwag types with.</source>
        <translation>ce serveur X ne propose pas XTest, avec lequel Chinwag tape.</translation>
    </message>
    <message>
        <source>Ctrl, Alt, Shift or Super was still held down, and typing then would have pressed shortcuts in that window.</source>
        <translation>Ctrl, Alt, Maj ou Super était encore enfoncée, et taper à ce moment-là aurait déclenché des raccourcis dans cette fenêtre.</translation>
    </message>
</context>
<context>
    <name>DownloadController</name>
    <message>
        <source>Cancelled before it started.</source>
        <translation>Annulé avant d’avoir commencé.</translation>
    </message>
    <message>
        <source>Cancelled. {size} are kept: Resume continues from there.</source>
        <translation>Annulé. {size} sont conservés&#xa0;: «&#xa0;Reprendre&#xa0;» repart de là.</translation>
    </message>
</context>
<context>
    <name>DownloadList</name>
    <message>
        <source>Downloads</source>
        <translation>Téléchargements</translation>
    </message>
    <message>
        <source>Download {name}</source>
        <translation>Téléchargement de {name}</translation>
    </message>
</context>
<context>
    <name>DownloadView</name>
    <message>
        <source>Download</source>
        <translation>Téléchargement</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Progression du téléchargement</translation>
    </message>
    <message>
        <source>Download details</source>
        <translation>Détails du téléchargement</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Annuler le téléchargement</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Resume download</source>
        <translation>Reprendre le téléchargement</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Close download panel</source>
        <translation>Fermer le panneau de téléchargement</translation>
    </message>
    <message>
        <source>Downloading {name}</source>
        <translation>Téléchargement de {name}</translation>
    </message>
    <message>
        <source>Continuing from {size}…</source>
        <translation>Reprise à partir de {size}…</translation>
    </message>
    <message>
        <source>Contacting the Hub…</source>
        <translation>Connexion au Hub…</translation>
    </message>
    <message>
        <source>Checking the Hub…</source>
        <translation>Interrogation du Hub…</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} sur {total}</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>il reste {time}</translation>
    </message>
    <message>
        <source>Verifying the checksum… {done} of {total}</source>
        <translation>Vérification de la somme de contrôle… {done} sur {total}</translation>
    </message>
    <message>
        <source>{name} is downloaded and verified</source>
        <translation>{name} est téléchargé et vérifié</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Prêt.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Retry download</source>
        <translation>Relancer le téléchargement</translation>
    </message>
    <message>
        <source>Queued: starts when {name} is done.</source>
        <translation>En file d’attente&#xa0;: commencera quand {name} sera terminé.</translation>
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
        <translation>{s}&#xa0;s</translation>
    </message>
    <message>
        <source>{m} min {s} s</source>
        <translation>{m}&#xa0;min {s}&#xa0;s</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h}&#xa0;h {m}&#xa0;min</translation>
    </message>
</context>
<context>
    <name>GlobalHotkey</name>
    <message>
        <source>A global push-to-talk key works on Linux with X11 so far; on this system use the tray icon, or the push-to-talk key in Chinwag&apos;s window.</source>
        <translation>Une touche pour parler globale ne fonctionne pour l’instant que sous Linux avec X11&#xa0;; sur ce système, utilisez l’icône de la zone de notification ou la touche pour parler dans la fenêtre de Chinwag.</translation>
    </message>
    <message>
        <source>Not available in a Wayland session: Wayland does not let an app see keys pressed in other apps&apos; windows, and Chinwag cannot use the desktop&apos;s global-shortcut portal yet. Use the tray icon, or log in to an X11 session.</source>
        <translation>Indisponible dans une session Wayland&#xa0;: Wayland ne laisse pas une application voir les touches pressées dans les fenêtres des autres applications, et Chinwag ne sait pas encore utiliser le portail de raccourcis globaux du bureau. Utilisez l’icône de la zone de notification ou ouvrez une session X11.</translation>
    </message>
    <message>
        <source>Not available: there is no X11 display (DISPLAY is not set) to listen for the key on.</source>
        <translation>Indisponible&#xa0;: il n’y a pas d’affichage X11 (DISPLAY n’est pas défini) sur lequel écouter la touche.</translation>
    </message>
    <message>
        <source>Not available: python-xlib, which listens for the key on X11, is not installed.</source>
        <translation>Indisponible&#xa0;: python-xlib, qui écoute la touche sous X11, n’est pas installé.</translation>
    </message>
    <message>
        <source>Not available: the X11 display {display} cannot be opened ({error}).</source>
        <translation>Indisponible&#xa0;: impossible d’ouvrir l’affichage X11 {display} ({error}).</translation>
    </message>
    <message>
        <source>{key} is not a key: choose one in Settings, e.g. Ctrl+Alt+Space.</source>
        <translation>{key} n’est pas une touche&#xa0;: choisissez-en une dans les Paramètres, par ex. Ctrl+Alt+Espace.</translation>
    </message>
    <message>
        <source>{name} in {key} is not a modifier (Ctrl, Alt, Shift or Meta).</source>
        <translation>{name} dans {key} n’est pas une touche de modification (Ctrl, Alt, Shift ou Meta).</translation>
    </message>
    <message>
        <source>{key} is not a key Chinwag can listen for globally: choose another in Settings.</source>
        <translation>Chinwag ne peut pas écouter {key} globalement&#xa0;: choisissez une autre touche dans les Paramètres.</translation>
    </message>
    <message>
        <source>The global push-to-talk key is off: the X11 display cannot be opened ({error}).</source>
        <translation>La touche pour parler globale est désactivée&#xa0;: impossible d’ouvrir l’affichage X11 ({error}).</translation>
    </message>
    <message>
        <source>The global push-to-talk key is off: this keyboard has no {key} key.</source>
        <translation>La touche pour parler globale est désactivée&#xa0;: ce clavier n’a pas de touche {key}.</translation>
    </message>
    <message>
        <source>The global push-to-talk key is off: another program already uses {key}. Choose another key in Settings.</source>
        <translation>La touche pour parler globale est désactivée&#xa0;: un autre programme utilise déjà {key}. Choisissez une autre touche dans les Paramètres.</translation>
    </message>
</context>
<context>
    <name>InputBar</name>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Envoyer le message</translation>
    </message>
    <message>
        <source>■  Stop</source>
        <translation>■  Arrêter</translation>
    </message>
    <message>
        <source>Stop the reply</source>
        <translation>Arrêter la réponse</translation>
    </message>
    <message>
        <source>Stop the reply (Esc); what was written so far is kept</source>
        <translation>Arrêter la réponse (Esc)&#xa0;; le texte déjà écrit est conservé</translation>
    </message>
    <message>
        <source>🔈 Speak replies</source>
        <translation>🔈 Lire les réponses</translation>
    </message>
    <message>
        <source>Speak replies aloud</source>
        <translation>Lire les réponses à voix haute</translation>
    </message>
    <message>
        <source>Read each reply aloud as it is written (Ctrl+Shift+S). The talk key, Stop or Esc silences it.</source>
        <translation>Lire chaque réponse à voix haute pendant qu’elle s’écrit (Ctrl+Shift+S). La touche pour parler, «&#xa0;Arrêter&#xa0;» ou Esc l’interrompt.</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversation</translation>
    </message>
    <message>
        <source>Conversation mode</source>
        <translation>Mode conversation</translation>
    </message>
    <message>
        <source>Hands-free: after each spoken reply Chinwag listens for the next question (Ctrl+Shift+H). Esc leaves it.</source>
        <translation>Mains libres&#xa0;: après chaque réponse lue, Chinwag écoute la question suivante (Ctrl+Shift+H). Esc pour en sortir.</translation>
    </message>
    <message>
        <source>Listening… just speak. Esc leaves conversation mode.</source>
        <translation>Écoute… parlez simplement. Esc quitte le mode conversation.</translation>
    </message>
    <message>
        <source>Listening hands-free</source>
        <translation>Écoute mains libres</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>Niveau du microphone</translation>
    </message>
    <message>
        <source>Recording time</source>
        <translation>Durée d’enregistrement</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Live transcript</source>
        <translation>Transcription en direct</translation>
    </message>
</context>
<context>
    <name>LanguageDialog</name>
    <message>
        <source>Your settings could not be saved ({error}); the language is asked again at the next start.</source>
        <translation>Vos paramètres n’ont pas pu être enregistrés ({error}) ; la langue sera demandée à nouveau au prochain démarrage.</translation>
    </message>
    <message>
        <source>Chinwag: your language</source>
        <translation>Chinwag : votre langue</translation>
    </message>
    <message>
        <source>Your language</source>
        <translation>Votre langue</translation>
    </message>
    <message>
        <source>Chinwag listens, answers and reads replies aloud in the language you choose.</source>
        <translation>Chinwag écoute, répond et lit les réponses à voix haute dans la langue que vous choisissez.</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Langues</translation>
    </message>
    <message>
        <source>What changes</source>
        <translation>Ce qui change</translation>
    </message>
    <message>
        <source>To hear and speak {language}, Chinwag downloads:</source>
        <translation>Pour entendre et parler {language}, Chinwag télécharge :</translation>
    </message>
    <message>
        <source>{name} ({size})</source>
        <translation>{name} ({size})</translation>
    </message>
    <message>
        <source>The window is not translated into {language} yet; it stays as it is.</source>
        <translation>La fenêtre n’est pas encore traduite dans cette langue ({language}) ; elle reste telle quelle.</translation>
    </message>
    <message>
        <source>The window will be in {language}.</source>
        <translation>La fenêtre sera en {language}.</translation>
    </message>
    <message>
        <source>Without the speech model, speech input understands English only; typing works in every language.</source>
        <translation>Sans le modèle de reconnaissance vocale, la saisie vocale ne comprend que l’anglais ; la saisie au clavier fonctionne dans toutes les langues.</translation>
    </message>
    <message>
        <source>There is no voice for {language} yet: replies are shown, not read aloud.</source>
        <translation>Il n’y a pas encore de voix pour cette langue ({language}) : les réponses sont affichées, pas lues à voix haute.</translation>
    </message>
    <message>
        <source>Without the voice, replies in {language} are shown, not read aloud.</source>
        <translation>Sans la voix, les réponses dans cette langue ({language}) sont affichées, pas lues à voix haute.</translation>
    </message>
    <message>
        <source>You can download them later with the Models button (Ctrl+M).</source>
        <translation>Vous pourrez les télécharger plus tard avec le bouton Modèles (Ctrl+M).</translation>
    </message>
    <message>
        <source>The downloads run in the window, and Chinwag works meanwhile.</source>
        <translation>Les téléchargements se font dans la fenêtre, et Chinwag fonctionne pendant ce temps.</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Allemand</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italien</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>Portugais</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>Hindi</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Espagnol</translation>
    </message>
    <message>
        <source>Thai</source>
        <translation>Thaï</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Néerlandais</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>Polonais</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Russe</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>Japonais</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>Chinois</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>Suédois</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>Turc</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>Ukrainien</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>Arabe</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>Coréen</translation>
    </message>
    <message>
        <source>Czech</source>
        <translation>Tchèque</translation>
    </message>
    <message>
        <source>Danish</source>
        <translation>Danois</translation>
    </message>
    <message>
        <source>Finnish</source>
        <translation>Finnois</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>Grec</translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation>Hébreu</translation>
    </message>
    <message>
        <source>Hungarian</source>
        <translation>Hongrois</translation>
    </message>
    <message>
        <source>Indonesian</source>
        <translation>Indonésien</translation>
    </message>
    <message>
        <source>Norwegian</source>
        <translation>Norvégien</translation>
    </message>
    <message>
        <source>Romanian</source>
        <translation>Roumain</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>Vietnamien</translation>
    </message>
    <message>
        <source>Catalan</source>
        <translation>Catalan</translation>
    </message>
</context>
<context>
    <name>LicencesDialog</name>
    <message>
        <source>Chinwag&apos;s own source code is licensed under the Apache License 2.0. The installers also contain Piper and espeak-ng (GNU GPL version 3), so Chinwag as installed from them is distributed as a whole under the GNU GPL version 3. Qt and PySide6 (GNU LGPL version 3) are separate libraries you may replace. Below: every part with its version, its licence and its licence text, and where the source code of each copyleft part is.</source>
        <translation>Le code source propre à Chinwag est distribué sous l’Apache License 2.0. Les programmes d’installation contiennent aussi Piper et espeak-ng (GNU GPL version 3)&#xa0;; Chinwag installé à partir de ceux-ci est donc distribué dans son ensemble sous la GNU GPL version 3. Qt et PySide6 (GNU LGPL version 3) sont des bibliothèques distinctes que vous pouvez remplacer. Ci-dessous&#xa0;: chaque composant avec sa version, sa licence et le texte de celle-ci, et l’endroit où trouver le code source de chaque composant sous copyleft.</translation>
    </message>
    <message>
        <source>The licence notices come with the installer (THIRD-PARTY-NOTICES.txt). In a source checkout, run python scripts/third_party_notices.py --out NOTICES.txt to write them.</source>
        <translation>Les mentions de licence sont fournies avec le programme d’installation (THIRD-PARTY-NOTICES.txt). Dans une copie des sources, exécutez python scripts/third_party_notices.py --out NOTICES.txt pour les générer.</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Licences</translation>
    </message>
    <message>
        <source>Licence notices</source>
        <translation>Mentions de licence</translation>
    </message>
</context>
<context>
    <name>ListeningOverlay</name>
    <message>
        <source>Chinwag is listening</source>
        <translation>Chinwag écoute</translation>
    </message>
    <message>
        <source>Listening…</source>
        <translation>Écoute…</translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation>Transcription…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Main</source>
        <translation>Barre principale</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>Barre d’outils</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>Open the model manager</source>
        <translation>Ouvrir le gestionnaire de modèles</translation>
    </message>
    <message>
        <source>Download, verify and delete language, speech and voice models (Ctrl+M)</source>
        <translation>Télécharger, vérifier et supprimer les modèles de langage, de reconnaissance vocale et de voix (Ctrl+M)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Open settings</source>
        <translation>Ouvrir les paramètres</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>Paramètres (Ctrl+,)</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Every keyboard shortcut (F1)</source>
        <translation>Tous les raccourcis clavier (F1)</translation>
    </message>
    <message>
        <source>About</source>
        <translation>À propos</translation>
    </message>
    <message>
        <source>About Chinwag</source>
        <translation>À propos de Chinwag</translation>
    </message>
    <message>
        <source>Version, and where the log file is</source>
        <translation>Version et emplacement du fichier journal</translation>
    </message>
</context>
<context>
    <name>MessageInput</name>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Type a message; Enter sends it, Shift+Enter starts a new line</source>
        <translation>Tapez un message&#xa0;; Entrée l’envoie, Shift+Entrée commence une nouvelle ligne</translation>
    </message>
    <message>
        <source>Type a message, or use {key} to talk…  (Enter sends, Shift+Enter new line)</source>
        <translation>Tapez un message ou utilisez {key} pour parler…  (Entrée&#xa0;: envoyer, Shift+Entrée&#xa0;: nouvelle ligne)</translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <source>Your message</source>
        <translation>Votre message</translation>
    </message>
    <message>
        <source>Chinwag&apos;s reply</source>
        <translation>Réponse de Chinwag</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy this message to the clipboard</source>
        <translation>Copier ce message dans le presse-papiers</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Régénérer</translation>
    </message>
    <message>
        <source>Write this reply again</source>
        <translation>Réécrire cette réponse</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>Edit this message and send it again</source>
        <translation>Modifier ce message et le renvoyer</translation>
    </message>
    <message>
        <source>Speak</source>
        <translation>Lire</translation>
    </message>
    <message>
        <source>Read this reply aloud</source>
        <translation>Lire cette réponse à voix haute</translation>
    </message>
    <message>
        <source>Continue ▸</source>
        <translation>Continuer ▸</translation>
    </message>
    <message>
        <source>Write more of this reply, which the length limit cut off</source>
        <translation>Poursuivre cette réponse, coupée par la limite de longueur</translation>
    </message>
    <message>
        <source>Show the earlier answer</source>
        <translation>Afficher la réponse précédente</translation>
    </message>
    <message>
        <source>Show the later answer</source>
        <translation>Afficher la réponse suivante</translation>
    </message>
    <message>
        <source>Which answer is shown</source>
        <translation>Réponse affichée</translation>
    </message>
    <message>
        <source>writing…</source>
        <translation>écriture…</translation>
    </message>
    <message>
        <source>This reply was cut off by the length limit</source>
        <translation>Cette réponse a été coupée par la limite de longueur</translation>
    </message>
    <message>
        <source>This reply was stopped before it finished</source>
        <translation>Cette réponse a été arrêtée avant la fin</translation>
    </message>
    <message>
        <source>Answer {index} of {count}</source>
        <translation>Réponse {index} sur {count}</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>arrêtée</translation>
    </message>
    <message>
        <source>cut off at the length limit</source>
        <translation>coupée à la limite de longueur</translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <source>needs {size} RAM</source>
        <translation>nécessite {size} de RAM</translation>
    </message>
    <message>
        <source>✓ downloaded</source>
        <translation>✓ téléchargé</translation>
    </message>
    <message>
        <source>⤓ not downloaded</source>
        <translation>⤓ non téléchargé</translation>
    </message>
    <message>
        <source>⚠ too big for this computer</source>
        <translation>⚠ trop gros pour cet ordinateur</translation>
    </message>
    <message>
        <source>Not downloaded yet ({size}): it downloads when you press OK, with progress, cancel and resume; {meanwhile} until it is ready.</source>
        <translation>Pas encore téléchargé ({size})&#xa0;: le téléchargement démarre quand vous appuyez sur OK, avec progression, annulation et reprise&#xa0;; d’ici là, {meanwhile}.</translation>
    </message>
    <message>
        <source>Not downloaded yet: it downloads when you press OK, with progress, cancel and resume; {meanwhile} until it is ready.</source>
        <translation>Pas encore téléchargé&#xa0;: le téléchargement démarre quand vous appuyez sur OK, avec progression, annulation et reprise&#xa0;; d’ici là, {meanwhile}.</translation>
    </message>
</context>
<context>
    <name>ModelController</name>
    <message>
        <source>models</source>
        <translation>modèles</translation>
    </message>
    <message>
        <source>{error} Using the bundled starter model instead.</source>
        <translation>{error} Le modèle de démarrage fourni est utilisé à la place.</translation>
    </message>
    <message>
        <source>{name} is not downloaded yet; speech input uses {current} meanwhile.</source>
        <translation>{name} n’est pas encore téléchargé&#xa0;; la saisie vocale utilise {current} en attendant.</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <source>You are chatting with the small starter model, which works offline right away. For much better answers, download {name} ({size}).</source>
        <translation>Vous discutez avec le petit modèle de démarrage, qui fonctionne hors ligne immédiatement. Pour de bien meilleures réponses, téléchargez {name} ({size}).</translation>
    </message>
    <message>
        <source>Downloading {name}; keep chatting with the current model.</source>
        <translation>Téléchargement de {name}&#xa0;; continuez à discuter avec le modèle actuel.</translation>
    </message>
    <message>
        <source>Downloading {name}; speech input keeps the current model meanwhile.</source>
        <translation>Téléchargement de {name}&#xa0;; la saisie vocale garde le modèle actuel en attendant.</translation>
    </message>
    <message>
        <source>{error} Speech input is off until a speech model is available; typing works.</source>
        <translation>{error} La saisie vocale est désactivée jusqu’à ce qu’un modèle de reconnaissance vocale soit disponible&#xa0;; la saisie au clavier fonctionne.</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>aucun modèle</translation>
    </message>
    <message>
        <source>Still answering with {name}.</source>
        <translation>{name} continue de répondre.</translation>
    </message>
    <message>
        <source>{error} Typing still works.</source>
        <translation>{error} La saisie au clavier fonctionne toujours.</translation>
    </message>
</context>
<context>
    <name>ModelManagerController</name>
    <message>
        <source>Downloaded and verified.</source>
        <translation>Téléchargé et vérifié.</translation>
    </message>
    <message>
        <source>Verifying {name}…</source>
        <translation>Vérification de {name}…</translation>
    </message>
    <message>
        <source>✓ Verified: every file matches its checksum.</source>
        <translation>✓ Vérifié&#xa0;: chaque fichier correspond à sa somme de contrôle.</translation>
    </message>
    <message>
        <source>Verification cancelled.</source>
        <translation>Vérification annulée.</translation>
    </message>
    <message>
        <source>{name} is in use: choose another model first, then delete it.</source>
        <translation>{name} est en cours d’utilisation&#xa0;: choisissez d’abord un autre modèle, puis supprimez-le.</translation>
    </message>
    <message>
        <source>Delete {name} ({size}) from this computer? It can be downloaded again later.</source>
        <translation>Supprimer {name} ({size}) de cet ordinateur&#xa0;? Vous pourrez le télécharger de nouveau plus tard.</translation>
    </message>
    <message>
        <source>Take {name} off the list? Its file stays where it is.</source>
        <translation>Retirer {name} de la liste&#xa0;? Son fichier reste où il est.</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>Supprimer le modèle</translation>
    </message>
    <message>
        <source>Remove model</source>
        <translation>Retirer le modèle</translation>
    </message>
    <message>
        <source>Confirm delete</source>
        <translation>Confirmer la suppression</translation>
    </message>
    <message>
        <source>{name} was deleted; {size} freed.</source>
        <translation>{name} a été supprimé&#xa0;; {size} libérés.</translation>
    </message>
    <message>
        <source>{name} was taken off the list.</source>
        <translation>{name} a été retiré de la liste.</translation>
    </message>
    <message>
        <source>There is nothing on disk to show yet.</source>
        <translation>Il n’y a encore rien sur le disque à afficher.</translation>
    </message>
    <message>
        <source>No file manager could be opened. The model is in {folder}</source>
        <translation>Aucun gestionnaire de fichiers n’a pu être ouvert. Le modèle se trouve dans {folder}</translation>
    </message>
    <message>
        <source>Asking the Hub about {repo}…</source>
        <translation>Interrogation du Hub sur {repo}…</translation>
    </message>
    <message>
        <source>Added {name}: select it above and press Download.</source>
        <translation>{name} ajouté&#xa0;: sélectionnez-le ci-dessus et appuyez sur «&#xa0;Télécharger&#xa0;».</translation>
    </message>
    <message>
        <source>Add a local model</source>
        <translation>Ajouter un modèle local</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>Modèles GGUF (*.gguf)</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>Vérification de {name}…</translation>
    </message>
    <message>
        <source>Added {name}.</source>
        <translation>{name} ajouté.</translation>
    </message>
    <message>
        <source>⚠ Not added. {why}</source>
        <translation>⚠ Non ajouté. {why}</translation>
    </message>
    <message>
        <source>The bytes downloaded so far are kept: Resume continues from there.</source>
        <translation>Les octets déjà téléchargés sont conservés&#xa0;: «&#xa0;Reprendre&#xa0;» repart de là.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
</context>
<context>
    <name>ModelManagerView</name>
    <message>
        <source>Language</source>
        <translation>Langage</translation>
    </message>
    <message>
        <source>Speech</source>
        <translation>Reconnaissance vocale</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Voix</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>On disk</source>
        <translation>Sur le disque</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Mémoire</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>catalog</source>
        <translation>catalogue</translation>
    </message>
    <message>
        <source>Hub</source>
        <translation>Hub</translation>
    </message>
    <message>
        <source>local file</source>
        <translation>fichier local</translation>
    </message>
    <message>
        <source>bundled</source>
        <translation>fourni</translation>
    </message>
    <message>
        <source>✓ Downloaded</source>
        <translation>✓ Téléchargé</translation>
    </message>
    <message>
        <source>✓ Comes with the app</source>
        <translation>✓ Fourni avec l’application</translation>
    </message>
    <message>
        <source>✓ Your file</source>
        <translation>✓ Votre fichier</translation>
    </message>
    <message>
        <source>Partly downloaded ({size} kept)</source>
        <translation>Partiellement téléchargé ({size} conservés)</translation>
    </message>
    <message>
        <source>⚠ File missing</source>
        <translation>⚠ Fichier manquant</translation>
    </message>
    <message>
        <source>Not downloaded</source>
        <translation>Non téléchargé</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Téléchargement…</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En file d’attente</translation>
    </message>
    <message>
        <source>{status} · in use</source>
        <translation>{status} · utilisé</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>Model manager</source>
        <translation>Gestionnaire de modèles</translation>
    </message>
    <message>
        <source>This computer has {size} GB of memory.</source>
        <translation>Cet ordinateur dispose de {size}&#xa0;Go de mémoire.</translation>
    </message>
    <message>
        <source>This computer&apos;s memory is unknown.</source>
        <translation>La mémoire de cet ordinateur est inconnue.</translation>
    </message>
    <message>
        <source>Language models answer, speech models listen (Whisper), voices speak (Piper). {memory} A model marked ⚠ needs more memory than Chinwag can safely use here.</source>
        <translation>Les modèles de langage répondent, les modèles de reconnaissance vocale écoutent (Whisper), les voix parlent (Piper). {memory} Un modèle marqué ⚠ demande plus de mémoire que Chinwag ne peut en utiliser ici sans risque.</translation>
    </message>
    <message>
        <source>Choose a model in the list.</source>
        <translation>Choisissez un modèle dans la liste.</translation>
    </message>
    <message>
        <source>Selected model</source>
        <translation>Modèle sélectionné</translation>
    </message>
    <message>
        <source>Model download progress</source>
        <translation>Progression du téléchargement du modèle</translation>
    </message>
    <message>
        <source>Model manager status</source>
        <translation>État du gestionnaire de modèles</translation>
    </message>
    <message>
        <source>Download the selected model</source>
        <translation>Télécharger le modèle sélectionné</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel the download or check</source>
        <translation>Annuler le téléchargement ou la vérification</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Resume the download from the kept bytes</source>
        <translation>Reprendre le téléchargement à partir des octets conservés</translation>
    </message>
    <message>
        <source>Verify again</source>
        <translation>Vérifier à nouveau</translation>
    </message>
    <message>
        <source>Check the files against their checksums</source>
        <translation>Comparer les fichiers à leurs sommes de contrôle</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Delete the selected model from this computer</source>
        <translation>Supprimer le modèle sélectionné de cet ordinateur</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
    <message>
        <source>Open the folder the model is in</source>
        <translation>Ouvrir le dossier qui contient le modèle</translation>
    </message>
    <message>
        <source>Hub repository id</source>
        <translation>Identifiant du dépôt sur le Hub</translation>
    </message>
    <message>
        <source>owner/name on the Hugging Face Hub, e.g. unsloth/Llama-3.2-1B-Instruct-GGUF</source>
        <translation>propriétaire/nom sur le Hugging Face Hub, par ex. unsloth/Llama-3.2-1B-Instruct-GGUF</translation>
    </message>
    <message>
        <source>Hub revision</source>
        <translation>Révision sur le Hub</translation>
    </message>
    <message>
        <source>List files</source>
        <translation>Lister les fichiers</translation>
    </message>
    <message>
        <source>Ask the Hub which files the repository holds</source>
        <translation>Demander au Hub quels fichiers contient le dépôt</translation>
    </message>
    <message>
        <source>Files in the Hub repository</source>
        <translation>Fichiers du dépôt sur le Hub</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Usage</translation>
    </message>
    <message>
        <source>Add this file</source>
        <translation>Ajouter ce fichier</translation>
    </message>
    <message>
        <source>Add the selected file to the list of models</source>
        <translation>Ajouter le fichier sélectionné à la liste des modèles</translation>
    </message>
    <message>
        <source>Add a local .gguf…</source>
        <translation>Ajouter un .gguf local…</translation>
    </message>
    <message>
        <source>Add a model file already on this computer</source>
        <translation>Ajouter un fichier de modèle déjà présent sur cet ordinateur</translation>
    </message>
    <message>
        <source>Adding a model</source>
        <translation>Ajout d’un modèle</translation>
    </message>
    <message>
        <source>Add a model</source>
        <translation>Ajouter un modèle</translation>
    </message>
    <message>
        <source>{need} of {total} GB</source>
        <translation>{need} sur {total}&#xa0;Go</translation>
    </message>
    <message>
        <source>{need} GB</source>
        <translation>{need}&#xa0;Go</translation>
    </message>
    <message>
        <source>Needs more than 80 % of this computer&apos;s memory: it may not load, or make everything slow.</source>
        <translation>Nécessite plus de 80&#xa0;% de la mémoire de cet ordinateur&#xa0;: il risque de ne pas se charger ou de tout ralentir.</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>Retirer de la liste</translation>
    </message>
    <message>
        <source>In use: choose another model first</source>
        <translation>Utilisé&#xa0;: choisissez d’abord un autre modèle</translation>
    </message>
    <message>
        <source>Delete the model&apos;s files from this computer</source>
        <translation>Supprimer les fichiers du modèle de cet ordinateur</translation>
    </message>
    <message>
        <source>Take it off the list (your own file is not touched)</source>
        <translation>Le retirer de la liste (votre fichier n’est pas modifié)</translation>
    </message>
    <message>
        <source>Downloading: {done} of {total}</source>
        <translation>Téléchargement&#xa0;: {done} sur {total}</translation>
    </message>
    <message>
        <source>Verifying: {done} of {total}</source>
        <translation>Vérification&#xa0;: {done} sur {total}</translation>
    </message>
    <message>
        <source>Asking the Hub…</source>
        <translation>Interrogation du Hub…</translation>
    </message>
    <message>
        <source>language model</source>
        <translation>modèle de langage</translation>
    </message>
    <message>
        <source>voice (with its .onnx.json)</source>
        <translation>voix (avec son .onnx.json)</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n fichier</numerusform>
            <numerusform>%n fichiers</numerusform>
        </translation>
    </message>
    <message>
        <source>{files}, {usable} of them models Chinwag can use. Choose one and add it.</source>
        <translation>{files}, dont {usable} modèles utilisables par Chinwag. Choisissez-en un et ajoutez-le.</translation>
    </message>
    <message>
        <source>{files}, none a .gguf model or a Piper voice.</source>
        <translation>{files}, mais aucun modèle .gguf ni voix Piper.</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
</context>
<context>
    <name>ModelWorker</name>
    <message>
        <source>Cannot load {name}: {error}. Choose another model.</source>
        <translation>Impossible de charger {name}&#xa0;: {error}. Choisissez un autre modèle.</translation>
    </message>
    <message>
        <source>No language model is loaded. Choose one in Settings (Ctrl+,).</source>
        <translation>Aucun modèle de langage n’est chargé. Choisissez-en un dans les Paramètres (Ctrl+,).</translation>
    </message>
    <message>
        <source>The speech model is not loaded. Choose one in Settings.</source>
        <translation>Le modèle de reconnaissance vocale n’est pas chargé. Choisissez-en un dans les Paramètres.</translation>
    </message>
    <message>
        <source>Nothing heard: hold the key while you speak, a little closer to the microphone.</source>
        <translation>Rien entendu&#xa0;: maintenez la touche pendant que vous parlez, un peu plus près du microphone.</translation>
    </message>
    <message>
        <source>Nothing heard: no words were recognised. Try again, a little louder.</source>
        <translation>Rien entendu&#xa0;: aucun mot n’a été reconnu. Réessayez, un peu plus fort.</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Notice</source>
        <translation>Avis</translation>
    </message>
    <message>
        <source>Dismiss notice</source>
        <translation>Fermer l’avis</translation>
    </message>
</context>
<context>
    <name>PushToTalk</name>
    <message>
        <source>The microphone could not be opened ({error}). Try again, or choose another microphone in Settings; typing still works.</source>
        <translation>Impossible d’ouvrir le microphone ({error}). Réessayez ou choisissez un autre microphone dans les Paramètres&#xa0;; la saisie au clavier fonctionne toujours.</translation>
    </message>
    <message>
        <source>The microphone could not be closed ({error}). Try again, or choose another microphone in Settings; typing still works.</source>
        <translation>Impossible de fermer le microphone ({error}). Réessayez ou choisissez un autre microphone dans les Paramètres&#xa0;; la saisie au clavier fonctionne toujours.</translation>
    </message>
</context>
<context>
    <name>PushToTalkButton</name>
    <message>
        <source>Hold to talk</source>
        <translation>Maintenir pour parler</translation>
    </message>
    <message>
        <source>Push to talk</source>
        <translation>Appuyer pour parler</translation>
    </message>
    <message>
        <source>Hold this button, or hold the push-to-talk key, while you speak</source>
        <translation>Maintenez ce bouton, ou la touche pour parler, pendant que vous parlez</translation>
    </message>
    <message>
        <source>●  Recording… press again to send</source>
        <translation>●  Enregistrement… appuyez de nouveau pour envoyer</translation>
    </message>
    <message>
        <source>●  Recording… let go to send</source>
        <translation>●  Enregistrement… relâchez pour envoyer</translation>
    </message>
    <message>
        <source>Press {key} to talk</source>
        <translation>Appuyez sur {key} pour parler</translation>
    </message>
    <message>
        <source>Hold to talk  (or hold {key})</source>
        <translation>Maintenir pour parler  (ou maintenez {key})</translation>
    </message>
</context>
<context>
    <name>RemoteTalk</name>
    <message>
        <source>Release {key} to type it into the window in front</source>
        <translation>Relâchez {key} pour le taper dans la fenêtre au premier plan</translation>
    </message>
    <message>
        <source>Release {key} to send it</source>
        <translation>Relâchez {key} pour l’envoyer</translation>
    </message>
    <message>
        <source>Press {key} again to type it into the window in front</source>
        <translation>Appuyez de nouveau sur {key} pour le taper dans la fenêtre au premier plan</translation>
    </message>
    <message>
        <source>Press {key} again to send it</source>
        <translation>Appuyez de nouveau sur {key} pour l’envoyer</translation>
    </message>
    <message>
        <source>Choose “Stop and send” in the tray menu to send it</source>
        <translation>Choisissez «&#xa0;Arrêter et envoyer&#xa0;» dans le menu de la zone de notification pour l’envoyer</translation>
    </message>
</context>
<context>
    <name>ServerBox</name>
    <message>
        <source>Local API server</source>
        <translation>Serveur API local</translation>
    </message>
    <message>
        <source>Let other apps on this computer use Chinwag&apos;s models</source>
        <translation>Permettre aux autres applications de cet ordinateur d’utiliser les modèles de Chinwag</translation>
    </message>
    <message>
        <source>API server port</source>
        <translation>Port du serveur API</translation>
    </message>
    <message>
        <source>API server address</source>
        <translation>Adresse du serveur API</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé API</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>Copier la clé</translation>
    </message>
    <message>
        <source>Copy the API key</source>
        <translation>Copier la clé API</translation>
    </message>
    <message>
        <source>Require the key (off: any program on this computer may use the models)</source>
        <translation>Exiger la clé (sinon, tout programme de cet ordinateur peut utiliser les modèles)</translation>
    </message>
    <message>
        <source>Require the API key</source>
        <translation>Exiger la clé API</translation>
    </message>
    <message>
        <source>Actions other apps may run</source>
        <translation>Actions que d’autres applications peuvent lancer</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>Read-only: the time, the date, calculations, unit conversions</source>
        <translation>Lecture seule : l’heure, la date, les calculs, les conversions d’unités</translation>
    </message>
    <message>
        <source>All: also set, list and cancel timers and reminders on this desktop</source>
        <translation>Toutes : aussi régler, lister et annuler minuteurs et rappels sur cet ordinateur</translation>
    </message>
    <message>
        <source>Programs that use the API may ask Chinwag to run these actions for them, as tools named {prefix}…; anything not allowed here is refused.</source>
        <translation>Les programmes qui utilisent l’API peuvent demander à Chinwag de lancer ces actions pour eux, comme outils nommés {prefix}… ; ce qui n’est pas autorisé ici est refusé.</translation>
    </message>
    <message>
        <source>Only this computer can connect (127.0.0.1). Clients send the key as “Authorization: Bearer …”; web pages are refused.</source>
        <translation>Seul cet ordinateur peut se connecter (127.0.0.1). Les clients envoient la clé sous la forme «&#xa0;Authorization: Bearer …&#xa0;»&#xa0;; les pages web sont refusées.</translation>
    </message>
    <message>
        <source>P&amp;ort</source>
        <translation>Po&amp;rt</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>API &amp;key</source>
        <translation>&amp;Clé API</translation>
    </message>
    <message>
        <source>Actions other apps may &amp;run</source>
        <translation>Actions que d’autres applications peuvent &amp;lancer</translation>
    </message>
</context>
<context>
    <name>ServerController</name>
    <message>
        <source>The local API server was not started: {error}</source>
        <translation>Le serveur API local n’a pas été démarré&#xa0;: {error}</translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <source>Reading the key from the system keyring…</source>
        <translation>Lecture de la clé dans le trousseau du système…</translation>
    </message>
    <message>
        <source>The window&apos;s language changes when Chinwag restarts.</source>
        <translation>La langue de la fenêtre change au prochain démarrage de Chinwag.</translation>
    </message>
    <message>
        <source>Hugging Face token saved in {where}.</source>
        <translation>Jeton Hugging Face enregistré dans {where}.</translation>
    </message>
    <message>
        <source>The Hugging Face token was removed.</source>
        <translation>Le jeton Hugging Face a été supprimé.</translation>
    </message>
    <message>
        <source>The Hugging Face token could not be saved: {error}</source>
        <translation>Le jeton Hugging Face n’a pas pu être enregistré&#xa0;: {error}</translation>
    </message>
    <message>
        <source>{name} is in use: choose another model first, then delete it.</source>
        <translation>{name} est en cours d’utilisation&#xa0;: choisissez d’abord un autre modèle, puis supprimez-le.</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>Supprimer le modèle</translation>
    </message>
    <message>
        <source>Delete {name} from this computer? It can be downloaded again later.</source>
        <translation>Supprimer {name} de cet ordinateur&#xa0;? Vous pourrez le télécharger de nouveau plus tard.</translation>
    </message>
    <message>
        <source>Confirm delete</source>
        <translation>Confirmer la suppression</translation>
    </message>
    <message>
        <source>Done: that was the voice as chosen.</source>
        <translation>Terminé&#xa0;: voilà la voix telle que vous l’avez choisie.</translation>
    </message>
    <message>
        <source>The voice test failed: {error}</source>
        <translation>Le test de la voix a échoué&#xa0;: {error}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Automatic (detect)</source>
        <translation>Automatique (détection)</translation>
    </message>
    <message>
        <source>Chinwag settings</source>
        <translation>Paramètres de Chinwag</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Language model</source>
        <translation>Modèle de langage</translation>
    </message>
    <message>
        <source>Memory warning</source>
        <translation>Avertissement de mémoire</translation>
    </message>
    <message>
        <source>Add a local .gguf…</source>
        <translation>Ajouter un .gguf local…</translation>
    </message>
    <message>
        <source>Add a local GGUF model file</source>
        <translation>Ajouter un fichier de modèle GGUF local</translation>
    </message>
    <message>
        <source>Manage models…</source>
        <translation>Gérer les modèles…</translation>
    </message>
    <message>
        <source>Open the model manager</source>
        <translation>Ouvrir le gestionnaire de modèles</translation>
    </message>
    <message>
        <source>Every language, speech and voice model: download, verify, delete, add from the Hub</source>
        <translation>Tous les modèles de langage, de reconnaissance vocale et de voix&#xa0;: télécharger, vérifier, supprimer, ajouter depuis le Hub</translation>
    </message>
    <message>
        <source>Speech model</source>
        <translation>Modèle de reconnaissance vocale</translation>
    </message>
    <message>
        <source>Speech model information</source>
        <translation>Informations sur le modèle de reconnaissance vocale</translation>
    </message>
    <message>
        <source>Speech language</source>
        <translation>Langue parlée</translation>
    </message>
    <message>
        <source>Hugging Face access token</source>
        <translation>Jeton d’accès Hugging Face</translation>
    </message>
    <message>
        <source>Remove the saved token</source>
        <translation>Supprimer le jeton enregistré</translation>
    </message>
    <message>
        <source>Downloaded models</source>
        <translation>Modèles téléchargés</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>On disk</source>
        <translation>Sur le disque</translation>
    </message>
    <message>
        <source>Disk space used by models</source>
        <translation>Espace disque occupé par les modèles</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Par défaut du système</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Tester</translation>
    </message>
    <message>
        <source>Test microphone</source>
        <translation>Tester le microphone</translation>
    </message>
    <message>
        <source>Microphone test level</source>
        <translation>Niveau du test du microphone</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Température</translation>
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
        <translation>Nombre maximal de jetons par réponse</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Prompt système</translation>
    </message>
    <message>
        <source>Use this prompt only with this model</source>
        <translation>Utiliser ce prompt uniquement avec ce modèle</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatique</translation>
    </message>
    <message>
        <source>Context size</source>
        <translation>Taille du contexte</translation>
    </message>
    <message>
        <source>{count} tokens</source>
        <translation>{count} jetons</translation>
    </message>
    <message>
        <source>Push-to-talk key</source>
        <translation>Touche pour parler</translation>
    </message>
    <message>
        <source>Push-to-talk mode</source>
        <translation>Mode de la touche pour parler</translation>
    </message>
    <message>
        <source>Hold the key while speaking</source>
        <translation>Maintenir la touche pendant que vous parlez</translation>
    </message>
    <message>
        <source>Press once to start, again to send</source>
        <translation>Appuyer une fois pour commencer, une seconde fois pour envoyer</translation>
    </message>
    <message>
        <source>Let me check the transcript before it is sent</source>
        <translation>Me laisser vérifier la transcription avant l’envoi</translation>
    </message>
    <message>
        <source>Play a short sound when recording starts and stops</source>
        <translation>Jouer un bref son au début et à la fin de l’enregistrement</translation>
    </message>
    <message>
        <source>Talk from any app with a global key (works while Chinwag is in the back)</source>
        <translation>Parler depuis n’importe quelle application avec une touche globale (fonctionne quand Chinwag est en arrière-plan)</translation>
    </message>
    <message>
        <source>Global push-to-talk key</source>
        <translation>Touche pour parler globale</translation>
    </message>
    <message>
        <source>Global push-to-talk key combination</source>
        <translation>Combinaison de la touche pour parler globale</translation>
    </message>
    <message>
        <source>Why the global key is not available</source>
        <translation>Pourquoi la touche globale n’est pas disponible</translation>
    </message>
    <message>
        <source>Type what I say: the global key types my words into the app in front, instead of sending them to Chinwag</source>
        <translation>Taper ce que je dis : la touche globale tape mes mots dans l’application au premier plan, au lieu de les envoyer à Chinwag</translation>
    </message>
    <message>
        <source>Type what I say</source>
        <translation>Taper ce que je dis</translation>
    </message>
    <message>
        <source>Show Chinwag in the system tray (show or hide, talk, quit)</source>
        <translation>Afficher Chinwag dans la zone de notification (afficher ou masquer, parler, quitter)</translation>
    </message>
    <message>
        <source>Tray icon</source>
        <translation>Icône de la zone de notification</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>Window language</source>
        <translation>Langue de la fenêtre</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>The window&apos;s language changes when Chinwag restarts.</source>
        <translation>La langue de la fenêtre change au prochain démarrage de Chinwag.</translation>
    </message>
    <message>
        <source>When the window language changes</source>
        <translation>Quand la langue de la fenêtre change</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>&amp;Language model</source>
        <translation>Modèle de &amp;langage</translation>
    </message>
    <message>
        <source>&amp;Speech model</source>
        <translation>Modèle de reconnai&amp;ssance vocale</translation>
    </message>
    <message>
        <source>Speech lan&amp;guage</source>
        <translation>Lan&amp;gue parlée</translation>
    </message>
    <message>
        <source>Hugging Face &amp;token</source>
        <translation>&amp;Jeton Hugging Face</translation>
    </message>
    <message>
        <source>Microphone and talking</source>
        <translation>Microphone et parole</translation>
    </message>
    <message>
        <source>&amp;Microphone</source>
        <translation>&amp;Microphone</translation>
    </message>
    <message>
        <source>Push-to-talk &amp;key</source>
        <translation>&amp;Touche pour parler</translation>
    </message>
    <message>
        <source>Push-to-talk m&amp;ode</source>
        <translation>Mo&amp;de de la touche pour parler</translation>
    </message>
    <message>
        <source>&amp;Global key</source>
        <translation>Touche glo&amp;bale</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Réponses</translation>
    </message>
    <message>
        <source>&amp;Temperature</source>
        <translation>Tempér&amp;ature</translation>
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
        <translation>Jetons ma&amp;x</translation>
    </message>
    <message>
        <source>S&amp;ystem prompt</source>
        <translation>Prompt s&amp;ystème</translation>
    </message>
    <message>
        <source>T&amp;hreads</source>
        <translation>T&amp;hreads</translation>
    </message>
    <message>
        <source>&amp;Context size</source>
        <translation>Taille du co&amp;ntexte</translation>
    </message>
    <message>
        <source>Th&amp;eme</source>
        <translation>Thèm&amp;e</translation>
    </message>
    <message>
        <source>&amp;Window language</source>
        <translation>Langue de la &amp;fenêtre</translation>
    </message>
    <message>
        <source>Turn on the global key first: dictation is what that key does when this is on.</source>
        <translation>Activez d’abord la touche globale : la dictée est ce que fait cette touche quand ceci est activé.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Delete {name}</source>
        <translation>Supprimer {name}</translation>
    </message>
    <message numerus="yes">
        <source>Total: {size} in %n downloaded model(s)</source>
        <translation>
            <numerusform>Total&#xa0;: {size} dans %n modèle téléchargé</numerusform>
            <numerusform>Total&#xa0;: {size} dans %n modèles téléchargés</numerusform>
        </translation>
    </message>
    <message>
        <source>No downloaded models.</source>
        <translation>Aucun modèle téléchargé.</translation>
    </message>
    <message>
        <source>speech input keeps the current model</source>
        <translation>la saisie vocale garde le modèle actuel</translation>
    </message>
    <message>
        <source>Not downloaded yet: it downloads when you press OK (you can keep chatting meanwhile).</source>
        <translation>Pas encore téléchargé&#xa0;: le téléchargement démarre quand vous appuyez sur OK (vous pouvez continuer à discuter en attendant).</translation>
    </message>
    <message>
        <source>{size} GB</source>
        <translation>{size}&#xa0;Go</translation>
    </message>
    <message>
        <source>too little memory</source>
        <translation>mémoire insuffisante</translation>
    </message>
    <message>
        <source>⚠ This model needs about {need} GB of memory and this computer has {memory}: it may be very slow or fail to load. Choose a smaller one.</source>
        <translation>⚠ Ce modèle nécessite environ {need}&#xa0;Go de mémoire et cet ordinateur dispose de {memory}&#xa0;: il risque d’être très lent ou de ne pas se charger. Choisissez-en un plus petit.</translation>
    </message>
    <message>
        <source>Add a local model</source>
        <translation>Ajouter un modèle local</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>Modèles GGUF (*.gguf)</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>Vérification de {name}…</translation>
    </message>
    <message>
        <source>⚠ Not added. {why}</source>
        <translation>⚠ Non ajouté. {why}</translation>
    </message>
    <message>
        <source>Speak: the bar should move.</source>
        <translation>Parlez&#xa0;: la barre devrait bouger.</translation>
    </message>
    <message>
        <source>A token is saved; type a new one to replace it</source>
        <translation>Un jeton est enregistré&#xa0;; saisissez-en un nouveau pour le remplacer</translation>
    </message>
    <message>
        <source>hf_… (only for models that need a Hugging Face login)</source>
        <translation>hf_… (uniquement pour les modèles qui exigent une connexion Hugging Face)</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>(no description)</source>
        <translation>(aucune description)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Everything Chinwag does from the keyboard. Keys marked * can be changed in Settings.</source>
        <translation>Tout ce que Chinwag fait au clavier. Les touches marquées * peuvent être modifiées dans les Paramètres.</translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation>Raccourcis</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Action</translation>
    </message>
</context>
<context>
    <name>SpeechController</name>
    <message>
        <source>Replies in {language} are not read aloud: their voice, {voice}, is not downloaded.</source>
        <translation>Les réponses en {language} ne sont pas lues à voix haute : leur voix, {voice}, n’est pas téléchargée.</translation>
    </message>
    <message>
        <source>No voice reads {language}: replies in {language} are shown, not read aloud.</source>
        <translation>Aucune voix pour la langue « {language} » : les réponses dans cette langue sont affichées, pas lues à voix haute.</translation>
    </message>
    <message>
        <source>Chinwag cannot speak: the voice did not load ({error}).</source>
        <translation>Chinwag ne peut pas parler&#xa0;: la voix n’a pas pu être chargée ({error}).</translation>
    </message>
</context>
<context>
    <name>TimerCard</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel {alarm}</source>
        <translation>Annuler {alarm}</translation>
    </message>
    <message>
        <source>{alarm}: {left} left</source>
        <translation>{alarm}&#xa0;: il reste {left}</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Chinwag tray menu</source>
        <translation>Menu de Chinwag dans la zone de notification</translation>
    </message>
    <message>
        <source>Hide Chinwag</source>
        <translation>Masquer Chinwag</translation>
    </message>
    <message>
        <source>Start talking</source>
        <translation>Commencer à parler</translation>
    </message>
    <message>
        <source>Quit Chinwag</source>
        <translation>Quitter Chinwag</translation>
    </message>
    <message>
        <source>Timers and reminders</source>
        <translation>Minuteurs et rappels</translation>
    </message>
    <message>
        <source>Chinwag: offline voice assistant</source>
        <translation>Chinwag&#xa0;: assistant vocal hors ligne</translation>
    </message>
    <message>
        <source>Stop and send</source>
        <translation>Arrêter et envoyer</translation>
    </message>
    <message>
        <source>Chinwag: listening…</source>
        <translation>Chinwag&#xa0;: écoute…</translation>
    </message>
    <message>
        <source>None set</source>
        <translation>Aucun en cours</translation>
    </message>
    <message>
        <source>Cancel {alarm} ({left})</source>
        <translation>Annuler {alarm} ({left})</translation>
    </message>
    <message>
        <source>Show Chinwag</source>
        <translation>Afficher Chinwag</translation>
    </message>
</context>
<context>
    <name>VoiceBox</name>
    <message>
        <source>Voice and conversation</source>
        <translation>Voix et conversation</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Voix</translation>
    </message>
    <message>
        <source>Voice information</source>
        <translation>Informations sur la voix</translation>
    </message>
    <message>
        <source>Voice for each language</source>
        <translation>Voix de chaque langue</translation>
    </message>
    <message>
        <source>Voice for {language}</source>
        <translation>Voix : {language}</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatique</translation>
    </message>
    <message>
        <source>The voice above when it speaks {language}, else the first voice for {language}</source>
        <translation>La voix ci-dessus si elle parle cette langue ({language}), sinon la première voix de cette langue</translation>
    </message>
    <message>
        <source>Each reply is read by the voice of its language:</source>
        <translation>Chaque réponse est lue par la voix de sa langue :</translation>
    </message>
    <message>
        <source>Voice for each language…</source>
        <translation>Voix de chaque langue…</translation>
    </message>
    <message>
        <source>Which voice reads replies in German, French, Spanish…</source>
        <translation>Quelle voix lit les réponses en allemand, en français, en espagnol…</translation>
    </message>
    <message>
        <source>Speaking speed</source>
        <translation>Vitesse de parole</translation>
    </message>
    <message>
        <source>Speaking volume</source>
        <translation>Volume de la voix</translation>
    </message>
    <message>
        <source>Speaker (output device)</source>
        <translation>Haut-parleur (périphérique de sortie)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Par défaut du système</translation>
    </message>
    <message>
        <source>{name} (not connected)</source>
        <translation>{name} (non connecté)</translation>
    </message>
    <message>
        <source>Voice test status</source>
        <translation>État du test de la voix</translation>
    </message>
    <message>
        <source>Test voice</source>
        <translation>Tester la voix</translation>
    </message>
    <message>
        <source>Test the voice</source>
        <translation>Tester la voix</translation>
    </message>
    <message>
        <source>Read a sentence with this voice, speed, volume and speaker</source>
        <translation>Lire une phrase avec cette voix, cette vitesse, ce volume et ce haut-parleur</translation>
    </message>
    <message>
        <source>Show what I say while I hold the key</source>
        <translation>Afficher ce que je dis pendant que je maintiens la touche</translation>
    </message>
    <message>
        <source>Conversation mode: after a spoken reply, listen for the next question without a key (Esc leaves it)</source>
        <translation>Mode conversation&#xa0;: après une réponse lue, écouter la question suivante sans touche (Esc pour en sortir)</translation>
    </message>
    <message>
        <source>Silence that ends a question</source>
        <translation>Silence qui termine une question</translation>
    </message>
    <message>
        <source> s of silence</source>
        <translation>&#xa0;s de silence</translation>
    </message>
    <message>
        <source>&amp;Voice</source>
        <translation>&amp;Voix</translation>
    </message>
    <message>
        <source>Spee&amp;d</source>
        <translation>V&amp;itesse</translation>
    </message>
    <message>
        <source>&amp;Volume</source>
        <translation>V&amp;olume</translation>
    </message>
    <message>
        <source>Spea&amp;ker</source>
        <translation>Ha&amp;ut-parleur</translation>
    </message>
    <message>
        <source>A question &amp;ends after</source>
        <translation>Une &amp;question se termine après</translation>
    </message>
    <message>
        <source>replies are read with the current voice</source>
        <translation>les réponses sont lues avec la voix actuelle</translation>
    </message>
    <message>
        <source>Speaking…</source>
        <translation>Lecture…</translation>
    </message>
</context>
<context>
    <name>WindowController</name>
    <message>
        <source>{error} {seconds} s were recorded before that.</source>
        <translation>{error} {seconds}&#xa0;s avaient été enregistrées auparavant.</translation>
    </message>
    <message>
        <source>Transcribe what was recorded</source>
        <translation>Transcrire l’enregistrement</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Typed one word into the window in front</source>
        <translation>Un mot tapé dans la fenêtre au premier plan</translation>
    </message>
    <message>
        <source>Typed {count} words into the window in front</source>
        <translation>{count} mots tapés dans la fenêtre au premier plan</translation>
    </message>
    <message>
        <source>Your words could not be typed into the window in front: {why} They are in Chinwag&apos;s text box.</source>
        <translation>Vos mots n’ont pas pu être tapés dans la fenêtre au premier plan : {why} Ils sont dans la zone de texte de Chinwag.</translation>
    </message>
    <message>
        <source>Dictation failed: {error}.</source>
        <translation>La dictée a échoué : {error}.</translation>
    </message>
    <message>
        <source>Recording stopped at the {limit} s limit and was not sent. Transcribe it to read it first?</source>
        <translation>L’enregistrement s’est arrêté à la limite de {limit}&#xa0;s et n’a pas été envoyé. Le transcrire pour le relire d’abord&#xa0;?</translation>
    </message>
    <message>
        <source>Transcribe</source>
        <translation>Transcrire</translation>
    </message>
    <message>
        <source>Recording discarded: Chinwag lost focus, so the microphone was closed. Nothing was sent.</source>
        <translation>Enregistrement abandonné&#xa0;: Chinwag a perdu le focus, le microphone a donc été fermé. Rien n’a été envoyé.</translation>
    </message>
    <message>
        <source>Recording cancelled. Nothing was sent.</source>
        <translation>Enregistrement annulé. Rien n’a été envoyé.</translation>
    </message>
    <message>
        <source>Recording discarded.</source>
        <translation>Enregistrement abandonné.</translation>
    </message>
    <message>
        <source>The global push-to-talk key is off. {why}</source>
        <translation>La touche pour parler globale est désactivée. {why}</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Espace</translation>
    </message>
    <message>
        <source>Hold to talk, let go to send (outside a text field)</source>
        <translation>Maintenir pour parler, relâcher pour envoyer (hors d’un champ de texte)</translation>
    </message>
    <message>
        <source>Press to start talking, again to send</source>
        <translation>Appuyer pour commencer à parler, de nouveau pour envoyer</translation>
    </message>
    <message>
        <source>Send the typed message</source>
        <translation>Envoyer le message saisi</translation>
    </message>
    <message>
        <source>A new line in the message</source>
        <translation>Nouvelle ligne dans le message</translation>
    </message>
    <message>
        <source>Talk from any application (global key)</source>
        <translation>Parler depuis n’importe quelle application (touche globale)</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <source>Downloading the voice {name}; replies are read with the current voice meanwhile.</source>
        <translation>Téléchargement de la voix {name}&#xa0;; les réponses sont lues avec la voix actuelle en attendant.</translation>
    </message>
    <message>
        <source>from source</source>
        <translation>depuis les sources</translation>
    </message>
    <message>
        <source>not loaded yet</source>
        <translation>pas encore chargé</translation>
    </message>
    <message>
        <source>About Chinwag</source>
        <translation>À propos de Chinwag</translation>
    </message>
    <message>
        <source>Chinwag {version}: an offline push-to-talk voice assistant.

llama.cpp CPU code: {cpu}
Log file: {log}</source>
        <translation>Chinwag {version}&#xa0;: un assistant vocal hors ligne, avec touche pour parler.

Code CPU de llama.cpp&#xa0;: {cpu}
Fichier journal&#xa0;: {log}</translation>
    </message>
    <message>
        <source>Licence: Chinwag&apos;s source code is under the Apache License 2.0; the installers also contain GPL-3.0 parts (Piper, espeak-ng), so Chinwag as installed is distributed under the GNU GPL version 3. Licences… lists every part and its licence.</source>
        <translation>Licence&#xa0;: le code source de Chinwag est sous Apache License 2.0&#xa0;; les programmes d’installation contiennent aussi des composants sous GPL-3.0 (Piper, espeak-ng), si bien que Chinwag installé est distribué sous la GNU GPL version 3. «&#xa0;Licences…&#xa0;» liste chaque composant et sa licence.</translation>
    </message>
    <message>
        <source>Licences…</source>
        <translation>Licences…</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Licences</translation>
    </message>
    <message>
        <source>Something went wrong inside Chinwag ({summary}). The window keeps working; the details are in the log{where}.</source>
        <translation>Une erreur s’est produite dans Chinwag ({summary}). La fenêtre continue de fonctionner&#xa0;; les détails sont dans le journal{where}.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copier les détails</translation>
    </message>
    <message>
        <source>Cancel the recording, else stop the reply and the voice</source>
        <translation>Annuler l’enregistrement, sinon arrêter la réponse et la voix</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Nouvelle conversation</translation>
    </message>
    <message>
        <source>Models: download, verify, delete, add</source>
        <translation>Modèles&#xa0;: télécharger, vérifier, supprimer, ajouter</translation>
    </message>
    <message>
        <source>Search the conversations</source>
        <translation>Rechercher dans les conversations</translation>
    </message>
    <message>
        <source>Type a message</source>
        <translation>Taper un message</translation>
    </message>
    <message>
        <source>Rename the selected conversation</source>
        <translation>Renommer la conversation sélectionnée</translation>
    </message>
    <message>
        <source>Copy the last reply</source>
        <translation>Copier la dernière réponse</translation>
    </message>
    <message>
        <source>Write the last reply again</source>
        <translation>Réécrire la dernière réponse</translation>
    </message>
    <message>
        <source>Speak replies aloud: on or off</source>
        <translation>Lire les réponses à voix haute&#xa0;: activer ou désactiver</translation>
    </message>
    <message>
        <source>Conversation mode (hands-free): on or off</source>
        <translation>Mode conversation (mains libres)&#xa0;: activer ou désactiver</translation>
    </message>
    <message>
        <source>This list of shortcuts</source>
        <translation>Cette liste de raccourcis</translation>
    </message>
</context>
<context>
    <name>WindowStart</name>
    <message>
        <source>Not downloaded: {names}. The Models button (Ctrl+M) downloads them whenever you like.</source>
        <translation>Non téléchargés : {names}. Le bouton Modèles (Ctrl+M) les télécharge quand vous le souhaitez.</translation>
    </message>
</context>
</TS>
