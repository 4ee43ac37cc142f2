"""Stand-in for PyAV inside the frozen app.

faster-whisper imports `av` at import time, but only uses it to decode audio *files*; Chinwag always hands it
float32 PCM, so the 76 MB of FFmpeg libraries PyAV carries would never run. build.spec puts this package on
the analysis path ahead of the real one. Any real use fails loudly instead of silently.
"""


def __getattr__(name: str):
    # AttributeError (not ImportError) so that hasattr()/getattr(default) probes keep working.
    raise AttributeError(f"av.{name}: audio file decoding is not part of the Chinwag bundle (it passes PCM to Whisper)")
