"""English strings, with the same keys and placeholders as bot.texts.vi."""

TEXTS: dict[str, str] = {
    "welcome": (
        "👋 Hello <b>{name}</b>!\n"
        "I help you find and buy Hanoi's <b>OCOP specialty products</b> "
        "(One Commune One Product).\n\n"
        "You can ask:\n"
        "• a product: <i>mint honey</i>, <i>Bat Trang pottery</i>, <i>lotus tea</i>\n"
        "• where to buy near a place: <i>green rice near Hoan Kiem</i>, <i>O Cho Dua ward</i>\n"
        "• or share your location to see the nearest shops."
    ),
    "help": (
        "<b>How to use</b>\n"
        "• Type a product or craft village: <i>Van Phuc silk</i>, <i>5 star tea</i>\n"
        "• Type «PRODUCT near PLACE»: <i>honey near Dong Da</i>\n"
        "• /near <i>ward or commune</i> — shops near a place; or share your location\n"
        "• /events — OCOP fairs and festivals\n"
        "• /lang — change language (Tiếng Việt / English)\n"
        "• In any chat: type <code>@{bot_username} honey</code>\n\n"
        "Data comes from public news sources; every product links to its source."
    ),
    "cmd_start": "Start",
    "cmd_help": "How to use",
    "cmd_near": "Shops near a place",
    "cmd_events": "OCOP fairs and events",
    "cmd_lang": "Change language",
    "btn_search": "🔎 Search",
    "btn_near": "📍 Near me",
    "btn_events": "📅 Events",
    "btn_subscribe": "🔔 Subscribe",
    "btn_share_location": "📍 Share my location",
    "btn_more": "More ›",
    "btn_back": "‹ Back",
    "btn_show_on_map": "🗺 Show on map",
    "btn_source": "Source",
    "lang_prompt": "Choose a language:",
    "lang_set": "Switched to English.",
    "search_prompt": (
        "Type a product, e.g. <i>mint honey</i>, <i>Bat Trang pottery</i>, <i>lotus tea</i>."
    ),
    "near_prompt": (
        "Share your location with the button below, or type a ward or commune, "
        "e.g. <code>/near Hoan Kiem</code>."
    ),
    "near_prompt_group": "Type a ward or commune, e.g. <code>/near Hoan Kiem</code>.",
    "results_header": "🔎 Results for «{query}» ({first}–{last} of {total}):",
    "results_stars_filter": "Only {stars}-star products.",
    "no_results": "No products found for «{query}».",
    "did_you_mean": "Did you mean:",
    "try_examples": (
        "Try: <i>honey</i>, <i>Bat Trang ceramics</i>, <i>lotus tea</i>, <i>green rice</i>."
    ),
    "query_truncated": "Your message is long; I searched for its first {limit} characters.",
    "not_understood": "I understand text and locations. Type a product or share your location.",
    "unknown_command": "I don't know that command. Type /help to see what I can do.",
    "expired": "This button has expired.",
    "slow_down": "You're sending messages a bit fast; please wait a few seconds 🙏",
    "error": "Sorry, something went wrong. Please try again later.",
    "stars": "{stars}-star OCOP",
    "stars_unknown": "rating not stated",
    "label_category": "Category",
    "label_producer": "Producer",
    "label_origin": "Origin",
    "label_where": "Where to buy",
    "label_address": "Address",
    "label_ward": "Ward",
    "label_carries": "Carries",
    "label_opened": "Opened",
    "label_source": "Source",
    "label_distance": "{km} km away",
    "approximate": "approximate location (ward centre)",
    "location_unknown": "location unknown",
    "no_known_points": "No shop is recorded yet; see the source to contact the producer.",
    "carries_more": "… and {count} more",
    "carries_nothing": "no specific product recorded",
    "category_food": "food",
    "category_beverage": "beverage",
    "category_herbal": "herbal",
    "category_seasoning": "seasoning",
    "category_handicraft": "handicraft",
    "category_textile": "textile",
    "category_other": "other",
    "kind_showroom": "OCOP showroom",
    "kind_retail point": "OCOP retail point",
    "kind_creative center": "creative design centre",
    "kind_festival": "fair venue",
    "near_header": "📍 OCOP shops near <b>{place}</b>:",
    "near_product_header": "📍 Shops with <b>{product}</b> near <b>{place}</b>:",
    "near_fallback": (
        "No shop is recorded as selling <b>{product}</b>. "
        "These carry products of the same category ({category}):"
    ),
    "near_none": "No OCOP shop has coordinates to rank by distance yet.",
    "your_location": "your location",
    "outside_hanoi": "You seem to be outside Hanoi; the nearest OCOP shop is about {km} km away.",
    "place_ambiguous": "«{place}» could be several places. Choose one:",
    "place_unknown": "I couldn't find the ward or commune «{place}».",
    "place_suggestions": "Closest names:",
    "carries_yes": "carries it",
    "events_header": "📅 <b>OCOP fairs and events</b>",
    "events_current": "On now",
    "events_upcoming": "Coming up",
    "events_past": "Recent",
    "events_none": "No upcoming event is recorded right now.",
    "event_dates": "{start} – {end}",
    "inline_product_description": "{stars} · {category}",
    "inline_point_description": "{kind} · {ward}",
    "inline_open_in_bot": "Open in the bot",
    "near_no_carrier": (
        "No shop is recorded as selling <b>{product}</b>. These are the nearest OCOP shops:"
    ),
    "near_unlocated": "Also carry it, location unknown:",
    "place_elsewhere": (
        "{place} is outside Hanoi. I only know OCOP shops in Hanoi; type a Hanoi ward or commune."
    ),
    "cmd_subscribe": "News of fairs and new shops",
    "cmd_settings": "News settings",
    "cmd_unsubscribe": "Stop the news",
    "topic_events": "Fairs and events",
    "topic_showrooms": "New shops",
    "settings_card": (
        "🔔 <b>You get OCOP news</b>\n"
        "<b>Topics:</b> {topics}\n"
        "<b>Ward:</b> {ward}\n\n"
        "Press a topic to turn it on or off. For local news too, type "
        "<code>/subscribe your ward</code>, e.g. <code>/subscribe O Cho Dua</code>."
    ),
    "settings_no_ward": "none (general news only)",
    "not_subscribed": "You're not subscribed. Type /subscribe for news of fairs and new shops.",
    "unsubscribed": "You won't get news any more. Type /subscribe any time to come back.",
    "need_one_topic": "Keep at least one topic; to stop completely, press Unsubscribe.",
    "home_ward_choose": "Choose your ward or commune:",
    "btn_clear_ward": "🏠 Clear ward",
    "btn_unsubscribe": "🔕 Unsubscribe",
    "announce_prompt": (
        "📣 Send the announcement (text, or one photo with a caption). Type /cancel to stop."
    ),
    "announce_need_text": "I need text (at most {limit} characters), or a photo with a caption.",
    "announce_audience": "Who should get it?",
    "audience_everyone": "Every subscriber",
    "audience_topic": "Subscribers to «{topic}»",
    "audience_ward": "Subscribers in {ward}",
    "btn_audience_ward": "One ward…",
    "announce_ward_prompt": "Type the ward or commune, e.g. O Cho Dua.",
    "announce_preview": (
        "👆 This is the announcement exactly as subscribers will see it.\n"
        "<b>Audience:</b> {audience} — recipients now: {count}.\nSend now, schedule, or cancel?"
    ),
    "btn_send_now": "✅ Send now",
    "btn_schedule": "🕒 Schedule",
    "btn_cancel": "✖ Cancel",
    "announce_queued": "✅ Announcement #{id} is queued; recipients: {count}. A report follows.",
    "announce_schedule_prompt": (
        "Type the date and time (Vietnam time), e.g. <code>{example}</code>. Type /cancel to stop."
    ),
    "announce_bad_time": "I can't read that time. Use <code>{example}</code>, in the future.",
    "announce_scheduled": "🕒 Announcement #{id} will go out at {at} (Vietnam time).",
    "announce_cancelled": "Announcement cancelled.",
    "announce_not_cancellable": "Announcement #{id} has finished; it can't be cancelled.",
    "announcements_header": "📣 <b>Recent announcements</b>",
    "announcements_none": "No announcements yet.",
    "announcement_line": (
        "#{id} · {status} · {created} · sent {sent}, queued {queued}, failed {failed}, "
        "blocked {blocked}\n{preview}"
    ),
    "btn_cancel_announcement": "✖ Cancel #{id}",
    "broadcast_report": (
        "📣 Announcement #{id} has finished.\nSent: {sent} · Failed: {failed} · Blocked: {blocked}"
        " · Unconfirmed: {unconfirmed} · Unsubscribed before their turn: {skipped}"
        "\nTime: {duration}"
    ),
    "status_draft": "draft",
    "status_scheduled": "scheduled",
    "status_queued": "queued",
    "status_sending": "sending",
    "status_done": "done",
    "status_cancelled": "cancelled",
}
