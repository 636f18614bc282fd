"""What a simulated user sees from the bot: replies in arrival order, read one by one or all."""

from __future__ import annotations

import asyncio
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Literal

from bot.standin.markup import INLINE_ACTIONS

ReplyKind = Literal["message", "edit", "delete", "callback_answer", "inline_answer"]


@dataclass(frozen=True)
class InlineButton:
    """One inline keyboard button: its label, and the action it carries (callback_data, url...)."""

    text: str
    action: str
    value: Any


@dataclass(frozen=True)
class Reply:
    """Something the bot did that the user sees.

    `data` is the Telegram object behind it: the message after the call for "message" and "edit",
    `{"message_id": n}` for "delete", the answer's parameters for "callback_answer", and the
    answer with its results for "inline_answer". `keyboard` is the reply keyboard markup
    (keyboard, remove_keyboard or force_reply) that came with a message, which Telegram does not
    echo in the message itself.
    """

    kind: ReplyKind
    method: str
    data: dict[str, Any]
    keyboard: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        """The plain text shown: message text or caption, callback answer text, venue title."""
        for key in ("text", "caption"):
            if isinstance(self.data.get(key), str):
                return str(self.data[key])
        venue = self.data.get("venue")
        if venue:
            return f"{venue['title']}\n{venue['address']}"
        return ""

    @property
    def message_id(self) -> int | None:
        value = self.data.get("message_id")
        return value if isinstance(value, int) else None

    @property
    def buttons(self) -> list[list[InlineButton]]:
        markup = self.data.get("reply_markup") or {}
        return [
            [_inline_button(button) for button in row] for row in markup.get("inline_keyboard", [])
        ]

    def button(self, label: str) -> InlineButton:
        for row in self.buttons:
            for button in row:
                if label in (button.text, button.value):
                    return button
        raise LookupError(f"no button {label!r} in {self.buttons}")

    @property
    def links(self) -> list[tuple[str, str]]:
        """(shown text, URL) for each text link in the message."""
        text = self.data.get("text") or self.data.get("caption") or ""
        encoded = text.encode("utf-16-le")
        entities = self.data.get("entities") or self.data.get("caption_entities") or []
        return [
            (
                encoded[2 * entity["offset"] : 2 * (entity["offset"] + entity["length"])].decode(
                    "utf-16-le"
                ),
                entity["url"],
            )
            for entity in entities
            if entity["type"] == "text_link"
        ]

    @property
    def results(self) -> list[dict[str, Any]]:
        return list(self.data.get("results", []))


def _inline_button(button: dict[str, Any]) -> InlineButton:
    action = next(key for key in INLINE_ACTIONS if key in button)
    return InlineButton(text=button["text"], action=action, value=button[action])


class Inbox:
    """Replies to one user; `next` hands out each reply once, `all` keeps the whole history."""

    def __init__(self) -> None:
        self._replies: list[Reply] = []
        self._taken: set[int] = set()
        self._arrived = asyncio.Event()

    def add(self, reply: Reply) -> None:
        self._replies.append(reply)
        self._arrived.set()
        self._arrived = asyncio.Event()

    def all(self) -> list[Reply]:
        return list(self._replies)

    def unread(self) -> list[Reply]:
        return [reply for index, reply in enumerate(self._replies) if index not in self._taken]

    def take(self, reply: Reply) -> None:
        self._taken.update(i for i, known in enumerate(self._replies) if known is reply)

    def _first_unread(self, kinds: Collection[ReplyKind] | None) -> Reply | None:
        for index, reply in enumerate(self._replies):
            if index not in self._taken and (kinds is None or reply.kind in kinds):
                self._taken.add(index)
                return reply
        return None

    async def next(
        self, *, within: float | None, kinds: Collection[ReplyKind] | None = None
    ) -> Reply:
        """The oldest unread reply of `kinds`; TimeoutError when none comes `within` seconds."""
        async with asyncio.timeout(within):
            while (reply := self._first_unread(kinds)) is None:
                await self._arrived.wait()
        return reply

    async def quiet(self, seconds: float) -> None:
        """Return once no reply has arrived for `seconds`."""
        while True:
            try:
                async with asyncio.timeout(seconds):
                    await self._arrived.wait()
            except TimeoutError:
                return
