"""Qt-free core of the app: settings, catalog, downloads, audio, speech, language model, store, turns."""
