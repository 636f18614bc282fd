"""The send rate shared by every instance on one PostgreSQL: one row per paced stream."""

from sqlmodel import Field, SQLModel


class SendRate(SQLModel, table=True):
    """A token bucket in GCRA form: when the next send may start, on the database's clock.

    Times are seconds since the epoch, read from the database so that instances on hosts with
    different clocks still agree.
    """

    __tablename__ = "send_rate"

    name: str = Field(primary_key=True, max_length=32)
    next_slot: float = 0.0
    slowdown: float = 1.0  # share of the rate allowed right after the last 429 (recovers)
    slowed_at: float = 0.0  # when that 429 came
