"""Settings, read once from the environment (and `.env`) at start-up."""

import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"
DEFAULT_CATALOG_DIR = PROJECT_DIR / "catalog_data"
FREE_BROADCAST_LIMIT = 30  # messages per second Telegram allows a bot in bulk
PAID_BROADCAST_LIMIT = 1000  # with paid broadcasts
MAX_TELEGRAM_ID = 2**63 - 1  # ids are stored as BIGINT
# The async drivers the bot is built and tested with, by database.
DATABASE_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    database_url: str = f"sqlite+aiosqlite:///{DATA_DIR / 'ocop.sqlite3'}"
    catalog_dir: Path = DEFAULT_CATALOG_DIR
    staff_ids: Annotated[frozenset[int], NoDecode] = Field(default_factory=frozenset)
    log_level: str = "INFO"
    # how often a running bot checks for a new catalog: from 0.1 s (one small query) to a day
    catalog_refresh_seconds: float = Field(default=30.0, ge=0.1, le=86_400, allow_inf_nan=False)
    # announcements per second, all chats; the upper limit depends on PAID_BROADCASTS
    broadcast_rate: float = Field(default=25.0, ge=0.1, allow_inf_nan=False)
    paid_broadcasts: bool = False  # Telegram's paid broadcasts allow up to 1,000 messages/s
    # Webhook mode (`run --webhook`): Telegram posts updates to WEBHOOK_URL, sending the secret
    # in a header; the server listens on WEBHOOK_LISTEN:PORT at WEBHOOK_URL's path.
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    port: int = Field(default=8080, ge=1, le=65535)
    # Names this process among the instances sharing the database; keep it unique and stable
    # across restarts (e.g. the platform's dyno or pod name). Default: host name and process id.
    instance_id: str | None = Field(default=None, max_length=200)
    # Staff insight: recorded questions (never who asked) are kept this many days, then purged
    # by a daily job; the recorder writes its in-memory batch every INSIGHT_FLUSH_SECONDS.
    insight_retention_days: int = Field(default=365, ge=7, le=3650)
    insight_flush_seconds: float = Field(default=3.0, gt=0, le=60)

    @field_validator("staff_ids", mode="before")
    @classmethod
    def _parse_staff_ids(cls, value: object) -> object:
        """Accept `STAFF_IDS=1,2,3` as well as a JSON list."""
        if not isinstance(value, str):
            return value
        text = value.strip()
        try:
            if text.startswith("["):
                parts = json.loads(text)
                if not isinstance(parts, list):
                    raise ValueError
            else:
                parts = [part for part in text.replace(" ", "").split(",") if part]
            return frozenset(int(part) for part in parts)
        except (ValueError, TypeError):
            raise ValueError(
                "give Telegram user ids as 1,2,3 or as a JSON list [1, 2, 3]"
            ) from None

    @field_validator("staff_ids")
    @classmethod
    def _staff_ids_are_telegram_ids(cls, value: frozenset[int]) -> frozenset[int]:
        wrong = sorted(user_id for user_id in value if not 0 < user_id <= MAX_TELEGRAM_ID)
        if wrong:
            raise ValueError(f"{wrong[0]} is not a Telegram user id (a positive number)")
        return value

    @field_validator("log_level")
    @classmethod
    def _known_log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"use one of {', '.join(LOG_LEVELS)}")
        return level

    @field_validator("telegram_api_base_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("give the Bot API root, like https://api.telegram.org/bot")
        return value

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError(_DATABASE_HINT) from None
        expected = DATABASE_DRIVERS.get(url.get_backend_name())
        if url.drivername != expected:
            raise ValueError(f"{url.drivername}:// is not supported: {_DATABASE_HINT}")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _https_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme != "https" or not parts.hostname:
            raise ValueError(
                "give the public HTTPS URL Telegram posts to, like https://example.org/telegram "
                "(Telegram sends webhooks over HTTPS only)"
            )
        return value

    @model_validator(mode="after")
    def _rate_within_telegram_limits(self) -> "Settings":
        limit = PAID_BROADCAST_LIMIT if self.paid_broadcasts else FREE_BROADCAST_LIMIT
        if self.broadcast_rate > limit:
            raise ValueError(
                f"BROADCAST_RATE {self.broadcast_rate:g} is above Telegram's {limit}/s"
                + ("" if self.paid_broadcasts else " (set PAID_BROADCASTS=true for up to 1000)")
            )
        return self


_DATABASE_HINT = "use sqlite+aiosqlite:///PATH or postgresql+asyncpg://USER:PASSWORD@HOST/DATABASE"


@lru_cache
def get_settings() -> Settings:
    return Settings()


def settings_problem(error: ValidationError) -> str:
    """One line naming each wrong setting (its environment variable) and what to give instead;
    never the value itself, which may be a secret."""
    problems = []
    for item in error.errors(include_url=False, include_input=False):
        names = ".".join(str(part) for part in item["loc"])
        message = str(item["msg"]).removeprefix("Value error, ")
        problems.append(f"{names.upper()}: {message}" if names else message)
    return "; ".join(problems)
