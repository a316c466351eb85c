"""The shared emulator core: control plane, request log, every fault kind."""

from __future__ import annotations

import http.client
import json
import time

import pytest
import requests

from zotsync.emulators.core import EmulatorServer, Request, Response


class CounterApp:
    """A toy app: GET /n returns the counter, POST /n increments it."""

    def __init__(self):
        self.n = 0
        self.bumps = 0

    def handle(self, request: Request) -> Response:
        if request.path == "/n" and request.method == "POST":
            self.n += 1
            return Response.json({"n": self.n})
        if request.path == "/n":
            return Response.json({"n": self.n, "q": request.arg("q")})
        if request.path == "/boom":
            raise RuntimeError("bug")
        return Response.text("Not found", status=404)

    def reset(self):
        self.n = 0

    def concurrent_bump(self, request):
        self.bumps += 1


@pytest.fixture
def server():
    with EmulatorServer(CounterApp()) as srv:
        yield srv


def faults(server, *specs):
    r = requests.post(f"{server.url}/_emulator/faults", json=list(specs), timeout=5)
    assert r.status_code == 200, r.text


def test_serves_and_logs(server):
    assert server.url.startswith("http://127.0.0.1:")
    assert requests.get(f"{server.url}/n?q=a%20b&empty=", timeout=5).json() == {"n": 0, "q": "a b"}
    requests.post(f"{server.url}/n", timeout=5)
    log = requests.get(f"{server.url}/_emulator/log", timeout=5).json()
    assert [(e["method"], e["path"], e["status"]) for e in log] == [
        ("GET", "/n", 200),
        ("POST", "/n", 200),
    ]
    assert log[0]["query"] == "q=a%20b&empty=" and log[0]["params"] == {"q": "a b", "empty": ""}


def test_reset_clears_state_log_and_faults(server):
    requests.post(f"{server.url}/n", timeout=5)
    faults(server, {"kind": "status", "status": 503, "times": -1})
    assert requests.post(f"{server.url}/_emulator/reset", timeout=5).json() == {"reset": True}
    assert requests.get(f"{server.url}/n", timeout=5).json()["n"] == 0
    assert len(server.log) == 1


def test_status_fault_with_retry_after_then_recovers(server):
    faults(
        server,
        {"kind": "status", "status": 429, "retry_after": 2, "times": 2, "match": {"path": "^/n$"}},
    )
    first, second, third = (requests.get(f"{server.url}/n", timeout=5) for _ in range(3))
    assert (first.status_code, first.headers["Retry-After"], first.text) == (
        429,
        "2",
        "Too many requests",
    )
    assert second.status_code == 429 and third.status_code == 200


def test_fault_after_and_method_match(server):
    faults(server, {"kind": "status", "status": 500, "after": 1, "match": {"method": "POST"}})
    assert requests.get(f"{server.url}/n", timeout=5).status_code == 200
    assert requests.post(f"{server.url}/n", timeout=5).status_code == 200
    assert requests.post(f"{server.url}/n", timeout=5).status_code == 500
    assert requests.post(f"{server.url}/n", timeout=5).status_code == 200


def test_backoff_header_on_success(server):
    faults(server, {"kind": "backoff", "seconds": 5})
    r = requests.get(f"{server.url}/n", timeout=5)
    assert r.status_code == 200 and r.headers["Backoff"] == "5"


def test_drop_applies_the_write_but_sends_nothing(server):
    faults(server, {"kind": "drop", "match": {"method": "POST"}})
    with pytest.raises(requests.ConnectionError):
        requests.post(f"{server.url}/n", timeout=5)
    assert server.app.n == 1  # the write happened
    assert requests.get(f"{server.url}/n", timeout=5).json()["n"] == 1


def test_reset_fault_does_not_apply(server):
    faults(server, {"kind": "reset", "match": {"method": "POST"}})
    with pytest.raises(requests.ConnectionError):
        requests.post(f"{server.url}/n", timeout=5)
    assert server.app.n == 0


def test_html_and_empty_bodies(server):
    faults(server, {"kind": "html"}, {"kind": "empty"})
    html = requests.get(f"{server.url}/n", timeout=5)
    assert html.status_code == 200 and html.headers["Content-Type"].startswith("text/html")
    empty = requests.get(f"{server.url}/n", timeout=5)
    assert empty.status_code == 200 and empty.content == b""


def test_slow_fault_stalls(server):
    faults(server, {"kind": "slow", "seconds": 0.5})
    with pytest.raises(requests.Timeout):
        requests.get(f"{server.url}/n", timeout=0.2)


def test_a_request_still_stalled_at_a_reset_is_not_counted_in_the_next_log(server):
    """A client that gave up on a slow request, then a reset: the old request finishing later must not show up
    in the fresh log (benchmarks and tests count requests from it)."""
    faults(server, {"kind": "slow", "seconds": 0.6})
    with pytest.raises(requests.Timeout):
        requests.get(f"{server.url}/n", timeout=0.1)
    server.reset()
    assert requests.get(f"{server.url}/n", timeout=5).status_code == 200
    assert server.wait_idle(timeout=10)  # the stalled request has finished now
    assert [e["status"] for e in server.log] == [200]


def test_conflict_calls_app_hook(server):
    faults(server, {"kind": "conflict"})
    requests.get(f"{server.url}/n", timeout=5)
    assert server.app.bumps == 1


def test_rate_limit_min_interval(server):
    faults(server, {"kind": "rate_limit", "min_interval": 0.3})
    first = time.monotonic()
    assert requests.get(f"{server.url}/n", timeout=5).status_code == 200
    too_soon = requests.get(f"{server.url}/n", timeout=5)
    assert too_soon.status_code == 429 and too_soon.headers["Retry-After"] == "0.3"
    deadline = first + 10
    while requests.get(f"{server.url}/n", timeout=5).status_code == 429:
        assert time.monotonic() < deadline, "still limited long after the interval"
        time.sleep(0.02)  # poll: the limit lifts once the interval has passed
    assert time.monotonic() - first >= 0.3


def test_app_exception_is_a_500_not_a_hang(server, capsys):
    assert requests.get(f"{server.url}/boom", timeout=5).status_code == 500


def test_bad_fault_spec_is_400(server):
    r = requests.post(f"{server.url}/_emulator/faults", json=[{"kind": "explode"}], timeout=5)
    assert r.status_code == 400 and "kind" in r.json()["error"]


def test_keep_alive_many_requests_one_connection(server):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    for _ in range(3):
        conn.request("GET", "/n")
        resp = conn.getresponse()
        assert json.loads(resp.read())["n"] == 0
    conn.close()


def test_request_is_logged_before_its_response_arrives(server):
    for _ in range(20):
        requests.get(f"{server.url}/n", timeout=5)
        assert server.log[-1]["path"] == "/n"
    server.clear_log()


def test_dropped_requests_are_logged_as_dropped(server):
    faults(server, {"kind": "drop"})
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{server.url}/n", timeout=5)
    assert server.log[-1]["dropped"] is True and server.log[-1]["status"] == 200


def test_start_is_idempotent_and_stop_is_quick():
    srv = EmulatorServer(CounterApp())
    with srv.start() as same:
        assert same is srv
        t0 = time.monotonic()
    assert time.monotonic() - t0 < 2


def test_status_fault_content_type_and_app_error_body(server):
    faults(
        server,
        {
            "kind": "status",
            "status": 429,
            "body": '{"message": "Too Many Requests"}',
            "content_type": "application/json",
        },
    )
    r = requests.get(f"{server.url}/n", timeout=5)
    assert (
        r.status_code == 429
        and r.headers["Content-Type"] == "application/json"
        and r.json() == {"message": "Too Many Requests"}
    )

    server.app.fault_body = lambda status: (f'{{"code": {status}}}', "application/json")
    try:
        faults(server, {"kind": "status", "status": 503})
        r = requests.get(f"{server.url}/n", timeout=5)
        assert (r.status_code, r.json(), r.headers["Content-Type"]) == (
            503,
            {"code": 503},
            "application/json",
        )
    finally:
        del server.app.fault_body
