"""Semantic Scholar's view of a corpus paper: the full Graph API paper object.

S2 merges a preprint and its published version into one record, so ``venue`` /
``publicationVenue`` / ``journal`` answer "published where?" (``arXiv.org`` for a
preprint only). Identifiers S2 has but the corpus does not (``paperId``, ``CorpusId``,
author ids, citation counts) are derived from stable hashes, so they never change
between runs. Keys come in S2's own order (that of the recorded responses in
``tests/data/s2/``), whatever order ``fields=`` names them in.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from typing import Any

from zotsync.emulators.corpus import CorpusPaper

#: Every top-level paper field, in the order S2 serialises them.
FIELD_ORDER = (
    "paperId",
    "externalIds",
    "corpusId",
    "publicationVenue",
    "url",
    "title",
    "abstract",
    "venue",
    "year",
    "referenceCount",
    "citationCount",
    "influentialCitationCount",
    "isOpenAccess",
    "openAccessPdf",
    "fieldsOfStudy",
    "s2FieldsOfStudy",
    "publicationTypes",
    "publicationDate",
    "journal",
    "citationStyles",
    "authors",
    "citations",
    "references",
    "embedding",
    "tldr",
    "textAvailability",
)
#: Sub-fields accepted after ``authors.`` (``authorId`` and ``name`` are always served).
AUTHOR_FIELDS = (
    "authorId",
    "externalIds",
    "url",
    "name",
    "affiliations",
    "homepage",
    "paperCount",
    "citationCount",
    "hIndex",
    "aliases",
)

ARXIV_VENUE = {
    "id": "1901e811-ee72-4b20-8f7e-de08cd395a10",
    "name": "arXiv.org",
    "alternate_names": ["ArXiv"],
    "issn": "2331-8422",
    "url": "https://arxiv.org",
}

# Short venue (as the corpus writes it) -> (S2 venue name, type, alternate names, url)
_VENUES = {
    "ICLR": (
        "International Conference on Learning Representations",
        "conference",
        ["ICLR", "Int Conf Learn Represent"],
        "https://iclr.cc/",
    ),
    "NeurIPS": (
        "Neural Information Processing Systems",
        "conference",
        ["Neural Inf Process Syst", "NeurIPS", "NIPS"],
        "http://neurips.cc/",
    ),
    "ICML": (
        "International Conference on Machine Learning",
        "conference",
        ["ICML", "Int Conf Mach Learn"],
        "https://icml.cc/",
    ),
    "CVPR": (
        "Computer Vision and Pattern Recognition",
        "conference",
        ["CVPR", "Comput Vis Pattern Recognit"],
        "https://cvpr.thecvf.com/",
    ),
    "ICCV": (
        "IEEE International Conference on Computer Vision",
        "conference",
        ["ICCV", "IEEE Int Conf Comput Vis"],
        "https://iccv2023.thecvf.com/",
    ),
    "ECCV": (
        "European Conference on Computer Vision",
        "conference",
        ["ECCV", "Eur Conf Comput Vis"],
        "https://www.ecva.net/",
    ),
    "EMNLP": (
        "Conference on Empirical Methods in Natural Language Processing",
        "conference",
        ["EMNLP", "Empir Method Nat Lang Process"],
        "https://www.aclweb.org/portal/emnlp",
    ),
    "ACL": (
        "Annual Meeting of the Association for Computational Linguistics",
        "conference",
        ["Annu Meet Assoc Comput Linguistics", "ACL"],
        "https://www.aclweb.org/anthology/venues/acl/",
    ),
    "AISTATS": (
        "International Conference on Artificial Intelligence and Statistics",
        "conference",
        ["AISTATS", "Int Conf Artif Intell Stat"],
        "http://www.aistats.org/",
    ),
    "COLM": ("Conference on Language Modeling", "conference", ["COLM"], "https://colmweb.org/"),
    "BMVC": (
        "British Machine Vision Conference",
        "conference",
        ["BMVC", "Br Mach Vis Conf"],
        "http://www.bmva.org/",
    ),
    "TMLR": (
        "Transactions on Machine Learning Research",
        "journal",
        ["Trans Mach Learn Res", "TMLR"],
        "https://jmlr.org/tmlr/",
    ),
    "JMLR": (
        "Journal of machine learning research",
        "journal",
        ["J Mach Learn Res", "JMLR"],
        "http://www.jmlr.org/",
    ),
    "TPAMI": (
        "IEEE Transactions on Pattern Analysis and Machine Intelligence",
        "journal",
        ["IEEE Trans Pattern Anal Mach Intell", "TPAMI"],
        "http://www.computer.org/tpami/",
    ),
}


def _hash(*parts: str) -> int:
    return int(hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest(), 16)


def paper_key(paper: CorpusPaper) -> str:
    """The identity a record's derived ids hang on: arXiv id, else OpenReview id, else DOI, else title."""
    return paper.arxiv_id or paper.openreview_id or paper.doi or paper.title


def paper_id(paper: CorpusPaper) -> str:
    """S2's 40-hex ``paperId``: stable per paper."""
    return hashlib.sha1(f"s2:{paper_key(paper)}".encode()).hexdigest()


def corpus_id(paper: CorpusPaper) -> int:
    return 1_000_000 + _hash("corpus", paper_key(paper)) % 270_000_000


def author_id(name: str) -> str:
    """One id per author name, shared by all that author's papers (as S2 disambiguates)."""
    return str(1_000_000 + _hash("author", name) % 2_200_000_000)


def venue_info(paper: CorpusPaper) -> tuple[str, dict[str, Any] | None, str]:
    """(``venue`` string, ``publicationVenue`` object, kind) for a paper; kind is conference/journal/preprint."""
    if paper.venue:
        short = re.split(r"[\s\d]", paper.venue.replace("Findings of ", ""), maxsplit=1)[0]
        known = _VENUES.get(short)
        if known and "Workshop" not in paper.venue and "Withdrawn" not in paper.venue:
            name, kind, alternates, url = known
            venue_id = str(uuid.UUID(int=_hash("venue", name) % (1 << 128), version=4))
            return (
                name,
                {
                    "id": venue_id,
                    "name": name,
                    "type": kind,
                    "alternate_names": alternates,
                    "url": url,
                },
                kind,
            )
        return paper.venue, None, "conference"
    if paper.arxiv_id:
        return "arXiv.org", dict(ARXIV_VENUE), "preprint"
    return "", None, "preprint"


def external_ids(paper: CorpusPaper, dblp: str | None) -> dict[str, Any]:
    ids: dict[str, Any] = {}
    if dblp:
        ids["DBLP"] = dblp
    if paper.arxiv_id:
        ids["ArXiv"] = paper.arxiv_id
    doi = paper.doi or (f"10.48550/arXiv.{paper.arxiv_id}" if paper.arxiv_id else None)
    if doi:
        ids["DOI"] = doi
    ids["CorpusId"] = corpus_id(paper)
    return ids


def dblp_key(paper: CorpusPaper, kind: str) -> str | None:
    family = paper.authors[0].split()[-1] if paper.authors else "Anon"
    initials = "".join(a.split()[-1][0] for a in paper.authors[1:4])
    year = str(paper.effective_year or 0)[-2:]
    if kind == "preprint":
        return f"journals/corr/abs-{paper.arxiv_id.replace('.', '-')}" if paper.arxiv_id else None
    venue = re.split(r"[\s\d]", (paper.venue or "x").replace("Findings of ", ""), maxsplit=1)[
        0
    ].lower()
    prefix = "journals" if kind == "journal" else "conf"
    return f"{prefix}/{venue}/{_ascii(family)}{_ascii(initials)}{year}"


def _ascii(text: str) -> str:
    return re.sub(r"[^A-Za-z]", "", text)


def bibtex(paper: CorpusPaper, venue: str, kind: str) -> str:
    """The ``citationStyles.bibtex`` string S2 generates (its key: Family + year + title initials)."""
    words = re.findall(r"[A-Za-z0-9]+", re.sub(r"\$[^$]*\$", "", paper.title)) or ["Paper"]
    family = _ascii(paper.authors[0].split()[-1]) if paper.authors else "Anonymous"
    year = paper.effective_year or ""
    key = f"{family}{year}{words[0].capitalize()}{''.join(w[0].upper() for w in words[1:3])}"
    entry = "Inproceedings" if kind == "conference" and paper.venue else "Article"
    lines = [f"@{entry}{{{key},", f" author = {{{' and '.join(paper.authors)}}},"]
    if kind == "preprint" and paper.arxiv_id:
        lines += [
            " journal = {ArXiv},",
            f" title = {{{paper.title}}},",
            f" volume = {{abs/{paper.arxiv_id}}},",
        ]
    else:
        lines += [
            f" booktitle = {{{venue}}},"
            if entry == "Inproceedings"
            else f" journal = {{{venue}}},",
            f" title = {{{paper.title}}},",
        ]
    lines.append(f" year = {{{year}}}")
    return "\n".join(lines) + "\n}\n"


def full_record(paper: CorpusPaper) -> dict[str, Any]:
    """Every field S2 can serve for this paper, in S2's key order."""
    venue, publication_venue, kind = venue_info(paper)
    pid = paper_id(paper)
    refs = 15 + _hash("refs", pid) % 70
    cites = _hash("cites", pid) % (400 if (paper.effective_year or 2025) >= 2024 else 3000)
    if kind == "preprint":
        journal: dict[str, Any] | None = (
            {"name": "ArXiv", "volume": f"abs/{paper.arxiv_id}"} if paper.arxiv_id else None
        )
        types = ["JournalArticle"]
    elif kind == "journal":
        journal, types = {"name": venue}, ["JournalArticle"]
    else:
        first = 1 + _hash("pages", pid) % 9000
        journal = (
            {"name": venue}
            if publication_venue is None
            else {"pages": f"{first}-{first + 8 + first % 9}"}
        )
        types = ["JournalArticle", "Conference"]
    record: dict[str, Any] = {
        "paperId": pid,
        "externalIds": external_ids(paper, dblp_key(paper, kind)),
        "corpusId": corpus_id(paper),
        "publicationVenue": publication_venue,
        "url": f"https://www.semanticscholar.org/paper/{pid}",
        "title": paper.title,
        "abstract": paper.abstract,
        "venue": venue,
        "year": paper.effective_year,
        "referenceCount": refs,
        "citationCount": cites,
        "influentialCitationCount": cites // 12,
        "isOpenAccess": paper.arxiv_id is not None,
        "openAccessPdf": {"url": f"https://arxiv.org/pdf/{paper.arxiv_id}", "status": "GREEN"}
        if paper.arxiv_id
        else None,
        "fieldsOfStudy": ["Computer Science"]
        + (["Mathematics"] if "stat.ML" in paper.categories else []),
        "s2FieldsOfStudy": [
            {"category": "Computer Science", "source": "external"},
            {"category": "Computer Science", "source": "s2-fos-model"},
        ],
        "publicationTypes": types,
        "publicationDate": paper.published,
        "journal": journal,
        "citationStyles": {"bibtex": bibtex(paper, venue, kind)},
        "authors": [{"authorId": author_id(name), "name": name} for name in paper.authors],
        "citations": [],
        "references": [],
        "embedding": None,
        "tldr": None,
        "textAvailability": "abstract" if paper.abstract else None,
    }
    return record


def author_object(author: dict[str, Any], subfields: set[str]) -> dict[str, Any]:
    """An author entry restricted to requested sub-fields (``authorId`` and ``name`` by default)."""
    wanted = subfields or {"authorId", "name"}
    full = {
        "authorId": author["authorId"],
        "externalIds": {},
        "url": f"https://www.semanticscholar.org/author/{author['authorId']}",
        "name": author["name"],
        "affiliations": [],
        "homepage": None,
        "paperCount": 1 + int(author["authorId"]) % 90,
        "citationCount": int(author["authorId"]) % 20000,
        "hIndex": int(author["authorId"]) % 40,
        "aliases": None,
    }
    return {k: v for k, v in full.items() if k in wanted or k == "authorId"}
