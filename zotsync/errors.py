"""One exception tree for everything a user can get wrong or run into.

Each error carries a message, a hint (the next step for the user) and an exit
code. The CLI's single error boundary turns them into one ``Error: ...`` line on
stderr. Exit codes are part of the interface (documented in the README):

====  ==========================================================
code  meaning
====  ==========================================================
0     success
1     internal error (a bug: please report it; traceback with -v)
2     usage error (bad command line; click's own code)
3     input error (missing/unreadable/binary/undecodable file, bad lock or .bib)
4     configuration error (malformed config, missing credentials)
5     service error (network down, server errors or rate limits after retries)
6     authentication / permission error (bad API key, no write access, no such library)
7     sync refused for safety (conflicts under a refusing policy, state/library mismatch)
130   interrupted (Ctrl-C)
====  ==========================================================
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_CONFIG = 4
EXIT_SERVICE = 5
EXIT_AUTH = 6
EXIT_REFUSED = 7
EXIT_INTERRUPTED = 130


class ZotsyncError(Exception):
    """Base class: an error the user can act on."""

    exit_code = EXIT_INTERNAL

    def __init__(self, message: str, *, hint: str | None = None, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message} ({self.hint})"
        return self.message


class InputError(ZotsyncError):
    """A file the user named cannot be read as asked."""

    exit_code = EXIT_INPUT


class ConfigError(ZotsyncError):
    exit_code = EXIT_CONFIG


class ServiceError(ZotsyncError):
    """A remote service failed (after retries): network, 5xx, 429, garbage bodies."""

    exit_code = EXIT_SERVICE

    def __init__(
        self, message: str, *, service: str | None = None, status: int | None = None, **kw
    ):
        super().__init__(message, **kw)
        self.service = service
        self.status = status


class AuthError(ZotsyncError):
    exit_code = EXIT_AUTH


class RefusedError(ZotsyncError):
    """A sync stopped on purpose to protect the user's data."""

    exit_code = EXIT_REFUSED
