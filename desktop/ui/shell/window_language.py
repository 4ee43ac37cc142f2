"""The window's language: Qt translators for the chosen language, and numbers, sizes and times in its locale.

The texts of the window are English in the code (`self.tr(…)`, `QCoreApplication.translate(…)`); their translations
live in `desktop/ui/i18n/chinwag_<lang>.ts` (kept up to date by `scripts/translations.py update`) and are compiled
to `.qm` files beside them (`scripts/translations.py build`, run by the Makefile and by build.spec). At start-up
`install_translations` loads the language of `Settings.window_language` ("" follows the system's locale) before
any widget is built, with Qt's own `qtbase_<lang>.qm` for the standard buttons (OK, Cancel), and makes that
language's locale the default, so the helpers below write numbers, sizes and times the way its readers expect.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTime, QTranslator

log = logging.getLogger(__name__)

# The languages the window ships in: the code, and the language's name in itself (shown so in Settings, whatever
# the window's language is now). English is the source text: its file holds only the plural forms ("%n file(s)").
WINDOW_LANGUAGES = (("en", "English"), ("de", "Deutsch"), ("fr", "Français"), ("es", "Español"))
TRANSLATED = tuple(code for code, _name in WINDOW_LANGUAGES if code != "en")
# A locale of each language for when the system's locale speaks another one (numbers, dates).
_DEFAULT_TERRITORY = {"en": "en_US", "de": "de_DE", "fr": "fr_FR", "es": "es_ES"}

# Language names as the window shows them (speech language, "spoken in …"), translated like every other text.
LANGUAGE_NAMES = {
    "en": QT_TRANSLATE_NOOP("Languages", "English"), "de": QT_TRANSLATE_NOOP("Languages", "German"),
    "fr": QT_TRANSLATE_NOOP("Languages", "French"), "it": QT_TRANSLATE_NOOP("Languages", "Italian"),
    "pt": QT_TRANSLATE_NOOP("Languages", "Portuguese"), "hi": QT_TRANSLATE_NOOP("Languages", "Hindi"),
    "es": QT_TRANSLATE_NOOP("Languages", "Spanish"), "th": QT_TRANSLATE_NOOP("Languages", "Thai"),
    "nl": QT_TRANSLATE_NOOP("Languages", "Dutch"), "pl": QT_TRANSLATE_NOOP("Languages", "Polish"),
    "ru": QT_TRANSLATE_NOOP("Languages", "Russian"), "ja": QT_TRANSLATE_NOOP("Languages", "Japanese"),
    "zh": QT_TRANSLATE_NOOP("Languages", "Chinese"), "sv": QT_TRANSLATE_NOOP("Languages", "Swedish"),
    "tr": QT_TRANSLATE_NOOP("Languages", "Turkish"), "uk": QT_TRANSLATE_NOOP("Languages", "Ukrainian"),
    "ar": QT_TRANSLATE_NOOP("Languages", "Arabic"), "ko": QT_TRANSLATE_NOOP("Languages", "Korean"),
    "cs": QT_TRANSLATE_NOOP("Languages", "Czech"), "da": QT_TRANSLATE_NOOP("Languages", "Danish"),
    "fi": QT_TRANSLATE_NOOP("Languages", "Finnish"), "el": QT_TRANSLATE_NOOP("Languages", "Greek"),
    "he": QT_TRANSLATE_NOOP("Languages", "Hebrew"), "hu": QT_TRANSLATE_NOOP("Languages", "Hungarian"),
    "id": QT_TRANSLATE_NOOP("Languages", "Indonesian"), "no": QT_TRANSLATE_NOOP("Languages", "Norwegian"),
    "ro": QT_TRANSLATE_NOOP("Languages", "Romanian"), "vi": QT_TRANSLATE_NOOP("Languages", "Vietnamese"),
    "ca": QT_TRANSLATE_NOOP("Languages", "Catalan"),
}

_installed: list[QTranslator] = []  # what install_translations put in, so a second call replaces it
_language: list[str] = []  # the language installed last (empty: none yet)


def translations_dir() -> Path:
    """The compiled `chinwag_<lang>.qm` files: beside the sources in a checkout, at the same place in the bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "desktop" / "ui" / "i18n"
    return Path(__file__).resolve().parents[1] / "i18n"


def qt_translations_dir() -> Path:
    """Qt's own translations (qtbase_de.qm, …) as PySide6 ships them, in a checkout or in the bundle."""
    path = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if (path / "qtbase_de.qm").is_file():
        return path
    import PySide6

    return Path(PySide6.__file__).resolve().parent / "Qt" / "translations"


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    """The language the window shows: the setting, or for "" (or an unknown code) the system locale's language when
    the window ships in it, else English."""
    codes = [code for code, _name in WINDOW_LANGUAGES]
    if setting in codes:
        return setting
    system = system or QLocale.system()
    code = QLocale.languageToCode(system.language())
    return code if code in codes else "en"


def locale_for(language: str, system: QLocale | None = None) -> QLocale:
    """The locale numbers and dates follow: the system's where it speaks `language` (de_AT stays de_AT), else the
    language's usual one (de_DE)."""
    system = system or QLocale.system()
    if QLocale.languageToCode(system.language()) == language:
        return system
    return QLocale(_DEFAULT_TERRITORY.get(language, "en_US"))


def install_translations(setting: str, folder: Path | None = None) -> str:
    """Load the window's language into the running QApplication (before any widget is built; a change of the
    setting applies at the next start). `folder`: where the compiled .qm files are (default: translations_dir()).
    Returns the language code in use."""
    app = QCoreApplication.instance()
    assert app is not None, "install_translations needs the QApplication"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = resolve_language(setting)
    ours = QTranslator(app)
    if ours.load(f"chinwag_{language}", str(folder or translations_dir())):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("no compiled translation chinwag_%s.qm in %s (scripts/translations.py build); the window "
                    "is in English", language, folder or translations_dir())
        language = "en"
    if language != "en":
        qt = QTranslator(app)
        if qt.load(f"qtbase_{language}", str(qt_translations_dir())):
            app.installTranslator(qt)
            _installed.append(qt)
        else:
            log.warning("Qt's own qtbase_%s.qm was not found: standard buttons stay in English", language)
    QLocale.setDefault(locale_for(language))
    _language[:] = [language]
    log.info("window language: %s (setting %r)", language, setting)
    return language


def ensure_translations() -> None:
    """English (its plural forms) where nothing was installed yet: a window built without going through the app's
    start-up (the tests, tests/ui/screenshot.py) still says "2 files", not "2 file(s)"."""
    if not _language:
        install_translations("en")


def uninstall_translations() -> None:
    """Back to the state before any install (tests that switched the language)."""
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
    _language.clear()
    QLocale.setDefault(QLocale.system())


# ---- numbers, sizes and times in the window's locale --------------------------------------------------------


def ui_locale() -> QLocale:
    """The default locale; the "C" locale (a bare system) writes numbers as English does, with group separators."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return QLocale("en_US")
    return locale


def window_code() -> str:
    """The window's language as a code ("de"), from the locale `install_translations` set."""
    return QLocale.languageToCode(ui_locale().language())


def number(n: int | float, decimals: int = 0) -> str:
    """4,096 in English, 4.096 in German, 4 096 in French."""
    locale = ui_locale()
    return locale.toString(int(round(n))) if decimals == 0 else locale.toString(float(n), "f", decimals)


def data_size(n: int | float, decimals: int | None = None) -> str:
    """Bytes as the locale writes them, in decimal units ("808 MB", "1.23 GB"; French "808 Mo"). Without
    `decimals`: none from 10 MB up, one below 10 MB, two for gigabytes."""
    if decimals is None:
        decimals = 2 if n >= 1e9 else 0 if n >= 1e7 or n < 1e6 else 1
    return ui_locale().formattedDataSize(int(n), decimals, QLocale.DataSizeFormat.DataSizeSIFormat)


def megabytes(n: int | float, decimals: int = 1) -> str:
    """Always in MB (a download's progress keeps one unit while it grows): "312.5 MB"."""
    unit = ui_locale().formattedDataSize(1_000_000, 0, QLocale.DataSizeFormat.DataSizeSIFormat).split(" ", 1)[-1]
    return f"{number(n / 1e6, decimals)} {unit}"


def rate(bytes_per_s: float) -> str:
    """A download speed: "4.2 MB/s"."""
    return QCoreApplication.translate("Formats", "{size}/s").format(size=megabytes(bytes_per_s))


def duration(seconds: float) -> str:
    """Time left, short: "45 s", "3 min 05 s", "1 h 02 min"."""
    seconds = int(round(seconds))
    if seconds < 60:
        return QCoreApplication.translate("Formats", "{s} s").format(s=seconds)
    if seconds < 3600:
        return QCoreApplication.translate("Formats", "{m} min {s} s").format(m=seconds // 60, s=f"{seconds % 60:02d}")
    return QCoreApplication.translate("Formats", "{h} h {m} min").format(h=seconds // 3600,
                                                                      m=f"{seconds % 3600 // 60:02d}")


def time_of_day(epoch_s: float) -> str:
    """A clock time in the locale's short format: "14:05" (or "2:05 PM" in the US)."""
    import time

    t = time.localtime(epoch_s)
    return ui_locale().toString(QTime(t.tm_hour, t.tm_min), QLocale.FormatType.ShortFormat)


def language_label(code: str) -> str:
    """A language's name in the window's language ("German", "Deutsch"); the code for one not named here."""
    name = LANGUAGE_NAMES.get(code)
    return QCoreApplication.translate("Languages", name) if name else code
