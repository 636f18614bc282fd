"""`python -m bot search` and `python -m bot bench` on the shipped catalog in a database."""

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.bench.dev_set import DEV_SET
from bot.cli import main
from bot.config import get_settings

Run = Callable[..., tuple[int, str, str]]


def use_database(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()


@pytest.fixture
def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> Iterator[Run]:
    def run_command(
        *args: str, database: str | None = None, stdin: str = ""
    ) -> tuple[int, str, str]:
        # The benchmarks read no database; a path of this test's own keeps them off data/.
        use_database(monkeypatch, database or f"sqlite+aiosqlite:///{tmp_path / 'unused.sqlite3'}")
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    yield run_command
    get_settings.cache_clear()


def test_mint_honey_comes_first_without_diacritics(run: Run, catalog_database_url: str) -> None:
    code, out, _ = run("search", "mat ong bac ha", "--json", database=catalog_database_url)
    answer: dict[str, Any] = json.loads(out)
    assert code == 0 and answer["query"] == "mat ong bac ha"
    first = answer["products"][0]
    assert first["name_vi"] in {"Mật ong bạc hà Mèo Vạc", "Mật ong bạc hà HTX Hoa Bạc Hà"}
    assert set(first) == {"name_vi", "name_en", "stars", "score", "matched"}
    assert answer["place"] is None and isinstance(answer["points"], list)
    assert answer["verdict"] == "found" and answer["intent"] == "product"


@pytest.mark.parametrize(
    ("query", "verdict", "intent"),
    [
        ("nón lá", "related", "product"),
        ("hi", "none", "greeting"),
        ("giá bao nhiêu vậy", "none", "price"),
        ("mật ong bạc hà giá bao nhiêu", "found", "product"),
        ("mint honey near Hoan Kiem", "found", "product_near_place"),
        ("Hoan Kiem ward", "none", "place"),
        ("qwxzv plorb", "none", "none"),
    ],
)
def test_batch_says_the_verdict_and_the_intent(
    run: Run, catalog_database_url: str, query: str, verdict: str, intent: str
) -> None:
    _, out, _ = run("search", "--batch", database=catalog_database_url, stdin=query)
    answer = json.loads(out)
    assert (answer["verdict"], answer["intent"]) == (verdict, intent)
    assert {"query", "products", "points", "place"} <= set(answer)


def test_place_part_is_resolved_to_a_ward(run: Run, catalog_database_url: str) -> None:
    _, out, _ = run("search", "mint honey near Hoan Kiem", "--json", database=catalog_database_url)
    answer = json.loads(out)
    assert answer["place"] == {
        "text": "hoan kiem",
        "ward": "Phường Hoàn Kiếm",
        "ward_code": "00070",
    }
    assert answer["products"][0]["name_en"].endswith("mint-flower honey")


def test_table_shows_products_and_what_matched(run: Run, catalog_database_url: str) -> None:
    code, out, _ = run("search", "lụa Vạn Phúc", "--limit", "2", database=catalog_database_url)
    assert code == 0
    assert "Vải lụa Vạn Phúc" in out and "[name_vi:lụa, name_vi:vạn, name_vi:phúc]" in out
    assert "làng lụa Vạn Phúc" in out  # the village's point of sale


def test_nothing_found_suggests_names(run: Run, catalog_database_url: str) -> None:
    _, out, _ = run("search", "honnney", database=catalog_database_url)
    assert "did you mean:" in out and "Mật ong" in out


def test_batch_answers_every_line_with_one_catalog(run: Run, catalog_database_url: str) -> None:
    lines = ["mat ong bac ha", "5 sao chè", "", "lua van phuk"] * 250
    code, out, _ = run("search", "--batch", database=catalog_database_url, stdin="\n".join(lines))
    answers = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(answers) == 1000
    assert [a["query"] for a in answers[:4]] == lines[:4]
    assert (
        answers[2]["products"] == [] and answers[3]["products"][0]["name_vi"] == "Vải lụa Vạn Phúc"
    )


def test_empty_database_says_to_load_the_catalog(run: Run, database_url: str) -> None:
    code, _, err = run("search", "honey", database=database_url)
    assert code == 1 and "python -m bot catalog load" in err


def test_quality_bench_prints_ours_beside_the_baselines(run: Run) -> None:
    if not DEV_SET.is_file():
        pytest.skip("no dev set beside the project")
    code, out, _ = run("bench", "quality")
    rows = [line.split() for line in out.splitlines()]
    assert code == 0
    for method in ("bot.search", "WRatio", "token_set", "trigram"):
        assert any(method in " ".join(row) and len(row) >= 4 for row in rows)


def test_speed_bench_prints_latency_throughput_and_memory(run: Run) -> None:
    code, out, _ = run(
        "bench", "search", "--products", "300", "--queries", "30", "--baseline-queries", "5"
    )
    assert code == 0
    header = next(line for line in out.splitlines() if line.startswith("method"))
    for column in ("p50 ms", "p99 ms", "QPS", "build s", "mem MB", "dev hit@3"):
        assert column in header
    methods = [line.split()[0] for line in out.splitlines()[-8:] if line.strip()]
    assert "bot.search" in methods and "rapidfuzz" in methods and "SQLite" in methods
