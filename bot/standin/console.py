"""A terminal chat with the bot through the stand-in: type as a user, read the bot's replies."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import sys
from collections.abc import AsyncIterator
from typing import Any, TextIO

from bot.standin.inbox import Reply
from bot.standin.standin import StandIn
from bot.standin.user import SimUser

HELP = """\
Type a message or a /command and press Enter.
  #2              press button 2 of the newest message with buttons
  @21.03,105.85   send a location (latitude,longitude)
  ?honey          ask the bot inline; ?? shows more results of the last inline query
  !block !unblock block or unblock the bot
  !help           show this help;  !quit or Ctrl-D leaves"""

_LOCATION = re.compile(r"@\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)")


def render(reply: Reply, *, bot_name: str) -> str:
    """A reply as plain terminal text, buttons numbered the way `#n` presses them."""
    data = reply.data
    if reply.kind == "delete":
        return f"{bot_name} ✗ deleted message {data['message_id']}"
    if reply.kind == "callback_answer":
        if not data["text"]:
            return ""
        return f"{bot_name} {'⚠' if data['show_alert'] else 'ⓘ'} {data['text']}"
    if reply.kind == "inline_answer":
        return _render_inline(reply)
    lines = [f"{bot_name} {'✎' if reply.kind == 'edit' else '▸'} {_body(reply)}"]
    lines += [f"    ↗ {text}: {url}" for text, url in reply.links]
    number = 0
    for row in reply.buttons:
        cells = []
        for button in row:
            number += 1
            cells.append(f"[{number}] {button.text}")
        lines.append("    " + "   ".join(cells))
    if reply.keyboard and "keyboard" in reply.keyboard:
        keys = [_key_label(button) for row in reply.keyboard["keyboard"] for button in row]
        lines.append("    ⌨ " + "  ".join(keys))
    return "\n".join(lines)


def _key_label(button: dict[str, object]) -> str:
    hint = " (type @lat,lon)" if button.get("request_location") else ""
    return f"[{button['text']}]{hint}"


def _body(reply: Reply) -> str:
    data = reply.data
    if "venue" in data:
        venue = data["venue"]
        where = venue["location"]
        return (
            f"📍 {venue['title']} — {venue['address']} "
            f"({where['latitude']:.5f}, {where['longitude']:.5f})"
        )
    if "location" in data:
        return f"📍 {data['location']['latitude']:.5f}, {data['location']['longitude']:.5f}"
    if "photo" in data:
        return f"🖼 {reply.text}"
    return reply.text


def _render_inline(reply: Reply) -> str:
    data = reply.data
    lines = [f'inline "{data["query"]}": {len(reply.results)} result(s)']
    for number, result in enumerate(reply.results, start=1):
        title = result.get("title") or result.get("type", "")
        description = result.get("description")
        lines.append(f"    {number}. {title}" + (f" — {description}" if description else ""))
    if data["next_offset"]:
        lines.append("    ?? for more")
    return "\n".join(lines)


class _Console:
    def __init__(self, standin: StandIn, user: SimUser, out: TextIO) -> None:
        self.user = user
        self.out = out
        self.bot_name = str(standin.bot_user["first_name"])
        self.last_inline: Reply | None = None

    def say(self, text: str) -> None:
        if text:
            print(text, file=self.out, flush=True)

    async def show_replies(self) -> None:
        while True:
            reply = await self.user.next_reply(within=None)
            if reply.kind == "inline_answer":
                self.last_inline = reply
            self.say(render(reply, bot_name=self.bot_name))

    async def act(self, line: str) -> bool:
        """Carry out one typed line; False when the user leaves."""
        if line in {"!quit", "!exit"}:
            return False
        try:
            await self._act(line)
        except (LookupError, ValueError, RuntimeError) as problem:
            self.say(f"({problem})")
        return True

    async def _act(self, line: str) -> None:
        location = _LOCATION.fullmatch(line)
        if not line:
            return
        if line == "!help":
            self.say(HELP)
        elif line in {"!block", "!unblock"}:
            await (self.user.block() if line == "!block" else self.user.unblock())
            self.say(f"(you {line[1:]}ed the bot)")
        elif line.startswith("#") and line[1:].isdigit():
            await self.user.press(int(line[1:]))
        elif location:
            await self.user.send_location(float(location[1]), float(location[2]))
        elif line == "??":
            self._more_inline()
        elif line.startswith("?"):
            self.user.ask_inline(line[1:].strip())
        elif (key := self._key(line)) and key.get("request_location"):
            self.say("(type your location as @latitude,longitude to share it)")
        elif key:
            await self.user.tap(line)
        else:
            await self.user.send_text(line)

    def _more_inline(self) -> None:
        last = self.last_inline
        if last is None or not last.data["next_offset"]:
            raise LookupError("no more inline results")
        self.user.ask_inline(last.data["query"], offset=last.data["next_offset"])

    def _key(self, line: str) -> dict[str, Any] | None:
        """The reply-keyboard button labelled `line`, if the bot shows one."""
        rows = (self.user.keyboard or {}).get("keyboard", [])
        return next((button for row in rows for button in row if button["text"] == line), None)


async def run_console(
    standin: StandIn,
    user: SimUser,
    *,
    lines: AsyncIterator[str],
    out: TextIO,
    settle: float = 0.3,
) -> None:
    """Chat as `user` until the lines end or `!quit`; the bot must already be polling `standin`.

    After each line the console waits until the bot has been quiet for `settle` seconds, so
    that a piped script (`#1` after `/start`) presses the buttons the bot has just sent.
    """
    console = _Console(standin, user, out)
    console.say(HELP)
    printer = asyncio.create_task(console.show_replies())
    try:
        async for line in lines:
            if not await console.act(line.strip()):
                break
            await user.quiet(settle)
        await user.quiet(settle)
    finally:
        printer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await printer


async def stdin_lines() -> AsyncIterator[str]:
    """Lines typed on standard input, read without blocking the event loop."""
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    descriptor = sys.stdin.fileno()
    try:
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    except ValueError:
        # A regular file (`< script.txt`) cannot be watched by the loop; reading it never blocks.
        for line in sys.stdin:
            yield line
        return
    try:
        while line := await reader.readline():
            yield line.decode(errors="replace")
    finally:
        # The pipe transport leaves the descriptor non-blocking, which would upset the shell.
        os.set_blocking(descriptor, True)
