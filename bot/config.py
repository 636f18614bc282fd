"""Settings, read once from the environment (and `.env`) at start-up."""

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"
DEFAULT_CATALOG_DIR = PROJECT_DIR / "catalog_data"
FREE_BROADCAST_LIMIT = 30  # messages per second Telegram allows a bot in bulk
PAID_BROADCAST_LIMIT = 1000  # with paid broadcasts


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    database_url: str = f"sqlite+aiosqlite:///{DATA_DIR / 'ocop.sqlite3'}"
    catalog_dir: Path = DEFAULT_CATALOG_DIR
    staff_ids: Annotated[frozenset[int], NoDecode] = Field(default_factory=frozenset)
    log_level: str = "INFO"
    catalog_refresh_seconds: float = 30.0  # how often a running bot checks for a new catalog
    broadcast_rate: float = Field(default=25.0, gt=0)  # announcements per second, all chats
    paid_broadcasts: bool = False  # Telegram's paid broadcasts allow up to 1,000 messages/s
    # Webhook mode (`run --webhook`): Telegram posts updates to WEBHOOK_URL, sending the secret
    # in a header; the server listens on WEBHOOK_LISTEN:PORT at WEBHOOK_URL's path.
    webhook_url: str | None = Field(default=None, pattern=r"^https://")
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    port: int = Field(default=8080, ge=1, le=65535)
    # Names this process among the instances sharing the database; keep it unique and stable
    # across restarts (e.g. the platform's dyno or pod name). Default: host name and process id.
    instance_id: str | None = None
    # Staff insight: recorded questions (never who asked) are kept this many days, then purged
    # by a daily job; the recorder writes its in-memory batch every INSIGHT_FLUSH_SECONDS.
    insight_retention_days: int = Field(default=365, ge=7, le=3650)
    insight_flush_seconds: float = Field(default=3.0, gt=0, le=60)

    @field_validator("staff_ids", mode="before")
    @classmethod
    def _parse_staff_ids(cls, value: object) -> object:
        """Accept `STAFF_IDS=1,2,3` as well as a JSON list."""
        if isinstance(value, str):
            return frozenset(int(part) for part in value.replace(" ", "").split(",") if part)
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


@lru_cache
def get_settings() -> Settings:
    return Settings()
