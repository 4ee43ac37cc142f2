"""Chinwag's local OpenAI-compatible API server (`chinwag serve`, or the window's Settings switch).

Qt-free, like the core: `app.py` (the Starlette application and its guards), `protocol.py` (the OpenAI request and
error shapes), `runner.py` (who runs the model calls: one thread, in order), `server.py` (uvicorn on its own thread).
"""
