"""pytest fixtures that run the emulators in-process on loopback.

Enable with ``pytest_plugins = ["zotsync.emulators.pytest_plugin"]``. Each
service gets one server per test session (started lazily, built through the
same ``build_app`` as the command line), reset before every test that uses it:

``arxiv_emulator``, ``s2_emulator``, ``hf_emulator``  (sample corpus)
``zotero_emulator``  (user library ``ZOTERO_TEST_USER_ID``, key ``ZOTERO_TEST_API_KEY``;
                      also available as ``.user_id`` / ``.api_key`` on the server)

``emulator_factory(service, *cli_args)`` starts an extra server with its own
options (another corpus, a state file, ...) that stops at the end of the test.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable, Iterator

import pytest

from zotsync.emulators.core.server import EmulatorServer

ZOTERO_TEST_API_KEY = "emulatorkeyAAAAAAAAAAAAA"  # emulator-only credential, not a real key
ZOTERO_TEST_USER_ID = "7777777"


def build_server(service: str, *cli_args: str) -> EmulatorServer:
    """Build (not start) a server for ``service`` from command-line style arguments."""
    module = importlib.import_module(f"zotsync.emulators.{service}")
    parser = argparse.ArgumentParser(prog=service)
    module.add_arguments(parser)
    args = parser.parse_args(list(cli_args))
    server = EmulatorServer(module.build_app(args))
    if service == "zotero":
        server.api_key = getattr(args, "api_key", ZOTERO_TEST_API_KEY)  # type: ignore[attr-defined]
        server.user_id = getattr(args, "user_id", ZOTERO_TEST_USER_ID)  # type: ignore[attr-defined]
    return server


def _session_server(service: str, *cli_args: str):
    @pytest.fixture(scope="session")
    def _server() -> Iterator[EmulatorServer]:
        server = build_server(service, *cli_args).start()
        yield server
        server.stop()

    return _server


def _per_test(session_fixture: str):
    @pytest.fixture
    def _fixture(request: pytest.FixtureRequest) -> EmulatorServer:
        server: EmulatorServer = request.getfixturevalue(session_fixture)
        server.reset()
        return server

    return _fixture


_arxiv_session = _session_server("arxiv")
_s2_session = _session_server("s2")
_hf_session = _session_server("hf")
_zotero_session = _session_server(
    "zotero", "--api-key", ZOTERO_TEST_API_KEY, "--user-id", ZOTERO_TEST_USER_ID
)

arxiv_emulator = _per_test("_arxiv_session")
s2_emulator = _per_test("_s2_session")
hf_emulator = _per_test("_hf_session")
zotero_emulator = _per_test("_zotero_session")


@pytest.fixture
def emulator_factory() -> Iterator[Callable[..., EmulatorServer]]:
    started: list[EmulatorServer] = []

    def make(service: str, *cli_args: str) -> EmulatorServer:
        server = build_server(service, *cli_args).start()
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop()
