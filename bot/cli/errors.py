"""What the command line prints instead of a traceback: one line saying what is wrong and what
to do. The traceback still goes to the log at DEBUG (LOG_LEVEL=DEBUG)."""

import sqlalchemy.exc
from sqlalchemy.engine import make_url

from bot.store.migrate import SchemaOutdatedError

DETAILS = "LOG_LEVEL=DEBUG shows the details"


class CommandError(Exception):
    """A failure whose message is already the one line to print."""


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def _where(database_url: str) -> str:
    try:
        return make_url(database_url).render_as_string(hide_password=True)
    except sqlalchemy.exc.ArgumentError:
        return "DATABASE_URL"


def explain(error: Exception, *, database_url: str) -> str:
    """One line for `error`, raised while a command ran on `database_url`."""
    if isinstance(error, CommandError | SchemaOutdatedError):
        return str(error)
    if isinstance(error, sqlalchemy.exc.DBAPIError):
        cause = error.orig if error.orig is not None else error
        return (
            f"The database at {_where(database_url)} failed: {_first_line(cause)} "
            f"(check DATABASE_URL; {DETAILS})"
        )
    if isinstance(error, OSError | TimeoutError):
        return (
            f"Cannot reach the database at {_where(database_url)}: {_first_line(error)} "
            f"(check DATABASE_URL and that the server runs; {DETAILS})"
        )
    return f"Failed: {type(error).__name__}: {_first_line(error)} ({DETAILS})"
