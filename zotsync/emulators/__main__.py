"""``python -m zotsync.emulators SERVICE [options]``: run one emulator in the foreground.

Prints ``listening on http://127.0.0.1:PORT`` once it accepts connections.
"""

from __future__ import annotations

import argparse
import importlib
import json
import signal
import sys
from pathlib import Path

from zotsync.emulators import SERVICES
from zotsync.emulators.core.faults import FaultSpecError
from zotsync.emulators.core.server import EmulatorServer

HELP = {
    "arxiv": "the arXiv API (export.arxiv.org/api/query)",
    "s2": "the Semantic Scholar Graph API",
    "hf": "Hugging Face papers (/api/papers)",
    "zotero": "the Zotero Web API v3",
}


def build_parser(service: str | None = None) -> argparse.ArgumentParser:
    """The parser; only ``service``'s package is imported (one broken emulator cannot break the others)."""
    parser = argparse.ArgumentParser(prog="python -m zotsync.emulators", description=__doc__)
    sub = parser.add_subparsers(dest="service", required=True, metavar="SERVICE")
    for name in SERVICES:
        p = sub.add_parser(name, help=HELP[name])
        p.add_argument("--port", type=int, default=0, help="port to listen on (0 = a free port)")
        p.add_argument(
            "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, loopback)"
        )
        if name != service:
            continue
        module = importlib.import_module(f"zotsync.emulators.{name}")
        module.add_arguments(p)
        if not any(action.dest == "faults" for action in p._actions):
            p.add_argument(
                "--faults", metavar="SPEC", help="faults to install at start: JSON list, or @FILE"
            )
        p.set_defaults(_module=module)
    return parser


def load_faults(spec: str | None) -> list:
    """A --faults SPEC: a JSON list/object, or @FILE containing one."""
    if not spec:
        return []
    text = Path(spec[1:]).read_text(encoding="utf-8") if spec.startswith("@") else spec
    data = json.loads(text)
    return data if isinstance(data, list) else [data]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    service = next((a for a in argv if a in SERVICES), None)
    args = build_parser(service).parse_args(argv)
    try:
        app = args._module.build_app(args)
        server = EmulatorServer(app, host=args.host, port=args.port)
        server.faults.install(load_faults(getattr(args, "faults", None)))
    except (OSError, ValueError, FaultSpecError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"listening on {server.url}", flush=True)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        close = getattr(app, "close", None)
        if close is not None:
            close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
