"""The reading lists and corpora :mod:`resolve_bench` measures on (deterministic, no network).

* :func:`strip_links` — a list as a person would paste it without its links: Markdown/Org
  links reduced to their text, HTML anchors to their text, bare URLs removed. Line numbers
  are kept, so every entry still lines up with ``tests/data/resolve_truth.json``.
* :func:`clean_titles` — the oracle's titles of the five example lists, one per line.
* :func:`large_corpus` / :func:`large_list` — a generated corpus of papers (plus
  near-duplicate distractors: one word changed, a ``Name: Title`` neighbour) and a
  10,000-entry list naming some of them: a quarter by arXiv link, the rest by title only
  (some in sentence case, some with a venue label).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
TRUTH = json.loads((DATA / "resolve_truth.json").read_text(encoding="utf-8"))


def strip_links(text: str) -> str:
    """``text`` with every link reduced to its visible text and bare URLs dropped."""
    text = re.sub(r"\[\[([^\]]+)\]\[([^\]]*)\]\]", lambda m: m.group(2), text)  # Org
    text = re.sub(r"!?\[([^\]]*)\]\(\s*<?[^)\s]*>?(?:\s+\"[^\"]*\")?\s*\)", r"\1", text)
    text = re.sub(r"<a\s[^>]*>(.*?)</a>", r"\1", text, flags=re.S | re.I)
    return re.sub(r"<?https?://[^\s)>\]|]+>?", "", text)


def stripped_seeds(out: Path) -> list[Path]:
    """The five example lists with their links removed, written under ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in sorted((DATA / "seeds").glob("*.txt")):
        path = out / seed.name
        path.write_text(strip_links(seed.read_text(encoding="utf-8")), encoding="utf-8")
        paths.append(path)
    return paths


def clean_titles(out: Path) -> tuple[Path, dict[tuple[str, int], dict]]:
    """The oracle's titles, one per line; and the truth keyed by (file name, line)."""
    out.mkdir(parents=True, exist_ok=True)
    rows = [row for name in sorted(TRUTH) for row in TRUTH[name] if row.get("title")]
    path = out / "clean_titles.txt"
    path.write_text("".join(f"{row['title']}\n" for row in rows), encoding="utf-8")
    return path, {(path.name, i + 1): row for i, row in enumerate(rows)}


def seed_truth() -> dict[tuple[str, int], dict]:
    return {(name, row["line"]): row for name, rows in TRUTH.items() for row in rows}


# --------------------------------------------------------------------------- generated


_WORDS = {
    "adj": """adaptive efficient robust scalable sparse hierarchical contrastive generative
    implicit latent causal modular unified dynamic recurrent federated probabilistic compositional
    equivariant multimodal self-supervised lightweight differentiable continual interpretable
    structured neural spectral stochastic""".split(),
    "noun": """transformers diffusion attention retrieval tokenizers embeddings policies
    planners graphs agents memories experts adapters priors kernels operators features
    representations rewards critics encoders decoders codebooks prompts""".split(),
    "task": """image segmentation|machine translation|speech recognition|protein folding|
    code generation|video understanding|question answering|motion planning|
    weather forecasting|molecule design|object detection|text-to-image synthesis|
    graph classification|recommendation|program synthesis|theorem proving|
    depth estimation|anomaly detection|music generation|time series forecasting""".replace(
        "\n", ""
    ).split("|"),
    "name": """Aurora Basalt Cobalt Dune Ember Fjord Glacier Harbor Iris Juniper Kestrel
    Lumen Mistral Nimbus Onyx Prism Quartz Raven Sierra Tundra Umbra Vertex Willow Xenon
    Yarrow Zephyr""".split(),
}


def _title(rng: random.Random, n: int) -> str:
    w = _WORDS
    name = f"{rng.choice(w['name'])}{rng.choice(['', '-2', 'Net', 'LM', '++', 'Former'])}"
    main = (
        f"{rng.choice(w['adj']).title()} {rng.choice(w['noun']).title()} for "
        f"{rng.choice(w['task']).title()}"
    )
    tail = rng.choice(
        [
            f" with {rng.choice(w['adj']).title()} {rng.choice(w['noun']).title()}",
            f" at Scale ({n})",
            f" in {rng.choice(w['task']).title()} Benchmarks {n}",
            f" via {rng.choice(w['adj']).title()} Objectives {n}",
        ]
    )
    return f"{name}{n % 97}: {main}{tail}"


def large_corpus(path: Path, papers: int = 10_000, seed: int = 13) -> list[dict]:
    """``papers`` generated records plus one distractor for every fifth; written as JSON Lines."""
    rng = random.Random(seed)
    records, titles = [], set()
    for i in range(papers):
        title = _title(rng, i)
        while title in titles:
            title = _title(rng, i + papers)
        titles.add(title)
        month = 1 + i % 12
        records.append(
            {
                "arxiv_id": f"{20 + i // 4000:02d}{month:02d}.{10000 + i:05d}",
                "version": 1 + i % 3,
                "title": title,
                "authors": [f"Author{i} Family{i % 311}", f"Second{i % 53} Writer{i % 89}"],
                "abstract": f"We study {title.lower()}. Experiments on {i % 17 + 3} benchmarks.",
                "published": f"20{20 + i // 4000:02d}-{month:02d}-{1 + i % 27:02d}",
                "categories": ["cs.LG"],
                "year": 2020 + i // 4000,
                "_origin": None,
            }
        )
    for i, rec in enumerate(records[::5]):  # near-duplicate distractors
        head, _, rest = rec["title"].partition(": ")
        words = rest.split()
        words[1] = "Robustified" if words[1] != "Robustified" else "Sparse"
        month = 1 + i % 12
        records.append(
            {
                "arxiv_id": f"2{5 + i // 9000}{month:02d}.{50000 + i:05d}",
                "version": 1,
                "title": f"{head}: {' '.join(words)}",
                "authors": [f"Other{i} Person{i % 97}"],
                "published": f"202{5 + i // 9000}-{month:02d}-03",
                "categories": ["cs.CV"],
                "year": 2025 + i // 9000,
                "_origin": None,
            }
        )
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec) + "\n")
    return records


def large_list(path: Path, records: list[dict], entries: int = 10_000, seed: int = 13) -> dict:
    """A Markdown list of ``entries`` papers of the corpus; returns truth keyed by line."""
    rng = random.Random(seed)
    real = [r for r in records if r["_origin"] is None and r["arxiv_id"] < "2500"]
    chosen = rng.sample(real, min(entries, len(real)))
    lines, truth = ["# Generated reading list", ""], {}
    for n, rec in enumerate(chosen):
        if n % 500 == 0:
            lines += [f"## Part {n // 500 + 1}", ""]
        title, kind = rec["title"], n % 8
        if kind == 0 or kind == 1:
            line = f"- [{title}](https://arxiv.org/abs/{rec['arxiv_id']})"
        elif kind == 2:
            line = f"- {title[0]}{title[1:].lower()}"
        elif kind == 3:
            line = f"- {title} (ICLR {rec['year'] + 1})"
        else:
            line = f"- {title}"
        lines.append(line)
        truth[(path.name, len(lines))] = {"arxiv_id": rec["arxiv_id"], "title": title}
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return truth
