"""A small threaded HTTP/1.1 server that hosts one emulator app on loopback.

It owns what every emulator shares: request parsing, the request log, fault
injection and the control plane under ``/_emulator/``:

``GET  /_emulator/log``     JSON list of requests: method, path, query (raw), params, status
``POST /_emulator/reset``   app state, log and faults back to the start
``POST /_emulator/faults``  install faults (JSON list, see :mod:`.faults`)
``DELETE /_emulator/faults`` remove all faults
``GET  /_emulator/faults``  the active faults and how often each fired

Control-plane requests are not logged.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import traceback
from collections.abc import Callable
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from zotsync.emulators.core.faults import Fault, FaultPlan, FaultSpecError
from zotsync.emulators.core.http import Request, Response

CONTROL_PREFIX = "/_emulator/"

HTML_ERROR_PAGE = (
    "<!DOCTYPE html>\n<html><head><title>Service Unavailable</title></head>"
    "<body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request.</p></body></html>\n"
)


class App(Protocol):
    def handle(self, request: Request) -> Response: ...

    def reset(self) -> None: ...


class _Dropped(Exception):
    """Close the connection without writing a response."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = (
        True  # small responses on keep-alive connections otherwise wait ~40 ms
    )
    server_version = "zotsync-emulator"
    sys_version = ""
    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence stderr access log
        return

    def do_GET(self) -> None:
        self._dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    # ------------------------------------------------------------------ plumbing

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _request(self) -> Request:
        parts = urlsplit(self.path)
        headers = Message()
        for key, value in self.headers.items():
            headers[key] = value
        return Request(
            method=self.command.upper(),
            path=unquote(parts.path),
            raw_path=self.path,
            query=parse_qs(parts.query, keep_blank_values=True),
            headers=headers,
            body=self._read_body(),
        )

    def _send(self, response: Response) -> None:
        self.send_response(response.status)
        names = {k.lower() for k, _ in response.headers}
        for key, value in response.headers:
            self.send_header(key, value)
        if "content-length" not in names:
            self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if self.command != "HEAD" and response.body:
            self.wfile.write(response.body)

    # ------------------------------------------------------------------ dispatch

    def _dispatch(self) -> None:
        core = self.server.core
        request = self._request()
        if request.path.startswith(CONTROL_PREFIX):
            self._send(core.control(request))
            return
        # Record before answering, so a client that reads the log right after its
        # last response always finds that request in it. A request belongs to the log
        # it arrived in: one still being served when the log is cleared (a slow fault
        # whose client gave up) is not counted in the next log.
        epoch = core.epoch
        core.busy(+1)
        try:
            response = core.serve(request)
        except _Dropped as drop:
            core.record(request, drop.args[0] if drop.args else None, dropped=True, epoch=epoch)
            core.busy(-1)
            self.close_connection = True
            return
        except BaseException:
            core.record(request, 500, epoch=epoch)
            core.busy(-1)
            raise
        core.record(request, response.status, epoch=epoch)
        core.busy(-1)  # served and logged: wait_idle() may return
        try:
            self._send(response)
        except (
            BrokenPipeError,
            ConnectionResetError,
        ):  # the client gave up (e.g. its timeout): not our error
            self.close_connection = True


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    core: EmulatorServer


class EmulatorServer:
    """Hosts ``app`` on ``host:port`` (port 0 = a free port) with the control plane."""

    def __init__(self, app: App, host: str = "127.0.0.1", port: int = 0):
        self.app = app
        self.faults = FaultPlan()
        self._log: list[dict[str, Any]] = []
        self._lock = threading.RLock()  # wait_until's condition may read the log
        self._idle = threading.Condition(self._lock)
        self._in_flight = 0  # requests being served (a slow fault may hold one for seconds)
        self.epoch = 0  # bumped when the log is cleared
        self._httpd = _HTTPServer((host, port), _Handler)
        self._httpd.core = self
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{self._httpd.server_address[0]}:{self.port}"

    def start(self) -> EmulatorServer:
        """Serve in a background thread (idempotent)."""
        if self._thread is not None:
            return self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"emulator-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._httpd.serve_forever()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> EmulatorServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ state

    @property
    def log(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._log)

    @property
    def in_flight(self) -> int:
        """How many service requests are being served right now."""
        with self._lock:
            return self._in_flight

    def busy(self, delta: int) -> None:
        with self._idle:
            self._in_flight += delta
            self._idle.notify_all()

    def wait_until(self, condition: Callable[[EmulatorServer], bool], timeout: float = 10) -> bool:
        """Block until ``condition(self)`` holds (checked whenever a request starts or ends)."""
        with self._idle:
            return self._idle.wait_for(lambda: condition(self), timeout=timeout)

    def wait_idle(self, timeout: float = 10) -> bool:
        """Block until no request is being served (e.g. a write a slow fault held has been applied)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._in_flight == 0, timeout=timeout)

    def clear_log(self) -> None:
        with self._lock:
            self._log.clear()
            self.epoch += 1

    def reset(self) -> None:
        self.app.reset()
        self.faults.clear()
        self.clear_log()

    def requests(self, method: str | None = None, path: str | None = None) -> list[dict[str, Any]]:
        """Logged requests, optionally filtered by method and a path substring."""
        return [
            e
            for e in self.log
            if (method is None or e["method"] == method.upper())
            and (path is None or path in e["path"])
        ]

    def record(
        self,
        request: Request,
        status: int | None,
        *,
        dropped: bool = False,
        epoch: int | None = None,
    ) -> None:
        if request.path.startswith(CONTROL_PREFIX):
            return
        entry = {
            "method": request.method,
            "path": request.path,
            "query": request.query_string,
            "params": {k: v if len(v) > 1 else v[0] for k, v in request.query.items()},
            "status": status,
            "time": time.time(),
        }
        if dropped:
            entry["dropped"] = True
        with self._lock:
            if epoch is None or epoch == self.epoch:
                self._log.append(entry)

    # ------------------------------------------------------------------ serving

    def serve(self, request: Request) -> Response:
        fault = self.faults.take(request.method, request.path)
        if fault is not None:
            early = self._fault_response(fault, request)
            if early is not None:
                return early
        response = self._handle(request)
        if fault is not None and fault.kind == "drop":
            raise _Dropped(response.status)
        if fault is not None and fault.kind == "backoff":
            response.headers.append(("Backoff", _num(fault.seconds)))
        return response

    def _fault_response(self, fault: Fault, request: Request) -> Response | None:
        if fault.kind in ("status", "rate_limit"):
            headers = []
            retry_after = (
                fault.min_interval
                if fault.kind == "rate_limit" and fault.retry_after is None
                else fault.retry_after
            )
            if retry_after is not None:
                headers.append(("Retry-After", _num(retry_after)))
            if fault.body is None and hasattr(self.app, "fault_body"):
                body, content_type = self.app.fault_body(fault.status)
            else:
                body = (
                    fault.body
                    if fault.body is not None
                    else _DEFAULT_BODIES.get(fault.status, "An error occurred")
                )
                content_type = "text/plain; charset=utf-8"
            return Response.text(
                body,
                status=fault.status,
                headers=headers,
                content_type=fault.content_type or content_type,
            )
        if fault.kind == "html":
            return Response.text(HTML_ERROR_PAGE, content_type="text/html; charset=utf-8")
        if fault.kind == "empty":
            return Response(200, b"", [("Content-Type", "application/json")])
        if fault.kind == "reset":
            raise _Dropped(None)
        if fault.kind == "slow":
            time.sleep(fault.seconds)
        elif fault.kind == "conflict":
            bump = getattr(self.app, "concurrent_bump", None)
            if bump is not None:
                bump(request)
        return None

    def _handle(self, request: Request) -> Response:
        try:
            return self.app.handle(request)
        except Exception:  # noqa: BLE001 - an emulator bug must show, not hang the client
            traceback.print_exc(file=sys.stderr)
            return Response.text("An error occurred", status=500)

    def control(self, request: Request) -> Response:
        what = request.path[len(CONTROL_PREFIX) :].strip("/")
        if what == "log" and request.method == "GET":
            return Response.json(self.log)
        if what == "reset" and request.method == "POST":
            self.reset()
            return Response.json({"reset": True})
        if what == "faults":
            if request.method == "GET":
                return Response.json(self.faults.describe())
            if request.method == "DELETE":
                self.faults.clear()
                return Response.json({"faults": []})
            if request.method == "POST":
                try:
                    self.faults.install(json.loads(request.body or b"[]"))
                except (ValueError, FaultSpecError) as exc:
                    return Response.json({"error": str(exc)}, status=400)
                return Response.json(self.faults.describe())
        return Response.json(
            {"error": f"unknown control request {request.method} {request.path}"}, status=404
        )


_DEFAULT_BODIES = {
    429: "Too many requests",
    500: "An error occurred",
    503: "Service unavailable",
    409: "Conflict",
}


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
