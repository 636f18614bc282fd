"""Messages that are not product searches get the answer a shop assistant would give, in the
user's language; what the catalog does not have is said plainly."""

from bot.standin import SimUser
from tests.e2e.conftest import ask


async def test_hi_gets_a_greeting_not_a_failed_search(en_user: SimUser) -> None:
    reply = await ask(en_user, "hi")
    assert reply.text.startswith("👋 Hello!")
    assert "not in the OCOP catalog" not in reply.text


async def test_what_is_ocop_explains_stars_and_hanoi_figures_with_sources(
    en_user: SimUser,
) -> None:
    reply = await ask(en_user, "what is OCOP?")
    assert "One Commune One Product" in reply.text
    assert "5★" in reply.text and "3,463" in reply.text
    assert any("nhandan.vn" in url for _, url in reply.links)


async def test_a_question_about_fairs_gets_the_events_answer(vi_user: SimUser) -> None:
    reply = await ask(vi_user, "có hội chợ nào sắp tới không")
    assert reply.text.startswith("📅 Hội chợ và sự kiện OCOP")


async def test_a_missing_product_is_said_plainly_in_vietnamese(vi_user: SimUser) -> None:
    reply = await ask(vi_user, "nón lá")
    assert reply.text.startswith("«nón lá» chưa có trong danh mục sản phẩm OCOP.")
    assert "Kết quả cho" not in reply.text
    if reply.buttons:  # anything shown is labelled as related, not as a match
        assert "Sản phẩm liên quan (không phải thứ bạn hỏi):" in reply.text


async def test_asking_the_price_alone_gets_the_honest_note(vi_user: SimUser) -> None:
    reply = await ask(vi_user, "giá bao nhiêu vậy")
    assert reply.text.startswith("💬 Danh mục OCOP không có giá bán")
    assert "Gia vị" not in reply.text


async def test_a_product_asked_with_its_price_is_found_with_the_price_note(
    vi_user: SimUser,
) -> None:
    reply = await ask(vi_user, "mật ong bạc hà giá bao nhiêu")
    lines = reply.text.splitlines()
    assert lines[0].startswith("🔎 Kết quả cho «mật ong bạc hà giá bao nhiêu»")
    assert "Mật ong bạc hà" in lines[1]
    assert lines[-1].startswith("💬 Danh mục OCOP không có giá bán")


async def test_a_chatty_question_finds_the_fish_sauce(vi_user: SimUser) -> None:
    reply = await ask(vi_user, "cho mình hỏi mua nước mắm phú quốc ở đâu ạ")
    lines = reply.text.splitlines()
    assert lines[0].startswith("🔎 Kết quả cho «cho mình hỏi mua nước mắm phú quốc ở đâu ạ»")
    shown = lines[1 : 1 + len(reply.buttons)]
    assert shown and all("Nước mắm" in line for line in shown[:3])


async def test_thanks_in_english_and_help_in_vietnamese_without_diacritics(
    en_user: SimUser, vi_user: SimUser
) -> None:
    assert (await ask(en_user, "thank u 🙏")).text.startswith("You're welcome!")
    help_text = (await ask(vi_user, "minh can tro giup")).text
    assert help_text.startswith("Cách dùng")


async def test_user_text_in_a_missing_product_is_escaped(en_user: SimUser) -> None:
    reply = await ask(en_user, "<i>zzqx</i> & co")
    assert reply.text.startswith("«<i>zzqx</i> & co» is not in the OCOP catalog yet.")
