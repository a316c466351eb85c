"""Title normalisation for comparison: LaTeX to text, accents, spelling, stemming. Pure functions.

Two titles that a reader would call "the same words" must normalise alike:
``$Q^*$`` and ``Q∗``, ``Schr{\\"o}dinger`` and ``Schrödinger``, ``Optimisation``
and ``Optimization``, ``Techniques`` and ``Technique``, ``&`` and ``and``. What
counts as *similar* (and what as another paper) is :mod:`zotsync.resolve.matching`'s job.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_GREEK = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "zeta": "ζ",
    "eta": "η",
    "theta": "θ",
    "iota": "ι",
    "kappa": "κ",
    "lambda": "λ",
    "mu": "μ",
    "nu": "ν",
    "xi": "ξ",
    "pi": "π",
    "rho": "ρ",
    "sigma": "σ",
    "tau": "τ",
    "upsilon": "υ",
    "phi": "φ",
    "varphi": "φ",
    "chi": "χ",
    "psi": "ψ",
    "omega": "ω",
    "Gamma": "Γ",
    "Delta": "Δ",
    "Theta": "Θ",
    "Lambda": "Λ",
    "Pi": "Π",
    "Sigma": "Σ",
    "Phi": "Φ",
    "Psi": "Ψ",
    "Omega": "Ω",
}
_GREEK_WORDS = {v.casefold(): k.casefold() for k, v in _GREEK.items()}  # α -> alpha, for scoring
_TEX_SYMBOLS = {
    "times": "×",
    "infty": "∞",
    "ast": "*",
    "star": "*",
    "cdot": "·",
    "pm": "±",
    "to": "→",
    "rightarrow": "→",
    "leftarrow": "←",
    "leq": "≤",
    "geq": "≥",
    "approx": "≈",
    "ell": "ℓ",
    "&": "&",
    "%": "%",
    "_": "_",
    "#": "#",
    "$": "$",
    "{": "{",
    "}": "}",
}
_TEX_ACCENTS = {
    "'": "\u0301",
    "`": "\u0300",
    '"': "\u0308",
    "^": "\u0302",
    "~": "\u0303",
    "c": "\u0327",
    "v": "\u030c",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "H": "\u030b",
}
_TEX_ACCENT = re.compile(r"\\([\'`\"^~=.]|[cvuH](?=[{\s]))\s*\{?([A-Za-z])\}?")
_TEX_CMD_ARG = re.compile(
    r"\\(?:text\w*|math\w*|emph|textbf|textit|operatorname|boldsymbol|bm|mbox|hbox)\s*\{([^{}]*)\}"
)
_TEX_CMD = re.compile(r"\\([A-Za-z]+|[&%_#${}])")
_SUPER_SUB = re.compile(r"[\^_]\s*\{([^{}]*)\}|[\^_]\s*(\S)")


def latex_to_text(title: str) -> str:
    """Turn the LaTeX in a title into plain Unicode text.

    >>> latex_to_text("$Q^*$: Improving Multi-step Reasoning")
    'Q*: Improving Multi-step Reasoning'
    >>> latex_to_text(r"Schr\\"odinger Bridges with $\\alpha$-divergence")
    'Schrödinger Bridges with α-divergence'
    """
    text = _TEX_ACCENT.sub(
        lambda m: unicodedata.normalize("NFC", m.group(2) + _TEX_ACCENTS[m.group(1)]), title
    )
    for _ in range(3):  # nested \textbf{\emph{x}}
        text = _TEX_CMD_ARG.sub(r"\1", text)
    text = _TEX_CMD.sub(lambda m: _GREEK.get(m.group(1), _TEX_SYMBOLS.get(m.group(1), "")), text)
    if "$" in text:
        text = re.sub(
            r"\$([^$]*)\$",
            lambda m: _SUPER_SUB.sub(lambda s: s.group(1) or s.group(2), m.group(1)),
            text,
        )
    text = text.replace("$", "").replace("{", "").replace("}", "").replace("~", " ")
    return re.sub(r"\s+", " ", text).strip()


def fold_accents(text: str) -> str:
    """``Schrödinger`` → ``Schrodinger`` (NFKD, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_UK_US = (
    (re.compile(r"isation(s?)$"), r"ization\1"),
    (re.compile(r"ise([sd]?)$"), r"ize\1"),
    (re.compile(r"ising$"), "izing"),
    (re.compile(r"our$"), "or"),
    (re.compile(r"yse([sd]?)$"), r"yze\1"),
)


def stem(word: str) -> str:
    """A light, predictable stemmer: UK→US spelling, plurals, -ing/-ed.

    Enough to equate ``Technique``/``Techniques``, ``Optimisation``/``Optimization``,
    ``Training``/``Trained``, without Porter's surprises on acronyms.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    for pattern, repl in _UK_US:
        if pattern.search(word):
            word = pattern.sub(repl, word)
            break
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if (
                len(word) > 2 and word[-1] == word[-2] and word[-1] not in "lsz"
            ):  # "mapping" -> "map"
                word = word[:-1]
            break
    return word.rstrip("e") if len(word) > 4 else word


_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "–": "-",
        "—": "-",
        "‐": "-",
        "∗": "*",
        "⋆": "*",
        "＊": "*",
    }
)
_TOKEN = re.compile(r"[^\W_]+|\*", re.UNICODE)


def tokens(title: str) -> list[str]:
    """Comparison tokens of a title: LaTeX-free, accent-folded, lower-case, stemmed words.

    Hyphenated words are split (``Pre-training`` → ``pre``, ``train``); a ``*``
    is kept as its own token so that ``Q*`` differs from ``Q``.
    """
    return list(_tokens(title))


@lru_cache(maxsize=16384)
def _tokens(title: str) -> tuple[str, ...]:
    """:func:`tokens`, cached (titles are compared many times in one run)."""
    text = latex_to_text(title.translate(_QUOTES))
    text = fold_accents(text).casefold().replace("'s ", " ").replace("&", " and ")
    out = []
    for tok in _TOKEN.findall(text):
        out.append(stem(_GREEK_WORDS.get(tok, tok)))
    return tuple(out)


def normalise(title: str) -> str:
    """The normalised comparison form of a title (tokens joined by spaces)."""
    return " ".join(tokens(title))


def query_title(title: str) -> str:
    """A title made safe for an arXiv ``ti:"…"`` phrase: no TeX, no quotes, one line.

    Accents are kept (arXiv's title field does not fold them) but ``$``, braces,
    quotes and parentheses are removed.
    """
    text = latex_to_text(title.translate(_QUOTES))
    text = re.sub(r'["()\[\]{}\\]', " ", text)
    return re.sub(r"\s+", " ", text).strip()


# --------------------------------------------------------------------------- labels left in titles

_VENUES = (
    "arxiv|corr|preprint|iclr|neurips|nips|icml|cvpr|iccv|eccv|accv|wacv|bmvc|acl|emnlp|naacl|"
    "eacl|aacl|coling|conll|aaai|ijcai|kdd|sigir|sigmod|vldb|icde|uai|aistats|colt|tmlr|jmlr|"
    "tpami|ijcv|colm|interspeech|icassp|siggraph|miccai|icra|iros|corl|rss|osdi|sosp|nsdi|"
    "sigcomm|mlsys|isca|micro|asplos|www|wsdm|recsys|cikm|icdm|sdm|ecir|tacl|ieee|acm"
)
_QUALIFIERS = "findings|workshops?|oral|spotlight|poster|main|short|long|demo|track|conference"
_YEAR = r"(?:['’]?\d{2}|\d{4})"
_LABEL = (
    rf"(?:(?:{_VENUES})(?:[\s\-]*{_YEAR})?(?:[\s\-]+(?:{_QUALIFIERS}))*(?:[\s\-]*{_YEAR})?"
    r"|(?:19|20)\d{2})"
)
_LEAD = re.compile(
    rf"^\s*(?:[\[(【]\s*{_LABEL}\s*[\])】]|{_LABEL}(?=[\s:|,\-–—]))\s*[:|,\-–—]?\s+", re.I
)
_TRAIL = re.compile(rf"(?:\s*[,;:|\-–—]\s*|\s+)(?:[\[(【]\s*{_LABEL}\s*[\])】]|{_LABEL})\s*$", re.I)
_EMPTY = re.compile(r"\s*(?:\(\s*\)|\[\s*\])\s*$")
_CJK_ASIDE = re.compile(r"\s*[(（][^()（）]*[\u3040-\u30ff\u3400-\u9fff][^()（）]*[)）]\s*$")


def strip_labels(title: str) -> str:
    """A listed title without the labels people leave in it: a venue and/or year before or
    after it (``ICLR Vision Transformers Need Registers``, ``…, ICLR 2023``, ``[CVPR 2024] …``,
    ``… (NeurIPS 2023 Oral)``, ``Arxiv …``), an empty ``()``, a trailing aside in Chinese or
    Japanese. The title itself is returned when nothing would be left.

    >>> strip_labels("EMNLP Findings LongGenBench: Long-context Generation Benchmark")
    'LongGenBench: Long-context Generation Benchmark'
    """
    text = title
    for _ in range(3):
        before = text
        text = _EMPTY.sub("", text)
        text = _CJK_ASIDE.sub("", text)
        text = _LEAD.sub("", text, count=1)
        text = _TRAIL.sub("", text, count=1)
        if text == before:
            break
    text = text.strip()
    return text if re.search(r"\w", text) else title
