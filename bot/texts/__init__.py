"""User-visible strings in Vietnamese and English, rendered as Telegram HTML.

Every value filled into a template is HTML-escaped unless it is already `Html`.
"""

import html
import string
from typing import Literal

from bot.texts import en, vi

Language = Literal["vi", "en"]
LANGUAGES: tuple[Language, ...] = ("vi", "en")
_TEXTS: dict[Language, dict[str, str]] = {"vi": vi.TEXTS, "en": en.TEXTS}
MESSAGE_LIMIT = 4096  # Telegram's limit on a message's text, in characters


class Html(str):
    """A string that is already valid Telegram HTML, so it is not escaped again."""


def language_for(language_code: str | None) -> Language:
    """Vietnamese for Vietnamese users and users without a language, English for everyone else."""
    if not language_code or language_code.lower().startswith("vi"):
        return "vi"
    return "en"


def escape(value: object) -> Html:
    return value if isinstance(value, Html) else Html(html.escape(str(value), quote=False))


def link(url: str, label: object) -> Html:
    """An `<a>` tag: the URL escaped for a quoted attribute (quotes included), the label as text."""
    return Html(f'<a href="{html.escape(url, quote=True)}">{escape(label)}</a>')


def render(language: Language, key: str, **values: object) -> Html:
    template = _TEXTS[language][key]
    return Html(template.format(**{name: escape(value) for name, value in values.items()}))


def plain(language: Language, key: str) -> str:
    """A string for places without HTML: button labels, command descriptions."""
    return _TEXTS[language][key]


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def clip(value: str, limit: int) -> str:
    """`value` cut to at most `limit` characters, with an ellipsis when cut (before escaping)."""
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"
