"""The 24 real reading lists as a resolver benchmark: an emulator corpus built from their papers,
near-duplicate distractors, the lists with their links removed, and the judge.

How it is built (deterministic: the same lists give the same bytes):

* **Expectations.** Each list is parsed *with* its links (``zotsync.parse.parse_file``). An
  entry the parser reads as a paper and that carries an arXiv id the list links (a link,
  bare URL or ``arXiv:`` text on the entry's lines) expects exactly that id — the id the list
  itself gives, never a guess. Entries without an arXiv id have no expectation: they are
  judged only for precision (resolving one to a distractor is wrong).
* **Papers.** One corpus record per expected id. Its title is, in this order: the record the
  emulators' sample corpus already holds for that id (real metadata; only when its title is
  like the listed one — the sample corpus also has synthetic ids); a title recalled by
  hand in ``real_lists_papers.json`` (the nickname rows of lists 09, 19, 20 and 24, whose
  listed "title" is a model name or an institution, not the paper's title); else the title
  the list gives (its with-links parse). Authors, dates and abstracts are the sample
  corpus's or hand-written ones where known, else synthesised from a SHA-256 of the id (the
  date from the id's ``YYMM``).
* **Distractors** (synthetic, never a right answer), chosen per paper by the id's hash:
  a *subtitle variant* (``Main: another subtitle``, or the title plus a subtitle), a
  *same-prefix extension* (``… for Low-Resource Settings``), *one word changed*, *the same
  title by other authors four years later*, and a *duplicate submission* (same title and
  authors, a later id: the librarian's rule picks the earlier one, which is the listed one).
  Every nickname paper gets three more: a follow-up (``N++: …``, two years later), a paper
  of another field with the same acronym (``N: …``) and a paper that names it in passing.
* **Blog posts.** A generated list ``zz_blog_posts.md`` holds a ``## Blog posts`` section
  whose 40 items carry the exact titles of arXiv papers of the corpus (distractors no list
  names, so no paper entry shares their identity); none of them may resolve.

Judging (``judge``): per list, *right* = a usable decision naming the expected id, *wrong*
= a usable decision naming another paper (or any paper for a blog post; a distractor for an
entry without expectation); precision = right / (right + wrong); recall = right / entries
with an expectation (an entry the stripped parse no longer returns counts as missed).
Nickname entries (a listed name, not a title) also report whether the expected paper is
among the first three review candidates.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LISTS = ROOT.parent / "shared" / "lists"
CURATED = Path(__file__).resolve().parent / "real_lists_papers.json"
BLOG_LIST = "zz_blog_posts.md"
# blog posts are titled like these distractors: papers on arXiv that no list names
BLOG_KINDS = ("same-prefix", "one-word", "subtitle-variant", "with-subtitle")

_NEW_ID = re.compile(r"^(\d{2})(\d{2})\.\d{4,5}$")
_OLD_ID = re.compile(r"^[a-z-]+(?:\.[A-Z]{2})?/(\d{2})(\d{2})\d{3}$")
_STRIP = (
    (re.compile(r"\[\[([^\]]+)\]\[([^\]]*)\]\]"), lambda m: m.group(2)),  # Org
    (re.compile(r"!?\[([^\]]*)\]\(\s*<?[^)\s]*>?(?:\s+\"[^\"]*\")?\s*\)"), r"\1"),  # Markdown
    (re.compile(r"<a\s[^>]*>(.*?)</a>", re.S | re.I), r"\1"),  # HTML anchors
    (re.compile(r"<?https?://[^\s)>\]|]+>?"), ""),  # bare URLs
)
_FIRST = "Ada Bram Chen Dalia Emre Farah Goran Hana Ivo Jun Kemal Lena Mateo Nadia".split()
_LAST = "Abe Berg Costa Dumont Eklund Fischer Garcia Haddad Ito Jensen Kowalski Li".split()
_TASKS = (
    "Low-Resource Settings",
    "Edge Devices",
    "Medical Imaging",
    "Streaming Data",
    "Multilingual Text",
    "Robotic Control",
)
_SWAP = {
    "networks": "Machines",
    "network": "Machine",
    "learning": "Training",
    "models": "Systems",
    "model": "System",
    "image": "Video",
    "images": "Videos",
    "language": "Speech",
    "neural": "Spiking",
    "deep": "Shallow",
    "detection": "Tracking",
    "transformer": "Mixer",
    "transformers": "Mixers",
    "attention": "Gating",
    "graph": "Hypergraph",
    "efficient": "Robust",
}
_OTHER_FIELD = (
    "Sparse Coding Networks for Speech Enhancement",
    "A Query Planner for Streaming Databases",
    "Neutrino Mass Bounds from Cosmological Surveys",
    "Secure Aggregation for Federated Analytics",
)


def strip_links(text: str) -> str:
    """A list as pasted without its links (line numbers kept)."""
    for pattern, repl in _STRIP:
        text = pattern.sub(repl, text)
    return text


def _hash(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("|".join(parts).encode()).digest()[:8], "big")


def id_date(arxiv_id: str) -> tuple[int, int]:
    """(year, month) an arXiv id was issued in."""
    m = _NEW_ID.match(arxiv_id) or _OLD_ID.match(arxiv_id)
    if not m:
        return 2020, 1
    yy, mm = int(m.group(1)), int(m.group(2))
    return (1900 + yy if yy > 90 else 2000 + yy), max(1, min(12, mm))


@dataclass
class Expected:
    list_name: str
    line: int
    arxiv_id: str
    listed: str  # the title as the list gives it (with links)


@dataclass
class Build:
    """What :func:`build` writes and the judge reads."""

    corpus: Path
    lists: list[Path]  # the stripped lists (plus the blog list)
    expected: dict[tuple[str, int], Expected]
    blogs: set[tuple[str, int]]
    nicknames: set[tuple[str, int]]  # (list, line) of the rows that name their paper by a nickname
    distractor_ids: set[str]
    counts: dict[str, int] = field(default_factory=dict)


def _parse(path: Path):
    from zotsync.parse import parse_file

    return [e for e in parse_file(path).entries if e.kind == "paper"]


def _sample_records() -> dict[str, dict]:
    path = ROOT / "zotsync" / "emulators" / "data" / "sample_corpus.jsonl"
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec.get("arxiv_id"):
            out[rec["arxiv_id"]] = rec
    return out


def _authors(key: str, n: int = 3) -> list[str]:
    h = _hash("authors", key)
    return [
        f"{_FIRST[(h >> (4 * i)) % len(_FIRST)]} {_LAST[(h >> (4 * i + 2)) % len(_LAST)]}"
        for i in range(n)
    ]


def _record(arxiv_id: str, title: str, **extra) -> dict:
    year, month = id_date(arxiv_id)
    rec = {
        "arxiv_id": arxiv_id,
        "version": 1 + _hash("v", arxiv_id) % 3,
        "title": title,
        "authors": _authors(arxiv_id),
        "abstract": f'This paper, "{title}", describes the method and its experiments.',
        "published": f"{year}-{month:02d}-{1 + _hash('d', arxiv_id) % 27:02d}",
        "categories": ["cs.LG"],
        "year": year,
    }
    rec.update({k: v for k, v in extra.items() if v is not None})
    return rec


def is_nickname(listed: str, title: str) -> bool:
    """A listed name rather than a title: a word or two (``BERT``, ``Llama 2``) that is not the
    paper's whole title (``Pixtral 12B`` is)."""
    from zotsync.resolve.matching import is_acronym_only, tokens

    return is_acronym_only(listed) and tokens(listed) != tokens(title)


def _same_paper(listed: str, title: str) -> bool:
    """Whether the sample corpus's record is the listed paper: its synthetic ids (papers of the
    Hugging Face example pages) may coincide with a real id another list links."""
    from zotsync.resolve.matching import title_similarity

    return title_similarity(listed, title) >= 0.6


class _Ids:
    """Synthetic distractor ids that collide with no real one."""

    def __init__(self, taken: set[str]):
        self.taken, self.n = set(taken), 0

    def new(self, year: int, month: int) -> str:
        year = max(year, 2015)
        while True:
            self.n += 1
            candidate = f"{year % 100:02d}{month:02d}.{90000 + self.n:05d}"
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate


def _main_part(title: str) -> tuple[str, str] | None:
    parts = re.split(r"\s*:\s+", title, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else None


def _swap_word(title: str) -> str | None:
    words = title.split()
    for i, w in enumerate(words):
        repl = _SWAP.get(w.lower().strip(",.:"))
        if repl:
            return " ".join(words[:i] + [repl] + words[i + 1 :])
    return None


def _distractors(rec: dict, ids: _Ids, nickname: str | None) -> list[dict]:
    """The near-duplicates of one paper (see the module docstring)."""
    aid, title = rec["arxiv_id"], rec["title"]
    year, month = id_date(aid)
    bucket = _hash("bucket", aid) % 100
    out: list[dict] = []

    def add(kind: str, new_title: str, dyear: int = 0, **extra) -> None:
        nid = ids.new(year + dyear, month)
        out.append(
            {
                **_record(nid, new_title, **extra),
                "published": f"{max(year + dyear, 2015)}-{month:02d}-20",
                "year": year + dyear,
                "_distractor": kind,
                "_of": aid,
            }
        )

    halves = _main_part(title)
    if bucket < 20:
        if halves:
            add("subtitle-variant", f"{halves[0]}: Revisiting {_TASKS[bucket % 6]}", 1)
        else:
            add("same-prefix", f"{title} for {_TASKS[bucket % 6]}", 1)
    elif bucket < 35:
        swapped = _swap_word(title)
        if swapped:
            add("one-word", swapped, 1)
    elif bucket < 40:
        add("same-title-other-year", title, 4, authors=_authors("other" + aid))
    elif bucket < 44:
        add(
            "duplicate-submission",
            title,
            0,
            authors=rec["authors"],
            abstract=rec.get("abstract"),
        )
        out[-1]["published"] = f"{year}-{month:02d}-28"
        out[-1]["year"] = rec.get("year", year)
    elif bucket < 50:
        add("with-subtitle", f"{title}: {_TASKS[bucket % 6]} and Beyond", 2)
    if nickname:
        add(
            "nickname-follow-up",
            f"{nickname}++: Improving {title.split(':')[-1].strip()}",
            2,
            abstract=f"We revisit {nickname} and propose {nickname}++, which improves it.",
        )
        add(
            "nickname-other-field",
            f"{nickname}: {_OTHER_FIELD[bucket % len(_OTHER_FIELD)]}",
            -4 if year >= 2019 else 5,
            abstract=f"We propose {nickname}, a method for a different problem.",
            categories=["eess.AS"],
        )
        add(
            "nickname-mention",
            f"A Benchmark of Recent Methods {bucket}",
            1,
            abstract=f"We compare many methods, including {nickname}, on shared benchmarks.",
        )
    return out


def build(out: Path, lists_dir: Path = LISTS, names: list[str] | None = None) -> Build:
    """Write the corpus, the stripped lists and the blog list under ``out``; return the build."""
    out.mkdir(parents=True, exist_ok=True)
    curated = json.loads(CURATED.read_text(encoding="utf-8"))["papers"]
    sample = _sample_records()
    paths = sorted(p for p in lists_dir.glob("[0-9][0-9]_*") if p.suffix in (".md", ".org"))
    if names:
        paths = [p for p in paths if p.name in names]
    expected: dict[tuple[str, int], Expected] = {}
    listed_titles: dict[str, list[str]] = defaultdict(list)
    for path in paths:
        for e in _parse(path):
            if e.arxiv_id:
                expected[(path.name, e.line)] = Expected(path.name, e.line, e.arxiv_id, e.title)
                listed_titles[e.arxiv_id].append(e.title)
    records: dict[str, dict] = {}
    nicknames: dict[str, str] = {}
    for aid, titles in listed_titles.items():
        listed = max(titles, key=titles.count)  # an id listed under several titles: the usual one
        cur = curated.get(aid)
        if aid in sample and _same_paper(listed, sample[aid]["title"]):
            rec = {k: v for k, v in sample[aid].items() if not k.startswith("_")}
        elif cur:
            rec = _record(aid, cur["title"], abstract=cur.get("abstract"))
        else:
            rec = _record(aid, listed)
        records[aid] = rec
        named = [t for t in titles if t.strip() and is_nickname(t, rec["title"])]
        if cur and cur.get("abstract") and named:
            nicknames[aid] = named[0]
    ids = _Ids(set(records) | set(sample))
    distractors = [
        d for aid, rec in records.items() for d in _distractors(rec, ids, nicknames.get(aid))
    ]
    with (out / "corpus.jsonl").open("w", encoding="utf-8") as fh:
        for rec in [*records.values(), *distractors]:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    stripped = []
    for path in paths:
        target = out / "lists" / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(strip_links(path.read_bytes().decode("utf-8-sig")).encode("utf-8"))
        stripped.append(target)
    blog = out / "lists" / BLOG_LIST
    lookalikes = [d for d in distractors if d["_distractor"] in BLOG_KINDS]
    chosen = sorted(lookalikes, key=lambda r: _hash("blog", r["arxiv_id"]))[:40]
    lines = ["# Reading", "", "## Blog posts", ""]
    lines += [f"- {r['title']}" for r in chosen]
    blog.write_text("\n".join(lines) + "\n", encoding="utf-8")
    blogs = {(BLOG_LIST, i + 1) for i, line in enumerate(lines) if line.startswith("- ")}
    counts = defaultdict(int)
    for d in distractors:
        counts[d["_distractor"]] += 1
    return Build(
        corpus=out / "corpus.jsonl",
        lists=[*stripped, blog],
        expected=expected,
        blogs=blogs,
        nicknames={
            key
            for key, exp in expected.items()
            if exp.arxiv_id in nicknames and is_nickname(exp.listed, records[exp.arxiv_id]["title"])
        },
        distractor_ids={d["arxiv_id"] for d in distractors},
        counts={"papers": len(records), "distractors": len(distractors), **counts},
    )


@dataclass
class ListScore:
    name: str
    expected: int = 0
    returned: int = 0  # expected entries the stripped parse still returns (same line)
    right: int = 0
    wrong: int = 0
    review: int = 0
    unjudged_usable: int = 0  # entries without expectation resolved to a real list paper
    titled: int = 0  # returned expected entries that are not nicknames
    titled_right: int = 0
    nick_total: int = 0
    nick_top3: int = 0
    wrong_rows: list[str] = field(default_factory=list)
    nick_misses: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)  # expected, returned, not resolved

    @property
    def precision(self) -> float | None:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else None

    @property
    def recall(self) -> float | None:
        return self.right / self.expected if self.expected else None


def judge(build_: Build, report) -> dict[str, ListScore]:
    """Score a resolve report of the stripped lists against the build's expectations."""
    from zotsync.resolve.sources.arxiv_source import canonical_arxiv_id

    scores: dict[str, ListScore] = {}
    for key in build_.expected:
        scores.setdefault(key[0], ListScore(key[0])).expected += 1
    for key in build_.blogs:
        scores.setdefault(key[0], ListScore(key[0]))
    seen = set()
    for row in report.rows:
        key = (Path(row.entry.source).name, row.entry.line)
        if key in seen:
            continue
        seen.add(key)
        s = scores.setdefault(key[0], ListScore(key[0]))
        res = row.resolution
        got = (
            canonical_arxiv_id(res.paper.arxiv_id)
            if res.status.usable and res.paper and res.paper.arxiv_id
            else None
        )
        exp = build_.expected.get(key)
        if exp is not None:
            s.returned += 1
            if key in build_.nicknames:
                s.nick_total += 1
                top = [c.paper.arxiv_id for c in res.candidates[:3]]
                if got == exp.arxiv_id or (not res.status.usable and exp.arxiv_id in top):
                    s.nick_top3 += 1
                else:
                    s.nick_misses.append(
                        f"{key[0]}:{key[1]} {row.entry.title!r} (want {exp.arxiv_id}): "
                        f"{res.status.value}, top three {top}"
                    )
            else:
                s.titled += 1
                s.titled_right += got == exp.arxiv_id
            if got == exp.arxiv_id:
                s.right += 1
            elif res.status.usable:
                s.wrong += 1
                s.wrong_rows.append(
                    f"{key[0]}:{key[1]} {row.entry.title!r} -> {got} (want {exp.arxiv_id})"
                )
            else:
                s.review += res.status.name == "REVIEW"
                s.misses.append(
                    f"{key[0]}:{key[1]} {row.entry.title[:70]!r} (want {exp.arxiv_id}): "
                    f"{res.status.value}: {(res.reason or '')[:90]}"
                )
        elif key in build_.blogs:
            if res.status.usable:
                s.wrong += 1
                s.wrong_rows.append(f"{key[0]}:{key[1]} blog post {row.entry.title!r} -> {got}")
        elif res.status.usable:
            if got in build_.distractor_ids or got is None:
                s.wrong += 1
                s.wrong_rows.append(f"{key[0]}:{key[1]} {row.entry.title!r} -> distractor {got}")
            else:
                s.unjudged_usable += 1
    return scores


def totals(scores: dict[str, ListScore]) -> ListScore:
    t = ListScore("all")
    for s in scores.values():
        for name in (
            "expected",
            "returned",
            "right",
            "wrong",
            "review",
            "unjudged_usable",
            "nick_total",
            "nick_top3",
            "titled",
            "titled_right",
        ):
            setattr(t, name, getattr(t, name) + getattr(s, name))
        t.wrong_rows += s.wrong_rows
        t.nick_misses += s.nick_misses
        t.misses += s.misses
    return t
