"""Logging set-up: one format, and the bot's secrets never written, whatever the level.

At DEBUG, python-telegram-bot and httpx log request URLs (which hold the token) and call
parameters (setWebhook's secret_token); exceptions can quote URLs too. A filter on every root
handler replaces the secrets in each formatted record, its traceback included.
"""

import logging
from collections.abc import Iterable

from pydantic import SecretStr

PLACEHOLDER = "[REDACTED]"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactSecrets(logging.Filter):
    """Replaces each secret in a record's message, arguments and traceback."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        # Longest first, so that a secret containing another is replaced whole.
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, PLACEHOLDER)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def secret_strings(token: SecretStr | None, webhook_secret: SecretStr | None) -> list[str]:
    """The strings to hide: the token, its secret half alone (after "id:"), the webhook secret."""
    found: list[str] = []
    if token is not None:
        value = token.get_secret_value()
        found.append(value)
        _, _, key = value.partition(":")
        if len(key) >= 8:
            found.append(key)
    if webhook_secret is not None:
        found.append(webhook_secret.get_secret_value())
    return found


def configure_logging(level: str, secrets: Iterable[str]) -> None:
    logging.basicConfig(level=level, format=LOG_FORMAT)
    redacting = RedactSecrets(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redacting)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per request: noise
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
