"""Vietnamese strings. Placeholders are filled by bot.texts.render, which HTML-escapes them."""

from bot.store.kinds import Category, PointKind

CATEGORY_NAMES: dict[Category, str] = {
    Category.FOOD: "thực phẩm",
    Category.BEVERAGE: "đồ uống",
    Category.HERBAL: "thảo dược",
    Category.SEASONING: "gia vị",
    Category.HANDICRAFT: "thủ công mỹ nghệ",
    Category.TEXTILE: "dệt may",
    Category.OTHER: "khác",
}
POINT_KIND_NAMES: dict[PointKind, str] = {
    PointKind.SHOWROOM: "showroom OCOP",
    PointKind.RETAIL_POINT: "điểm bán OCOP",
    PointKind.CREATIVE_CENTER: "trung tâm thiết kế sáng tạo",
    PointKind.FESTIVAL: "địa điểm hội chợ",
}

TEXTS: dict[str, str] = {
    "welcome": (
        "👋 Xin chào <b>{name}</b>!\n"
        "Mình là trợ lý mua sắm <b>sản phẩm OCOP</b> (Mỗi xã một sản phẩm) ở Hà Nội.\n\n"
        "Bạn có thể hỏi:\n"
        "• tên sản phẩm: <i>mật ong bạc hà</i>, <i>gốm Bát Tràng</i>, <i>trà sen</i>\n"
        "• nơi mua gần bạn: <i>cốm gần Hoàn Kiếm</i>, <i>phường Ô Chợ Dừa</i>\n"
        "• hoặc gửi vị trí để xem điểm bán gần nhất."
    ),
    "help": (
        "<b>Cách dùng</b>\n"
        "• Gõ tên sản phẩm hoặc làng nghề: <i>lụa Vạn Phúc</i>, <i>5 sao trà</i>\n"
        "• Gõ «SẢN PHẨM gần NƠI»: <i>mật ong gần Đống Đa</i>\n"
        "• /browse — sản phẩm theo nhóm, lọc theo hạng sao và nơi bán ở Hà Nội\n"
        "• /near <i>phường/xã</i> — điểm bán gần một nơi; hoặc gửi vị trí\n"
        "• /events — hội chợ, lễ hội OCOP\n"
        "• /subscribe <i>[phường/xã]</i> — nhận tin hội chợ và cửa hàng mới; "
        "/settings — chủ đề và phường/xã; /unsubscribe — ngừng nhận tin\n"
        "• /lang — đổi ngôn ngữ (Tiếng Việt / English)\n"
        "• /start — lời chào và menu; /help — hướng dẫn này\n"
        "• Trong mọi cuộc trò chuyện: gõ <code>@{bot_username} mật ong</code>\n\n"
        "Dữ liệu lấy từ các nguồn báo chí công khai; mỗi sản phẩm có đường dẫn nguồn."
    ),
    "cmd_start": "Bắt đầu",
    "cmd_help": "Hướng dẫn",
    "cmd_near": "Điểm bán gần một nơi",
    "cmd_events": "Hội chợ và sự kiện OCOP",
    "cmd_lang": "Đổi ngôn ngữ",
    "btn_search": "🔎 Tìm sản phẩm",
    "btn_near": "📍 Gần tôi",
    "btn_events": "📅 Sự kiện",
    "btn_subscribe": "🔔 Nhận tin",
    "btn_share_location": "📍 Gửi vị trí của tôi",
    "btn_more": "Xem thêm ›",
    "btn_back": "‹ Trước",
    "btn_show_on_map": "🗺 Xem trên bản đồ",
    "btn_source": "Nguồn",
    "lang_prompt": "Chọn ngôn ngữ:",
    "lang_set": "Đã chuyển sang Tiếng Việt.",
    "search_prompt": (
        "Gõ tên sản phẩm, ví dụ: <i>mật ong bạc hà</i>, <i>gốm Bát Tràng</i>, <i>trà sen</i>."
    ),
    "near_prompt": (
        "Gửi vị trí của bạn bằng nút bên dưới, hoặc gõ tên phường/xã, "
        "ví dụ: <code>/near Hoàn Kiếm</code>."
    ),
    "near_prompt_group": "Gõ tên phường/xã, ví dụ: <code>/near Hoàn Kiếm</code>.",
    "results_header": "🔎 Kết quả cho «{query}» ({first}–{last} / {total}):",
    "results_stars_filter": "Chỉ sản phẩm {stars} sao.",
    "not_in_catalog": "«{query}» chưa có trong danh mục sản phẩm OCOP.",
    "related_header": "Sản phẩm liên quan (không phải thứ bạn hỏi):",
    "talk_greeting": (
        "👋 Xin chào! Mình giúp bạn tìm sản phẩm OCOP đặc sản Hà Nội và nơi mua.\n"
        "Hãy gõ tên sản phẩm (<i>mật ong bạc hà</i>, <i>gốm Bát Tràng</i>) hoặc địa điểm "
        "(<i>mật ong gần Hoàn Kiếm</i>), hay gửi vị trí của bạn."
    ),
    "talk_thanks": "Không có gì ạ! 😊 Bạn cần tìm đặc sản nào khác cứ hỏi mình nhé.",
    "talk_about_ocop": (
        "<b>OCOP</b> («Mỗi xã một sản phẩm», <i>One Commune One Product</i>) là chương trình "
        "quốc gia phát triển sản phẩm đặc sản địa phương, phê duyệt theo Quyết định "
        "490/QĐ-TTg (7/5/2018).\n\n"
        "<b>Số sao</b>: sản phẩm được chấm điểm theo bộ tiêu chí quốc gia (Quyết định "
        "1048/QĐ-TTg, 2019) và xếp hạng 3, 4 hoặc 5 sao; càng nhiều sao, điểm càng cao. "
        "5 sao do Hội đồng Trung ương đánh giá, 4 sao do tỉnh (ở Hà Nội là thành phố), 3 sao "
        "ở cấp huyện. Chứng nhận có hiệu lực 36 tháng.\n\n"
        "<b>Hà Nội</b>: 3.463 sản phẩm OCOP từ 3 sao trở lên (12/2025, "
        '<a href="https://nhandan.vn/ocop/festival-ocop-viet-nam-2025-post931301.html">'
        "Nhân Dân</a>), trong đó 9 sản phẩm 5 sao quốc gia (6/2025, "
        '<a href="https://thuonghieucongluan.com.vn/ocop-5-sao-niem-tu-hao-cua-ha-noi-tren-ban-do-'
        'san-pham-nong-thon-quoc-gia-a295022.html">Thương hiệu &amp; Công luận</a>).\n\n'
        "Gõ tên sản phẩm để xem những sản phẩm có trong danh mục này."
    ),
    "talk_price": (
        "💬 Danh mục OCOP không có giá bán: giá khác nhau theo cửa hàng và theo mùa. Mỗi sản "
        "phẩm có nhà sản xuất và nơi bán; bạn hỏi cửa hàng hoặc nhà sản xuất để biết giá."
    ),
    "talk_hours": (
        "💬 Mình không có giờ mở cửa. Mỗi điểm bán có địa chỉ và bản đồ; đường dẫn nguồn "
        "của sản phẩm hoặc cửa hàng là cách tốt nhất để liên hệ."
    ),
    "talk_delivery": (
        "💬 Bot không bán hay giao hàng. Bạn hỏi điểm bán hoặc nhà sản xuất về việc giao "
        "hàng: xem ở thẻ sản phẩm (<i>Nơi mua</i>) hoặc dùng /near."
    ),
    "talk_examples": (
        "Thử: <i>mật ong</i>, <i>gốm Bát Tràng</i>, <i>trà sen Tây Hồ</i>, "
        "<i>mật ong gần Hoàn Kiếm</i>, /events."
    ),
    "query_truncated": "Tin nhắn dài quá; mình tìm theo {limit} ký tự đầu.",
    "not_understood": "Mình hiểu tin nhắn chữ và vị trí. Hãy gõ tên sản phẩm hoặc gửi vị trí.",
    "unknown_command": "Mình không biết lệnh này. Gõ /help để xem hướng dẫn.",
    "expired": "Nút này đã hết hạn.",
    "slow_down": "Bạn gửi hơi nhanh, chờ vài giây rồi thử lại nhé 🙏",
    "error": "Xin lỗi, đã có lỗi xảy ra. Vui lòng thử lại sau.",
    "stars": "{stars} sao OCOP",
    "stars_unknown": "chưa rõ số sao",
    "label_category": "Loại",
    "label_producer": "Đơn vị sản xuất",
    "label_origin": "Xuất xứ",
    "label_where": "Nơi mua",
    "label_address": "Địa chỉ",
    "label_ward": "Phường/xã",
    "label_carries": "Có bán",
    "label_opened": "Mở cửa",
    "label_source": "Nguồn",
    "label_distance": "cách {km} km",
    "approximate": "vị trí gần đúng (tâm phường/xã)",
    "location_unknown": "chưa rõ vị trí",
    "no_known_points": "Chưa có điểm bán được ghi nhận; xem nguồn để liên hệ nhà sản xuất.",
    "carries_more": "… và {count} sản phẩm khác",
    "carries_nothing": "chưa ghi nhận sản phẩm cụ thể",
    **{f"category_{category}": name for category, name in CATEGORY_NAMES.items()},
    **{f"kind_{kind}": name for kind, name in POINT_KIND_NAMES.items()},
    "near_header": "📍 Điểm OCOP gần <b>{place}</b>:",
    "near_product_header": "📍 Điểm bán <b>{product}</b> gần <b>{place}</b>:",
    "near_fallback": (
        "Chưa có điểm nào được ghi nhận là bán <b>{product}</b>. "
        "Đây là các điểm bán hàng cùng loại ({category}):"
    ),
    "near_none": "Chưa có điểm OCOP nào có tọa độ để xếp theo khoảng cách.",
    "your_location": "vị trí của bạn",
    "outside_hanoi": ("Bạn có vẻ đang ở ngoài Hà Nội; điểm OCOP gần nhất cách khoảng {km} km."),
    "place_ambiguous": "«{place}» có thể là nhiều nơi. Bạn chọn:",
    "place_not_found_product": (
        "Không tìm thấy «{place}» trên bản đồ Hà Nội — đây là «{product}» ở mọi nơi; "
        "gửi vị trí của bạn (/near) để xem điểm bán gần nhất."
    ),
    "old_district_now": "{district} (trước 2025) nay là các phường/xã: {wards}.",
    "named_place_in": "«{place}» thuộc {legacy} (trước 2025), nay là {ward}.",
    "distance_from": "cách {origin} {km} km",
    "place_unknown": "Không tìm thấy phường/xã «{place}».",
    "place_suggestions": "Gần giống:",
    "carries_yes": "có bán",
    "events_header": "📅 <b>Hội chợ và sự kiện OCOP</b>",
    "events_current": "Đang diễn ra",
    "events_upcoming": "Sắp diễn ra",
    "events_past": "Gần đây",
    "events_none": "Hiện chưa có sự kiện sắp tới nào được ghi nhận.",
    "event_dates": "{start} – {end}",
    "inline_product_description": "{stars} · {category}",
    "inline_point_description": "{kind} · {ward}",
    "inline_open_in_bot": "Mở trong bot",
    "near_no_carrier": (
        "Chưa có điểm nào được ghi nhận là bán <b>{product}</b>. Đây là các điểm OCOP gần nhất:"
    ),
    "near_unlocated": "Cũng có bán, nhưng chưa rõ vị trí:",
    "place_elsewhere": (
        "{place} nằm ngoài Hà Nội. Mình chỉ biết các điểm OCOP ở Hà Nội; "
        "hãy gõ một phường/xã của Hà Nội."
    ),
    "cmd_subscribe": "Nhận tin hội chợ, điểm bán mới",
    "cmd_settings": "Cài đặt nhận tin",
    "cmd_unsubscribe": "Ngừng nhận tin",
    "topic_events": "Hội chợ và sự kiện",
    "topic_showrooms": "Điểm bán mới",
    "settings_card": (
        "🔔 <b>Bạn đang nhận tin OCOP</b>\n"
        "<b>Chủ đề:</b> {topics}\n"
        "<b>Phường/xã:</b> {ward}\n\n"
        "Bấm chủ đề để bật/tắt. Để nhận cả tin địa phương, gõ "
        "<code>/subscribe tên phường/xã</code>, ví dụ <code>/subscribe Ô Chợ Dừa</code>."
    ),
    "settings_no_ward": "chưa chọn (chỉ nhận tin chung)",
    "not_subscribed": (
        "Bạn chưa đăng ký nhận tin. Gõ /subscribe để nhận tin hội chợ và điểm bán mới."
    ),
    "unsubscribed": "Đã hủy nhận tin. Gõ /subscribe bất cứ lúc nào để nhận lại.",
    "need_one_topic": "Cần giữ ít nhất một chủ đề; muốn ngừng hẳn thì bấm Hủy nhận tin.",
    "home_ward_choose": "Chọn phường/xã của bạn:",
    "btn_clear_ward": "🏠 Bỏ phường/xã",
    "btn_unsubscribe": "🔕 Hủy nhận tin",
    "announce_prompt": (
        "📣 Gửi nội dung thông báo (chữ, hoặc một ảnh kèm chú thích). Gõ /cancel để thôi."
    ),
    "announce_need_text": "Cần nội dung chữ (tối đa {limit} ký tự), hoặc ảnh kèm chú thích.",
    "announce_audience": "Gửi cho ai?",
    "audience_everyone": "Tất cả người nhận tin",
    "audience_topic": "Người nhận tin «{topic}»",
    "audience_ward": "Người nhận tin ở {ward}",
    "btn_audience_ward": "Một phường/xã…",
    "announce_ward_prompt": "Gõ tên phường/xã, ví dụ: Ô Chợ Dừa.",
    "announce_preview": (
        "👆 Đây là thông báo đúng như người nhận sẽ thấy.\n"
        "<b>Người nhận:</b> {audience} — {count} người.\nGửi ngay, hẹn giờ, hay hủy?"
    ),
    "btn_send_now": "✅ Gửi ngay",
    "btn_schedule": "🕒 Hẹn giờ",
    "btn_cancel": "✖ Hủy",
    "announce_queued": "✅ Đã xếp hàng gửi thông báo #{id} cho {count} người. Xong sẽ có báo cáo.",
    "announce_schedule_prompt": (
        "Gõ ngày giờ gửi (giờ Việt Nam), ví dụ: <code>{example}</code>. Gõ /cancel để thôi."
    ),
    "announce_bad_time": (
        "Không hiểu thời điểm này. Gõ theo mẫu <code>{example}</code>, ở tương lai."
    ),
    "announce_scheduled": "🕒 Thông báo #{id} sẽ được gửi lúc {at} (giờ Việt Nam).",
    "announce_cancelled": "Đã hủy thông báo #{id}: «{preview}».",
    "announce_dialogue_cancelled": "Đã dừng: thông báo đang soạn chưa được gửi.",
    "announce_not_cancellable": "Thông báo #{id} đã xong, không hủy được nữa.",
    "announcements_header": "📣 <b>Thông báo gần đây</b>",
    "announcements_none": "Chưa có thông báo nào.",
    "announcement_line": (
        "#{id} · {status} · {when} · đã gửi {sent}, chờ {queued}, lỗi {failed}, chặn "
        "{blocked}\n{preview}"
    ),
    "btn_cancel_announcement": "✖ Hủy #{id}",
    "broadcast_report": (
        "📣 Thông báo #{id} đã gửi xong.\nĐã gửi: {sent} · Lỗi: {failed} · Đã chặn bot: {blocked}"
        " · Không xác nhận: {unconfirmed} · Hủy nhận tin trước lượt gửi: {skipped}"
        "\nThời gian: {duration}"
    ),
    "status_draft": "nháp",
    "status_scheduled": "hẹn giờ",
    "status_queued": "đang xếp hàng",
    "status_sending": "đang gửi",
    "status_done": "xong",
    "status_cancelled": "đã hủy",
    # /event: sự kiện tạo trong bot (nhân viên)
    "event_menu": (
        "📅 <b>Sự kiện tạo trong bot</b>\nBấm một sự kiện để sửa hoặc xóa, hoặc thêm sự kiện "
        "mới. Sự kiện trong tệp danh mục thì sửa trong bảng tính."
    ),
    "event_menu_none": "📅 Chưa có sự kiện nào được tạo trong bot.",
    "btn_event_new": "➕ Sự kiện mới",
    "event_ask_name_vi": "Tên sự kiện bằng <b>tiếng Việt</b>? Gõ /cancel để thôi.",
    "event_ask_name_en": "Tên sự kiện bằng <b>tiếng Anh</b>?",
    "event_ask_dates": (
        "Ngày: một ngày, ví dụ <code>{example}</code>, hoặc từ – đến, ví dụ "
        "<code>{example_range}</code>."
    ),
    "event_bad_dates": (
        "Không hiểu ngày này. Gõ <code>{example}</code> hoặc <code>{example_range}</code>; "
        "ngày kết thúc không được trước ngày bắt đầu."
    ),
    "event_ask_venue": "Tổ chức ở đâu? Tên địa điểm như mọi người vẫn gọi.",
    "event_ask_place": (
        "Ở phường/xã nào, hoặc tại điểm OCOP nào? Gõ tên, hoặc <code>-</code> nếu chưa rõ."
    ),
    "event_place_unknown": (
        "Không tìm thấy phường/xã hay điểm OCOP nào tên «{place}». Thử lại, hoặc gõ <code>-</code>."
    ),
    "event_place_choose": "«{place}» có thể là nhiều nơi. Chọn một:",
    "event_bad_text": "Hãy gõ trong một tin, tối đa {limit} ký tự.",
    "event_title_new": "Sự kiện mới",
    "event_title_edit": "Sự kiện #{id}",
    "event_summary": (
        "📅 <b>{title}</b>\n<b>Tên tiếng Việt:</b> {name_vi}\n<b>Tên tiếng Anh:</b> {name_en}\n"
        "<b>Ngày:</b> {dates}\n<b>Địa điểm:</b> {venue}\n<b>Phường/xã hoặc điểm:</b> {place}\n\n"
        "Lưu, sửa một mục, hoặc hủy."
    ),
    "event_place_none": "chưa rõ",
    "btn_event_name_vi": "✏️ Tên tiếng Việt",
    "btn_event_name_en": "✏️ Tên tiếng Anh",
    "btn_event_dates": "✏️ Ngày",
    "btn_event_venue": "✏️ Địa điểm",
    "btn_event_place": "✏️ Phường/xã hoặc điểm",
    "btn_event_save": "✅ Lưu",
    "btn_event_delete": "🗑 Xóa",
    "btn_event_delete_yes": "🗑 Đúng, xóa đi",
    "btn_event_announce": "📣 Soạn thông báo",
    "event_saved": "✅ Đã lưu «{name}». Sự kiện hiện ngay trong /events, trên mọi máy chạy bot.",
    "event_name_taken": "Đã có sự kiện tên «{name}»; hãy đổi tên tiếng Việt.",
    "event_delete_confirm": "Xóa «{name}»? Sự kiện sẽ biến mất khỏi /events ngay.",
    "event_deleted": "🗑 Đã xóa «{name}».",
    "event_cancelled": "Chưa lưu sự kiện.",
    "event_announce_intro": (
        "👆 Bản nháp thông báo cho sự kiện này, đúng như người nhận sẽ thấy. Gửi cho ai? "
        "(Muốn tự viết: gõ /cancel rồi /announce.)"
    ),
    "event_announcement": "📅 {name}\n🗓 {dates}\n📍 {venue}",
    # báo lỗi từ người dùng
    "btn_report": "⚠️ Báo thông tin sai",
    "report_ask": "«{name}» có vấn đề gì?",
    "problem_closed": "Đã đóng cửa",
    "problem_address": "Sai địa chỉ",
    "problem_notsold": "Không bán sản phẩm này",
    "problem_other": "Vấn đề khác…",
    "report_describe": (
        "Mô tả vấn đề trong một tin ngắn (tối đa {limit} ký tự). Gõ /cancel để thôi."
    ),
    "report_thanks": "🙏 Cảm ơn bạn! Nhân viên sẽ kiểm tra «{name}».",
    "report_limit": (
        "Bạn đã gửi {limit} báo lỗi trong một ngày qua — cảm ơn bạn! Mai bạn gửi tiếp nhé."
    ),
    "report_cancelled": "Đã hủy báo lỗi.",
    "reports_header": "⚠️ <b>Báo lỗi chưa xử lý: {count}</b>",
    "reports_none": "Không có báo lỗi nào chưa xử lý.",
    "item_p": "Sản phẩm",
    "item_s": "Điểm bán",
    "report_line": "#{id} · {item}: <b>{name}</b>\n{problem}{words} · {when}",
    "report_words": ": «{text}»",
    "btn_report_open": "🔎 Xem #{id}",
    "btn_report_resolve": "✅ Đã xử lý #{id}",
    "report_resolved": "✅ Báo lỗi #{id} đã được đánh dấu là đã xử lý.",
    "report_item_gone": "«{name}» không còn trong danh mục.",
    "announcement_goes_out": "gửi lúc {at}",
    "announcement_created": "soạn lúc {at}",
    "announce_past_time": (
        "Thời điểm này đã qua ({at}). Gõ một thời điểm ở tương lai, ví dụ <code>{example}</code>."
    ),
    "announce_nobody": (
        "⚠️ Thông báo #{id} sẽ không đến ai: hiện không có người đăng ký nào thuộc nhóm nhận. "
        "Vẫn gửi?"
    ),
    "btn_send_anyway": "Vẫn gửi",
    "news_footer": "Tin OCOP Hà Nội",
    "btn_news_settings": "⚙️ Chủ đề · Dừng",
    "new_shops_draft": "🏪 Điểm bán OCOP mới ở Hà Nội:\n{shops}",
    "new_shops_offer": (
        "🏪 <code>catalog load</code> vừa thêm {count} điểm bán. Phía trên là bản nháp gửi người "
        "đăng ký «Cửa hàng mới»: xem lại, rồi gửi, hẹn giờ hoặc hủy. Không có gì tự gửi đi."
    ),
    "cmd_event": "Nhân viên: thêm hoặc sửa sự kiện",
    "cmd_reports": "Nhân viên: báo lỗi từ người dùng",
    "cmd_insight": "Nhân viên: khách hỏi gì",
    "insight_header": (
        "📊 <b>Thống kê {days} ngày qua</b> ({first} – {last})\n"
        "Lượt tìm: {searches} · không thấy: {unmet} ({share}%) · lượt khách theo ngày: {visitors}"
    ),
    "insight_top_queries": "<b>Hỏi nhiều nhất</b>",
    "insight_top_unmet": "<b>Hỏi mà không thấy</b> (không có hoặc chỉ có gần đúng)",
    "insight_products": "<b>Sản phẩm được mở nhiều nhất</b>",
    "insight_points": "<b>Điểm bán được mở nhiều nhất</b>",
    "insight_wards": "<b>Nhu cầu theo phường/xã</b>",
    "insight_item": "{n}. {text} — {count}",
    "insight_unmet_item": "{n}. {text} ({asked_in}) — {count}",
    "insight_point_item": "{n}. {text} — {count}, bản đồ {directions}",
    "insight_empty": "—",
    "insight_subscribers": "<b>Người đăng ký</b>: {new} mới, {lost} rời đi",
    "insight_usage": (
        "Dùng <code>/insight 7</code>, <code>/insight 30</code> hoặc <code>/insight 90</code>."
    ),
    "insight_digest_title": "📬 <b>Thống kê hằng tuần</b> (thứ Hai 08:00)",
    "btn_digest_on": "📬 Bản tin tuần: tắt — bật lên",
    "btn_digest_off": "📬 Bản tin tuần: bật — tắt đi",
    "insight_digest_on": "📬 Bạn sẽ nhận bản này mỗi thứ Hai lúc 08:00 (giờ Việt Nam).",
    "insight_digest_off": "Bạn sẽ không nhận bản tin tuần nữa.",
    "chart_title": "Lượt tìm mỗi ngày, {days} ngày qua",
    "chart_searches": "lượt tìm",
    "chart_unmet_share": "không thấy, %",
    "chart_top_unmet": "Hỏi nhiều mà không thấy",
    "chart_nothing_unmet": "Mọi câu hỏi đều có kết quả",
    "cmd_browse": "Xem sản phẩm theo nhóm",
    "cmd_announce": "Nhân viên: soạn thông báo",
    "cmd_announcements": "Nhân viên: thông báo gần đây",
    "cmd_cancel": "Nhân viên: dừng thông báo hoặc sự kiện đang soạn",
    "help_staff": (
        "\n\n<b>Nhân viên</b>\n"
        "• /announce — soạn thông báo, chọn người nhận, xem trước, gửi ngay hoặc hẹn giờ\n"
        "• /announcements — thông báo gần đây: trạng thái, số lượng, huỷ\n"
        "• /cancel — dừng thông báo đang soạn"
    ),
    "btn_browse": "📚 Danh mục",
    "btn_directions": "🧭 Chỉ đường",
    "btn_categories": "‹ Các nhóm",
    "btn_any_stars": "Mọi hạng ★",
    "btn_min_stars": "Từ {stars}★",
    "btn_in_hanoi": "Có bán ở Hà Nội",
    "btn_chosen": "✓ {label}",
    "category_all": "Tất cả các nhóm",
    "category_count": "{category} ({count})",
    "browse_header": "📚 <b>Sản phẩm OCOP</b>{filters}: {count}. Chọn nhóm:",
    "browse_page": "📚 <b>{category}</b>{filters}: {first}–{last} / {total}",
    "browse_empty": "Không có sản phẩm nào khớp bộ lọc; hãy bớt bộ lọc.",
    "filter_stars": " · từ {stars}★",
    "filter_in_hanoi": " · có bán tại cửa hàng ở Hà Nội",
    "vietnamese_name": "Tên tiếng Việt: {name}",
    "approximate_mark": "≈",
    "approximate_note": "≈ vị trí gần đúng: ghim bản đồ là tâm phường/xã, không phải cửa hàng.",
    "approximate_pin": (
        "📍 Ghim bản đồ chỉ là tâm phường/xã, không phải cửa hàng; nút Chỉ đường tìm theo địa chỉ."
    ),
    "unknown_pin": "📍 Chưa nguồn nào nói điểm này ở đâu; nút Chỉ đường tìm theo tên.",
    "pin_approximate": "{name} (gần đúng)",
    "label_address_vi": "Địa chỉ",
    "opened_day": "ngày {day}",
    "opened_month": "tháng {month}",
    "opened_year": "năm {year}",
    "opened_on": "Khai trương {when}",
    "opened_about": "Khai trương khoảng {when}",
    "opened_by": "Đã mở cửa từ {when} hoặc sớm hơn",
    "status_planned_card": "🚧 Dự kiến: chưa nguồn nào nói đã mở cửa; chưa phải nơi mua hàng.",
    "status_closed_card": "⛔ Đã đóng cửa: không còn là nơi mua hàng.",
    "status_planned_mark": "dự kiến",
    "status_closed_mark": "đã đóng cửa",
    "fair_upcoming": "📅 Hội chợ sắp diễn ra: {name}, {dates}",
    "fair_current": "📅 Hội chợ đang diễn ra: {name}, {dates}",
    "fair_ended": "📅 Hội chợ đã kết thúc: {name}, {dates}",
    "event_upcoming": "sắp diễn ra",
    "event_current": "đang diễn ra",
    "event_ended": "đã kết thúc",
    "carries_page": "Có bán ({first}–{last} / {total}):",
    "at_fairs": "Cũng bày bán tại hội chợ:",
}
