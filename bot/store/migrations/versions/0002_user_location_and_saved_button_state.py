"""Shared per-user state: the last shared location on botuser, saved button state.

A user may now have a location without having chosen a language, so botuser.language is
nullable.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 17:44:02.696862
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "savedvalue",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("token", sa.String(length=8), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "token", name=op.f("pk_savedvalue")),
    )
    with op.batch_alter_table("botuser", schema=None) as batch_op:
        batch_op.add_column(sa.Column("latitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("longitude", sa.Float(), nullable=True))
        batch_op.alter_column("language", existing_type=sa.String(), nullable=True)


def downgrade() -> None:
    # Users known only by a shared location have no language to keep.
    op.execute("DELETE FROM botuser WHERE language IS NULL")
    with op.batch_alter_table("botuser", schema=None) as batch_op:
        batch_op.alter_column("language", existing_type=sa.String(), nullable=False)
        batch_op.drop_column("longitude")
        batch_op.drop_column("latitude")
    op.drop_table("savedvalue")
