"""What a shopper sees: held-out queries (not in the dev set) and the ranking rules."""

from bot.search import SearchIndex
from bot.store.catalog import Catalog
from bot.vietnamese import typo_budget

from .conftest import MakeIndex, names, point, product


def test_telex_typing_finds_banh_chung(shipped_index: SearchIndex) -> None:
    assert names(shipped_index, "banh chuwng")[0] == "Bánh chưng xanh Hải Yến 20"
    assert names(shipped_index, "banh chu7ng")[0] == "Bánh chưng xanh Hải Yến 20"  # VNI


def test_five_star_tea_puts_five_star_teas_first(shipped_index: SearchIndex) -> None:
    hits = shipped_index.search("5 star tea", limit=5).products
    assert [hit.product.stars for hit in hits[:3]] == [5, 5, 5]
    assert all("tea" in hit.product.name_en.lower() for hit in hits[:3])


def test_star_filter_prefers_but_does_not_hide(shipped_index: SearchIndex) -> None:
    # the straws have no rating; asking "5 sao" must not lose them
    assert names(shipped_index, "ống hút rau củ 5 sao")[0] == "Ống hút rau củ quả"


def test_short_words_match_whole_words_only(make_index: MakeIndex) -> None:
    index = make_index([product("Gạo thơm Bối Khê"), product("Gà đồi Ba Vì")])
    assert names(index, "ga") == ["Gà đồi Ba Vì"]
    assert names(index, "ga", prefix=True) == ["Gà đồi Ba Vì"]


def test_green_rice_does_not_bring_every_combo(make_index: MakeIndex) -> None:
    index = make_index(
        [product("Cốm làng Vòng"), product("Combo quà Tết"), product("Combo trà sen")]
    )
    assert names(index, "com") == ["Cốm làng Vòng"]
    assert names(index, "com", prefix=True) == ["Cốm làng Vòng"]
    # a longer start of a word is completed as you type
    assert set(names(index, "comb", prefix=True)) == {"Combo quà Tết", "Combo trà sen"}


def test_old_and_new_tone_placement_find_the_same_product(make_index: MakeIndex) -> None:
    index = make_index([product("Thịt gà đen Yên Hòa Phú"), product("Gạo Hòa Bình")])
    for text in ("hòa bình", "hoà bình", "Hoà Bình", "hoa binh"):
        assert names(index, text)[0] == "Gạo Hòa Bình"


def test_agreeing_diacritics_rank_first(make_index: MakeIndex) -> None:
    index = make_index([product("Rượu mẫn"), product("Rượu mận")])
    assert names(index, "rượu mận")[0] == "Rượu mận"
    assert names(index, "rượu mẫn")[0] == "Rượu mẫn"
    assert set(names(index, "ruou man")) == {"Rượu mận", "Rượu mẫn"}


def test_typo_budget_grows_with_word_length(make_index: MakeIndex) -> None:
    assert [typo_budget(n) for n in (1, 4, 5, 8, 9, 12)] == [0, 0, 1, 1, 2, 2]
    index = make_index([product("Trà Phúc"), product("Quất cảnh"), product("Đông trùng hạ thảo")])
    assert names(index, "phuk") == []  # 4 letters: no typo allowed
    assert names(index, "quatt") == ["Quất cảnh"]  # 5 letters: one
    assert names(index, "trungg") == ["Đông trùng hạ thảo"]
    assert names(index, "thaoo dongg") == ["Đông trùng hạ thảo"]


def test_a_word_matches_best_in_the_name(make_index: MakeIndex) -> None:
    index = make_index(
        [
            product("Bánh cốm", category="food", producer="Cơ sở Sen Hồ"),
            product("Trà sen", category="beverage"),
            product("Chè xanh", origin_commune="làng Sen"),
        ]
    )
    assert names(index, "sen") == ["Trà sen", "Bánh cốm", "Chè xanh"]


def test_ties_go_to_more_stars_then_name(make_index: MakeIndex) -> None:
    index = make_index(
        [product("Mật ong C", stars=3), product("Mật ong B"), product("Mật ong A", stars=3)]
    )
    assert names(index, "mật ong") == ["Mật ong A", "Mật ong C", "Mật ong B"]


def test_words_run_together_or_split_apart(make_index: MakeIndex) -> None:
    index = make_index([product("Nước mắm Thanh Quốc"), product("Quất bonsai Tứ Liên")])
    assert names(index, "nuocmam")[0] == "Nước mắm Thanh Quốc"
    assert names(index, "quat bon sai")[0] == "Quất bonsai Tứ Liên"


def test_english_plural_finds_the_singular(shipped_index: SearchIndex) -> None:
    assert all("tea" in n.lower() or "Trà" in n for n in names(shipped_index, "herbal teas")[:3])


def test_as_you_type_completes_the_last_word(shipped_index: SearchIndex) -> None:
    assert names(shipped_index, "mooncak bao phuo", prefix=True)[0].endswith("Bảo Phương")
    assert names(shipped_index, "mat ong meo", prefix=True)[0] == "Mật ong bạc hà Mèo Vạc"


def test_aliases_translate_between_languages(shipped_index: SearchIndex) -> None:
    assert names(shipped_index, "fish sauce")[0].startswith("Nước mắm")
    assert names(shipped_index, "glass noodles")[0].startswith("Miến")
    assert names(shipped_index, "tofu")[0].startswith("Đậu phụ")
    assert names(shipped_index, "kumquat bonsai")[0] == "Quất bon sai Tứ Liên"


def test_hits_say_what_matched_and_how_well(shipped_index: SearchIndex) -> None:
    best, *rest = shipped_index.search("mật ong bạc hà Mèo Vạc").products
    assert best.product.name_vi == "Mật ong bạc hà Mèo Vạc"
    assert "name_vi:mật" in best.matched and "name_vi:mèo" in best.matched
    assert best.score == 1.0 and all(hit.score < best.score for hit in rest)
    typo = shipped_index.search("quatt canh").products[0]
    assert "name_vi:quất~1" in typo.matched and typo.score < 1.0


def test_points_match_their_name_address_and_ward(make_index: MakeIndex) -> None:
    index = make_index(
        [product("Mật ong")],
        points=[
            point("Điểm OCOP chợ Đồng Xuân", ward="Phường Hoàn Kiếm"),
            point("Showroom Tây Hồ", ward="Phường Tây Hồ", address="2 Trịnh Công Sơn"),
        ],
        aliases=[("place", "Hoàn Kiếm", "Old Quarter")],
    )
    result = index.search("honey near the old quarter")
    assert result.query.place_text == "old quarter"
    assert [hit.point.name for hit in result.points] == ["Điểm OCOP chợ Đồng Xuân"]
    assert [hit.point.name for hit in index.search("trinh cong son").points] == ["Showroom Tây Hồ"]


def test_did_you_mean_offers_close_product_names(shipped_index: SearchIndex) -> None:
    suggestions = shipped_index.suggest("honney mintt", limit=3)
    assert suggestions and all("Mật ong" in name for name in suggestions)
    assert shipped_index.suggest("qwxzv plorb") == []


def test_words_side_by_side_beat_scattered_words(make_index: MakeIndex) -> None:
    index = make_index(
        [
            product("Trà quốc gia triển lãm"),  # "gia" and "lãm", far apart, in the name
            product("Gốm sứ", origin_commune="xã Bát Tràng, huyện Gia Lâm"),
        ]
    )
    assert names(index, "gia lam bat trang")[0] == "Gốm sứ"
    assert names(index, "quoc gia gom")[0] == "Trà quốc gia triển lãm"


def test_aliases_do_not_attach_to_names_or_other_accents(make_index: MakeIndex) -> None:
    index = make_index(
        [
            product("Nấm hương rừng"),
            product("Chuối tiêu hồng Nam Sơn"),  # "Nam" is not "nấm"
            product("Đường hoa dừa Trà Vinh"),  # a province, not tea
            product("Trà sen"),
        ],
        aliases=[("product", "nấm", "mushroom"), ("product", "trà", "tea")],
    )
    assert names(index, "mushroom") == ["Nấm hương rừng"]
    assert names(index, "tea") == ["Trà sen"]


def test_a_bare_place_lists_what_comes_from_there(shipped_index: SearchIndex) -> None:
    result = shipped_index.search("bat trang")
    assert result.query.bare_place and result.query.place_text == "bat trang"
    origins = {hit.product.origin_commune for hit in result.products}
    assert origins and all("Bát Tràng" in origin for origin in origins)


def test_stars_alone_list_the_products_with_that_rating(
    shipped_index: SearchIndex, shipped_catalog: Catalog
) -> None:
    hits = shipped_index.search("sản phẩm 5 sao", limit=500).products
    five_stars = {p.name_vi for p in shipped_catalog.products if p.stars == 5}
    assert five_stars and {hit.product.name_vi for hit in hits} == five_stars
