"""Build the red-team corpora: adversarial JSON Lines corpora (issue-3 format) for the resolver.

    python tests/data/redteam/build_redteam_corpora.py [OUT_DIR]   # default tests/data/redteam/out

Deterministic: same inputs, same bytes (about 7 MB in all, so the tests build
them into a temporary directory rather than the repository holding them). Inputs are the sample corpus
(``zotsync/emulators/data/sample_corpus.jsonl``), the oracle
(``tests/data/resolve_truth.json``) and the parsed seed lists (which entries
carry an id). Outputs, in OUT_DIR:

* ``<case>.jsonl`` — one corpus per case (``split_*`` cases give each service
  its own corpus: ``<case>.arxiv.jsonl`` / ``.s2.jsonl`` / ``.hf.jsonl``);
* ``manifest.json`` — per case, which entries were attacked and what must
  happen to them (``resolve`` = resolved to the true paper, ``flag`` = review
  or unresolved, ``not-wrong`` = anything but a wrong paper).

Every record carries an extra key ``_origin``: the arXiv id (or OpenReview id)
of the *real* paper it stands for, or null for a distractor. The emulators
ignore unknown keys; the tests use it to tell a right resolution from a wrong
one even when a record has no arXiv id (a DOI-only copy of a paper).

The cases (see ``tests/resolve/test_resolve_adversarial_corpora.py`` for the expectations):

clean        only the real papers, canonical titles, no distractors.
absent       chosen papers removed; near-duplicates (one word changed, another
             subtitle, a prefix, a superset, a real word a typo away, Q for Q*)
             with the *same* year, author count and a near-copy of the
             abstract stand in their place.
twins        identical-title papers: a later paper (years apart, other authors)
             and a same-year workshop version beside the real one; a paper
             titled "OmniNet: <the listed title>" beside the real one.
spelling     canonical titles rewritten with LaTeX, accents, Greek letters,
             other hyphenation, British spelling, "&" for "and".
gaps         metadata holes: no abstract / authors / categories / dates /
             version; DOI-only papers (arxiv_id null); venue and journal_ref.
split_s2     arXiv and HF lack the paper; S2 holds a near-duplicate, which its
             search/match returns as its best match.
split_hf     HF holds the paper under the listed (older) title; arXiv and S2
             under a revised one (for HF-page entries and others).
split_mislinked  S2 and HF know the listed paper but under another paper's
             arXiv id; arXiv does not know it.
crowd        a title buried under 24 longer titles containing it.
ids_down     linked papers renamed, a look-alike under the listed title; the
             test makes every id lookup fail.
missing_ids  linked arXiv ids that exist nowhere; half of them with a
             same-title paper under another id.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "zotsync" / "emulators" / "data" / "sample_corpus.jsonl"
TRUTH = ROOT / "tests" / "data" / "resolve_truth.json"
SEEDS = ROOT / "tests" / "data" / "seeds"

STOP = {
    "a",
    "an",
    "the",
    "of",
    "for",
    "and",
    "in",
    "on",
    "with",
    "to",
    "via",
    "by",
    "from",
    "is",
    "are",
    "as",
    "at",
}
SWAPS = {
    "models": "Networks",
    "model": "Network",
    "learning": "Training",
    "language": "Speech",
    "image": "Video",
    "images": "Videos",
    "diffusion": "Flow",
    "vision": "Audio",
    "text": "Code",
    "training": "Inference",
    "alignment": "Calibration",
    "generation": "Editing",
    "reward": "Value",
    "visual": "Textual",
    "efficient": "Robust",
    "fine-tuning": "Pre-training",
    "finetuning": "Pretraining",
    "large": "Small",
    "preference": "Feedback",
    "neural": "Spiking",
    "optimization": "Estimation",
    "prompt": "Query",
}
SUFFIXES = (
    "for Multimodal Large Language Models",
    "in Direct Alignment Algorithms",
    "at Scale",
    "with Limited Supervision",
)
SUBTITLES = ("A Unified Perspective", "Theory and Practice", "Revisiting the Benchmarks")


def h(*parts: str) -> int:
    return int(hashlib.sha256("\x1f".join(parts).encode()).hexdigest(), 16)


def load() -> tuple[list[dict], dict, list]:
    sample = [
        json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    from zotsync.parse import parse_files  # build-time only: which entries carry an id

    parsed = [
        e for r in parse_files([str(p) for p in sorted(SEEDS.glob("*.txt"))]) for e in r.entries
    ]
    return sample, truth, parsed


class Builder:
    """Shared inputs and the id allocator for synthetic papers."""

    def __init__(self) -> None:
        sample, truth, parsed = load()
        self.truth = truth
        rows = {(name, r["line"]): r for name, rs in truth.items() for r in rs}
        self.entries = [(e, rows[(Path(e.source).name, e.line)]) for e in parsed]
        wanted = {r.get("arxiv_id") for r in rows.values()} | {
            r.get("openreview_id") for r in rows.values()
        }
        wanted.discard(None)
        self.base: list[dict] = []
        for rec in sample:
            origin = rec.get("arxiv_id") or rec.get("openreview_id")
            if origin in wanted:
                self.base.append({**rec, "_origin": origin})
        self.by_origin = {r["_origin"]: r for r in self.base}
        self.used_ids = {r["arxiv_id"] for r in sample if r.get("arxiv_id")}

    def new_id(self, like: dict, salt: str) -> str:
        """A fresh, well-formed id in the same month as ``like`` (never a real corpus id)."""
        yymm = (like.get("published") or "2024-01-01")[2:7].replace("-", "")
        n = 90000 + h(salt, like["title"]) % 9000
        while f"{yymm}.{n:05d}" in self.used_ids:
            n += 1
        self.used_ids.add(f"{yymm}.{n:05d}")
        return f"{yymm}.{n:05d}"

    def title_only(self, dialect: str | None = None) -> list[tuple]:
        """(entry, truth row, record) of title-only entries whose real paper is in the corpus."""
        out, seen = [], set()
        for e, row in self.entries:
            rid = row.get("arxiv_id")
            if e.arxiv_id or e.openreview_id or not rid or rid in seen or rid not in self.by_origin:
                continue
            if row.get("review_ok") or (dialect and e.dialect != dialect):
                continue
            seen.add(rid)
            out.append((e, row, self.by_origin[rid]))
        return out

    def id_linked(self) -> list[tuple]:
        out, seen = [], set()
        for e, row in self.entries:
            if e.arxiv_id and e.arxiv_id not in seen and e.arxiv_id in self.by_origin:
                seen.add(e.arxiv_id)
                out.append((e, row, self.by_origin[e.arxiv_id]))
        return out


def key(entry) -> str:
    return f"{Path(entry.source).name}:{entry.line}"


def pick(items: list, every: int, offset: int = 0) -> list:
    return items[offset::every]


# --------------------------------------------------------------------------- title mutations


def one_word(title: str, salt: str) -> str:
    """Change exactly one content word (not the first), keeping everything else."""
    words = title.split()
    spots = [i for i, w in enumerate(words) if i and w.lower().strip(":,?") in SWAPS]
    if spots:
        i = spots[h(salt) % len(spots)]
        core = words[i].lower().strip(":,?")
        words[i] = (
            words[i].lower().replace(core, SWAPS[core]) if words[i][-1] in ":,?" else SWAPS[core]
        )
        return " ".join(words)
    content = [i for i, w in enumerate(words) if i and w.lower() not in STOP]
    i = content[-1] if content else len(words) - 1
    return " ".join(
        words[:i] + ["Latent"] + words[i:]
    )  # "... Training Consistency Models" -> "... Latent ..."


def other_subtitle(title: str, salt: str) -> str:
    """``Head: A`` -> ``Head: B``. A title without a subtitle gets a colon-less extension instead:
    a list that omits a subtitle is normal (issue 3), so ``X`` vs ``X: Sub`` is not an attack."""
    if ":" not in title:
        return f"{title.rstrip('.?')} {SUFFIXES[(h(salt) + 1) % len(SUFFIXES)]}"
    return f"{title.split(':', 1)[0]}: {SUBTITLES[h(salt) % len(SUBTITLES)]}"


def prefix(title: str, salt: str) -> str:
    """The title cut short (at least one word dropped; a short title gets a word instead)."""
    words = title.replace(":", "").split()
    if len(words) <= 4:
        return f"{title} Revisited"
    return " ".join(words[: max(3, len(words) - 3)])


def superset(title: str, salt: str) -> str:
    return f"{title.rstrip('.?')} {SUFFIXES[h(salt) % len(SUFFIXES)]}"


MUTATIONS = (one_word, other_subtitle, prefix, superset)

# real words a character or two apart: a resolver's typo tolerance must not equate them
NEIGHBOURS = {
    "segmentation": "Augmentation",
    "sparse": "Spare",
    "training": "Raining",
    "diffusion": "Diffusive",
    "image": "Imagen",
    "learning": "Leaning",
    "model": "Modal",
    "models": "Modals",
}


def neighbour_word(title: str, salt: str) -> str | None:
    """One word swapped for a real word a typo away ("Segmentation" -> "Augmentation"), else None."""
    words = title.split()
    for i, w in enumerate(words):
        core = w.lower().strip(":,?")
        if i and core in NEIGHBOURS:
            words[i] = w.lower().replace(core, NEIGHBOURS[core])
            return " ".join(words)
    return None


def near_copy_abstract(abstract: str | None, salt: str) -> str | None:
    """The abstract with its last sentence replaced: >60% word overlap, a different paper."""
    if not abstract:
        return abstract
    sentences = re.split(r"(?<=\.)\s+", abstract)
    keep = sentences[:-1] if len(sentences) > 2 else sentences
    return " ".join(keep + [f"We further study a variant (setting {h(salt) % 97})."])


def distractor(b: Builder, real: dict, title: str, salt: str, **changes) -> dict:
    """A different paper that looks like ``real``: same month, author count and categories."""
    authors = [
        f"{n.split()[0]} {n.split()[-1]}son" if n.split() else n for n in real.get("authors") or []
    ]
    rec = {
        **real,
        "arxiv_id": b.new_id(real, salt),
        "title": title,
        "authors": authors,
        "abstract": near_copy_abstract(real.get("abstract"), salt),
        "doi": None,
        "openreview_id": None,
        "_origin": None,
    }
    rec.update(changes)
    return rec


# --------------------------------------------------------------------------- cases


def case_clean(b: Builder) -> tuple[list[dict], dict]:
    return list(b.base), {}


def case_absent(b: Builder) -> tuple[list[dict], dict]:
    targets = pick(b.title_only(), 6)
    drop, extra, expect = set(), [], {}
    for n, (e, row, rec) in enumerate(targets):
        drop.add(rec["_origin"])
        for m in (MUTATIONS[n % 4], MUTATIONS[(n + 1) % 4]):
            extra.append(distractor(b, rec, m(rec["title"], key(e)), key(e) + m.__name__))
        expect[key(e)] = "flag"
    chosen = {t[2]["_origin"] for t in targets}
    typo_targets = [
        t
        for t in pick(b.title_only(), 3, 1)
        if t[2]["_origin"] not in chosen
        and neighbour_word(t[2]["title"], "")
        and len(t[2]["title"].split()) >= 6
    ][:12]
    for e, row, rec in typo_targets:
        drop.add(rec["_origin"])
        extra.append(distractor(b, rec, neighbour_word(rec["title"], key(e)), key(e) + "typo"))
        expect[key(e)] = "flag"
    # the brief's own pairs: the listed paper absent, its real look-alike present
    for name, line in (("001_b36b5920c9660b6f.txt", 11), ("000_f3a17fb8dc4736dd.txt", 47)):
        row = next(r for r in b.truth[name] if r["line"] == line)
        drop.add(row["arxiv_id"])
        expect[f"{name}:{line}"] = "flag"
    # Q* is not Q: "From r to Q∗ : ..." (000:107) absent, the same title without the star present
    qstar = b.by_origin["2404.12358"]
    drop.add("2404.12358")
    extra.append(distractor(b, qstar, qstar["title"].replace("$Q^*$", "$Q$"), "no-star"))
    expect["000_f3a17fb8dc4736dd.txt:107"] = "flag"
    corpus = [r for r in b.base if r["_origin"] not in drop] + extra
    if "2406.02900" not in {
        r["arxiv_id"] for r in corpus
    }:  # pragma: no cover - it is listed in 000
        raise SystemExit("expected the Direct Alignment Algorithms paper in the base corpus")
    return corpus, expect


def case_twins(b: Builder) -> tuple[list[dict], dict]:
    extra, expect = [], {}
    hinted = [t for t in b.title_only() if t[0].year or t[0].hints.get("date")]
    plain = [t for t in b.title_only() if not (t[0].year or t[0].hints.get("date"))]
    for e, row, rec in pick(hinted, 4):
        year = int((rec.get("published") or "2020")[:4])
        later = distractor(
            b,
            rec,
            rec["title"],
            key(e) + "later",
            published=f"{year + 3}-06-01",
            updated=f"{year + 3}-06-01",
            year=year + 3,
            authors=(rec.get("authors") or [])[:1]
            + ["Ada Lovelace", "Alan Turing", "Emmy Noether"],
            abstract="We revisit the question with a new method and new data, years later.",
        )
        extra.append(later)
        expect[key(e)] = "resolve"  # the hint tells them apart
    for e, row, rec in pick(plain, 8):
        extra.append(
            distractor(
                b,
                rec,
                rec["title"],
                key(e) + "workshop",
                venue="NeurIPS Workshop",
                comment="Workshop version",
            )
        )
        expect[key(e)] = "not-wrong"  # indistinguishable: review is the honest answer
    for e, row, rec in pick(
        plain, 8, 4
    ):  # a paper *named* "Name: <the listed title>" beside the real one
        if ":" not in rec["title"]:
            extra.append(distractor(b, rec, f"OmniNet: {rec['title']}", key(e) + "named"))
            expect[key(e)] = "not-wrong"
    return list(b.base) + extra, expect


_SPELL = (
    (re.compile(r"\bPre-training\b"), "Pretraining"),
    (re.compile(r"\bPretraining\b"), "Pre-Training"),
    (re.compile(r"\bFine-tuning\b", re.I), "Finetuning"),
    (re.compile(r"\bFinetuning\b"), "Fine-Tuning"),
    (re.compile(r"\b(\w+)ization\b"), r"\1isation"),
    (re.compile(r"\band\b"), "&"),
    (re.compile(r"\b(\w+)ize\b"), r"\1ise"),
    (re.compile(r"\bnaive\b", re.I), r"Na{\\\"i}ve"),
    (re.compile(r"\bAlpha\b"), r"$\\alpha$"),
    (re.compile(r"\bBeyond\b"), r"\\textit{Beyond}"),
)


def respell(title: str, salt: str) -> str:
    """Apply the first matching spelling rewrite (rotating start), else emphasise a word."""
    start = h(salt) % len(_SPELL)
    for i in range(len(_SPELL)):
        pattern, repl = _SPELL[(start + i) % len(_SPELL)]
        new = pattern.sub(repl, title, count=1)
        if new != title:
            return new
    words = title.split()
    i = min(len(words) - 1, 1 + h(salt, "w") % max(1, len(words) - 1))
    if h(salt, "k") % 2:
        words[i] = r"\textit{" + words[i] + "}"
    else:
        words[i] = "{" + words[i] + "}"  # BibTeX-style case protection, as some records carry
    return " ".join(words)


def case_spelling(b: Builder) -> tuple[list[dict], dict]:
    corpus, expect = [], {}
    targets = {t[2]["_origin"]: t for t in b.title_only()}
    for rec in b.base:
        new = respell(rec["title"], rec["_origin"])
        corpus.append({**rec, "title": new})
        if rec["_origin"] in targets:
            expect[key(targets[rec["_origin"]][0])] = "resolve"
    return corpus, expect


def case_gaps(b: Builder) -> tuple[list[dict], dict]:
    corpus, expect = [], {}
    doi_only = {t[2]["_origin"]: t for t in pick(b.title_only(dialect="hf"), 15, 3)}
    for n, rec in enumerate(b.base):
        rec = dict(rec)
        hole = n % 5
        if hole == 0:
            rec["abstract"] = None
        elif hole == 1:
            rec["authors"] = []
        elif hole == 2:
            rec.pop("categories", None)
            rec.pop("version", None)
        elif hole == 3:
            rec.pop("published", None)
            rec.pop("updated", None)
        else:
            rec.update(
                venue=rec.get("venue") or "TMLR",
                journal_ref=rec.get("journal_ref") or "TMLR 2024",
                doi=rec.get("doi") or f"10.5555/redteam.{h(rec['_origin']) % 10**6}",
            )
        if rec["_origin"] in doi_only:
            rec.update(
                arxiv_id=None,
                version=None,
                doi=f"10.5555/doi-only.{h(rec['_origin']) % 10**6}",
                venue="Transactions on Machine Learning Research",
                year=rec.get("year"),
            )
            expect[key(doi_only[rec["_origin"]][0])] = "not-wrong"
        corpus.append(rec)
    for e, row, rec in b.id_linked():
        expect[key(e)] = "resolve"
    return corpus, expect


def case_split_s2(b: Builder) -> tuple[dict[str, list[dict]], dict]:
    targets = pick(b.title_only(), 7, 2)
    drop = {t[2]["_origin"] for t in targets}
    rest = [r for r in b.base if r["_origin"] not in drop]
    fakes = [
        distractor(b, rec, MUTATIONS[n % 4](rec["title"], key(e) + "s2"), key(e) + "s2")
        for n, (e, row, rec) in enumerate(targets)
    ]
    return {"arxiv": rest, "hf": rest, "s2": rest + fakes}, {key(t[0]): "flag" for t in targets}


def case_split_hf(b: Builder) -> tuple[dict[str, list[dict]], dict]:
    targets = {
        t[2]["_origin"]: t
        for t in pick(b.title_only(dialect="hf"), 9, 4) + pick(b.title_only(), 17, 5)
    }
    revised = [
        {
            **r,
            "title": other_subtitle(r["title"], r["_origin"]),
            "version": (r.get("version") or 1) + 1,
        }
        if r["_origin"] in targets
        else r
        for r in b.base
    ]
    return {"arxiv": revised, "s2": revised, "hf": list(b.base)}, {
        key(t[0]): "resolve" for t in targets.values()
    }


def case_split_mislinked(b: Builder) -> tuple[dict[str, list[dict]], dict]:
    """S2 and HF know the listed paper but under ANOTHER paper's arXiv id (a mis-merged record);
    arXiv does not know the listed paper at all."""
    targets = pick(b.title_only(), 11, 6)
    drop = {t[2]["_origin"] for t in targets}
    rest = [r for r in b.base if r["_origin"] not in drop]
    others = [r for r in rest if r.get("arxiv_id")]
    s2, expect = list(rest), {}
    for n, (e, row, rec) in enumerate(targets):
        wrong = others[(h(key(e)) + 7 * n) % len(others)]
        others.remove(wrong)
        s2 = [r for r in s2 if r is not wrong]  # the S2 record of `wrong` was merged into this one
        s2.append(
            {
                **rec,
                "arxiv_id": wrong["arxiv_id"],
                "doi": rec.get("doi") or f"10.5555/mislinked.{n}",
                "venue": rec.get("venue") or "Mislinked Venue 2024",
                "_origin": rec["_origin"],
            }
        )
        expect[key(e)] = "flag"
    return {"arxiv": rest, "hf": s2, "s2": s2}, expect  # HF's index mis-keyed the same way


def case_missing_ids(b: Builder) -> tuple[list[dict], dict]:
    targets = pick(b.id_linked(), 6, 1)
    drop = {t[2]["_origin"] for t in targets}
    extra = [
        distractor(
            b,
            rec,
            rec["title"],
            key(e) + "resubmitted",
            abstract=rec.get("abstract"),
            authors=rec.get("authors") or [],
        )
        for n, (e, row, rec) in enumerate(targets)
        if n % 2 == 0
    ]
    corpus = [r for r in b.base if r["_origin"] not in drop] + extra
    return corpus, {key(t[0]): "flag" for t in targets}


TASKS = (
    "Image Classification",
    "Object Detection",
    "Speech Recognition",
    "Machine Translation",
    "Robotics",
    "Medical Imaging",
    "Code Generation",
    "Question Answering",
    "Graph Learning",
    "Time Series",
    "Video",
    "Recommendation",
)


def case_crowd(b: Builder) -> tuple[list[dict], dict]:
    """Each chosen title is buried under many longer titles that contain it ("<title> for Robotics"):
    a phrase query's page fills with look-alikes. The real paper must still be found (or the entry
    flagged), never a look-alike picked."""
    targets = [
        t for t in pick(b.title_only(dialect="hf"), 20, 7) if len(t[2]["title"].split()) >= 5
    ][:5]
    extra = [
        distractor(b, rec, f"{rec['title'].rstrip('.?')} for {task}", key(e) + task)
        for e, row, rec in targets
        for task in TASKS
        for _ in range(1)
    ]
    extra += [
        distractor(
            b, rec, f"{rec['title'].rstrip('.?')}: A Study of {task}", key(e) + task + "study"
        )
        for e, row, rec in targets
        for task in TASKS
    ]
    return list(b.base) + extra, {key(t[0]): "resolve" for t in targets}


def case_ids_down(b: Builder) -> tuple[list[dict], dict]:
    """Linked papers renamed since the list was written, and a paper carrying the *listed* title
    under another id. Run with every id lookup failing (the test scripts the faults), the title
    stage is all that is left: it must not swap the linked id for the look-alike."""
    targets = pick(b.id_linked(), 4, 2)
    chosen = {t[2]["_origin"] for t in targets}
    corpus = [
        {**r, "title": other_subtitle(r["title"], r["_origin"])} if r["_origin"] in chosen else r
        for r in b.base
    ]
    extra = [distractor(b, rec, e.title, key(e) + "listed-title") for e, row, rec in targets]
    return corpus + extra, {key(t[0]): "not-wrong" for t in targets}


CASES = {
    "clean": case_clean,
    "absent": case_absent,
    "twins": case_twins,
    "spelling": case_spelling,
    "gaps": case_gaps,
    "split_s2": case_split_s2,
    "split_hf": case_split_hf,
    "split_mislinked": case_split_mislinked,
    "ids_down": case_ids_down,
    "crowd": case_crowd,
    "missing_ids": case_missing_ids,
}


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )


def build_all(out: Path) -> dict:
    """Write every case's corpus files and ``manifest.json`` into ``out``; return the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    b = Builder()
    manifest = {}
    for name, build in CASES.items():
        corpus, expect = build(b)
        if isinstance(corpus, dict):
            files = {}
            for service, records in corpus.items():
                write_jsonl(out / f"{name}.{service}.jsonl", records)
                files[service] = f"{name}.{service}.jsonl"
        else:
            write_jsonl(out / f"{name}.jsonl", corpus)
            files = {s: f"{name}.jsonl" for s in ("arxiv", "s2", "hf")}
        manifest[name] = {"corpus": files, "expect": expect}
    (out / "manifest.json").write_text(
        json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return manifest


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "out"
    manifest = build_all(out)
    print(
        f"wrote {out}: "
        + ", ".join(f"{n}: {len(m['expect'])} attacked" for n, m in manifest.items())
    )


if __name__ == "__main__":
    main()
