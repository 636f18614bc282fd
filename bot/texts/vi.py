"""Vietnamese strings. Placeholders are filled by bot.texts.render, which HTML-escapes them."""

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
        "• /near <i>phường/xã</i> — điểm bán gần một nơi; hoặc gửi vị trí\n"
        "• /events — hội chợ, lễ hội OCOP\n"
        "• /lang — đổi ngôn ngữ (Tiếng Việt / English)\n"
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
    "no_results": "Không tìm thấy sản phẩm nào cho «{query}».",
    "did_you_mean": "Có phải bạn muốn tìm:",
    "try_examples": "Thử: <i>mật ong</i>, <i>gốm Bát Tràng</i>, <i>trà sen Tây Hồ</i>, <i>cốm</i>.",
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
    "category_food": "thực phẩm",
    "category_beverage": "đồ uống",
    "category_herbal": "thảo dược",
    "category_seasoning": "gia vị",
    "category_handicraft": "thủ công mỹ nghệ",
    "category_textile": "dệt may",
    "category_other": "khác",
    "kind_showroom": "showroom OCOP",
    "kind_retail point": "điểm bán OCOP",
    "kind_creative center": "trung tâm thiết kế sáng tạo",
    "kind_festival": "địa điểm hội chợ",
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
    "announce_cancelled": "Đã hủy thông báo.",
    "announce_not_cancellable": "Thông báo #{id} đã xong, không hủy được nữa.",
    "announcements_header": "📣 <b>Thông báo gần đây</b>",
    "announcements_none": "Chưa có thông báo nào.",
    "announcement_line": (
        "#{id} · {status} · {created} · đã gửi {sent}, chờ {queued}, lỗi {failed}, chặn "
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
}
