"""Reply markup as Telegram accepts it: inline keyboards, reply keyboards, removal, forced reply.

One deliberate strictness: Telegram silently uses the first action field of an inline button
that sets several; the stand-in refuses such a button, since it is always a bug in the caller.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from bot.standin.errors import bad_request

CALLBACK_DATA_LIMIT = 64
INLINE_ACTIONS = (
    "callback_data",
    "url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "web_app",
    "login_url",
    "callback_game",
    "pay",
)
_QUERY_ACTIONS = ("switch_inline_query", "switch_inline_query_current_chat")
_KEYBOARD_REQUESTS = (
    "request_contact",
    "request_location",
    "request_poll",
    "request_users",
    "request_chat",
    "web_app",
)
UNPARSABLE = "can't parse reply keyboard markup JSON object"


def _rows(markup: dict[str, Any], field: str, kind: str) -> list[list[Any]]:
    rows = markup[field]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f'field "{field}" of the {kind} must be an Array of Arrays')
    return rows


def _valid_url(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme == "tg":
        return bool(parts.netloc or parts.path)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def inline_button(button: Any) -> dict[str, Any]:
    def refuse(reason: str) -> Exception:
        return bad_request(f"can't parse inline keyboard button: {reason}")

    if not isinstance(button, dict):
        raise refuse("InlineKeyboardButton must be an Object")
    if not isinstance(button.get("text"), str):
        raise refuse('Field "text" must be of type String')
    if not button["text"].strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    actions = [action for action in INLINE_ACTIONS if action in button]
    if not actions:
        raise refuse("Text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        raise refuse(f"exactly one action field is allowed, got {', '.join(actions)}")
    value = button[actions[0]]
    if actions[0] == "callback_data":
        if not isinstance(value, str) or not 1 <= len(value.encode()) <= CALLBACK_DATA_LIMIT:
            raise bad_request("BUTTON_DATA_INVALID")
    elif actions[0] == "url" and (not isinstance(value, str) or not _valid_url(value)):
        raise bad_request("BUTTON_URL_INVALID")
    elif actions[0] in _QUERY_ACTIONS and not isinstance(value, str):
        raise refuse(f'Field "{actions[0]}" must be of type String')
    return dict(button)


def keyboard_button(button: Any) -> dict[str, Any]:
    if isinstance(button, str):
        button = {"text": button}
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request('can\'t parse keyboard button: Field "text" must be of type String')
    if not button["text"].strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    requests = [request for request in _KEYBOARD_REQUESTS if button.get(request)]
    if len(requests) > 1:
        raise bad_request(
            f"can't parse keyboard button: only one request is allowed, got {', '.join(requests)}"
        )
    return dict(button)


def inline_keyboard(markup: dict[str, Any]) -> dict[str, Any]:
    rows = _rows(markup, "inline_keyboard", "InlineKeyboardMarkup")
    return {"inline_keyboard": [[inline_button(button) for button in row] for row in rows]}


def reply_markup(value: Any) -> dict[str, Any] | None:
    """The validated, normalised markup, or None when the call carries none."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise bad_request(UNPARSABLE)
    if "inline_keyboard" in value:
        return inline_keyboard(value)
    if "keyboard" in value:
        rows = _rows(value, "keyboard", "ReplyKeyboardMarkup")
        placeholder = value.get("input_field_placeholder")
        if placeholder is not None and not 1 <= len(str(placeholder)) <= 64:
            raise bad_request("can't parse reply keyboard markup: placeholder too long")
        return {**value, "keyboard": [[keyboard_button(button) for button in row] for row in rows]}
    if value.get("remove_keyboard") is True or value.get("force_reply") is True:
        return dict(value)
    raise bad_request(UNPARSABLE)


def inline_only(value: Any) -> dict[str, Any] | None:
    """Markup where only an inline keyboard may appear (edits, inline results)."""
    markup = reply_markup(value)
    if markup is not None and "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    return markup
