"""A thin, safe adapter over pyzotero 1.16 for the reads and writes a sync needs.

What it adds to pyzotero (see docs/zotero-web-api.md §2.6 for the bugs):

* the base URL: ``zot.endpoint = config.zotero.url`` (pyzotero has no parameter);
  an ``httpx2.Client`` with the configured timeout and no proxy for loopback;
* writes only through ``create_items``/``create_collections`` (multi-object POST:
  per-object ``successful``/``unchanged``/``failed`` are read and returned) in
  batches of at most 50 — never ``update_collections()`` (broken) nor
  ``update_items()`` (drops a chunk on 429 and still returns True);
* 429 / 503 / ``Retry-After`` / ``Backoff`` and lost connections are retried here
  (pyzotero's create calls parse a 429 body as a write report). Retrying a write
  is safe because every object zotsync sends carries its key and ``version``;
* pyzotero and httpx errors become zotsync errors: 403 → :class:`AuthError`,
  404 → :class:`AuthError` (no such library), network/5xx → :class:`ServiceError`.
  Messages never contain the API key.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2
from pyzotero import Zotero
from pyzotero import errors as ze

from zotsync.config import ServicesConfig, ZoteroConfig, redact
from zotsync.errors import AuthError, ServiceError
from zotsync.notify import announce_wait
from zotsync.reach import unreachable

BATCH = 50  # the Web API's limit per multi-object write
RETRYABLE_STATUS = (429, 500, 502, 503, 504)


@dataclass
class WriteReport:
    """The per-object outcome of one multi-object POST, by position in the batch."""

    successful: dict[int, dict[str, Any]] = field(
        default_factory=dict
    )  # index -> the object's data as stored
    unchanged: dict[int, str] = field(default_factory=dict)  # index -> key
    failed: dict[int, dict[str, Any]] = field(
        default_factory=dict
    )  # index -> {key?, code, message, data?}

    @classmethod
    def from_json(cls, raw: Any) -> WriteReport:
        if not isinstance(raw, dict) or not {"successful", "unchanged", "failed"} <= raw.keys():
            raise ValueError("not a write report")
        return cls(
            successful={int(i): dict(obj.get("data", obj)) for i, obj in raw["successful"].items()},
            unchanged={int(i): key for i, key in raw["unchanged"].items()},
            failed={int(i): dict(err) for i, err in raw["failed"].items()},
        )


@dataclass(frozen=True)
class UploadOutcome:
    key: str
    existed: bool = False  # Zotero already held this file: nothing was uploaded
    size: int = 0


class StorageFullError(ServiceError):
    """The library owner's file storage cannot take the upload (HTTP 413)."""


@dataclass
class RequestCounts:
    reads: int = 0
    writes: int = 0


class _Retry(Exception):
    """A request worth sending again (after ``delay`` seconds)."""

    def __init__(
        self,
        reason: str,
        delay: float,
        cause: BaseException | None = None,
        *,
        asked: float | None = None,
    ):
        super().__init__(reason)
        self.reason, self.delay = reason, delay
        self.cause = cause  # the transport error, when the server could not be reached at all
        self.asked = asked  # the wait the server asked for (Retry-After/Backoff), if it did


def wait_too_long(asked: float, cap: float, why: str, header: str) -> ServiceError:
    """The one rule for every service: a wait longer than ``services.max_wait`` is not
    waited out; the run gives Zotero up now (exit 5) and says so."""
    return ServiceError(
        f"Zotero {why}, and it asked to wait {asked:.0f} s ({header}), longer than "
        f"services.max_wait ({cap:.0f} s)",
        service="zotero",
        status=429,
        hint="try again later, or raise ZOTSYNC_MAX_WAIT; re-running is safe",
    )


class _ConfiguredTimeoutClient(httpx2.Client):
    """An httpx client whose own timeout (``ZOTSYNC_TIMEOUT``) holds for every request.

    pyzotero 1.16 passes ``timeout=DEFAULT_TIMEOUT`` (30 s) with every read, which
    would override the client's timeout; a per-request timeout is dropped here.
    """

    def request(self, method: str, url: Any, **kwargs: Any) -> httpx2.Response:  # type: ignore[override]
        kwargs.pop("timeout", None)
        return super().request(method, url, **kwargs)


class _Zotero(Zotero):
    """pyzotero, held to ``services.max_wait`` (``max_backoff``) like every other service.

    pyzotero sleeps out a ``Retry-After``/``Backoff`` wait itself before its next request
    (and retries a 429 on reads up to three times). A wait up to ``max_backoff`` is
    announced and slept; a longer one is not waited out: the next request raises
    :func:`wait_too_long` instead (an answer already received, e.g. an accepted write
    that carried ``Backoff``, is still handed back).
    """

    max_backoff: float = 60.0

    def _set_backoff(self, duration: str | float) -> None:
        try:
            seconds = max(float(duration), 0.0)
        except ValueError:
            seconds = 1.0
        super()._set_backoff(seconds)

    def _check_backoff(self) -> None:
        remainder = self.backoff_until - time.time()
        if remainder > self.max_backoff:
            self.backoff_until = 0.0
            raise wait_too_long(
                remainder, self.max_backoff, "is rate-limiting", "Retry-After/Backoff"
            )
        if remainder > 0:
            announce_wait("Zotero", remainder, "Backoff")
        super()._check_backoff()


class ZoteroClient:
    """Reads and batched writes for one library. Implements :class:`~zotsync.zotero.snapshot.LibraryReader`."""

    def __init__(
        self,
        zcfg: ZoteroConfig,
        *,
        timeout: float = 30.0,
        attempts: int = 4,
        sleep: Callable[[float], None] = time.sleep,
        max_delay: float = 60.0,
    ):
        self.library = f"{'users' if zcfg.library_type == 'user' else 'groups'}/{zcfg.library_id}"
        self.url = zcfg.url
        http = _ConfiguredTimeoutClient(
            follow_redirects=True, timeout=timeout, trust_env=not _is_loopback(zcfg.url)
        )
        self.zot = _Zotero(zcfg.library_id, zcfg.library_type, zcfg.api_key.reveal(), client=http)
        self.zot.max_backoff = max_delay
        self.zot.endpoint = zcfg.url
        self.attempts = max(1, attempts)
        self.sleep = sleep
        self.max_delay = max_delay
        self.counts = RequestCounts()

    @classmethod
    def for_services(cls, zcfg: ZoteroConfig, services: ServicesConfig) -> ZoteroClient:
        """The client a run uses: the configured timeout, and the longest wait any service
        may ask for (``services.max_wait``, ``ZOTSYNC_MAX_WAIT``): one rule for all."""
        return cls(zcfg, timeout=services.timeout, max_delay=services.max_wait)

    # ------------------------------------------------------------------ reads

    def all_items(self) -> tuple[list[dict[str, Any]], int]:
        """Every item (notes and trashed ones included), and the library version."""
        first = self._read(lambda: self.zot.items(includeTrashed=1, limit=100), _objects)
        version = self._library_version()
        rest = self._follow()
        return [*first, *rest], version

    def all_collections(self) -> tuple[list[dict[str, Any]], int]:
        first = self._read(lambda: self.zot.collections(limit=100), _objects)
        version = self._library_version()
        return [*first, *self._follow()], version

    def item_versions(self, since: int) -> tuple[dict[str, int], int]:
        versions = self._read(
            lambda: self.zot.item_versions(since=since, includeTrashed=1), _versions
        )
        return versions, self._library_version()

    def collection_versions(self, since: int) -> tuple[dict[str, int], int]:
        versions = self._read(lambda: self.zot.collection_versions(since=since), _versions)
        return versions, self._library_version()

    def items_by_keys(self, keys: list[str]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for start in range(0, len(keys), BATCH):
            chunk = ",".join(keys[start : start + BATCH])
            out += self._read(
                lambda chunk=chunk: self.zot.items(itemKey=chunk, includeTrashed=1, limit=BATCH),
                _objects,
            )
        return out

    def collections_by_keys(self, keys: list[str]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for start in range(0, len(keys), BATCH):
            chunk = ",".join(keys[start : start + BATCH])
            out += self._read(
                lambda chunk=chunk: self.zot.collections(collectionKey=chunk, limit=BATCH), _objects
            )
        return out

    def deleted(self, since: int) -> dict[str, list[str]]:
        return self._read(lambda: self.zot.deleted(since=since), _deleted)

    def _follow(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        while self.zot.links and self.zot.links.get("next"):
            out += self._read(self.zot.follow, _objects)
        return out

    def _library_version(self) -> int:
        try:
            return int(self.zot.request.headers.get("Last-Modified-Version", 0))
        except (AttributeError, ValueError):
            return 0

    # ----------------------------------------------------------------- writes

    def post(self, kind: str, objects: list[Mapping[str, Any]]) -> WriteReport:
        """POST ≤50 objects to ``items`` or ``collections``; per-object results, retried when safe."""
        if len(objects) > BATCH:
            raise ValueError(f"at most {BATCH} objects per write, got {len(objects)}")
        payload = [
            json.loads(json.dumps(obj)) for obj in objects
        ]  # pyzotero mutates what it is given
        send = self.zot.create_collections if kind == "collections" else self.zot.create_items

        def attempt() -> WriteReport:
            raw = send([dict(obj) for obj in payload])
            status = self.zot.request.status_code
            if status in RETRYABLE_STATUS:
                raise self._retry(f"HTTP {status}")
            try:
                return WriteReport.from_json(raw)
            except ValueError:
                raise (
                    _not_json(raw)
                    if not isinstance(raw, dict)
                    else _Retry("an unreadable write report", 1.0)
                ) from None

        return self._call(attempt, write=True)

    # ------------------------------------------------------------------ files

    def upload_file(self, key: str, content: bytes, filename: str) -> UploadOutcome:
        """Store ``content`` as the file of attachment ``key`` with Zotero's upload protocol.

        pyzotero's upload runs the three steps (authorisation with md5/filename/filesize/
        mtime and ``If-None-Match: *``, the upload, the registration); an ``exists`` answer
        ends it after the first. Counts one write request per step sent. A full storage
        (HTTP 413) is a :class:`StorageFullError`; a 412 on a new file means Zotero
        already holds a file for this attachment (an earlier run's upload landed).
        """
        with tempfile.TemporaryDirectory(prefix="zotsync-upload-") as folder:
            path = Path(folder) / (Path(filename).name or "file.pdf")
            path.write_bytes(content)
            os.utime(path, (time.time(), time.time()))
            self.counts.writes += 1
            try:
                result = self._translate(
                    lambda: self.zot.upload_attachments([{"key": key, "filename": str(path)}]),
                    True,
                )
            except StorageFullError:
                raise
            except ServiceError as exc:
                if exc.status == 412:
                    return UploadOutcome(key, existed=True)
                raise
        existed = bool(result.get("unchanged"))
        if not existed:
            self.counts.writes += 2
        return UploadOutcome(key, existed=existed, size=len(content))

    # ------------------------------------------------------------ the wrapper

    def _read(self, fn: Callable[[], Any], shape: Callable[[Any], Any]) -> Any:
        """One read, its answer checked by ``shape`` (pyzotero hands back non-JSON bodies as they came)."""
        return self._call(lambda: shape(fn()), write=False)

    def _call(self, fn: Callable[[], Any], *, write: bool) -> Any:
        """Run one pyzotero call with retries and error mapping."""
        last, cause = "", None
        for n in range(self.attempts):
            if write:
                self.counts.writes += 1
            else:
                self.counts.reads += 1
            try:
                return self._translate(fn, write)
            except _Retry as retry:
                last, cause = retry.reason, retry.cause
                self.zot.backoff_until = 0.0  # we wait here instead of inside pyzotero
                if retry.asked is not None and retry.asked > self.max_delay:
                    raise wait_too_long(
                        retry.asked, self.max_delay, f"answered {retry.reason}", "Retry-After"
                    ) from None
                if n + 1 < self.attempts:
                    delay = min(self.max_delay, max(retry.delay, 0.05 * 2**n))
                    announce_wait("Zotero", delay, retry.reason)
                    self.sleep(delay)
        if cause is not None:  # never reached: say whether to check the URL or the network
            raise unreachable("Zotero", self.url, cause, setting="ZOTSYNC_ZOTERO_URL")
        raise ServiceError(
            redact(
                f"Zotero did not answer properly at {self.url} after {self.attempts} attempts: {last}"
            ),
            service="zotero",
            hint="try again later; re-running is safe",
        )

    def _translate(self, fn: Callable[[], Any], write: bool) -> Any:
        try:
            result = fn()
        except _Retry:
            raise
        except ze.UserNotAuthorisedError:
            what = (
                "has no write access to"
                if write and self._key_works()
                else "was rejected by Zotero for"
            )
            raise AuthError(
                f"the Zotero API key {what} library {self.library} (HTTP 403)",
                hint="check ZOTERO_API_KEY and its permissions at zotero.org/settings/keys",
            ) from None
        except ze.RequestEntityTooLargeError as exc:
            raise StorageFullError(
                redact(f"Zotero file storage is full: {_first_line(exc)} (HTTP 413)"),
                service="zotero",
                status=413,
                hint="free space or get more storage at zotero.org/storage, or use --pdf link",
            ) from None
        except ze.PreConditionFailedError:
            raise ServiceError(
                "Zotero refused a precondition (HTTP 412)", service="zotero", status=412
            ) from None
        except ze.ResourceNotFoundError:
            raise AuthError(
                f"Zotero library {self.library} was not found (HTTP 404)",
                hint="check ZOTERO_LIBRARY_ID and ZOTERO_LIBRARY_TYPE (user or group)",
            ) from None
        except (
            ze.TooManyRetriesError
        ):  # pyzotero already retried the read, waiting as the server asked (capped)
            raise ServiceError(
                f"Zotero is still rate-limiting at {self.url} (HTTP 429) after several attempts",
                service="zotero",
                status=429,
                hint="try again later; re-running is safe",
            ) from None
        except (ze.HTTPError, ze.ConflictError) as exc:
            status = getattr(getattr(self.zot, "request", None), "status_code", None)
            if status in RETRYABLE_STATUS or isinstance(exc, ze.ConflictError):
                raise self._retry(f"HTTP {status}") from None
            raise ServiceError(
                redact(f"Zotero answered HTTP {status} at {self.url}"),
                service="zotero",
                status=status,
            ) from None
        except ze.PyZoteroError as exc:
            raise ServiceError(
                redact(f"Zotero request failed: {exc.__class__.__name__}: {_first_line(exc)}"),
                service="zotero",
            ) from None
        except (httpx2.TransportError, json.JSONDecodeError) as exc:
            status = getattr(getattr(self.zot, "request", None), "status_code", None)
            if (
                isinstance(exc, json.JSONDecodeError) and status in RETRYABLE_STATUS
            ):  # pyzotero parsed a 429 body
                raise self._retry(f"HTTP {status}") from None
            if isinstance(exc, json.JSONDecodeError):
                raise _not_json(getattr(getattr(self.zot, "request", None), "text", None)) from None
            quick = isinstance(
                exc, httpx2.ConnectError
            )  # refused at once: retry soon, give up soon
            raise _Retry(
                f"{exc.__class__.__name__} talking to {self.url}",
                0.2 if quick else 1.0,
                cause=exc if isinstance(exc, httpx2.TransportError) else None,
            ) from None
        if not write and self.zot.request.status_code == 429:
            raise self._retry("rate-limited (HTTP 429)")
        return result

    def _key_works(self) -> bool:
        """After a 403 on a write: can the key still read? Then it lacks write access."""
        try:
            self.zot.items(limit=1)
            return True
        except Exception:  # noqa: BLE001 - any failure means "no"
            return False

    @staticmethod
    def _server_wait(headers: Any) -> float | None:
        """The wait the server asked for (``Retry-After``, else ``Backoff``), if it did."""
        for name in ("Retry-After", "Backoff"):
            value = headers.get(name) if headers is not None else None
            if value:
                try:
                    return max(float(value), 0.0)
                except ValueError:
                    pass
        return None

    def _retry(self, reason: str) -> _Retry:
        """A retry after the wait the last answer asked for (1 s when it named none)."""
        asked = self._server_wait(getattr(getattr(self.zot, "request", None), "headers", None))
        return _Retry(reason, 1.0 if asked is None else asked, asked=asked)

    def close(self) -> None:
        try:
            self.zot.client.close()
        except Exception:  # noqa: BLE001 - closing is best effort
            pass


NOT_JSON = "Zotero answered with something that is not JSON"


def _not_json(raw: Any) -> _Retry:
    """A 200 answer that is not the Web API's JSON (an HTML error page from a proxy, an empty body...)."""
    what = "an empty body" if raw in (None, b"", "") else f"a {type(raw).__name__}"
    return _Retry(f"{NOT_JSON} ({what}); is ZOTSYNC_ZOTERO_URL the Zotero Web API?", 1.0)


def _objects(raw: Any) -> list[dict[str, Any]]:
    """A page of API objects: a list of dicts, each with a key (in ``data`` or at the top)."""
    if not isinstance(raw, list) or not all(
        isinstance(o, dict) and isinstance(o.get("data", o), dict) and "key" in o.get("data", o)
        for o in raw
    ):
        raise _not_json(raw)
    return raw


def _versions(raw: Any) -> dict[str, int]:
    """``format=versions``: {key: version}."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and isinstance(v, int) for k, v in raw.items()
    ):
        raise _not_json(raw)
    return dict(raw)


def _deleted(raw: Any) -> dict[str, list[str]]:
    """``/deleted``: {"items": [keys], "collections": [keys], ...}."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
        raise _not_json(raw)
    return dict(raw)


def batches(objects: Iterable[Any], size: int = BATCH) -> Iterable[list[Any]]:
    chunk: list[Any] = []
    for obj in objects:
        chunk.append(obj)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _is_loopback(url: str) -> bool:
    return "//127.0.0.1" in url or "//localhost" in url or "//[::1]" in url


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else ""
