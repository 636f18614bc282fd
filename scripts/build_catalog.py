"""Build catalog_data/*.csv from ../shared/reference and the curated files in catalog_inputs/."""

import argparse
import csv
import io
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from bot.catalog.cells import url
from bot.catalog.rows import EventRow, PointRow, ProductRow, StockRow
from bot.geo.hanoi import HanoiUnit, hanoi_units, inside_hanoi

REPO = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = REPO.parent / "shared" / "reference"
DEFAULT_INPUTS = REPO / "scripts" / "catalog_inputs"
DEFAULT_OUT = REPO / "catalog_data"

HANOI_PROVINCE = "Hà Nội"
PRODUCT_SEPARATOR = "|"
# Only a note that states the coordinates are exact counts; "not exact location" must not.
EXACT_NOTE = re.compile(r"(?<!not )\bexact (location|coordinates)\b", re.IGNORECASE)

PRODUCT_HEADER = list(ProductRow.model_fields)
POINT_HEADER = list(PointRow.model_fields)
STOCK_HEADER = list(StockRow.model_fields)
EVENT_HEADER = list(EventRow.model_fields)

Row = dict[str, str]

# Remarks the sources add in parentheses; "(nay thuộc X)" ("now part of X") is kept apart.
REMARK = re.compile(r"\([^()]*\)")
FORMERLY = re.compile(r"\(nay thuộc ([^()]+)\)")
# Vietnamese administrative words, longest first, and how an English card says them.
UNIT_WORDS = (
    ("làng nghề", "craft village"),
    ("thị trấn", "township"),
    ("thị xã", "town"),
    ("thành phố", "city"),
    ("tp", "city"),
    ("tỉnh", "province"),
    ("huyện", "district"),
    ("quận", "district"),
    ("phường", "ward"),
    ("xã", "commune"),
    ("thôn", "village"),
    ("làng", "village"),
    ("xóm", "hamlet"),
    ("tổ", "group"),
    ("phố", "street"),
)
ENGLISH_PROVINCES = {"Hà Nội": "Hanoi"}


def read_rows(path: Path) -> list[Row]:
    """Rows of a UTF-8 CSV file with every cell in Unicode NFC."""
    with path.open(encoding="utf-8", newline="") as file:
        return [
            {key: unicodedata.normalize("NFC", value) for key, value in row.items()}
            for row in csv.DictReader(file)
        ]


def units_by_name() -> dict[str, HanoiUnit]:
    return {unit.name: unit for unit in hanoi_units().values()}


def is_url(text: str) -> bool:
    """The validator's own rule: http(s), a host, nothing that breaks an HTML attribute."""
    try:
        url(text)
    except ValueError:
        return False
    return True


def build_products(*, reference: list[Row], problems: list[str]) -> list[Row]:
    units = units_by_name()
    products = []
    for row in reference:
        ward = row["origin_ward_2025"] if row["origin_province"] == HANOI_PROVINCE else ""
        unit = units.get(ward)
        if ward and unit is None:
            problems.append(f"product {row['name_vi']!r}: {ward!r} is not a 2025 Hanoi unit")
        products.append(
            {
                **{column: row[column] for column in PRODUCT_HEADER if column in row},
                "origin_ward": ward if unit else "",
                "origin_ward_code": unit.code if unit else "",
                "producer_name": without_remarks(row["producer"]),
                **origins(row["origin_commune"], row["origin_province"]),
            }
        )
    return products


def without_remarks(text: str) -> str:
    """`text` without the source's remarks in parentheses ("(chủ thể không nêu)", "(GĐ …)")."""
    return re.sub(r" ([,;])", r"\1", " ".join(REMARK.sub(" ", text).split())).strip(" ,;–-")


def origins(commune: str, province: str) -> Row:
    """The origin in each language: remarks dropped ("(nay thuộc X)" kept and translated),
    administrative words translated for English."""
    communes = [part for part in without_remarks(commune).split(", ") if part]
    parts_vi, parts_en = list(communes), [english_place(part) for part in communes]
    if province:
        name = without_remarks(province)
        now = FORMERLY.search(province)
        parts_vi.append(f"{name} (nay thuộc {now[1]})" if now else name)
        name_en = ENGLISH_PROVINCES.get(name, name)
        parts_en.append(f"{name_en} (now part of {now[1]})" if now else name_en)
    return {"origin_vi": ", ".join(parts_vi), "origin_en": ", ".join(parts_en)}


def english_place(part: str) -> str:
    """ "xã Tam Hưng" -> "Tam Hưng commune", "thôn 2" -> "village 2", "tổ 5 thị trấn X" -> …."""
    for prefix, english in UNIT_WORDS:
        if part.lower().startswith(prefix + " "):
            rest = part[len(prefix) + 1 :]
            number = re.match(r"(\d+) (.+)", rest)
            if number:
                return f"{english} {number[1]}, {english_place(number[2])}"
            if rest.isdigit():
                return f"{english} {rest}"
            return f"{rest} {english}"
    return part


def point_address(row: Row) -> str:
    street = row["street_address"]
    # "(address not given)" and the like are placeholders; the address as written says more.
    if street and not (street.startswith("(") and street.endswith(")")):
        return street
    return row["address_as_written"]


CARD_COLUMNS = ("name_vi", "name_en", "short_vi", "short_en", "status", "opened_on", "opened_when")
NO_ADDRESS = "-"  # in point_cards.csv: the sources give no usable address


def build_points(*, reference: list[Row], cards: list[Row], problems: list[str]) -> list[Row]:
    units = hanoi_units()
    card_by_name = {card["name"]: card for card in cards}
    for name in card_by_name.keys() - {row["name"] for row in reference}:
        problems.append(f"catalog_inputs/point_cards.csv: no point named {name!r}")
    points = []
    for row in reference:
        where = f"point {row['name']!r}"
        card = card_by_name.get(row["name"])
        if card is None:
            problems.append(f"{where}: no row in catalog_inputs/point_cards.csv")
            card = {column: "" for column in (*CARD_COLUMNS, "address")}
        ward, code, lat, lon = row["ward_2025"], row["ward_code_2025"], row["lat"], row["lon"]
        exact = bool(EXACT_NOTE.search(row["note"]))
        unit = units.get(code)
        if not (ward or code):
            if lat or lon:
                problems.append(f"{where}: coordinates without a ward")
        elif unit is None or unit.name != ward:
            found = unit.name if unit else "no 2025 Hanoi unit"
            problems.append(f"{where}: ward code {code!r} is {found}, not {ward!r}")
        elif not inside_hanoi((float(lat), float(lon))):
            problems.append(f"{where}: {lat},{lon} is outside Hanoi")
        elif not exact and (float(lat), float(lon)) != (unit.lat, unit.lon):
            problems.append(f"{where}: {lat},{lon} is not the centroid of {ward}")
        points.append(
            {
                "name": row["name"],
                "kind": row["kind"],
                "address": card_address(card["address"], point_address(row)),
                "ward": ward,
                "ward_code": code,
                "lat": lat,
                "lon": lon,
                "location_exact": "true" if exact else "false",
                "opened": row["opened"],
                "products_note": row["products_note"],
                "source_url": row["source_url"],
                "note": row["note"],
                **{column: card[column] for column in CARD_COLUMNS},
                "name_vi": card["name_vi"] or row["name"],
            }
        )
    return points


def card_address(curated: str, reference: str) -> str:
    """The curated address if any ("-": the sources give none), else the reference's."""
    if curated == NO_ADDRESS:
        return ""
    return curated or reference


def build_stock(
    *, link_groups: list[Row], products: list[Row], points: list[Row], problems: list[str]
) -> list[Row]:
    """One link per product named in each curated group (products separated by "|")."""
    ward_code_of_product = {product["name_vi"]: product["origin_ward_code"] for product in products}
    point_by_name = {point["name"]: point for point in points}
    linked: set[tuple[str, str]] = set()
    links = []
    for line, group in enumerate(link_groups, start=2):
        where = f"catalog_inputs/stock_links.csv:{line}"
        point, basis = point_by_name.get(group["point"]), group["basis"]
        if point is None:
            problems.append(f"{where}: no point named {group['point']!r}")
            continue
        if basis == "origin" and group["source_url"]:
            problems.append(f"{where}: leave source_url blank; origin links use the point's URL")
        if basis == "source" and not is_url(group["source_url"]):
            problems.append(f"{where}: a source link needs the URL that says so")
        if basis not in ("source", "origin"):
            problems.append(f"{where}: basis must be source or origin, not {basis!r}")
        for product in (name.strip() for name in group["products"].split(PRODUCT_SEPARATOR)):
            if product not in ward_code_of_product:
                problems.append(f"{where}: no product named {product!r}")
                continue
            if basis == "origin" and ward_code_of_product[product] != point["ward_code"]:
                problems.append(f"{where}: {product!r} does not come from {point['ward']!r}")
            if (product, point["name"]) in linked:
                problems.append(f"{where}: {product!r} is already linked to this point")
                continue
            linked.add((product, point["name"]))
            links.append(
                {
                    "product": product,
                    "point": point["name"],
                    "basis": basis,
                    "source_url": point["source_url"] if basis == "origin" else group["source_url"],
                    "note": group["note"],
                }
            )
    return links


def build_events(*, curated: list[Row], points: list[Row], problems: list[str]) -> list[Row]:
    units = units_by_name()
    point_by_name = {point["name"]: point for point in points}
    names: set[str] = set()
    events = []
    for line, event in enumerate(curated, start=2):
        where = f"catalog_inputs/events.csv:{line}"
        ward, point = event["ward"], point_by_name.get(event["point"])
        unit = units.get(ward)
        if ward and unit is None:
            problems.append(f"{where}: {ward!r} is not a 2025 Hanoi unit")
        if event["point"] and point is None:
            problems.append(f"{where}: no point named {event['point']!r}")
        elif point and point["ward"] != ward:
            problems.append(f"{where}: ward {ward!r} differs from the point's {point['ward']!r}")
        try:
            if date.fromisoformat(event["ends_on"]) < date.fromisoformat(event["starts_on"]):
                problems.append(f"{where}: ends before it starts")
        except ValueError as error:
            problems.append(f"{where}: {error}")
        if event["name_vi"] in names:
            problems.append(f"{where}: name_vi {event['name_vi']!r} is used twice")
        if not is_url(event["source_url"]):
            problems.append(f"{where}: source_url must be an http(s) URL")
        names.add(event["name_vi"])
        events.append({**event, "ward_code": unit.code if unit else ""})
    return events


def render_csv(*, header: Sequence[str], rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def build_catalog(*, reference_dir: Path, inputs_dir: Path) -> tuple[dict[str, str], list[str]]:
    """The text of each catalog file, and every problem found while building it."""
    problems: list[str] = []
    # Rows added in this repository follow the reference rows, in the reference's own columns.
    products = build_products(
        reference=read_rows(reference_dir / "products.csv")
        + read_rows(inputs_dir / "extra_products.csv"),
        problems=problems,
    )
    points = build_points(
        reference=read_rows(reference_dir / "showrooms.csv")
        + read_rows(inputs_dir / "extra_showrooms.csv"),
        cards=read_rows(inputs_dir / "point_cards.csv"),
        problems=problems,
    )
    stock = build_stock(
        link_groups=read_rows(inputs_dir / "stock_links.csv"),
        products=products,
        points=points,
        problems=problems,
    )
    events = build_events(
        curated=read_rows(inputs_dir / "events.csv"), points=points, problems=problems
    )
    bases = Counter(link["basis"] for link in stock)
    print(
        f"{len(products)} products, {len(points)} points, {len(stock)} stock links "
        f"({bases['source']} source, {bases['origin']} origin), {len(events)} events"
    )
    files = {
        "products.csv": render_csv(header=PRODUCT_HEADER, rows=products),
        "points.csv": render_csv(header=POINT_HEADER, rows=points),
        "stock.csv": render_csv(header=STOCK_HEADER, rows=stock),
        "events.csv": render_csv(header=EVENT_HEADER, rows=events),
    }
    return files, problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE, help="sourced facts")
    parser.add_argument("--inputs", type=Path, default=DEFAULT_INPUTS, help="curated links/events")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="catalog directory")
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if --out differs from a build"
    )
    args = parser.parse_args(argv)
    files, problems = build_catalog(reference_dir=args.reference, inputs_dir=args.inputs)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    if args.check:
        stale = [
            name
            for name, text in files.items()
            if not (args.out / name).is_file()
            or (args.out / name).read_text(encoding="utf-8") != text
        ]
        for name in stale:
            print(f"{args.out / name} differs from a fresh build", file=sys.stderr)
        return 1 if stale else 0
    for name, text in files.items():
        (args.out / name).write_text(text, encoding="utf-8", newline="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
