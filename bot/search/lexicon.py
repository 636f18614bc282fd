"""The words of shopping questions (vi and en) that say how to search rather than what to find."""

# Question and shopping words: dropped from the query. Longer phrases are tried first, so
# "ở đâu" (where) is taken whole and its "ở" is not read as a place marker. A single word
# written with diacritics is dropped only when typed with them: "quận" goes, "Quân" stays.
NOISE_PHRASES = (
    # English
    "where can i buy",
    "where can i find",
    "where can i get",
    "where to buy",
    "where to find",
    "where to get",
    "where is",
    "where are",
    "where",
    "what is",
    "what are",
    "what",
    "which",
    "who makes",
    "who",
    "how much",
    "how",
    "can",
    "could",
    "i",
    "we",
    "you",
    "me",
    "buy",
    "buying",
    "purchase",
    "get",
    "find",
    "sell",
    "sells",
    "sold",
    "selling",
    "shop",
    "store",
    "the",
    "a",
    "is",
    "are",
    "does",
    "any",
    "some",
    "that",
    "this",
    "there",
    "for",
    "of",
    "and",
    "or",
    "from",
    "with",
    "about",
    "please",
    "good",
    "best",
    "famous",
    "authentic",
    "genuine",
    "real",
    "original",
    "certified",
    "rated",
    "rating",
    "product",
    "products",
    "item",
    "items",
    "ocop",
    "star",
    "stars",
    # Vietnamese
    "mua ở đâu",
    "bán ở đâu",
    "ở đâu",
    "chỗ nào",
    "nơi nào",
    "đâu",
    "có thật không",
    "mấy sao",
    "bao nhiêu sao",
    "bao nhiêu",
    "loại nào",
    "nào",
    "là gì",
    "gì",
    "ai làm",
    "ai",
    "địa chỉ",
    "uy tín",
    "chính hãng",
    "ngon",
    "tốt",
    "nhất",
    "sản phẩm",
    "sp",
    "mua",
    "bán",
    "tìm",
    "muốn",
    "cần",
    "tôi",
    "mình",
    "cho",
    "của",
    "và",
    "hoặc",
    "được",
    "đồ",
)

# Administrative words: every address has them, so they would match everything. Dropped from
# queries, and not indexed in addresses.
ADMIN_PHRASES = (
    "thành phố",
    "tp",
    "thị xã",
    "thị trấn",
    "quận",
    "huyện",
    "phường",
    "xã",
    "tỉnh",
    "district",
    "ward",
    "commune",
    "province",
    "city",
    "town",
)

# Weak evidence, also dropped from the query: a match only breaks ties ("hà nội" in a
# question about a Hanoi bot says little, but a Hanoi origin is still a better guess).
SOFT_PHRASES = ("hà nội", "hanoi", "hn", "việt nam", "vietnam")

# "X near PLACE". Written with diacritics, a Vietnamese marker is unambiguous; without them
# ("o", "tai", "gan") it is also an ordinary word, so it splits only before a known place.
PLACE_MARKERS = ("near", "nearby", "in", "at", "around", "close to", "gần", "ở", "tại", "quanh")

# "có … không" (is there …?) asks a yes/no question around the product.
QUESTION_OPENER = "có"
QUESTION_CLOSER = "không"

STAR_WORDS = ("sao", "star", "stars")
STAR_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
}

# Prefixes of ward names in the catalog ("Phường Tây Hồ"), dropped to get the place's name.
WARD_PREFIXES = ("phường", "xã", "thị trấn")
