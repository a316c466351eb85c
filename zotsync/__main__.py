"""``python -m zotsync`` and the ``zotsync`` command.

The entry point imports nothing before it can catch Ctrl-C: an interrupt while
the command's modules load, or while the interpreter shuts down after the
command, is "Aborted." and exit 130 like one during the command
(:func:`zotsync.cli.main`), never a traceback.
"""

from __future__ import annotations

import os
import signal
import sys

EXIT_INTERRUPTED = 130  # zotsync.errors.EXIT_INTERRUPTED, not imported: nothing may load first


def run() -> None:
    try:
        from zotsync.cli import main

        main()
        code = 0
    except SystemExit as done:
        code = done.code
    except KeyboardInterrupt:
        sys.stderr.write("Aborted.\n")
        code = EXIT_INTERRUPTED
    signal.signal(signal.SIGINT, _interrupted_while_exiting)
    sys.exit(code)


def _interrupted_while_exiting(signum: int, frame: object) -> None:
    """Ctrl-C while the interpreter shuts down (threads joined, files flushed)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a closed pipe: nothing more to say there
            pass
    os.write(2, b"Aborted.\n")
    os._exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    run()
