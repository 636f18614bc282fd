"""Commands addressed to another bot (`/start@otherbot` in a group) are not ours to answer."""

from telegram import Message, MessageEntity


def for_another_bot(message: Message | None, username: str) -> bool:
    """Whether the message starts with a command naming a bot other than `username`."""
    if message is None or not message.text or not message.entities:
        return False
    first = message.entities[0]
    if first.type != MessageEntity.BOT_COMMAND or first.offset != 0:
        return False
    command = message.parse_entity(first)
    _, at, addressee = command.partition("@")
    return bool(at) and addressee.lower() != username.lower()
