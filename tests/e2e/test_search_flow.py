"""Free-text search, result pages, product cards, "did you mean", and inline mode."""

from bot.standin import SimUser
from tests.e2e.conftest import ask


async def test_tourist_finds_mint_honey_without_diacritics(en_user: SimUser) -> None:
    reply = await ask(en_user, "mat ong bac ha")
    lines = reply.text.splitlines()
    assert lines[0].startswith("🔎 Results for «mat ong bac ha» (1–")
    assert "Mint" in lines[1] or "mint" in lines[1]
    await en_user.press(1)
    card = await en_user.next_reply(kinds={"message"})
    assert "Mật ong bạc hà" in card.text and "Where to buy" in card.text
    assert card.links and card.links[0][0] == "Source"


async def test_results_are_paginated_with_buttons(vi_user: SimUser) -> None:
    reply = await ask(vi_user, "trà")
    header = reply.text.splitlines()[0]
    assert header.startswith("🔎 Kết quả cho «trà» (1–5 / ")
    assert reply.buttons[-1][0].text == "Xem thêm ›"
    await vi_user.press("Xem thêm ›")
    page = await vi_user.next_reply(kinds={"edit"})
    assert page.text.splitlines()[0].startswith("🔎 Kết quả cho «trà» (6–")
    assert page.text.splitlines()[1].startswith("6. ")
    assert page.buttons[-1][0].text == "‹ Trước"


async def test_star_filter_puts_rated_products_first(en_user: SimUser) -> None:
    reply = await ask(en_user, "5 star tea")
    assert reply.text.splitlines()[1].endswith("★★★★★")


async def test_nothing_found_says_so_and_offers_examples_never_silence(en_user: SimUser) -> None:
    reply = await ask(en_user, "qwxzv plorb")
    assert reply.text.startswith("«qwxzv plorb» is not in the OCOP catalog yet.")
    assert reply.text.splitlines()[1].startswith("Try: mint honey, Bat Trang pottery")
    typos = await ask(en_user, "mật ongg bạc haa xyzq")  # typos and a stray word still find it
    assert typos.text.startswith("🔎 Results for «mật ongg bạc haa xyzq»")
    assert "mint" in typos.text.splitlines()[1].lower()


async def test_html_in_a_query_is_shown_literally(en_user: SimUser) -> None:
    reply = await ask(en_user, "<b>honey</b> & <script>alert(1)</script>")
    assert "<b>honey</b> & <script>alert(1)</script>" in reply.text.splitlines()[0]


async def test_inline_mode_returns_articles_with_deep_links(en_user: SimUser) -> None:
    answer = await en_user.inline_query("honey")
    results = answer.data["results"]
    assert 1 <= len(results) <= 50
    first = results[0]
    assert first["type"] == "article" and "honey" in first["title"].lower()
    button = first["reply_markup"]["inline_keyboard"][0][0]
    assert button["text"] == "Open in the bot"
    assert button["url"].startswith("https://t.me/ocop_standin_bot?start=p_")


async def test_inline_mode_paginates_with_next_offset(vi_user: SimUser) -> None:
    first = await vi_user.inline_query("")
    assert len(first.data["results"]) == 20 and first.data["next_offset"] == "20"
    second = await vi_user.inline_query("", offset="20")
    ids = {r["id"] for r in first.data["results"]} & {r["id"] for r in second.data["results"]}
    assert not ids
