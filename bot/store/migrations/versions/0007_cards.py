"""Cards in one language: display names and status of points, producer and origin per language.

Revision ID: 0007_cards
Revises: 0002
Create Date: 2026-11-28 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_cards"
down_revision: str | None = "0006_insight"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PRODUCT_COLUMNS = ("producer_name", "origin_vi", "origin_en")
POINT_COLUMNS = ("name_vi", "name_en", "short_vi", "short_en", "opened_on")


def upgrade() -> None:
    with op.batch_alter_table("product") as batch:
        for name in PRODUCT_COLUMNS:
            batch.add_column(sa.Column(name, sa.String(), nullable=False, server_default=""))
    with op.batch_alter_table("point") as batch:
        for name in POINT_COLUMNS:
            batch.add_column(sa.Column(name, sa.String(), nullable=False, server_default=""))
        batch.add_column(sa.Column("status", sa.String(), nullable=False, server_default="open"))
        batch.add_column(sa.Column("opened_when", sa.String(), nullable=True))
    # The defaults only fill existing rows; the next `catalog load` writes the real values.
    with op.batch_alter_table("product") as batch:
        for name in PRODUCT_COLUMNS:
            batch.alter_column(name, server_default=None)
    with op.batch_alter_table("point") as batch:
        for name in (*POINT_COLUMNS, "status"):
            batch.alter_column(name, server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("point") as batch:
        for name in (*POINT_COLUMNS, "status", "opened_when"):
            batch.drop_column(name)
    with op.batch_alter_table("product") as batch:
        for name in PRODUCT_COLUMNS:
            batch.drop_column(name)
