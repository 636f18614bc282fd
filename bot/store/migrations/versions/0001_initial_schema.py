"""Initial schema: the catalog, users, subscriptions, announcements and deliveries, send rate.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 16:47:34.794357
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("term", sa.String(), nullable=False),
        sa.Column("alias", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alias")),
        sa.UniqueConstraint("kind", "term", "alias", name=op.f("uq_alias_kind_term_alias")),
    )
    op.create_table(
        "announcement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("photo", sa.String(), nullable=True),
        sa.Column(
            "audience",
            sa.Enum("everyone", "topic", "ward", name="audience", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("audience_value", sa.String(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "scheduled",
                "queued",
                "sending",
                "done",
                "cancelled",
                name="announcementstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("scheduled_at", sa.DateTime(), nullable=True),
        sa.Column("enqueued_through", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("language", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announcement")),
    )
    op.create_index(op.f("ix_announcement_status"), "announcement", ["status"], unique=False)
    op.create_table(
        "botuser",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("language", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_botuser")),
    )
    op.create_table(
        "catalogstate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogstate")),
    )
    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name_vi", sa.String(), nullable=False),
        sa.Column("name_en", sa.String(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("venue", sa.String(), nullable=False),
        sa.Column("ward", sa.String(), nullable=True),
        sa.Column("ward_code", sa.String(), nullable=True),
        sa.Column("point_name", sa.String(), nullable=True),
        sa.Column("source_url", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
    )
    op.create_index(op.f("ix_event_name_vi"), "event", ["name_vi"], unique=True)
    op.create_table(
        "point",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("ward", sa.String(), nullable=True),
        sa.Column("ward_code", sa.String(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("location_exact", sa.Boolean(), nullable=False),
        sa.Column("opened", sa.String(), nullable=False),
        sa.Column("products_note", sa.String(), nullable=False),
        sa.Column("source_url", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_point")),
    )
    op.create_index(op.f("ix_point_name"), "point", ["name"], unique=True)
    op.create_table(
        "product",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name_vi", sa.String(), nullable=False),
        sa.Column("name_en", sa.String(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("stars", sa.Integer(), nullable=True),
        sa.Column("producer", sa.String(), nullable=False),
        sa.Column("origin_commune", sa.String(), nullable=False),
        sa.Column("origin_province", sa.String(), nullable=False),
        sa.Column("origin_ward", sa.String(), nullable=True),
        sa.Column("origin_ward_code", sa.String(), nullable=True),
        sa.Column("source_url", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product")),
    )
    op.create_index(op.f("ix_product_name_vi"), "product", ["name_vi"], unique=True)
    op.create_table(
        "send_rate",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("next_slot", sa.Float(), nullable=False),
        sa.Column("slowdown", sa.Float(), nullable=False),
        sa.Column("slowed_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_send_rate")),
    )
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("added_by", sa.BigInteger(), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("user_id", name=op.f("uq_staff_user_id")),
    )
    op.create_table(
        "subscriber",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("language", sa.String(), nullable=False),
        sa.Column("topics", sa.String(length=200), nullable=False),
        sa.Column("home_ward_code", sa.String(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscriber")),
        sa.UniqueConstraint("chat_id", name=op.f("uq_subscriber_chat_id")),
    )
    op.create_index(
        op.f("ix_subscriber_home_ward_code"), "subscriber", ["home_ward_code"], unique=False
    )
    op.create_table(
        "delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("announcement_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "sending",
                "sent",
                "failed",
                "blocked",
                "unconfirmed",
                "cancelled",
                name="deliverystatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_by", sa.String(), nullable=True),
        sa.Column("claimed_until", sa.DateTime(), nullable=True),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("error", sa.String(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["announcement_id"],
            ["announcement.id"],
            name=op.f("fk_delivery_announcement_id_announcement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery")),
        sa.UniqueConstraint(
            "announcement_id", "chat_id", name=op.f("uq_delivery_announcement_id_chat_id")
        ),
    )
    op.create_index("ix_delivery_due", "delivery", ["status", "next_attempt_at"], unique=False)
    op.create_table(
        "stocklink",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(), nullable=False),
        sa.Column("source_url", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["point_id"], ["point.id"], name=op.f("fk_stocklink_point_id_point"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_stocklink_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stocklink")),
        sa.UniqueConstraint(
            "product_id", "point_id", name=op.f("uq_stocklink_product_id_point_id")
        ),
    )
    op.create_index(op.f("ix_stocklink_point_id"), "stocklink", ["point_id"], unique=False)
    op.create_index(op.f("ix_stocklink_product_id"), "stocklink", ["product_id"], unique=False)


def downgrade() -> None:
    op.drop_table("stocklink")
    op.drop_table("delivery")
    op.drop_table("subscriber")
    op.drop_table("staff")
    op.drop_table("send_rate")
    op.drop_table("product")
    op.drop_table("point")
    op.drop_table("event")
    op.drop_table("catalogstate")
    op.drop_table("botuser")
    op.drop_table("announcement")
    op.drop_table("alias")
