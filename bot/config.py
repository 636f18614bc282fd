"""Settings, read once from the environment (and `.env`) at start-up."""

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"
DEFAULT_CATALOG_DIR = PROJECT_DIR / "catalog_data"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    database_url: str = f"sqlite+aiosqlite:///{DATA_DIR / 'ocop.sqlite3'}"
    catalog_dir: Path = DEFAULT_CATALOG_DIR
    staff_ids: Annotated[frozenset[int], NoDecode] = Field(default_factory=frozenset)
    log_level: str = "INFO"
    catalog_refresh_seconds: float = 30.0  # how often a running bot checks for a new catalog
    broadcast_rate: float = Field(default=25.0, gt=0, le=1000)  # announcements per second
    paid_broadcasts: bool = False  # Telegram's paid broadcasts allow up to 1,000 messages/s

    @field_validator("staff_ids", mode="before")
    @classmethod
    def _parse_staff_ids(cls, value: object) -> object:
        """Accept `STAFF_IDS=1,2,3` as well as a JSON list."""
        if isinstance(value, str):
            return frozenset(int(part) for part in value.replace(" ", "").split(",") if part)
        return value


@lru_cache
def get_settings() -> Settings:
    return Settings()
