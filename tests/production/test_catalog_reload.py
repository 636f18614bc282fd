"""A `catalog load` reaches every running instance: each one swaps in the new catalog."""

import asyncio
import csv
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import DEFAULT_CATALOG_DIR, get_settings
from bot.standin import StandIn
from tests.production.conftest import StartInstance, WebhookInstance, webhook_settings

NEW_NAME = "Quokka valley aromatic rice"


def renamed_catalog(directory: Path) -> Path:
    """The shipped catalog with the first product's English name changed."""
    shutil.copytree(DEFAULT_CATALOG_DIR, directory)
    products = directory / "products.csv"
    with products.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["name_en"] = NEW_NAME
    with products.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return directory


async def catalog_version(instance: WebhookInstance) -> int:
    version: int = (await instance.health()).json()["catalog"]["version"]
    return version


async def test_every_instance_serves_the_catalog_loaded_while_they_run(
    standin: StandIn,
    catalog_database_url: str,
    start_instance: StartInstance,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    instances = [
        await start_instance(
            webhook_settings(
                standin, catalog_database_url, instance_id=name, catalog_refresh_seconds=0.2
            )
        )
        for name in ("web-1", "web-2")
    ]
    before = await catalog_version(instances[0])
    user = standin.user(id=777, first_name="Emma", language_code="en")

    async def search_on_second_instance() -> str:
        message = await user.send_text("quokka rice")
        update = {"update_id": message["message_id"], "message": message}
        assert (await instances[1].post_update(update)).status_code == 200
        return (await user.next_reply(kinds={"message"})).text

    assert NEW_NAME not in await search_on_second_instance()

    monkeypatch.setenv("DATABASE_URL", catalog_database_url)
    get_settings.cache_clear()
    try:
        directory = str(renamed_catalog(tmp_path / "catalog"))
        assert await asyncio.to_thread(main, ["catalog", "load", directory]) == 0
    finally:
        get_settings.cache_clear()

    async with asyncio.timeout(5):
        # Each instance polls the database for a new version: ask them every 100 ms.
        while [await catalog_version(i) for i in instances] != [before + 1] * 2:  # noqa: ASYNC110
            await asyncio.sleep(0.1)
    assert NEW_NAME in await search_on_second_instance()
