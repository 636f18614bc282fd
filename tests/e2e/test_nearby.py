"""Where to buy: /near, old district names, shared locations, the map pin."""

from bot.app import build_application
from bot.config import Settings
from bot.standin import SimUser, StandIn
from bot.standin.ptb import polling
from tests.e2e.conftest import ask


async def test_near_a_2025_ward_lists_the_nearest_points_with_distances(en_user: SimUser) -> None:
    reply = await ask(en_user, "/near o cho dua")
    lines = reply.text.splitlines()
    assert lines[0] == "📍 OCOP shops near Phường Ô Chợ Dừa:"
    assert "Hoàng Cầu Supermarket" in lines[1] and "0.0 km away" in lines[1]
    distances = [float(line.split(" km away")[0].rsplit(" ", 1)[-1]) for line in lines[1:-1]]
    assert distances == sorted(distances) and len(distances) == 5
    assert lines[1].endswith("≈")  # said once, under the list
    assert lines[-1].startswith("≈ approximate location") and reply.text.count("approximate") == 1


async def test_old_district_searches_its_new_wards_and_offers_them(vi_user: SimUser) -> None:
    reply = await ask(vi_user, "/near quận Đống Đa")
    heading, listed = reply.text.splitlines()[:2]
    assert heading.startswith("Quận Đống Đa (trước 2025) nay là các phường/xã: ")
    assert "Phường Kim Liên" in heading
    assert listed.startswith("📍 Điểm OCOP gần")
    labels = [row[0].text for row in reply.buttons]
    assert "Phường Ô Chợ Dừa" in labels and "Phường Kim Liên" in labels
    await vi_user.press("Phường Kim Liên")
    chosen = await vi_user.next_reply(kinds={"message"})
    assert chosen.text.startswith("📍 Điểm OCOP gần Phường Kim Liên:")
    assert "OCOP nhà B11 Kim Liên" in chosen.text.splitlines()[1]


async def test_old_district_typed_as_free_text(en_user: SimUser) -> None:
    reply = await ask(en_user, "Dong Da district")
    assert reply.text.startswith("Quận Đống Đa (before 2025) is now these wards: ")
    assert "📍 OCOP shops near Quận Đống Đa:" in reply.text.splitlines()[1]
    assert "Phường Kim Liên" in [row[0].text for row in reply.buttons]


async def test_unknown_place_offers_the_closest_names(en_user: SimUser) -> None:
    reply = await ask(en_user, "/near Zzyzx Road")
    assert reply.text.startswith("I couldn't find the ward or commune «Zzyzx Road».")
    assert "Closest names:" in reply.text
    assert len(reply.buttons) == 3


async def test_a_place_outside_hanoi_is_named_as_such(en_user: SimUser) -> None:
    reply = await ask(en_user, "/near Da Nang")
    assert "outside Hanoi" in reply.text


async def test_product_near_place_prefers_points_that_carry_it(en_user: SimUser) -> None:
    reply = await ask(en_user, "mint honey near Hoan Kiem")
    lines = reply.text.splitlines()
    assert lines[0].startswith("📍 Shops with") and "Hoàn Kiếm" in lines[0]
    assert "Đồng Xuân Market" in lines[1] and "✓ carries it" in lines[1]


async def test_product_with_no_known_shop_falls_back_to_its_category(vi_user: SimUser) -> None:
    reply = await ask(vi_user, "gốm Bát Tràng gần Hoàn Kiếm")
    assert reply.text.startswith("📍 Điểm bán")
    assert "Bát Tràng" in reply.text


async def test_shared_location_gives_nearest_points_and_saves_distances(
    vi_user: SimUser, standin: StandIn
) -> None:
    await ask(vi_user, "/near")
    await vi_user.tap("📍 Gửi vị trí của tôi", location=(21.0285, 105.8542))  # Hoàn Kiếm lake
    reply = await vi_user.next_reply(kinds={"message"})
    assert reply.text.startswith("📍 Điểm OCOP gần vị trí của bạn:")
    assert "chợ Đồng Xuân" in reply.text.splitlines()[1]
    await vi_user.press(1)
    card = await vi_user.next_reply(kinds={"message"})
    assert "cách" in card.text and "km" in card.text
    await vi_user.press("🗺 Xem trên bản đồ")
    venue = await vi_user.next_reply(kinds={"message"})
    assert venue.method == "sendVenue"
    assert venue.data["venue"]["location"]["latitude"] == 21.032


async def test_a_location_shared_before_a_restart_still_gives_distances(
    standin: StandIn, bot_settings: Settings
) -> None:
    # A fresh Application on the same database is what another instance would be.
    user = standin.user(id=78, first_name="Emma", language_code="en")
    async with polling(build_application(bot_settings), poll_seconds=1):
        await user.send_location(21.0285, 105.8542)  # Hoàn Kiếm lake
        nearest = await user.next_reply(kinds={"message"})
    assert "Đồng Xuân" in nearest.text.splitlines()[1]
    async with polling(build_application(bot_settings), poll_seconds=1):
        await user.press(1)
        card = await user.next_reply(kinds={"message"})
    assert "0.6 km from your location" in card.text  # the list's origin, named


async def test_a_location_in_the_sea_is_outside_hanoi(en_user: SimUser) -> None:
    await en_user.send_location(20.0, 107.5)  # Gulf of Tonkin
    reply = await en_user.next_reply(kinds={"message"})
    assert reply.text.startswith("You seem to be outside Hanoi; the nearest OCOP shop is about")
    assert "km away" in reply.text


async def test_near_without_a_place_asks_for_a_location(en_user: SimUser) -> None:
    reply = await ask(en_user, "/near")
    assert "Share your location" in reply.text
    assert reply.keyboard is not None
    assert reply.keyboard["keyboard"][0][0]["text"] == "📍 Share my location"


async def test_a_market_and_a_street_are_places_with_their_ward_explained(en_user: SimUser) -> None:
    reply = await ask(en_user, "nước mắm gần chợ Đồng Xuân")
    assert reply.text.startswith(  # the place part as the query understood it
        "«chợ đồng xuân» lies in Phường Đồng Xuân, Quận Hoàn Kiếm (before 2025), "
        "now Phường Hoàn Kiếm."
    )
    street = await ask(en_user, "/near Hang Bac street")
    assert "«Hang Bac street» lies in Phường Hàng Bạc, Quận Hoàn Kiếm" in street.text
    assert "OCOP showroom, Đồng Xuân Market" in street.text


async def test_a_place_that_cannot_be_placed_is_said_not_dropped(en_user: SimUser) -> None:
    reply = await ask(en_user, "ceramics near my hotel")
    assert reply.text.startswith(
        "I couldn't find «my hotel» on Hanoi's map — here is «ceramics» anywhere; "
        "share your location (/near) for the nearest shops."
    )
    assert reply.buttons  # the ceramics themselves


async def test_lotus_tea_never_marks_a_lotus_pattern_tea_set(en_user: SimUser) -> None:
    reply = await ask(en_user, "lotus tea near Hoan Kiem lake")
    marked = [line for line in reply.text.splitlines() if "✓" in line]
    assert marked and not any("Bát Tràng" in line or "gốm" in line for line in marked)


async def test_a_point_card_measures_from_the_place_the_list_used(en_user: SimUser) -> None:
    await en_user.send_location(10.7769, 106.7009)  # Ho Chi Minh City, saved as the location
    await en_user.next_reply(kinds={"message"})
    reply = await ask(en_user, "lotus tea near Hoan Kiem")
    first = reply.buttons[0][0].text
    await en_user.press(first)
    card = await en_user.next_reply(kinds={"message"})
    assert card.text.endswith("📍 4.2 km from Phường Hoàn Kiếm")  # not from Ho Chi Minh City
