"""The office keeps the catalog: events made in the bot, problem reports from users.

event.made_in_bot and created_by (events added with /event, kept by `catalog load`);
problemreport (a user's report about a product or point card, until staff resolve it);
botuser.report_pending and report_asked_at (a report waiting for the user's own words).

Revision ID: 0005_office
Revises: 0002
Create Date: 2026-11-28 03:58:37.895441
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_office"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "problemreport",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("item_name", sa.String(), nullable=False),
        sa.Column("problem", sa.String(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_problemreport")),
    )
    with op.batch_alter_table("problemreport", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_problemreport_resolved_at"), ["resolved_at"], unique=False
        )
        batch_op.create_index("ix_problemreport_user_time", ["user_id", "created_at"], unique=False)

    with op.batch_alter_table("botuser", schema=None) as batch_op:
        batch_op.add_column(sa.Column("report_pending", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("report_asked_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("event", schema=None) as batch_op:
        # rows that exist came from the catalog files
        batch_op.add_column(
            sa.Column("made_in_bot", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("created_by", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_column("created_by")
        batch_op.drop_column("made_in_bot")

    with op.batch_alter_table("botuser", schema=None) as batch_op:
        batch_op.drop_column("report_asked_at")
        batch_op.drop_column("report_pending")

    with op.batch_alter_table("problemreport", schema=None) as batch_op:
        batch_op.drop_index("ix_problemreport_user_time")
        batch_op.drop_index(batch_op.f("ix_problemreport_resolved_at"))

    op.drop_table("problemreport")
