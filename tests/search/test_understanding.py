"""What people actually write: sentences, chat shorthand, accents meant as typed, initials,
the verdict, and messages that are not searches. Held-out phrasings, not the dev sets'."""

import pytest

from bot.search import Intent, SearchIndex, Verdict

from .conftest import MakeIndex, product


def matched_names(index: SearchIndex, text: str) -> list[str]:
    return [hit.product.name_vi for hit in index.search(text).matches]


def test_accents_typed_are_meant_so_ong_is_a_typo_of_ong_with_a_hook(
    make_index: MakeIndex,
) -> None:
    index = make_index([product("Mật ong rừng"), product("Ống hút tre")])
    assert matched_names(index, "mật ong") == ["Mật ong rừng"]
    result = index.search("ống hút")
    assert [hit.product.name_vi for hit in result.matches] == ["Ống hút tre"]
    # without any diacritics either reading is fair
    assert set(hit.product.name_vi for hit in index.search("ong").products) == {
        "Mật ong rừng",
        "Ống hút tre",
    }


def test_a_chatty_sentence_finds_the_product_it_names(shipped_index: SearchIndex) -> None:
    result = shipped_index.search("chị ơi cho em hỏi bên mình có bán trà sen Tây Hồ không ạ")
    assert result.verdict is Verdict.FOUND
    assert "sen" in result.matches[0].product.name_vi.lower()
    english = shipped_index.search("hey, my mum would love some of that lotus tea, do you have it?")
    assert english.verdict is Verdict.FOUND and "lotus" in english.matches[0].product.name_en


def test_the_rarer_word_decides_when_not_every_word_matches(make_index: MakeIndex) -> None:
    index = make_index(
        [product(f"Bánh {kind}") for kind in ("dẻo", "nướng", "chưng", "tẻ")]
        + [product("Bánh cốm Hàng Than"), product("Cốm làng Vòng")]
    )
    # "cốm" is in two names, "bánh" in five: the product with both comes first, then the
    # other "cốm", then those with the common "bánh" only
    ranked = [hit.product.name_vi for hit in index.search("bánh cốm").products]
    assert ranked[:2] == ["Bánh cốm Hàng Than", "Cốm làng Vòng"]
    assert len(ranked) == 6
    assert matched_names(index, "bánh cốm xào ngon")[0] == "Bánh cốm Hàng Than"


def test_initials_stand_for_the_words_of_a_name(make_index: MakeIndex) -> None:
    index = make_index([product("Tinh bột nghệ Nam Sơn"), product("Trà xanh núi")])
    assert matched_names(index, "tbn") == ["Tinh bột nghệ Nam Sơn"]


@pytest.mark.parametrize(
    "text",
    ["giày da nam", "hoa quả sấy khô", "bánh mì chả cá", "bánh cuốn Thanh Trì", "kính râm"],
)
def test_what_the_catalog_lacks_is_not_found(shipped_index: SearchIndex, text: str) -> None:
    result = shipped_index.search(text)
    assert result.verdict is not Verdict.FOUND and result.matches == []


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("chào shop", Intent.GREETING),
        ("hello there", Intent.GREETING),
        ("thanks a lot!", Intent.THANKS),
        ("cam on shop nhieu", Intent.THANKS),
        ("what does 4 stars mean for an OCOP product?", Intent.ABOUT_OCOP),
        ("sản phẩm ocop là gì vậy", Intent.ABOUT_OCOP),
        ("any festivals this weekend?", Intent.EVENTS),
        ("le hoi sen nam nay", Intent.EVENTS),
        ("mấy giờ đóng cửa", Intent.HOURS),
        ("what time do the shops close", Intent.HOURS),
        ("có giao hàng tận nơi không", Intent.DELIVERY),
        ("how much are they usually", Intent.PRICE),
        ("huong dan su dung", Intent.HELP),
    ],
)
def test_talk_is_not_searched(shipped_index: SearchIndex, text: str, intent: Intent) -> None:
    result = shipped_index.search(text)
    assert result.intent is intent and result.products == []


def test_a_product_asked_with_a_question_is_found_with_the_question(
    shipped_index: SearchIndex,
) -> None:
    result = shipped_index.search("nước mắm Phú Quốc ship ra Hà Nội được không")
    assert result.intent is Intent.PRODUCT and result.asks is Intent.DELIVERY
    assert result.matches[0].product.name_vi.startswith("Nước mắm")
