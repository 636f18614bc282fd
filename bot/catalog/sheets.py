"""The catalog as a workbook: one sheet per catalog file, the same columns, a notes sheet first.

The events sheet has one more column, `made_in`: "bot" marks an event made in the bot with
/event. Import leaves those rows to the bot (they are kept as they are in the database).
"""

SHEET_FILES = {
    "products": "products.csv",
    "points": "points.csv",
    "stock": "stock.csv",
    "aliases": "aliases.csv",
    "events": "events.csv",
    "places": "places.csv",
}
FILE_SHEETS = {file: sheet for sheet, file in SHEET_FILES.items()}
NOTES_SHEET = "notes"
MADE_IN = "made_in"  # the extra events column
MADE_IN_BOT = "bot"
FORMULA_STARTS = ("=", "+", "-", "@")  # a spreadsheet would run a cell beginning with these

NOTES_HEADER = ("sheet", "column", "meaning", "ý nghĩa")
NOTES: tuple[tuple[str, str, str, str], ...] = (
    (
        "places",
        "every column",
        "Landmarks load as aliases (aliases sheet): exported empty",
        "Địa danh được lưu thành alias (trang aliases): xuất ra để trống",
    ),
    (
        "products",
        "name_vi",
        "Product name in Vietnamese, as the source writes it: the row's key",
        "Tên sản phẩm tiếng Việt như nguồn ghi: khóa của dòng",
    ),
    (
        "products",
        "name_en",
        "Product name in English",
        "Tên tiếng Anh",
    ),
    (
        "products",
        "category",
        "food, beverage, herbal, seasoning, handicraft, textile or other",
        "Nhóm hàng, viết như cột bên trái",
    ),
    (
        "products",
        "stars",
        "OCOP stars: 3, 4, 5, or blank when no source states it",
        "Số sao OCOP: 3, 4, 5 hoặc để trống",
    ),
    (
        "products",
        "origin_ward, origin_ward_code",
        "2025 Hanoi ward or commune and its 5-digit code, or both blank",
        "Phường/xã 2025 và mã 5 chữ số, hoặc để trống cả hai",
    ),
    (
        "products",
        "source_url",
        "The page the facts come from (http or https)",
        "Trang nguồn (http hoặc https)",
    ),
    (
        "points",
        "name",
        "Name of the showroom or point of sale: the row's key",
        "Tên điểm bán: khóa của dòng",
    ),
    (
        "points",
        "kind",
        "showroom, retail point, creative center or festival",
        "Loại điểm, viết như cột bên trái",
    ),
    (
        "points",
        "ward, ward_code, lat, lon",
        "2025 ward, its code, coordinates in Hanoi; all blank if unknown",
        "Phường/xã 2025, mã, tọa độ; để trống cả bốn nếu chưa rõ",
    ),
    (
        "points",
        "location_exact",
        "true: lat, lon are the premises' own; false: the ward centre",
        "true: tọa độ đúng nơi bán; false: tâm phường/xã",
    ),
    (
        "stock",
        "product, point",
        "A product's name_vi and a point's name: the point sells it",
        "name_vi của sản phẩm và name của điểm có bán nó",
    ),
    (
        "stock",
        "basis",
        "source (a source says so: give source_url) or origin (same village)",
        "source (có nguồn: ghi source_url) hoặc origin (cùng làng nghề)",
    ),
    (
        "aliases",
        "kind, term, alias",
        "product or place; the catalog's word; what users type instead",
        "product hoặc place; từ trong danh mục; từ người dùng gõ",
    ),
    (
        "events",
        "starts_on, ends_on",
        "Dates as YYYY-MM-DD",
        "Ngày theo dạng YYYY-MM-DD",
    ),
    (
        "events",
        "point",
        "The point's name when the event is held at one, else blank",
        "Tên điểm nếu sự kiện diễn ra ở đó, không thì để trống",
    ),
    (
        "events",
        "made_in",
        "bot: made in the bot with /event; import keeps it as in the bot",
        "bot: tạo trong bot bằng /event; khi nhập giữ nguyên như trong bot",
    ),
    (
        "every sheet",
        "row 1",
        "Column names: keep them. Cells are text, even those beginning = + - @",
        "Tên cột: giữ nguyên. Mọi ô là chữ, kể cả ô bắt đầu bằng = + - @",
    ),
)
