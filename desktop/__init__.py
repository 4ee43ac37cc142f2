"""Chinwag: an offline push-to-talk voice assistant."""

__version__ = "0.1.0"
