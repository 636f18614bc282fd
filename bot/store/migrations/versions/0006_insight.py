"""Staff insight: recorded asking (no askers) with its daily rollup, weekly digest readers and
the once-per-week claim; announcements remember whether `catalog load` drafted them and when
staff were offered it.

Revision ID: 0006_insight
Revises: 0002
Create Date: 2026-11-28 04:09:50.919114
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_insight"
down_revision: str | None = "0005_office"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "askdaily",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("unmet", sa.Integer(), nullable=False),
        sa.Column("visitors", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "kind", "key", "language", name=op.f("pk_askdaily")),
    )
    with op.batch_alter_table("askdaily", schema=None) as batch_op:
        batch_op.create_index(
            "ix_askdaily_kind_day", ["kind", "day", "key", "language", "n", "unmet"], unique=False
        )

    op.create_table(
        "askevent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=True),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("intent", sa.String(length=24), nullable=True),
        sa.Column("verdict", sa.String(length=8), nullable=True),
        sa.Column("product_ids", sa.String(length=80), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("ward_code", sa.String(length=5), nullable=True),
        sa.Column("visitor", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_askevent")),
    )
    with op.batch_alter_table("askevent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_askevent_at"), ["at"], unique=False)
        batch_op.create_index("ix_askevent_kind_day", ["kind", "day"], unique=False)

    op.create_table(
        "askrollup",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("rolled_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_askrollup")),
    )
    op.create_table(
        "digestreader",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_digestreader")),
    )
    op.create_table(
        "digestweek",
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("sent_by", sa.String(length=200), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("readers", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("week_start", name=op.f("pk_digestweek")),
    )
    with op.batch_alter_table("announcement", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("source", sa.String(length=8), nullable=False, server_default="staff")
        )
        batch_op.add_column(sa.Column("offered_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("announcement", schema=None) as batch_op:
        batch_op.drop_column("offered_at")
        batch_op.drop_column("source")

    op.drop_table("digestweek")
    op.drop_table("digestreader")
    op.drop_table("askrollup")
    with op.batch_alter_table("askevent", schema=None) as batch_op:
        batch_op.drop_index("ix_askevent_kind_day")
        batch_op.drop_index(batch_op.f("ix_askevent_at"))

    op.drop_table("askevent")
    with op.batch_alter_table("askdaily", schema=None) as batch_op:
        batch_op.drop_index("ix_askdaily_kind_day")

    op.drop_table("askdaily")
