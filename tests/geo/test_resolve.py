"""What shoppers type as a place, and the 2025 ward, commune or candidates they get."""

import csv
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from bot.config import DEFAULT_CATALOG_DIR
from bot.geo import PlaceKind, resolve_place
from bot.vietnamese import folded_phrase

from .package_data import converted, hanoi_units, legacy_wards, unit_code

Style = Callable[[dict[str, str]], str]  # how a user writes a row of the package's table
WARD, LEGACY, DISTRICT = PlaceKind.WARD, PlaceKind.LEGACY_WARD, PlaceKind.OLD_DISTRICT
AMBIGUOUS, ELSEWHERE, UNKNOWN = PlaceKind.AMBIGUOUS, PlaceKind.ELSEWHERE, PlaceKind.UNKNOWN

DONG_DA = (
    "Phường Đống Đa",
    "Phường Ô Chợ Dừa",
    "Phường Kim Liên",
    "Phường Văn Miếu - Quốc Tử Giám",
    "Phường Láng",
    "Phường Giảng Võ",
    "Phường Bạch Mai",
)
BA_DINH = (
    "Phường Ba Đình",
    "Phường Ngọc Hà",
    "Phường Giảng Võ",
    "Phường Hoàn Kiếm",
    "Phường Hồng Hà",
    "Phường Ô Chợ Dừa",
    "Phường Láng",
    "Phường Văn Miếu - Quốc Tử Giám",
)
HAI_BA_TRUNG = (
    "Phường Hai Bà Trưng",
    "Phường Bạch Mai",
    "Phường Vĩnh Tuy",
    "Phường Vĩnh Hưng",
    "Phường Tương Mai",
    "Phường Lĩnh Nam",
    "Phường Cửa Nam",
    "Phường Hồng Hà",
    "Phường Văn Miếu - Quốc Tử Giám",
)
GIA_LAM = (
    "Xã Gia Lâm",
    "Xã Bát Tràng",
    "Xã Thuận An",
    "Xã Phù Đổng",
    "Phường Long Biên",
    "Phường Phúc Lợi",
)
TAY_HO = (
    "Phường Tây Hồ",
    "Phường Phú Thượng",
    "Phường Xuân Đỉnh",
    "Phường Nghĩa Đô",
    "Phường Hồng Hà",
    "Phường Ba Đình",
)
NAM_TU_LIEM = (
    "Phường Từ Liêm",
    "Phường Xuân Phương",
    "Phường Tây Mỗ",
    "Phường Đại Mỗ",
    "Phường Cầu Giấy",
    "Phường Yên Hòa",
    "Phường Thanh Xuân",
    "Phường Hà Đông",
    "Phường Dương Nội",
)
SON_TAY = ("Phường Sơn Tây", "Phường Tùng Thiện", "Xã Đoài Phương", "Xã Hòa Lạc")


@dataclass(frozen=True)
class Case:
    text: str
    kind: PlaceKind
    names: tuple[str, ...] = ()  # expected 2025 unit(s), by full name
    old_ward: tuple[str, str] | None = (
        None  # (ward, district) the package's converter must agree on
    )
    old_district: str | None = None  # every ward of it must convert into `names`
    typo: bool = False


CASES = [
    # 2025 names: diacritics or not, prefixes, English, province suffix, run together
    Case("o cho dua", WARD, ("Phường Ô Chợ Dừa",)),
    Case("Ô Chợ Dừa", WARD, ("Phường Ô Chợ Dừa",)),
    Case("phường Ô Chợ Dừa", WARD, ("Phường Ô Chợ Dừa",)),
    Case("P. Ô Chợ Dừa, Hà Nội", WARD, ("Phường Ô Chợ Dừa",)),
    Case("ochodua", WARD, ("Phường Ô Chợ Dừa",)),
    Case("Hoan Kiem ward", WARD, ("Phường Hoàn Kiếm",)),
    Case("hoàn kiếm, hanoi", WARD, ("Phường Hoàn Kiếm",)),
    Case("Bat Trang commune", WARD, ("Xã Bát Tràng",)),
    Case("xã bát tràng", WARD, ("Xã Bát Tràng",)),
    Case("YEN HOA", WARD, ("Phường Yên Hòa",)),
    Case("Hồng Hà ward, Hanoi City", WARD, ("Phường Hồng Hà",)),
    Case("Văn Miếu - Quốc Tử Giám", WARD, ("Phường Văn Miếu - Quốc Tử Giám",)),
    # a bare name that is also an old district is the 2025 unit
    Case("Ba Đình", WARD, ("Phường Ba Đình",)),
    Case("Gia Lam", WARD, ("Xã Gia Lâm",)),
    Case("Phường Hà Đông", WARD, ("Phường Hà Đông",)),
    # "phượng" and "xá" inside names are not prefixes
    Case("phuong duc", WARD, ("Xã Phượng Dực",)),
    Case("xa phuong duc", WARD, ("Xã Phượng Dực",)),
    Case("xã Hòa Xá", WARD, ("Xã Hòa Xá",)),
    # small typos
    Case("hoan kim", WARD, ("Phường Hoàn Kiếm",), typo=True),
    Case("o cho dau", WARD, ("Phường Ô Chợ Dừa",), typo=True),
    Case("cau giy", WARD, ("Phường Cầu Giấy",), typo=True),
    Case("bat trnag", WARD, ("Xã Bát Tràng",), typo=True),
    Case("long bein ward", WARD, ("Phường Long Biên",), typo=True),
    # an old ward with its old district, through the converter
    Case(
        "phường Vĩnh Phúc, quận Ba Đình",
        LEGACY,
        ("Phường Ngọc Hà",),
        old_ward=("Phường Vĩnh Phúc", "Quận Ba Đình"),
    ),
    Case(
        "xa Bat Trang huyen Gia Lam",
        LEGACY,
        ("Xã Bát Tràng",),
        old_ward=("Xã Bát Tràng", "Huyện Gia Lâm"),
    ),
    Case(
        "Bat Trang, Gia Lam", LEGACY, ("Xã Bát Tràng",), old_ward=("Xã Bát Tràng", "Huyện Gia Lâm")
    ),
    Case(
        "thị trấn Trâu Quỳ, huyện Gia Lâm",
        LEGACY,
        ("Xã Gia Lâm",),
        old_ward=("Thị trấn Trâu Quỳ", "Huyện Gia Lâm"),
    ),
    Case(
        "phuong Hang Bac quan Hoan Kiem",
        LEGACY,
        ("Phường Hoàn Kiếm",),
        old_ward=("Phường Hàng Bạc", "Quận Hoàn Kiếm"),
    ),
    Case(
        "Kim Liên, Đống Đa",
        LEGACY,
        ("Phường Kim Liên",),
        old_ward=("Phường Kim Liên", "Quận Đống Đa"),
    ),
    Case(
        "Phường Tràng Tiền, Quận Hoàn Kiếm, Hà Nội",
        LEGACY,
        ("Phường Cửa Nam",),
        old_ward=("Phường Tràng Tiền", "Quận Hoàn Kiếm"),
    ),
    Case(
        "phường Vạn Phúc, quận Hà Đông",
        LEGACY,
        ("Phường Hà Đông",),
        old_ward=("Phường Vạn Phúc", "Quận Hà Đông"),
    ),
    Case(
        "12 phố Hàng Bạc, phường Hàng Bạc, quận Hoàn Kiếm",
        LEGACY,
        ("Phường Hoàn Kiếm",),
        old_ward=("Phường Hàng Bạc", "Quận Hoàn Kiếm"),
    ),
    Case(
        "phường Vĩnh Phuk, quận Ba Đình",
        LEGACY,
        ("Phường Ngọc Hà",),
        old_ward=("Phường Vĩnh Phúc", "Quận Ba Đình"),
        typo=True,
    ),
    # a 2025 ward written with its old district keeps the 2025 ward
    Case("phường Láng, quận Đống Đa", WARD, ("Phường Láng",)),
    # an old ward alone, when no 2025 unit has that name
    Case(
        "phường Vĩnh Phúc",
        LEGACY,
        ("Phường Ngọc Hà",),
        old_ward=("Phường Vĩnh Phúc", "Quận Ba Đình"),
    ),
    Case(
        "Tràng Tiền", LEGACY, ("Phường Cửa Nam",), old_ward=("Phường Tràng Tiền", "Quận Hoàn Kiếm")
    ),
    # an old district: every 2025 unit covering it
    Case("Dong Da district", DISTRICT, DONG_DA, old_district="Quận Đống Đa"),
    Case("q. Đống Đa", DISTRICT, DONG_DA, old_district="Quận Đống Đa"),
    Case("Dong Da distric", DISTRICT, DONG_DA, old_district="Quận Đống Đa"),
    Case("quận Hai Bà Trưng", DISTRICT, HAI_BA_TRUNG, old_district="Quận Hai Bà Trưng"),
    Case("ba dinh district", DISTRICT, BA_DINH, old_district="Quận Ba Đình"),
    Case("huyện Gia Lâm", DISTRICT, GIA_LAM, old_district="Huyện Gia Lâm"),
    Case("Gia Lam district", DISTRICT, GIA_LAM, old_district="Huyện Gia Lâm"),
    Case("quận Tây Hồ", DISTRICT, TAY_HO, old_district="Quận Tây Hồ"),
    Case("Nam Tu Liem", DISTRICT, NAM_TU_LIEM, old_district="Quận Nam Từ Liêm"),
    Case("Son Tay town", DISTRICT, SON_TAY, old_district="Thị xã Sơn Tây"),
    Case("thị xã Sơn Tây", DISTRICT, SON_TAY, old_district="Thị xã Sơn Tây"),
    # several old wards of that name in different districts: ask
    Case("Dong Xuan", AMBIGUOUS, ("Phường Hoàn Kiếm", "Xã Sóc Sơn", "Xã Yên Xuân")),
    # outside Hanoi, or nothing at all
    Case("Da Nang", ELSEWHERE),
    Case("Ha Long", ELSEWHERE),
    Case("Hanoi", UNKNOWN),
    Case("pizza", UNKNOWN),
    Case("hotel near the lake", UNKNOWN),
    Case("xyz", UNKNOWN),
]


@pytest.mark.parametrize("case", CASES, ids=[case.text for case in CASES])
def test_place_text_resolves_to_the_expected_units(case: Case) -> None:
    match = resolve_place(case.text)

    assert match.kind is case.kind, match.label
    assert {unit.code for unit in match.units} == {unit_code(name) for name in case.names}
    assert {unit.name for unit in match.units} == set(case.names)
    assert match.typo is case.typo
    if case.old_ward:
        assert converted(*case.old_ward) in case.names
    if case.old_district:
        defaults = {
            converted(row["ward"], row["district"]) for row in legacy_wards(case.old_district)
        }
        assert defaults <= set(case.names)


def test_the_table_covers_every_style() -> None:
    assert len(CASES) >= 40
    assert {case.kind for case in CASES} == set(PlaceKind)


@pytest.mark.parametrize(
    "style",
    [
        lambda row: row["ward"],
        lambda row: row["wardShort"],
        lambda row: folded_phrase(row["wardShort"]),
        lambda row: row["wardShort"].upper(),
        lambda row: f"{folded_phrase(row['wardShort'])} ward",
        lambda row: f"{folded_phrase(row['ward'])}, ha noi",
    ],
    ids=["full", "short", "folded", "upper", "english", "with-province"],
)
def test_every_2025_unit_resolves_from_its_own_name(style: Style) -> None:
    wrong = {
        style(row): resolve_place(style(row)).label
        for row in hanoi_units()
        if (match := resolve_place(style(row))).unit is None or match.unit.code != row["wardCode"]
    }
    assert wrong == {}


@pytest.mark.parametrize(
    "style",
    [
        lambda row: f"{row['ward']}, {row['district']}",
        lambda row: f"{row['wardShort']}, {row['districtShort']}",
        lambda row: folded_phrase(f"{row['ward']} {row['district']}"),
    ],
    ids=["full", "short", "folded-no-comma"],
)
def test_every_old_ward_with_its_district_converts_like_the_package(style: Style) -> None:
    wrong = {}
    for row in legacy_wards():
        match = resolve_place(style(row))
        expected = converted(row["ward"], row["district"])
        if match.unit is None or match.unit.name != expected:
            wrong[style(row)] = (expected, [unit.name for unit in match.units])
    assert wrong == {}


def test_unknown_place_suggests_the_three_closest_names() -> None:
    match = resolve_place("Hoan Kiem Lake")

    assert match.kind is PlaceKind.UNKNOWN and match.units == ()
    assert len(match.suggestions) == 3
    assert match.suggestions[0].name == "Phường Hoàn Kiếm"


def test_other_provinces_are_not_read_as_typos_of_hanoi_wards() -> None:
    assert resolve_place("Ha Long").label == "Thành phố Hạ Long, Tỉnh Quảng Ninh"
    # one letter from "Hà Đông" but a city elsewhere: no Hanoi answer
    assert resolve_place("halong").units == ()
    assert resolve_place("ho chi minh city").kind is PlaceKind.ELSEWHERE


@pytest.mark.parametrize(
    "text", ["airport", "museum", "coffee", "bun cha", "london", "train", "west", "district"]
)
def test_common_words_do_not_match_a_ward(text: str) -> None:
    assert resolve_place(text).units == ()


def test_nicknames_map_to_the_place_they_name() -> None:
    nicknames = {"Old Quarter": "Hoàn Kiếm", "West Lake": "Tây Hồ", "Phố cổ": "Phường Hoàn Kiếm"}

    assert resolve_place("old quarter", nicknames=nicknames).unit == resolve_place("Hoàn Kiếm").unit
    assert resolve_place("West Lake, Hanoi", nicknames=nicknames).label == "Tây Hồ"
    assert resolve_place("pho co", nicknames=nicknames).unit == resolve_place("Hoàn Kiếm").unit
    assert resolve_place("old quater", nicknames=nicknames).typo
    assert resolve_place("old quarter").kind is PlaceKind.UNKNOWN


def test_every_place_nickname_in_the_catalog_leads_to_its_place() -> None:
    aliases = DEFAULT_CATALOG_DIR / "aliases.csv"
    if not aliases.exists():
        pytest.skip("catalog_data/aliases.csv is not written yet")
    with aliases.open(encoding="utf-8") as file:
        rows = [row for row in csv.DictReader(file) if row["kind"] == "place"]
    nicknames = {row["alias"]: row["term"] for row in rows}

    wrong = {
        row["alias"]: row["term"]
        for row in rows
        if not resolve_place(row["term"]).units
        or resolve_place(row["alias"], nicknames=nicknames).units
        != resolve_place(row["term"]).units
    }
    assert wrong == {}
