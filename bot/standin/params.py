"""Bot API call parameters from a query string, form, multipart or JSON body, read typed."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.standin.errors import ApiError, bad_request

# Form bodies carry every value as a string; these are decoded once so that recorded calls read
# naturally (`call.params["chat_id"] == 42`, `call.params["reply_markup"]["inline_keyboard"]`).
_JSON_PARAMS = frozenset(
    {
        "allowed_updates",
        "button",
        "caption_entities",
        "commands",
        "entities",
        "link_preview_options",
        "reply_markup",
        "reply_parameters",
        "results",
        "scope",
    }
)
_INT_PARAMS = frozenset(
    {"cache_time", "chat_id", "limit", "message_id", "message_thread_id", "offset", "timeout"}
)
_INTEGER = re.compile(r"-?\d+")


@dataclass(frozen=True)
class Upload:
    """A file sent in a multipart body."""

    filename: str
    content_type: str
    body: bytes


def _normalised(name: str, value: object) -> object:
    if not isinstance(value, str):
        return value
    if name in _INT_PARAMS and _INTEGER.fullmatch(value):
        return int(value)
    if name in _JSON_PARAMS:
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class Params:
    """One call's parameters; the typed readers answer 400 the way Telegram does."""

    def __init__(
        self, values: Mapping[str, object], uploads: Mapping[str, Upload] | None = None
    ) -> None:
        self.values: dict[str, object] = {
            name: _normalised(name, value) for name, value in values.items() if value is not None
        }
        self.uploads: dict[str, Upload] = dict(uploads or {})

    def has(self, name: str) -> bool:
        return name in self.values

    def optional_str(self, name: str) -> str | None:
        value = self.values.get(name)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        raise bad_request(f'field "{name}" must be of type String')

    def required_str(self, name: str) -> str:
        value = self.optional_str(name)
        if value is None:
            raise bad_request(f'parameter "{name}" is required')
        return value

    def optional_int(self, name: str) -> int | None:
        value = self.values.get(name)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise bad_request(f'field "{name}" must be of type Integer')

    def required_int(self, name: str, *, missing: str | None = None) -> int:
        value = self.optional_int(name)
        if value is None:
            raise bad_request(missing or f'parameter "{name}" is required')
        return value

    def optional_float(self, name: str) -> float | None:
        value = self.values.get(name)
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                pass
        raise bad_request(f'field "{name}" must be of type Float')

    def required_float(self, name: str) -> float:
        value = self.optional_float(name)
        if value is None:
            raise bad_request(f'parameter "{name}" is required')
        return value

    def flag(self, name: str) -> bool:
        value = self.values.get(name, False)
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return value != 0
        if isinstance(value, str) and value.lower() in {"true", "1", "false", "0", ""}:
            return value.lower() in {"true", "1"}
        raise bad_request(f'field "{name}" must be of type Boolean')

    def optional_json(self, name: str, *, unparsable: str) -> Any:
        """A JSON-typed parameter; a form value that did not parse is answered with `unparsable`."""
        value = self.values.get(name)
        if isinstance(value, str) and name in _JSON_PARAMS:
            raise bad_request(unparsable)
        return value

    def chat_id(self) -> int | str:
        value = self.values.get("chat_id")
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value:
            return value
        raise bad_request("chat_id is empty")

    def file(self, name: str) -> str | Upload | None:
        """A file parameter: a file_id or URL string, or an upload (direct or `attach://name`)."""
        value = self.optional_str(name)
        if value is not None and value.startswith("attach://"):
            upload = self.uploads.get(value.removeprefix("attach://"))
            if upload is None:
                raise bad_request(f"wrong file identifier/HTTP URL specified for {name}")
            return upload
        if value is None:
            return self.uploads.get(name)
        return value


def json_params(body: bytes) -> Params:
    try:
        decoded = json.loads(body or b"{}")
    except ValueError as exc:
        raise bad_request("can't parse JSON request body") from exc
    if not isinstance(decoded, dict):
        raise ApiError(400, "Bad Request: JSON object expected as request body")
    return Params(decoded)
