"""English strings, with the same keys and placeholders as bot.texts.vi."""

from bot.store.kinds import Category, PointKind

CATEGORY_NAMES: dict[Category, str] = {
    Category.FOOD: "food",
    Category.BEVERAGE: "beverage",
    Category.HERBAL: "herbal",
    Category.SEASONING: "seasoning",
    Category.HANDICRAFT: "handicraft",
    Category.TEXTILE: "textile",
    Category.OTHER: "other",
}
POINT_KIND_NAMES: dict[PointKind, str] = {
    PointKind.SHOWROOM: "OCOP showroom",
    PointKind.RETAIL_POINT: "OCOP retail point",
    PointKind.CREATIVE_CENTER: "creative design centre",
    PointKind.FESTIVAL: "fair venue",
}

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
        "• /browse — products by category, with filters for stars and for shops in Hanoi\n"
        "• /near <i>ward or commune</i> — shops near a place; or share your location\n"
        "• /events — OCOP fairs and festivals\n"
        "• /subscribe <i>[ward]</i> — news of fairs and new shops; /settings — topics and ward; "
        "/unsubscribe — stop the news\n"
        "• /lang — change language (Tiếng Việt / English)\n"
        "• /start — the welcome and menu; /help — this help\n"
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
    "not_in_catalog": "«{query}» is not in the OCOP catalog yet.",
    "related_header": "Related products (not what you asked for):",
    "talk_greeting": (
        "👋 Hello! I help you find Hanoi's OCOP specialty products and where to buy them.\n"
        "Type a product (<i>mint honey</i>, <i>Bat Trang pottery</i>) or a place "
        "(<i>honey near Hoan Kiem</i>), or share your location."
    ),
    "talk_thanks": "You're welcome! 😊 Ask me about any other specialty whenever you like.",
    "talk_about_ocop": (
        "<b>OCOP</b> («One Commune One Product», <i>Mỗi xã một sản phẩm</i>) is Vietnam's "
        "national programme for local specialty products, approved by Decision 490/QĐ-TTg "
        "(7/5/2018).\n\n"
        "<b>Stars</b>: products are scored against the national criteria (Decision "
        "1048/QĐ-TTg, 2019) and rated 3, 4 or 5 stars; more stars, a higher score. 5★ is "
        "rated by the central council, 4★ by the province (in Hanoi, the city), 3★ at "
        "district level. A rating lasts 36 months.\n\n"
        "<b>Hanoi</b>: 3,463 OCOP products of 3 stars or more (December 2025, "
        '<a href="https://nhandan.vn/ocop/festival-ocop-viet-nam-2025-post931301.html">'
        "Nhân Dân</a>), 9 of them national 5-star products (June 2025, "
        '<a href="https://thuonghieucongluan.com.vn/ocop-5-sao-niem-tu-hao-cua-ha-noi-tren-ban-do-'
        'san-pham-nong-thon-quoc-gia-a295022.html">Thương hiệu &amp; Công luận</a>).\n\n'
        "Type a product to see the ones in this catalog."
    ),
    "talk_price": (
        "💬 The OCOP catalog has no prices: they differ by shop and by season. Each product "
        "shows its producer and where to buy it; ask the shop or the producer for today's price."
    ),
    "talk_hours": (
        "💬 I don't have opening hours. Each point of sale has its address and a map; "
        "the source link of a product or shop is the best way to contact it."
    ),
    "talk_delivery": (
        "💬 This bot does not sell or deliver. Ask the point of sale or the producer about "
        "shipping: find them on a product's card (<i>Where to buy</i>) or with /near."
    ),
    "talk_examples": (
        "Try: <i>mint honey</i>, <i>Bat Trang pottery</i>, <i>lotus tea</i>, "
        "<i>honey near Hoan Kiem</i>, /events."
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
    **{f"category_{category}": name for category, name in CATEGORY_NAMES.items()},
    **{f"kind_{kind}": name for kind, name in POINT_KIND_NAMES.items()},
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
    "place_not_found_product": (
        "I couldn't find «{place}» on Hanoi's map — here is «{product}» anywhere; "
        "share your location (/near) for the nearest shops."
    ),
    "old_district_now": "{district} (before 2025) is now these wards: {wards}.",
    "named_place_in": "«{place}» lies in {legacy} (before 2025), now {ward}.",
    "distance_from": "{km} km from {origin}",
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
    "announce_cancelled": "Announcement #{id} cancelled: «{preview}».",
    "announce_dialogue_cancelled": "Stopped: the announcement you were writing was not sent.",
    "announce_not_cancellable": "Announcement #{id} has finished; it can't be cancelled.",
    "announcements_header": "📣 <b>Recent announcements</b>",
    "announcements_none": "No announcements yet.",
    "announcement_line": (
        "#{id} · {status} · {when} · sent {sent}, queued {queued}, failed {failed}, "
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
    # /event: events made in the bot (staff)
    "event_menu": (
        "📅 <b>Events made in the bot</b>\nPress one to change or delete it, or add a new one. "
        "Events from the catalog files are changed in the spreadsheet."
    ),
    "event_menu_none": "📅 No event has been made in the bot yet.",
    "btn_event_new": "➕ New event",
    "event_ask_name_vi": "Name of the event in <b>Vietnamese</b>? Type /cancel to stop.",
    "event_ask_name_en": "Name of the event in <b>English</b>?",
    "event_ask_dates": (
        "Dates: one day, e.g. <code>{example}</code>, or from – to, e.g. "
        "<code>{example_range}</code>."
    ),
    "event_bad_dates": (
        "I can't read those dates. Write <code>{example}</code> or <code>{example_range}</code>; "
        "the end cannot be before the start."
    ),
    "event_ask_venue": "Where is it held? The venue as people know it.",
    "event_ask_place": (
        "In which ward or commune, or at which OCOP point? Type its name, or <code>-</code> "
        "if you don't know."
    ),
    "event_place_unknown": (
        "I couldn't find a ward, commune or OCOP point called «{place}». Try again, "
        "or type <code>-</code>."
    ),
    "event_place_choose": "«{place}» could be several places. Choose one:",
    "event_bad_text": "Please type it in one message of at most {limit} characters.",
    "event_title_new": "New event",
    "event_title_edit": "Event #{id}",
    "event_summary": (
        "📅 <b>{title}</b>\n<b>Vietnamese name:</b> {name_vi}\n<b>English name:</b> {name_en}\n"
        "<b>Dates:</b> {dates}\n<b>Venue:</b> {venue}\n<b>Ward or point:</b> {place}\n\n"
        "Save it, change a field, or cancel."
    ),
    "event_place_none": "not stated",
    "btn_event_name_vi": "✏️ Vietnamese name",
    "btn_event_name_en": "✏️ English name",
    "btn_event_dates": "✏️ Dates",
    "btn_event_venue": "✏️ Venue",
    "btn_event_place": "✏️ Ward or point",
    "btn_event_save": "✅ Save",
    "btn_event_delete": "🗑 Delete",
    "btn_event_delete_yes": "🗑 Yes, delete it",
    "btn_event_announce": "📣 Draft an announcement",
    "event_saved": "✅ Saved «{name}». It shows in /events now, on every instance of the bot.",
    "event_name_taken": "An event named «{name}» exists already; change the Vietnamese name.",
    "event_delete_confirm": "Delete «{name}»? It disappears from /events at once.",
    "event_deleted": "🗑 Deleted «{name}».",
    "event_cancelled": "The event was not saved.",
    "event_announce_intro": (
        "👆 A draft announcement for this event, exactly as subscribers would see it. "
        "Who should get it? (To write your own, type /cancel, then /announce.)"
    ),
    "event_announcement": "📅 {name}\n🗓 {dates}\n📍 {venue}",
    # problem reports from users
    "btn_report": "⚠️ Report a problem",
    "report_ask": "What is wrong with «{name}»?",
    "problem_closed": "Closed",
    "problem_address": "Wrong address",
    "problem_notsold": "Doesn't sell this",
    "problem_other": "Something else…",
    "report_describe": (
        "Describe the problem in one short message (at most {limit} characters). "
        "Type /cancel to stop."
    ),
    "report_thanks": "🙏 Thank you! Staff will check «{name}».",
    "report_limit": (
        "You have sent {limit} reports in the last day — thank you! Please send more tomorrow."
    ),
    "report_cancelled": "Report cancelled.",
    "reports_header": "⚠️ <b>Open problem reports: {count}</b>",
    "reports_none": "No open problem reports.",
    "item_p": "Product",
    "item_s": "Point",
    "report_line": "#{id} · {item}: <b>{name}</b>\n{problem}{words} · {when}",
    "report_words": ": «{text}»",
    "btn_report_open": "🔎 Open #{id}",
    "btn_report_resolve": "✅ Resolved #{id}",
    "report_resolved": "✅ Report #{id} is marked resolved.",
    "report_item_gone": "«{name}» is no longer in the catalog.",
    "announcement_goes_out": "goes out {at}",
    "announcement_created": "written {at}",
    "announce_past_time": (
        "That time has passed ({at}). Type a time in the future, e.g. <code>{example}</code>."
    ),
    "announce_nobody": (
        "⚠️ Announcement #{id} would reach nobody: no subscriber is in its audience now. "
        "Send it anyway?"
    ),
    "btn_send_anyway": "Send anyway",
    "news_footer": "OCOP Hanoi news",
    "btn_news_settings": "Topics · Stop",
    "new_shops_draft": "🏪 New OCOP points of sale in Hanoi:\n{shops}",
    "new_shops_offer": (
        "🏪 <code>catalog load</code> added {count} point(s) of sale. Above is a draft for "
        "subscribers to «New shops»: review it, then send, schedule or cancel. Nothing goes out "
        "by itself."
    ),
    "cmd_event": "Staff: add or change an event",
    "cmd_reports": "Staff: problem reports from users",
    "cmd_insight": "Staff: what visitors ask for",
    "insight_header": (
        "📊 <b>Insight, last {days} days</b> ({first} – {last})\n"
        "Searches: {searches} · not found: {unmet} ({share}%) · visitor-days: {visitors}"
    ),
    "insight_top_queries": "<b>Most asked</b>",
    "insight_top_unmet": "<b>Asked, not found</b> (none or only related)",
    "insight_products": "<b>Most opened products</b>",
    "insight_points": "<b>Most opened shops</b>",
    "insight_wards": "<b>Demand by ward</b>",
    "insight_item": "{n}. {text} — {count}",
    "insight_unmet_item": "{n}. {text} ({asked_in}) — {count}",
    "insight_point_item": "{n}. {text} — {count}, map {directions}",
    "insight_empty": "—",
    "insight_subscribers": "<b>Subscribers</b>: {new} new, {lost} left",
    "insight_usage": (
        "Use <code>/insight 7</code>, <code>/insight 30</code> or <code>/insight 90</code>."
    ),
    "insight_digest_title": "📬 <b>Weekly insight</b> (Monday 08:00)",
    "btn_digest_on": "📬 Weekly digest: off — turn on",
    "btn_digest_off": "📬 Weekly digest: on — turn off",
    "insight_digest_on": "📬 You'll get this every Monday at 08:00 (Vietnam time).",
    "insight_digest_off": "You won't get the weekly digest any more.",
    "chart_title": "Searches per day, last {days} days",
    "chart_searches": "searches",
    "chart_unmet_share": "not found, %",
    "chart_top_unmet": "Most asked, not found",
    "chart_nothing_unmet": "Everything asked was found",
    "cmd_browse": "Browse products by category",
    "cmd_announce": "Staff: write an announcement",
    "cmd_announcements": "Staff: recent announcements",
    "cmd_cancel": "Staff: stop the announcement or event being written",
    "help_staff": (
        "\n\n<b>Staff</b>\n"
        "• /announce — write an announcement, choose who gets it, preview, send or schedule\n"
        "• /announcements — recent announcements: status, counts, cancel\n"
        "• /cancel — stop the announcement being written"
    ),
    "btn_browse": "📚 Browse",
    "btn_directions": "🧭 Directions",
    "btn_categories": "‹ Categories",
    "btn_any_stars": "Any ★",
    "btn_min_stars": "{stars}★+",
    "btn_in_hanoi": "Sold in Hanoi",
    "btn_chosen": "✓ {label}",
    "category_all": "All categories",
    "category_count": "{category} ({count})",
    "browse_header": "📚 <b>OCOP products</b>{filters}: {count}. Choose a category:",
    "browse_page": "📚 <b>{category}</b>{filters}: {first}–{last} of {total}",
    "browse_empty": "No product matches these filters; try fewer.",
    "filter_stars": " · {stars}★ and up",
    "filter_in_hanoi": " · sold at a shop in Hanoi",
    "vietnamese_name": "Vietnamese name: {name}",
    "approximate_mark": "≈",
    "approximate_note": "≈ approximate location: the map pin is the ward's centre, not the shop.",
    "approximate_pin": (
        "📍 The map pin is only the ward's centre, not the shop; Directions searches the address."
    ),
    "unknown_pin": "📍 No source says where it is; Directions searches its name.",
    "pin_approximate": "{name} (approximate)",
    "label_address_vi": "Address (in Vietnamese)",
    "opened_day": "on {day}",
    "opened_month": "in {month}",
    "opened_year": "in {year}",
    "opened_on": "Opened {when}",
    "opened_about": "Opened around {when}",
    "opened_by": "Open since {when} or earlier",
    "status_planned_card": "🚧 Planned: no source says it has opened; not a place to buy yet.",
    "status_closed_card": "⛔ Closed: not a place to buy.",
    "status_planned_mark": "planned",
    "status_closed_mark": "closed",
    "fair_upcoming": "📅 Upcoming fair: {name}, {dates}",
    "fair_current": "📅 Fair on now: {name}, {dates}",
    "fair_ended": "📅 Fair ended: {name}, {dates}",
    "event_upcoming": "upcoming",
    "event_current": "on now",
    "event_ended": "ended",
    "carries_page": "Carries ({first}–{last} of {total}):",
    "at_fairs": "Also shown at fairs:",
}
