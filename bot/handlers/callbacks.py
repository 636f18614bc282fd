"""Callback data for inline buttons: short, strictly parsed tokens (Telegram allows 64 bytes).

Each kind has a builder and an anchored pattern; anything else is answered "this button has
expired" by the catch-all handler registered last.
"""

import re

from bot.store.kinds import Category

PRODUCT = re.compile(r"^p:(\d{1,9})\Z", re.ASCII)
# a point opened from a list carries the list's origin (a saved-state token)
POINT = re.compile(r"^s:(\d{1,9})(?::([0-9a-f]{8}))?\Z", re.ASCII)
VENUE = re.compile(r"^v:(\d{1,9})\Z", re.ASCII)
WARD = re.compile(r"^w:(\d{5})(?::([0-9a-f]{8}))?\Z", re.ASCII)
PAGE = re.compile(r"^r:([0-9a-f]{8}):(\d{1,3})\Z", re.ASCII)
MENU = re.compile(r"^m:(search|near|events|subscribe|browse)\Z", re.ASCII)
POINT_PAGE = re.compile(r"^sp:(\d{1,9}):(\d{1,3})\Z", re.ASCII)
# Browsing: filters are minimum stars (0 = any) and "sold in Hanoi" (0/1), e.g. "b:41"
CATEGORIES = re.compile(r"^b:([0345])([01])\Z", re.ASCII)
_CATEGORY = "|".join(["all", *Category])
BROWSE = re.compile(rf"^bl:({_CATEGORY}):([0345])([01]):(\d{{1,3}})\Z", re.ASCII)
LANGUAGE = re.compile(r"^l:(vi|en)\Z", re.ASCII)
TOPIC = re.compile(r"^t:(events|showrooms)\Z", re.ASCII)
HOME_WARD = re.compile(r"^h:(\d{5}|none)\Z", re.ASCII)
UNSUBSCRIBE_DATA = "u"
UNSUBSCRIBE = re.compile(r"^u\Z", re.ASCII)
AUDIENCE = re.compile(r"^a:(everyone|events|showrooms|ward|w\d{5})\Z", re.ASCII)
DECISION = re.compile(r"^an:(send|force|when|cancel):(\d{1,9})\Z", re.ASCII)
EVENT_ACTION = re.compile(r"^ev:(new|save|delete|yes|cancel)\Z", re.ASCII)
EVENT_OPEN = re.compile(r"^eo:(\d{1,9})\Z", re.ASCII)
EVENT_FIELD = re.compile(r"^ef:(name_vi|name_en|dates|venue|place)\Z", re.ASCII)
EVENT_WARD = re.compile(r"^ew:(\d{5})\Z", re.ASCII)
EVENT_ANNOUNCE = re.compile(r"^ea:(\d{1,9})\Z", re.ASCII)
REPORT = re.compile(r"^rp:(p|s):(\d{1,9})\Z", re.ASCII)
REPORT_PROBLEM = re.compile(r"^rk:(p|s):(\d{1,9}):(closed|address|notsold|other)\Z", re.ASCII)
REPORT_OPEN = re.compile(r"^ro:(\d{1,9})\Z", re.ASCII)
REPORT_RESOLVE = re.compile(r"^rr:(\d{1,9})\Z", re.ASCII)


def product(product_id: int) -> str:
    return f"p:{product_id}"


def point(point_id: int, origin_token: str | None = None) -> str:
    return f"s:{point_id}:{origin_token}" if origin_token else f"s:{point_id}"


def venue(point_id: int) -> str:
    return f"v:{point_id}"


def ward(code: str, products_token: str | None = None) -> str:
    return f"w:{code}:{products_token}" if products_token else f"w:{code}"


def page(token: str, number: int) -> str:
    return f"r:{token}:{number}"


def menu(item: str) -> str:
    return f"m:{item}"


def language(code: str) -> str:
    return f"l:{code}"


def topic(value: str) -> str:
    return f"t:{value}"


def home_ward(code: str | None) -> str:
    return f"h:{code or 'none'}"


def audience(choice: str) -> str:
    return f"a:{choice}"


def decision(action: str, announcement_id: int) -> str:
    return f"an:{action}:{announcement_id}"


def event_action(action: str) -> str:
    return f"ev:{action}"


def event_open(event_id: int) -> str:
    return f"eo:{event_id}"


def event_field(name: str) -> str:
    return f"ef:{name}"


def event_ward(code: str) -> str:
    return f"ew:{code}"


def event_announce(event_id: int) -> str:
    return f"ea:{event_id}"


def report(item: str, item_id: int) -> str:
    return f"rp:{item}:{item_id}"


def report_problem(item: str, item_id: int, problem: str) -> str:
    return f"rk:{item}:{item_id}:{problem}"


def report_open(report_id: int) -> str:
    return f"ro:{report_id}"


def report_resolve(report_id: int) -> str:
    return f"rr:{report_id}"


DIGEST = re.compile(r"^dg:(on|off)\Z", re.ASCII)
NEWS_SETTINGS_DATA = "ns"  # under every announcement: the subscriber's topics, or stop
NEWS_SETTINGS = re.compile(r"^ns\Z", re.ASCII)


def digest(on: bool) -> str:
    return f"dg:{'on' if on else 'off'}"


def point_page(point_id: int, number: int) -> str:
    return f"sp:{point_id}:{number}"


def categories(min_stars: int, in_hanoi: bool) -> str:
    return f"b:{min_stars}{int(in_hanoi)}"


def browse(category: str, min_stars: int, in_hanoi: bool, number: int) -> str:
    """A page of products in `category` ("all" or a Category value) under the filters."""
    return f"bl:{category}:{min_stars}{int(in_hanoi)}:{number}"
