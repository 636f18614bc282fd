"""`python -m bot near` against the shipped catalog, loaded into a database of the test's own."""

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest

from bot.cli import main
from bot.config import get_settings

from .package_data import unit_code


def use_database(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()


@pytest.fixture
def near(
    catalog_database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Any]:
    use_database(monkeypatch, catalog_database_url)
    capsys.readouterr()

    def run(*args: str) -> dict[str, Any]:
        assert main(["near", *args, "--json"]) == 0
        answer: dict[str, Any] = json.loads(capsys.readouterr().out)
        return answer

    yield run
    get_settings.cache_clear()


def test_o_cho_dua_lists_the_hoang_cau_point_first(near: Any) -> None:
    answer = near("o cho dua")

    assert answer["place"]["ward"] == "Phường Ô Chợ Dừa"
    assert answer["place"]["ward_code"] == unit_code("Phường Ô Chợ Dừa")
    assert "Hoàng Cầu" in answer["points"][0]["name"]
    assert answer["points"][0]["carries_product"] is None
    distances = [point["distance_km"] for point in answer["points"]]
    assert distances == sorted(distances) and len(distances) == 5


def test_an_old_district_answers_with_its_2025_wards(near: Any) -> None:
    answer = near("Dong Da district")

    assert answer["place"]["ward"] is None
    candidates = {candidate["ward"] for candidate in answer["place"]["candidates"]}
    assert {"Phường Đống Đa", "Phường Ô Chợ Dừa", "Phường Kim Liên"} <= candidates
    assert answer["points"][0]["distance_km"] == 0


def test_bat_trang_with_gom_lists_bat_trang_points_carrying_ceramics(near: Any) -> None:
    answer = near("xã Bát Tràng, huyện Gia Lâm", "--product", "gom")

    assert answer["place"]["ward_code"] == unit_code("Xã Bát Tràng")
    assert answer["product_match"] == "product"
    in_bat_trang = [point for point in answer["points"] if point["ward"] == "Xã Bát Tràng"]
    assert len(in_bat_trang) >= 2
    assert all(point["carries_product"] for point in in_bat_trang)
    assert answer["points"][: len(in_bat_trang)] == in_bat_trang


def test_batch_answers_one_json_line_per_place_and_times_itself(
    catalog_database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_database(monkeypatch, catalog_database_url)
    monkeypatch.setattr("sys.stdin", io.StringIO("o cho dua\n\nDong Da district\npizza\n"))
    try:
        assert main(["near", "--batch"]) == 0
    finally:
        get_settings.cache_clear()
    output = capsys.readouterr()

    answers = [json.loads(line) for line in output.out.splitlines()]
    assert [answer["place"]["text"] for answer in answers] == [
        "o cho dua",
        "Dong Da district",
        "pizza",
    ]
    assert answers[2]["points"] == [] and len(answers[2]["place"]["suggestions"]) == 3
    assert "resolved 3 places in" in output.err


def test_an_empty_database_says_how_to_load_the_catalog(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_database(monkeypatch, database_url)
    try:
        assert main(["near", "o cho dua"]) == 1
    finally:
        get_settings.cache_clear()
    assert "python -m bot catalog load" in capsys.readouterr().err
