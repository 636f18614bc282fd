"""The row models of the CSV files and the tables they load into describe the same columns."""

import pytest
from sqlmodel import SQLModel

from bot.catalog.bot_events import BOT_ONLY_COLUMNS
from bot.catalog.rows import FILES, AliasRow, CatalogRow, EventRow, PointRow, ProductRow, StockRow
from bot.store.models import Alias, Event, Point, Product, StockLink

# (row model, table, the row's column that fills each table column of another name)
LOADED_AS = [
    (ProductRow, Product, {}),
    (PointRow, Point, {}),
    (AliasRow, Alias, {}),
    (EventRow, Event, {"point_name": "point"}),
]


@pytest.mark.parametrize(("row", "table", "renamed"), LOADED_AS)
def test_every_table_column_comes_from_a_column_of_the_same_type(
    row: type[CatalogRow], table: type[SQLModel], renamed: dict[str, str]
) -> None:
    for name, table_field in table.model_fields.items():
        if name == "id" or (table is Event and name in BOT_ONLY_COLUMNS):
            continue
        column = renamed.get(name, name)
        assert column in row.model_fields, f"{table.__name__}.{name} has no column in the file"
        assert row.model_fields[column].annotation == table_field.annotation, column
    loaded = {renamed.get(name, name) for name in table.model_fields}
    assert set(row.model_fields) <= loaded


def test_a_stock_row_names_the_product_and_point_the_link_joins() -> None:
    assert set(StockRow.model_fields) - set(StockLink.model_fields) == {"product", "point", "note"}
    assert StockRow.model_fields["basis"].annotation == StockLink.model_fields["basis"].annotation


def test_every_key_is_made_of_the_file_s_columns() -> None:
    for model in FILES.values():
        assert model.KEY and set(model.KEY) <= set(model.model_fields)


def test_only_the_bot_fills_the_columns_of_events_made_in_it() -> None:
    """Events made with /event are marked, and by whom; the files cannot set either."""
    assert set(Event.model_fields) - {"id", "point_name"} - set(EventRow.model_fields) == set(
        BOT_ONLY_COLUMNS
    )
