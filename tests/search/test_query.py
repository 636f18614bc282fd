"""Query understanding: product part, place part, stars, category, question words."""

import pytest

from bot.geo.resolve import PlaceKind, PlaceMatch, resolve_place
from bot.search import SearchIndex
from bot.vietnamese import fold


def parsed(index: SearchIndex, text: str) -> tuple[str, str | None]:
    query = index.search(text).query
    return query.product_text, query.place_text


@pytest.mark.parametrize(
    ("text", "product", "place"),
    [
        ("mint honey near Hoan Kiem", "mint honey", "hoan kiem"),
        ("mật ong gần Hoàn Kiếm", "mật ong", "hoàn kiếm"),
        ("mua gốm ở Bát Tràng", "gốm", "bát tràng"),
        ("lụa tại Hà Đông", "lụa", "hà đông"),
        ("silk around the Old Quarter", "silk", "old quarter"),
        ("green rice at West Lake", "green rice", "west lake"),
        ("mua gom o bat trang", "gom", "bat trang"),
    ],
)
def test_product_near_place_is_split(
    shipped_index: SearchIndex, text: str, product: str, place: str
) -> None:
    assert parsed(shipped_index, text) == (product, place)


def test_where_is_not_a_place_marker(shipped_index: SearchIndex) -> None:
    assert parsed(shipped_index, "mua gốm Bát Tràng ở đâu") == ("gốm bát tràng", None)
    assert parsed(shipped_index, "mua gom bat trang o dau") == ("gom bat trang", None)


def test_undiacritised_marker_splits_only_before_a_known_place(shipped_index: SearchIndex) -> None:
    # "tai" is also the brand Tài Hoan, "o" the start of nothing here
    assert parsed(shipped_index, "mien dong tai hoan") == ("mien dong tai hoan", None)
    assert parsed(shipped_index, "mien dong tai tay ho") == ("mien dong", "tay ho")


def test_city_after_a_marker_is_no_place(shipped_index: SearchIndex) -> None:
    assert parsed(shipped_index, "Where to buy honey in Hanoi?") == ("honey", None)


@pytest.mark.parametrize(
    ("text", "stars"),
    [
        ("chè 5 sao", 5),
        ("5-star tea", 5),
        ("five star tea", 5),
        ("tea 4 star", 4),
        ("tra 3sao", 3),
        ("mật ong năm sao", 5),
        ("mật ong OCOP mấy sao", None),
        ("chè Tân Cương", None),
    ],
)
def test_star_filter(shipped_index: SearchIndex, text: str, stars: int | None) -> None:
    query = shipped_index.search(text).query
    assert query.stars == stars
    assert "sao" not in query.product_text.split() and "star" not in query.product_text


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("Where can I buy honey?", "honey"),
        ("mua mật ong ở đâu uy tín", "mật ong"),
        ("có mật ong bạc hà không", "mật ong bạc hà"),
        ("khăn lụa là gì, ai làm", "khăn lụa"),
        ("sữa tươi không đường", "sữa tươi không đường"),
        ("Quân Giang quận Tây Hồ", "quân giang tây hồ"),
    ],
)
def test_question_words_are_dropped(shipped_index: SearchIndex, text: str, product: str) -> None:
    assert shipped_index.search(text).query.product_text == product


@pytest.mark.parametrize(
    ("text", "folded_category"), [("tea", {"tra", "che"}), ("ceramics", {"gom", "gom su"})]
)
def test_a_kind_of_goods_is_a_category(
    shipped_index: SearchIndex, text: str, folded_category: set[str]
) -> None:
    category = shipped_index.search(text).query.category
    assert category is not None and fold(category) in folded_category


def test_pottery_words_name_the_same_category(shipped_index: SearchIndex) -> None:
    categories = {shipped_index.search(t).query.category for t in ("đồ gốm", "pottery", "gốm")}
    assert len(categories) == 1 and None not in categories


def test_a_specific_product_is_no_category(shipped_index: SearchIndex) -> None:
    assert shipped_index.search("mật ong bạc hà Mèo Vạc").query.category is None


def test_bare_place_is_recognised_from_ward_names_and_nicknames(
    shipped_index: SearchIndex,
) -> None:
    for text in ("hoan kiem", "Old Quarter", "Hồ Tây"):
        query = shipped_index.search(text).query
        assert query.bare_place and query.product_text == "" and query.place_text
    assert not shipped_index.search("honey").query.bare_place


def fake_place(text: str, kind: PlaceKind) -> PlaceMatch:
    """A resolver's answer, without asking the real one."""
    return PlaceMatch(text=text, kind=kind)


def test_the_resolver_decides_bare_places_and_gets_the_place_part(
    shipped_index: SearchIndex,
) -> None:
    asked: list[str] = []

    def resolve(text: str) -> PlaceMatch:
        asked.append(text)
        return fake_place(text, PlaceKind.WARD if "giay" in text else PlaceKind.UNKNOWN)

    result = shipped_index.search("cau giay", resolve_place=resolve)
    assert result.query.bare_place and result.place == fake_place("cau giay", PlaceKind.WARD)
    result = shipped_index.search("honey near somewhere odd", resolve_place=resolve)
    assert result.query.place_text == "somewhere odd"
    assert result.place == fake_place("somewhere odd", PlaceKind.UNKNOWN)
    assert not shipped_index.search("honey", resolve_place=resolve).query.bare_place
    assert "honey" not in asked  # a kind of goods is never asked about


def test_goods_stay_goods_even_if_the_resolver_sees_a_place(shipped_index: SearchIndex) -> None:
    def everything_is_a_place(text: str) -> PlaceMatch:
        return fake_place(text, PlaceKind.WARD)

    for goods in ("Trứng gà", "đồng hồ", "thức uống", "dong trung"):
        result = shipped_index.search(goods, resolve_place=everything_is_a_place)
        assert not result.query.bare_place and result.products
    result = shipped_index.search("thuong tin", resolve_place=everything_is_a_place)
    assert result.query.bare_place and result.place == fake_place("thuong tin", PlaceKind.WARD)


@pytest.mark.parametrize(
    ("text", "ward_code"),
    [
        ("rice near O Cho Dua", "00190"),  # "cho" is also a Vietnamese question word
        ("gạo gần Ô Chợ Dừa", "00190"),
        ("mật ong gần Hoàn Kiếm ở đâu", "00070"),
    ],
)
def test_place_names_keep_words_that_are_also_question_words(
    shipped_index: SearchIndex, text: str, ward_code: str
) -> None:
    result = shipped_index.search(text, resolve_place=resolve_place)
    assert isinstance(result.place, PlaceMatch) and result.place.unit is not None
    assert result.place.unit.code == ward_code
    assert result.products


@pytest.mark.parametrize(
    ("text", "product_text", "label"),
    [
        ("Dong Da district", "", "Quận Đống Đa"),  # the old district, not Phường Đống Đa
        ("quận Hai Bà Trưng", "", "Quận Hai Bà Trưng"),
        ("xã Bát Tràng, huyện Gia Lâm", "", "Xã Bát Tràng (Huyện Gia Lâm)"),
        ("mật ong quận Đống Đa", "mật ong", "Quận Đống Đa"),
        ("trà sen phường Tây Hồ", "trà sen", "Phường Tây Hồ"),
    ],
)
def test_level_words_keep_old_districts_and_start_a_place(
    shipped_index: SearchIndex, text: str, product_text: str, label: str
) -> None:
    result = shipped_index.search(text, resolve_place=resolve_place)
    assert result.query.product_text == product_text
    assert isinstance(result.place, PlaceMatch) and result.place.label == label
