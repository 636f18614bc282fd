"""Cards a tourist can use: one language per card, fields that say what they are, directions,
and every product of a point reachable from its card (issue 13), through the stand-in."""

import re
import unicodedata
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from bot.geo.hanoi import VIETNAM_TIME
from bot.handlers.gate import FloodGuard
from bot.lifecycle import AnyApplication
from bot.services import Services
from bot.standin import Reply, SimUser
from bot.store.catalog import Catalog
from bot.store.kinds import PointKind, PointStatus
from bot.store.models import Point
from tests.e2e.conftest import ask

# English words that a Vietnamese card must not show (the source notes' language)
ENGLISH = re.compile(
    r"\b(the|of|and|not|stated|given|pilot|points?|approximate|location|unknown|opened|open|"
    r"date|village|inferred|address|products?|with|from|only|more|shop|source|planned|ward|"
    r"centre|center|carries|where|fair|ended|upcoming|about|year)\b",
    re.IGNORECASE,
)


@pytest.fixture(autouse=True)
def tireless_readers(app: AnyApplication) -> None:
    """These users open every card, far faster than a person: lift the per-user flood limit."""
    app.bot_data["flood_guard"] = FloodGuard(burst=100_000, rate=100_000)


def catalog_of(app: AnyApplication) -> Catalog:
    services: Services = app.bot_data["services"]
    return services.live.catalog


def vietnamese_only_words(text: str) -> list[str]:
    """Words written with Vietnamese letters that are not names: names are capitalised
    ("Hoàng Cầu", "Phường Ô Chợ Dừa"); "(số nhà không nêu)" or "Mở cửa" are not."""

    def vietnamese(word: str) -> bool:
        return any(
            letter in "đĐ" or len(unicodedata.normalize("NFD", letter)) > 1 for letter in word
        )

    return [w for w in re.findall(r"\w+", text) if vietnamese(w) and not w[0].isupper()]


def without(text: str, *names: str | None) -> str:
    """`text` without the Vietnamese names a card shows on purpose."""
    for name in sorted((n for n in names if n), key=len, reverse=True):
        text = text.replace(name, " ")
    return text


def labels(reply: Reply) -> list[str]:
    return [button.text for row in reply.buttons for button in row]


def callback_ids(reply: Reply, prefix: str) -> set[int]:
    return {
        int(button.value[len(prefix) :])
        for row in reply.buttons
        for button in row
        if button.action == "callback_data" and re.fullmatch(rf"{prefix}\d+", button.value)
    }


async def point_pages(user: SimUser, point: Point) -> list[Reply]:
    """The point card and each further page reached with its "More" button."""
    pages = [await ask(user, f"/start s_{point.id}")]
    more = "More ›" if "Source" in pages[0].text else "Xem thêm ›"
    while more in labels(pages[-1]):
        await user.press(more, message_id=pages[-1].message_id)
        pages.append(await user.next_reply(kinds={"edit"}))
    return pages


async def test_every_product_card_is_in_one_language_with_distinct_buttons(
    app: AnyApplication, en_user: SimUser, vi_user: SimUser
) -> None:
    catalog = catalog_of(app)
    for product in catalog.products:
        english = await ask(en_user, f"/start p_{product.id}")
        shown = without(english.text, product.name_vi, product.producer_name)
        assert vietnamese_only_words(shown) == [], (product.name_vi, english.text)
        vietnamese = await ask(vi_user, f"/start p_{product.id}")
        assert ENGLISH.findall(without(vietnamese.text, product.name_en)) == [], vietnamese.text
        for reply in (english, vietnamese):
            assert len(labels(reply)) == len(set(labels(reply))), labels(reply)
        assert english.text.count("≈ approximate location") <= 1


async def test_every_point_card_is_in_one_language_and_reaches_all_it_stocks(
    app: AnyApplication, en_user: SimUser, vi_user: SimUser
) -> None:
    catalog = catalog_of(app)
    for point in catalog.points:
        assert point.id is not None
        stocked = {link.product_id for link in catalog.products_by_point.get(point.id, ())}
        for user in (en_user, vi_user):
            pages = await point_pages(user, point)
            reached: set[int] = set()
            for page in pages:
                assert len(labels(page)) == len(set(labels(page))), labels(page)
                reached |= callback_ids(page, "p:")
                if user is en_user:
                    shown = without(page.text, point.name_vi, point.address)
                    assert vietnamese_only_words(shown) == [], page.text
                    assert "Vietnamese name:" in page.text
                else:
                    assert ENGLISH.findall(page.text) == [], page.text
                    assert "Mở cửa" not in page.text
            assert reached == stocked, point.name


async def test_every_stocked_product_leads_to_each_shop_that_sells_it(
    app: AnyApplication, en_user: SimUser
) -> None:
    catalog = catalog_of(app)
    for product in catalog.products:
        assert product.id is not None
        links = catalog.points_by_product.get(product.id, ())
        if not links:
            continue
        card = await ask(en_user, f"/start p_{product.id}")
        for link in links:
            point = catalog.point_by_id[link.point_id]
            if point.status is PointStatus.OPEN:
                assert point.id in callback_ids(card, "s:"), (product.name_vi, point.name)
            else:
                assert point.id not in callback_ids(card, "s:")


async def test_point_card_says_when_it_opened_and_offers_directions(
    app: AnyApplication, en_user: SimUser, vi_user: SimUser
) -> None:
    catalog = catalog_of(app)
    hoang_cau = next(p for p in catalog.points if "Siêu thị Hoàng Cầu" in p.name)
    card = await ask(en_user, f"/start s_{hoang_cau.id}")
    assert "Opened around Oct 2022" in card.text
    assert "The map pin is only the ward's centre" in card.text
    directions = card.button("🧭 Directions")
    assert directions.action == "url"
    url = urlsplit(directions.value)
    assert (url.netloc, url.path) == ("www.google.com", "/maps/search/")
    assert parse_qs(url.query)["query"] == ["ngõ 59 Hoàng Cầu, Phường Ô Chợ Dừa, Hà Nội"]
    card = await ask(vi_user, f"/start s_{hoang_cau.id}")
    assert "Khai trương khoảng tháng 10/2022" in card.text and "🧭 Chỉ đường" in labels(card)
    phuc_hau = next(p for p in catalog.points if "Phúc Hậu Mart" in p.name)
    assert "Opened on 15 Nov 2022" in (await ask(en_user, f"/start s_{phuc_hau.id}")).text
    for point in catalog.points:
        card = await ask(en_user, f"/start s_{point.id}")
        assert labels(card)[0] == "🧭 Directions", point.name


async def test_map_pin_title_says_it_is_approximate(app: AnyApplication, vi_user: SimUser) -> None:
    point = next(p for p in catalog_of(app).points if "Siêu thị Hoàng Cầu" in p.name)
    await ask(vi_user, f"/start s_{point.id}")
    await vi_user.press("🗺 Xem trên bản đồ")
    pin = await vi_user.next_reply(kinds={"message"})
    assert pin.data["venue"]["title"] == "OCOP Siêu thị Hoàng Cầu (gần đúng)"


async def test_planned_points_are_said_so_and_never_offered_as_shops(
    app: AnyApplication, en_user: SimUser, vi_user: SimUser
) -> None:
    catalog = catalog_of(app)
    planned = [p for p in catalog.points if p.status is PointStatus.PLANNED]
    assert {p.short_en for p in planned} == {
        "Đường Lâm OCOP centre (planned)",
        "OCOP point, Sài Sơn (planned)",
    }
    near = await ask(en_user, "/near Son Tay")
    assert "planned" not in near.text and "Đường Lâm OCOP centre" not in near.text
    card = await ask(vi_user, f"/start s_{planned[0].id}")
    assert "🚧 Dự kiến" in card.text


async def test_fair_venues_say_whether_the_fair_is_upcoming_on_or_ended(
    app: AnyApplication, en_user: SimUser, vi_user: SimUser
) -> None:
    catalog = catalog_of(app)
    today = datetime.now(VIETNAM_TIME).date()
    venue = next(p for p in catalog.points if p.name.startswith("Festival OCOP Việt Nam 2025"))
    assert venue.kind is PointKind.FESTIVAL
    event = next(e for e in catalog.events if e.point_name == venue.name)
    timing = (
        ("Upcoming fair", "sắp diễn ra")
        if today < event.starts_on
        else ("Fair on now", "đang diễn ra")
        if today <= event.ends_on
        else ("Fair ended", "đã kết thúc")
    )
    english = await ask(en_user, f"/start s_{venue.id}")
    assert f"📅 {timing[0]}: Vietnam OCOP Festival 2025, 20 Dec 2025 – 23 Dec 2025" in english.text
    assert "Carries: 220 booths" not in english.text
    vietnamese = await ask(vi_user, f"/start s_{venue.id}")
    assert timing[1] in vietnamese.text
    events = await ask(en_user, "/events")
    assert any(word in events.text for word in ("upcoming", "on now", "ended"))


async def test_a_point_only_search_lists_the_points(en_user: SimUser) -> None:
    reply = await ask(en_user, "chợ Đồng Xuân")
    lines = reply.text.splitlines()
    assert len(lines) >= 2 and all(line.strip() for line in lines)
    assert len(labels(reply)) == len(set(labels(reply)))
