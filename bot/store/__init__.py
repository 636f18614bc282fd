"""Storage: SQLModel tables, the async engine and sessions, and the Alembic migrations."""

from sqlmodel import SQLModel

# Every constraint gets a predictable name on every database, so a later migration can drop or
# alter it by name (SQLite leaves unnamed constraints nameless, PostgreSQL invents its own).
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
