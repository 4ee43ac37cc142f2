"""Typed errors raised by the core. The edge (CLI or window) shows `str(error)`, which says what to do."""

from __future__ import annotations


class ChinwagError(Exception):
    """Base of every error the core raises on purpose."""


class UnknownModel(ChinwagError):
    pass


class ModelNotDownloaded(ChinwagError):
    pass


class ModelLoadError(ChinwagError):
    pass


class PromptTooLong(ChinwagError):
    pass


class ChatTemplateError(ChinwagError):
    """The model's chat template refused a conversation (e.g. "roles must alternate") or cannot be read."""


class AudioError(ChinwagError):
    pass


class PortAudioMissing(AudioError):
    pass


class MicrophoneUnavailable(AudioError):
    pass


class MicrophoneLost(AudioError):
    pass


class NothingHeard(AudioError):
    pass


class DownloadError(ChinwagError):
    pass


class DownloadOffline(DownloadError):
    pass


class DownloadNotFound(DownloadError):
    pass


class DownloadAuthRequired(DownloadError):
    pass


class DownloadDiskFull(DownloadError):
    pass


class DownloadInterrupted(DownloadError):
    pass


class DownloadCancelled(DownloadError):
    pass


class VerificationFailed(DownloadError):
    pass


class WavError(ChinwagError):
    pass
