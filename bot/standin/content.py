"""Message texts and captions checked as Telegram checks them: parse mode, emptiness, length.

Lengths are counted in Unicode code points after entity parsing and trimming. The Bot API says
"1-4096 characters after entities parsing"; a live measurement against the real API (4,096
U+1F600 accepted, 4,097 refused with "message is too long") shows the limit is code points, not
the UTF-16 code units that entity offsets use.
"""

from __future__ import annotations

from typing import Any

from bot.standin.errors import bad_request
from bot.standin.formatting import EntityParseError, FormattedText, parse_html, stripped

MESSAGE_TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024


def formatted(text: str, *, parse_mode: str | None, entities: Any) -> FormattedText:
    """The text a user would see for `text` sent with `parse_mode` or explicit `entities`."""
    if parse_mode is None or parse_mode == "":
        if entities is not None and not isinstance(entities, list):
            raise bad_request("can't parse entities JSON object")
        return stripped(FormattedText(text, tuple(entities or ())))
    if parse_mode.lower() != "html":
        raise bad_request("unsupported parse_mode")
    try:
        return stripped(parse_html(text))
    except EntityParseError as exc:
        raise bad_request(f"can't parse entities: {exc}") from exc


def message_text(
    text: str | None,
    *,
    parse_mode: str | None,
    entities: Any,
    empty: str = "message text is empty",
    too_long: str = "message is too long",
) -> FormattedText:
    """A message text: 1..4096 characters once parsed; the error wording can be swapped for the
    terse codes Telegram uses inside inline results."""
    result = formatted(text or "", parse_mode=parse_mode, entities=entities)
    if not result.text:
        raise bad_request(empty)
    if len(result.text) > MESSAGE_TEXT_LIMIT:
        raise bad_request(too_long)
    return result


def caption(text: str | None, *, parse_mode: str | None, entities: Any) -> FormattedText:
    result = formatted(text or "", parse_mode=parse_mode, entities=entities)
    if len(result.text) > CAPTION_LIMIT:
        raise bad_request("message caption is too long")
    return result


def text_fields(result: FormattedText, *, text_key: str, entities_key: str) -> dict[str, Any]:
    """The message fields for a formatted text (`text`/`entities` or `caption`/...)."""
    fields: dict[str, Any] = {text_key: result.text}
    if result.entities:
        fields[entities_key] = list(result.entities)
    return fields
