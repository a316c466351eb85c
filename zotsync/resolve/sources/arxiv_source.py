"""arXiv, through the ``arxiv`` package (4.x), made polite and honest.

What this adds to ``arxiv.Client`` (see ``docs/arxiv-api.md`` §2):

* the base URL from ``services.arxiv_url`` (``query_url_format`` on the instance);
* a timeout on every request (:class:`~.http.TimeoutSession` as the client's session);
* our own pacing and 429/503 backoff honouring ``Retry-After`` (the package
  retries blindly, so it runs with ``num_retries=0, delay_seconds=0``);
* a sanity check: a 200 whose body is not an Atom feed (an HTML error page, an
  empty body) is a failure — the package would silently return no results;
* batching: ids go 100 to an ``id_list`` request; titles go
  :data:`TITLES_PER_QUERY` to one ``ti:"…" OR ti:"…"`` phrase query with one page of
  ``max_results`` sized to the batch (:data:`RESULTS_PER_TITLE` per title); the
  results are assigned back to the titles by local scoring. Titles whose batch came
  back full without a plausible hit (crowded out by other titles' hits) are asked
  again :data:`CROWDED_PER_QUERY` at a time, then alone; titles that found nothing
  are retried, batched the same way, with their main part (the text before the
  colon), since a phrase must be a contiguous part of the real title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import arxiv

from zotsync.model import Paper
from zotsync.resolve import matching
from zotsync.resolve.sources.base import Answers, SourceFailure, SourceStats
from zotsync.resolve.sources.http import MAX_WAIT, Gate, Reply, TimeoutSession, reply_from

IDS_PER_REQUEST = 100
TITLES_PER_QUERY = 40  # quoted ti: phrases OR-ed in one search_query
CROWDED_PER_QUERY = 6  # titles crowded out of a full page are asked again this many at a time
MAX_QUERY_CHARS = 4000  # keeps the request URL well under servers' limits
RESULTS_PER_TITLE = 3  # max_results is sized to the batch: this many per title ...
RESULTS_SLACK = 10  # ... plus this many, for titles several papers contain
MAX_PAGE = 2000  # arXiv's documented per-call maximum
NAMES_PER_QUERY = 10  # nicknames per ``ti:"N" OR abs:"N"`` query
RESULTS_PER_NAME = 25  # a name is in many abstracts: a page this big per name

_NEW_ID = re.compile(r"^\d{4}\.\d{4,5}$")
_OLD_ID = re.compile(r"^[a-z][a-z-]*(\.[A-Z]{2})?/\d{7}$")
_SHORT_ID = re.compile(r"(?P<id>\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7})(?:v(?P<v>\d+))?$")


_SUBJECT_CLASS = re.compile(r"^([a-z-]+)\.[A-Z]{2}/")


def canonical_arxiv_id(value: str) -> str:
    """An old-style id without its subject class: ``math.GT/0309136`` → ``math/0309136``.

    arXiv files such papers under ``archive/YYMMNNN`` (its feeds, abs pages and
    the 10.48550 DOIs use that form); the subject class is only a cross-listing hint.
    """
    return _SUBJECT_CLASS.sub(r"\1/", value)


def valid_arxiv_id(value: str) -> bool:
    """A well-formed arXiv id without version (new ``2410.08159`` or old ``hep-th/9901001``)."""
    return bool(_NEW_ID.match(value) or _OLD_ID.match(value))


def paper_from_result(result: arxiv.Result) -> Paper:
    """An ``arxiv.Result`` as a :class:`Paper` (published = v1 date, updated = this version's)."""
    m = _SHORT_ID.search(result.entry_id)
    arxiv_id = m.group("id") if m else result.get_short_id()
    version = int(m.group("v")) if m and m.group("v") else None
    categories = [result.primary_category] if result.primary_category else []
    categories += [c for c in result.categories if c not in categories]
    doi = result.doi.strip() if result.doi else None
    return Paper(
        title=re.sub(r"\s+", " ", result.title).strip(),
        authors=tuple(a.name for a in result.authors),
        arxiv_id=arxiv_id,
        version=version,
        abstract=re.sub(r"\s+", " ", result.summary).strip() or None,
        published=result.published.date().isoformat() if result.published else None,
        updated=result.updated.date().isoformat() if result.updated else None,
        categories=tuple(categories),
        doi=doi if doi and not doi.lower().startswith("10.48550/") else None,
        journal_ref=result.journal_ref or None,
        comment=result.comment or None,
        year=result.published.year if result.published else None,
        url=f"https://arxiv.org/abs/{arxiv_id}" + (f"v{version}" if version else ""),
    )


def _atom_problem(reply: Reply) -> str | None:
    body = reply.body
    if not body.strip():
        return "empty body"
    if b"<feed" not in body[:2048] or b"totalResults" not in body:
        return "a body that is not an Atom feed (HTML error page?)"
    return None


class ArxivSource:
    """The arXiv API as a :class:`~zotsync.resolve.sources.base.Source`."""

    name = "arxiv"
    id_kinds = frozenset({"arxiv"})
    # titles per search() call in the title stage: a few queries' worth, so the main-part
    # retries of several queries share one request while S2 already works on the leftovers
    search_batch = 5 * TITLES_PER_QUERY

    def __init__(
        self,
        base_url: str,
        *,
        interval: float,
        timeout: float,
        gate: Gate | None = None,
        max_wait: float = MAX_WAIT,
    ):
        self.stats = SourceStats()
        self.gate = gate or Gate(self.name, self.stats, interval=interval, max_wait=max_wait)
        self._session = TimeoutSession(timeout)
        self._base = base_url.rstrip("/")
        self._url_format = self._base + "/api/query?{}"

    def pdf(self, arxiv_id: str, version: int | None = None) -> bytes:
        """The PDF of one version (the latest when ``version`` is None), paced like every request."""
        url = f"{self._base}/pdf/{arxiv_id}" + (f"v{version}" if version else "")

        def send() -> Reply:
            return reply_from(self._session.get(url))

        reply = self.gate.call(send, what=f"PDF of {arxiv_id}", validate=_pdf_problem)
        return reply.body

    def _client(self, page_size: int) -> arxiv.Client:
        client = arxiv.Client(page_size=page_size, delay_seconds=0, num_retries=0)
        client.query_url_format = self._url_format
        client._session = self._session  # the package has no hook for a session or a timeout
        return client

    def _run(self, search: arxiv.Search, page_size: int, what: str) -> list[Paper]:
        """One request (one page) for ``search``; raises SourceFailure."""
        client = self._client(page_size)

        def send() -> Reply:
            try:
                results = list(client.results(search))
            except arxiv.HTTPError as exc:
                resp = self._session.last_response
                return Reply(status=exc.status, headers=resp.headers if resp is not None else {})
            resp = self._session.last_response
            return Reply(
                status=200,
                headers=resp.headers if resp is not None else {},
                body=resp.content if resp is not None else b"",
                value=results,
            )

        reply = self.gate.call(send, what=what, validate=_atom_problem)
        return [paper_from_result(r) for r in reply.value or []]

    # ------------------------------------------------------------------ ids

    def lookup(self, ids: Sequence[str]) -> Answers:
        answers = Answers()
        wanted = []
        for key in dict.fromkeys(ids):
            kind, _, value = key.partition(":")
            if kind != "arxiv" or not valid_arxiv_id(value):
                answers.failed[key] = f"not a well-formed arXiv id: {value!r}"
            else:
                wanted.append(value)
        # an old-style id with a subject class is also asked in its canonical form (same request)
        asked = list(dict.fromkeys(w for v in wanted for w in (v, canonical_arxiv_id(v))))
        got: dict[str, Paper] = {}  # canonical id -> paper
        failed: dict[str, str] = {}  # canonical id -> why its batch failed
        for start in range(0, len(asked), IDS_PER_REQUEST):
            batch = asked[start : start + IDS_PER_REQUEST]
            search = arxiv.Search(id_list=batch, max_results=len(batch))
            try:
                papers = self._run(search, len(batch), f"id_list of {len(batch)}")
            except SourceFailure as exc:
                failed.update({canonical_arxiv_id(i): exc.reason for i in batch})
                continue
            got.update({canonical_arxiv_id(p.arxiv_id or ""): p for p in papers})
        for value in wanted:
            canon = canonical_arxiv_id(value)
            if canon in got:
                answers.found[f"arxiv:{value}"] = [got[canon]]
            elif canon in failed:
                answers.failed[f"arxiv:{value}"] = failed[canon]
            else:
                answers.found[f"arxiv:{value}"] = []
        return answers

    def versions(self, keys: Sequence[str]) -> Answers:
        """Earlier versions' records (their titles, as those versions had them): keys
        ``arxiv:IDvN``, batched in ``id_list`` requests like :meth:`lookup`."""
        answers = Answers()
        wanted = [k.partition(":")[2] for k in dict.fromkeys(keys)]
        for start in range(0, len(wanted), IDS_PER_REQUEST):
            batch = wanted[start : start + IDS_PER_REQUEST]
            try:
                papers = self._run(
                    arxiv.Search(id_list=batch, max_results=len(batch)),
                    len(batch),
                    f"id_list of {len(batch)} versions",
                )
            except SourceFailure as exc:
                answers.failed.update({f"arxiv:{v}": exc.reason for v in batch})
                continue
            got = {f"{p.arxiv_id}v{p.version}": p for p in papers}
            for v in batch:
                answers.found[f"arxiv:{v}"] = [got[v]] if v in got else []
        return answers

    # ------------------------------------------------------------------ titles

    def search(self, titles: Sequence[str]) -> Answers:
        answers = Answers()
        phrases = {t: matching.query_title(t) for t in dict.fromkeys(titles)}
        for title, phrase in phrases.items():
            if (
                len(re.findall(r"\w+", phrase)) < 2
            ):  # one word is no phrase: far too many hits to be useful
                answers.found[title] = []
        todo = [t for t in phrases if t not in answers.found]
        answers.merge(self._search_rounds(todo, phrases))
        missed = [t for t in todo if t in answers.found and not answers.found[t]]
        retry = {t: _main_part(phrases[t]) for t in missed}
        retry = {t: p for t, p in retry.items() if p and p != phrases[t]}
        if retry:
            again = self._search_rounds(list(retry), retry)
            for t, papers in again.found.items():
                answers.found[t] = papers
        return answers

    def _search_rounds(self, titles: list[str], phrases: dict[str, str]) -> Answers:
        """Ask in big batches; titles crowded out of a full page are asked again in smaller ones."""
        answers = Answers()
        pending = titles
        for size in (TITLES_PER_QUERY, CROWDED_PER_QUERY, 1):
            crowded: list[str] = []
            for chunk in _chunks(pending, phrases, size):
                answers.merge(self._search_chunk(chunk, phrases, crowded))
            pending = crowded
            if not pending:
                break
        for title in pending:  # crowded even when asked alone: what the page showed is all we get
            answers.found.setdefault(title, [])
        return answers

    def _search_chunk(
        self, chunk: list[str], phrases: dict[str, str], crowded: list[str]
    ) -> Answers:
        """One request for ``chunk``; titles with no plausible hit on a full page go to ``crowded``."""
        answers = Answers()
        page = min(MAX_PAGE, RESULTS_PER_TITLE * len(chunk) + RESULTS_SLACK)
        query = " OR ".join(f'ti:"{phrases[t]}"' for t in chunk)
        try:
            papers = self._run(
                arxiv.Search(query=query, max_results=page),
                page,
                f"title query ({len(chunk)} titles)",
            )
        except SourceFailure as exc:
            if (
                exc.reason.endswith("HTTP 400") and len(chunk) > 1
            ):  # one title broke the query: ask each alone
                for title in chunk:
                    answers.merge(self._search_chunk([title], phrases, crowded))
                return answers
            return Answers(failed={t: exc.reason for t in chunk})
        full = len(papers) >= page
        hits = _assign(chunk, phrases, papers)
        for title in chunk:
            if not hits[title] and full and len(chunk) > 1:
                crowded.append(title)  # crowded out: asked again in a smaller batch
            else:
                answers.found[title] = hits[title]
        return answers

    # ------------------------------------------------------------------ names

    def search_names(self, names: Sequence[str]) -> Answers:
        """Papers whose title or abstract holds each name (``BERT``, ``Zooming Slow-Mo``):
        :data:`NAMES_PER_QUERY` names per ``ti:"N" OR abs:"N"`` query; a name crowded out of
        a full page is asked again alone."""
        answers = Answers()
        todo = [n for n in dict.fromkeys(names) if matching.tokens(n)]
        for start in range(0, len(todo), NAMES_PER_QUERY):
            chunk = todo[start : start + NAMES_PER_QUERY]
            answers.merge(self._names_chunk(chunk))
        return answers

    def _names_chunk(self, chunk: list[str]) -> Answers:
        page = min(MAX_PAGE, RESULTS_PER_NAME * len(chunk))
        phrases = {n: matching.query_title(n).replace('"', " ").strip() for n in chunk}
        query = " OR ".join(f'ti:"{p}" OR abs:"{p}"' for p in phrases.values())
        try:
            papers = self._run(
                arxiv.Search(query=query, max_results=page),
                page,
                f"name query ({len(chunk)} names)",
            )
        except SourceFailure as exc:
            return Answers(failed={n: exc.reason for n in chunk})
        answers = Answers()
        for name in chunk:
            hits = [
                p
                for p in papers
                if matching.contains_phrase(name, p.title)
                or matching.contains_phrase(name, p.abstract or "")
            ]
            if not hits and len(papers) >= page and len(chunk) > 1:
                answers.merge(self._names_chunk([name]))
            else:
                answers.found[name] = hits
        return answers


def _assign(
    chunk: list[str], phrases: dict[str, str], papers: list[Paper]
) -> dict[str, list[Paper]]:
    """Give each paper of a batch's page to the titles whose phrase it contains — what asking
    for that title alone would have returned —, else to the titles it is plausibly like
    (the service's stemming can match a phrase our tokens do not)."""
    hits: dict[str, list[Paper]] = {t: [] for t in chunk}
    for paper in papers:
        owners = [t for t in chunk if matching.contains_phrase(phrases[t], paper.title)]
        if not owners:
            owners = [
                t
                for t in chunk
                if matching.shares_words(t, paper.title)
                and matching.title_similarity(t, paper.title) >= matching.REVIEW_FLOOR / 2
            ]
        for title in owners:
            hits[title].append(paper)
    return hits


def _chunks(titles: list[str], phrases: dict[str, str], size: int) -> list[list[str]]:
    """``titles`` in batches of at most ``size``, each query at most :data:`MAX_QUERY_CHARS` long."""
    chunks: list[list[str]] = []
    current: list[str] = []
    length = 0
    for title in titles:
        cost = len(phrases[title]) + 10  # ti:"…" OR
        if current and (len(current) >= size or length + cost > MAX_QUERY_CHARS):
            chunks.append(current)
            current, length = [], 0
        current.append(title)
        length += cost
    if current:
        chunks.append(current)
    return chunks


def _main_part(phrase: str) -> str | None:
    """The text before a title's colon (or its first six words), as a shorter phrase."""
    if ":" in phrase:
        head = phrase.split(":", 1)[0].strip()
        if len(head.split()) >= 2:
            return head
    words = phrase.replace(":", " ").split()
    return " ".join(words[:6]) if len(words) > 7 else None


def _pdf_problem(reply: Reply) -> str | None:
    return None if reply.body.startswith(b"%PDF-") else "the answer is not a PDF"
