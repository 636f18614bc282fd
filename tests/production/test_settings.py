"""Settings out of range or malformed: `python -m bot` refuses them at start, in one line."""

import asyncio
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.cli import main
from bot.config import Settings, get_settings
from bot.standin import StandIn
from tests.production.conftest import start_bot_process


def run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str]:
    get_settings.cache_clear()
    try:
        code = main(list(args))
    finally:
        get_settings.cache_clear()
    return code, capsys.readouterr().err


@pytest.mark.parametrize("value", ["-1", "0", "0.001", "nan", "inf", "1e12"])
async def test_catalog_refresh_out_of_range_is_refused_at_start(
    standin: StandIn, catalog_database_url: str, tmp_path: Path, value: str
) -> None:
    settings = Settings(
        _env_file=None,
        telegram_bot_token=SecretStr(standin.token),
        telegram_api_base_url=standin.base_url,
        database_url=catalog_database_url,
    )
    process = await start_bot_process(
        "run", settings=settings, cwd=tmp_path, extra={"CATALOG_REFRESH_SECONDS": value}
    )
    try:
        code = await asyncio.wait_for(process.wait(), timeout=20)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    lines = (tmp_path / "bot.log").read_text().splitlines()
    assert code == 1
    assert len(lines) == 1 and lines[0].startswith("Settings error: CATALOG_REFRESH_SECONDS: ")
    assert standin.calls_to("getUpdates") == []


@pytest.mark.parametrize(
    ("variable", "value", "complaint"),
    [
        ("BROADCAST_RATE", "nan", "BROADCAST_RATE: Input should be a finite number"),
        ("BROADCAST_RATE", "0", "BROADCAST_RATE: Input should be greater than or equal to 0.1"),
        ("BROADCAST_RATE", "1e12", "BROADCAST_RATE 1e+12 is above Telegram's 30/s"),
        ("PORT", "70000", "PORT: Input should be less than or equal to 65535"),
        ("LOG_LEVEL", "loud", "LOG_LEVEL: use one of DEBUG, INFO, WARNING, ERROR, CRITICAL"),
        ("WEBHOOK_URL", "http://ocop.example/hook", "WEBHOOK_URL: give the public HTTPS URL"),
        ("DATABASE_URL", "postgresql://u:pw@db/ocop", "DATABASE_URL: postgresql:// is not supp"),
        ("DATABASE_URL", "sqlite:///data/x.sqlite3", "DATABASE_URL: sqlite:// is not supported"),
        ("DATABASE_URL", "not a url", "DATABASE_URL: use sqlite+aiosqlite:///PATH or postgres"),
        ("STAFF_IDS", "1,two", "STAFF_IDS: give Telegram user ids as 1,2,3 or as a JSON list"),
        ("STAFF_IDS", "-5", "STAFF_IDS: -5 is not a Telegram user id"),
        ("TELEGRAM_API_BASE_URL", "api.telegram.org", "TELEGRAM_API_BASE_URL: give the Bot API"),
    ],
)
@pytest.mark.parametrize("command", [["run", "--webhook"], ["staff", "list"]])
def test_a_wrong_setting_is_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variable: str,
    value: str,
    complaint: str,
    command: list[str],
) -> None:
    monkeypatch.setenv(variable, value)
    code, error = run_cli(monkeypatch, capsys, *command)
    assert code == 1
    assert error.count("\n") == 1 and error.startswith("Settings error: ")
    assert complaint in error
    assert "pw@" not in error


def test_staff_ids_as_a_json_list_as_documented(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("STAFF_IDS", "[111, 222]")
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}")
    code, error = run_cli(monkeypatch, capsys, "staff", "list")
    assert (code, error) == (0, "")


def test_staff_ids_with_commas_still_work() -> None:
    settings = Settings(_env_file=None, staff_ids=" 1, 2,3 ")
    assert settings.staff_ids == {1, 2, 3}
