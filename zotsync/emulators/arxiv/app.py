"""The arXiv API's wire format: routes, parameter validation, status codes, feeds.

``GET /api/query`` (and ``POST`` with a form body, as the service allows);
``GET /pdf/<id>[v<n>]``: a small valid PDF per version (:mod:`.pdf`). Every
failure is an Atom error feed with the service's exact message (docs §3.1, §3.7):

====================================  ======  ============================================
request                               status  summary
====================================  ======  ============================================
neither ``search_query`` nor ids      400     Either a search_query or id_list must be …
``start=x`` / ``start=-1``            400     start must be an integer / non-negative
``max_results=x`` / ``=-1``           400     max_results must be an integer / non-negative
``max_results`` > 30000               400     max_results must not exceed 30000 (documented
                                              limit; the wording is the emulator's)
bad ``sortBy`` / ``sortOrder``        400     sortBy must be in: … / sortOrder must be in: …
malformed id in ``id_list``           400     incorrect id format for <id>
unparseable ``search_query``          400     Invalid query string: '<query>'
other methods                         405     (Flask's text)
other paths                           404     (Flask's text)
====================================  ======  ============================================

Empty parameter values count as "not given" (arxiv.py always sends all six).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

from zotsync.emulators.arxiv.atom import FeedHeader, render_error, render_feed
from zotsync.emulators.arxiv.backend import SORT_BY, SORT_ORDER, ArxivBackend
from zotsync.emulators.arxiv.legacy import render_legacy_error, render_legacy_feed
from zotsync.emulators.arxiv.pdf import CONTENT_TYPE as PDF_TYPE
from zotsync.emulators.arxiv.pdf import render_pdf
from zotsync.emulators.arxiv.query import Node, QuerySyntaxError, compile_query, serialize
from zotsync.emulators.arxiv.records import looks_like_id, split_id
from zotsync.emulators.core.http import Request, Response

__all__ = ["ArxivApp", "ApiError"]

CONTENT_TYPE = "application/atom+xml; charset=utf-8"
ERRORS = "https://arxiv.org/api/errors"
SORT_HELP = "https://arxiv.org/help/api/user-manual#sort"
MAX_RESULTS_LIMIT = 30000


class ApiError(Exception):
    """A request the service refuses: status, message and the error link."""

    def __init__(self, message: str, link: str = ERRORS, status: int = 400, anchor: bool = False):
        super().__init__(message)
        self.message, self.status = message, status
        self.link = f"{link}#{message.replace(' ', '_')}" if anchor else link


@dataclass(frozen=True)
class Params:
    query: str | None
    ids: str | None
    start: int
    max_results: int
    sort_by: str
    sort_order: str


def _integer(raw: str | None, name: str, default: int) -> int:
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(f"{name} must be an integer", anchor=True) from None
    if value < 0:
        raise ApiError(f"{name} must be non-negative", anchor=True)
    return value


def _choice(raw: str | None, name: str, allowed: tuple[str, ...], default: str) -> str:
    if raw is None or raw == "":
        return default
    if raw not in allowed:
        raise ApiError(f"{name} must be in: {', '.join(allowed)}", link=SORT_HELP)
    return raw


def read_params(values: dict[str, list[str]]) -> Params:
    """Validated request parameters, in the service's order of checks."""
    arg = lambda name: (values.get(name) or [None])[0]  # noqa: E731 - first value or None
    query, ids = arg("search_query") or None, arg("id_list") or None
    if query is None and ids is None:
        raise ApiError("Either a search_query or id_list must be specified for the classic API.")
    if ids is not None:
        for element in ids.split(","):
            if not looks_like_id(element):
                raise ApiError(f"incorrect id format for {element}", anchor=True)
    max_results = _integer(arg("max_results"), "max_results", 10)
    if max_results > MAX_RESULTS_LIMIT:
        raise ApiError(f"max_results must not exceed {MAX_RESULTS_LIMIT}")
    return Params(
        query=query,
        ids=ids,
        start=_integer(arg("start"), "start", 0),
        max_results=max_results,
        sort_by=_choice(arg("sortBy"), "sortBy", SORT_BY, "relevance"),
        sort_order=_choice(arg("sortOrder"), "sortOrder", SORT_ORDER, "descending"),
    )


class ArxivApp:
    """An emulator app (``handle``/``reset``) serving one :class:`ArxivBackend`."""

    def __init__(
        self, backend: ArxivBackend, clock=None, legacy: bool = False, lie_total: int = 0
    ) -> None:
        self.backend = backend
        self.clock = clock  # optional () -> the feed's <updated> text, for byte-exact tests
        self.legacy = legacy  # serve the pre-2025-11 feed shape (lenient about bad queries)
        self.initial_lie = lie_total
        self.lie_total = lie_total  # added to totalResults: the "lying total" fault (docs §6.3)

    def reset(self) -> None:
        """Back to the start-up options (the corpus itself is read-only)."""
        self.lie_total = self.initial_lie

    def handle(self, request: Request) -> Response:
        if request.path.startswith("/pdf/") and request.method in ("GET", "HEAD"):
            return self._pdf(request.path.removeprefix("/pdf/").removesuffix(".pdf"))
        if request.path != "/api/query":
            return self._error(
                ApiError(
                    "The requested URL was not found on the server. If you entered the URL "
                    "manually please check your spelling and try again.",
                    status=404,
                )
            )
        if request.method not in ("GET", "POST", "HEAD"):
            return self._error(
                ApiError("The method is not allowed for the requested URL.", status=405)
            )
        values = self._values(request)
        try:
            return self._query(read_params(values))
        except ApiError as error:
            return self._error(error, values)

    def _pdf(self, text: str) -> Response:
        """The PDF of ``<id>`` (latest version) or ``<id>v<n>``; 404 for anything else."""
        parsed = split_id(text)
        record = self.backend.record(parsed[0]) if parsed else None
        version = (parsed[1] or record.latest) if parsed and record else 0
        if record is None or not 1 <= version <= record.latest:
            return Response.text(f"Article {text} not found", status=404)
        return Response(200, render_pdf(record, version), [("Content-Type", PDF_TYPE)])

    @staticmethod
    def _values(request: Request) -> dict[str, list[str]]:
        if request.method != "POST":
            return request.query
        content_type = (request.headers.get("Content-Type") or "").lower()
        if content_type and "application/x-www-form-urlencoded" not in content_type:
            return request.query
        form = parse_qs(request.body.decode("utf-8", "replace"), keep_blank_values=True)
        return {**request.query, **form}

    def _query(self, params: Params) -> Response:
        rewritten, link_query, tree = self._compile(params.query)
        if params.query is not None and tree is None:  # legacy mode, unparseable query: no hits
            hits, total = (), 0
        else:
            page = self.backend.search(
                tree,
                params.ids.split(",") if params.ids is not None else None,
                sort_by=params.sort_by,
                sort_order=params.sort_order,
                start=params.start,
                max_results=params.max_results,
            )
            hits, total = page.hits, (page.total + self.lie_total) if page.total else 0
        header = FeedHeader(
            rewritten, link_query, params.ids or "", params.start, params.max_results, total
        )
        stamp = self.clock() if self.clock else None
        if self.legacy:
            body = render_legacy_feed(header, params.query or "", hits, stamp)
        else:
            body = render_feed(header, hits, updated=stamp)
        return Response(200, body, [("Content-Type", CONTENT_TYPE)])

    def _compile(self, query: str | None) -> tuple[str, str, Node | None]:
        """(echoed query, link query, tree); an unparseable query is a 400, or no tree in legacy mode."""
        if query is None:
            return "", "", None
        try:
            rewritten, tree = compile_query(query)
        except QuerySyntaxError:
            if not self.legacy:
                raise ApiError(f"Invalid query string: '{query}'") from None
            return query, query, None  # the old service answered 200 with no hits
        return rewritten, serialize(tree), tree

    def _error(self, error: ApiError, values: dict[str, list[str]] | None = None) -> Response:
        stamp = self.clock() if self.clock else None
        if self.legacy:
            first = lambda name: ((values or {}).get(name) or [""])[0]  # noqa: E731
            body = render_legacy_error(
                error.message,
                error.message.replace(" ", "_"),
                first("search_query"),
                first("id_list"),
                stamp,
            )
        else:
            body = render_error(error.message, error.link, updated=stamp)
        return Response(error.status, body, [("Content-Type", CONTENT_TYPE)])
