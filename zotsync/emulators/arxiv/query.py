"""The ``search_query`` language of the current arXiv API: rewrite, then parse.

The service (since 2025-11-12) does not parse what the client sends directly. It first
*rewrites* the string, and the rewritten form is what the feed ``<title>`` echoes:

* CR/LF become spaces; ``title:`` is an alias of ``ti:``; ``lastUpdatedDate:`` of
  ``submittedDate:``; ``NOT`` (and ``AND NOT``) become ``ANDNOT``; repeated operators
  collapse to the first;
* a bare word gets ``all:``; an unquoted multi-word value keeps its prefix on the first
  word only (``ti:Attention Is`` → ``ti:Attention OR all:Is``), because
* the implicit operator between adjacent terms is ``OR``;
* a prefix in front of parentheses distributes into them (``ti:(a b)`` → ``(ti:a OR ti:b)``);
* an author value with ``_`` becomes a quoted name (``au:del_maestro`` → ``au:"del maestro"``);
* a date range ``[2023 TO 2024]`` becomes ``"202301010000 TO 202412312359"``;
* a prefix with nothing after it is dropped.

The rewritten token list is then parsed by a grammar with **no operator precedence**,
right-associative: ``a AND b OR c`` is ``a AND (b OR c)``. A leading ``ANDNOT x`` is a
unary NOT. Unbalanced parentheses or quotes and dangling operators are a
:class:`QuerySyntaxError` (the app answers 400 ``Invalid query string``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "Term",
    "BoolOp",
    "Not",
    "Node",
    "QuerySyntaxError",
    "rewrite",
    "parse",
    "serialize",
    "compile_query",
]

FIELDS = ("ti", "au", "abs", "co", "jr", "cat", "rn", "id", "all", "doi", "submittedDate")
ALIASES = {"title": "ti", "lastUpdatedDate": "submittedDate"}
OPERATORS = ("AND", "OR", "ANDNOT")


class QuerySyntaxError(ValueError):
    """The query cannot be parsed; the service answers 400 ``Invalid query string``."""


@dataclass(frozen=True)
class Term:
    field: str  # one of FIELDS
    text: str  # without the quotes
    quoted: bool = False

    def __str__(self) -> str:
        return f'{self.field}:"{self.text}"' if self.quoted else f"{self.field}:{self.text}"


@dataclass(frozen=True)
class BoolOp:
    op: str  # AND | OR | ANDNOT
    left: Node
    right: Node


@dataclass(frozen=True)
class Not:
    operand: Node


Node = Term | BoolOp | Not

# --------------------------------------------------------------------------- lexing

_PREFIX = "|".join(sorted([*FIELDS, *ALIASES], key=len, reverse=True))
_LEXEME = re.compile(
    rf"""
    (?P<space>\s+)
  | (?P<prefix>(?:{_PREFIX}):)
  | (?P<quoted>"[^"]*")
  | (?P<open>\()
  | (?P<close>\))
  | (?P<range>\[[^\]]*\])
  | (?P<word>[^\s"()]+)
    """,
    re.VERBOSE,
)


def _lex(query: str) -> list[tuple[str, str]]:
    """(kind, text) lexemes; kinds: prefix, quoted, open, close, range, word, op, space."""
    lexemes: list[tuple[str, str]] = []
    pos = 0
    while pos < len(query):
        match = _LEXEME.match(query, pos)
        if match is None:  # a lone '"' with no closing quote
            raise QuerySyntaxError("unbalanced quote")
        kind, text = match.lastgroup or "word", match.group()
        if kind == "word" and text in (*OPERATORS, "NOT"):
            kind = "op"
        if (
            kind == "prefix"
            and pos > 0
            and not query[pos - 1].isspace()
            and query[pos - 1] not in "()"
        ):
            kind = "word"  # 'foo-ti:' is text, not a prefix
        lexemes.append((kind, text))
        pos = match.end()
    return lexemes


# --------------------------------------------------------------------------- rewriting

Item = Term | str  # a term, or one of "(", ")", "AND", "OR", "ANDNOT"


def rewrite(query: str) -> list[Item]:
    """The service's normalisation of a raw ``search_query`` (see the module docstring)."""
    lexemes = _lex(query.replace("\r", " ").replace("\n", " "))
    items: list[Item] = []
    scopes: list[str | None] = []  # field distributed into each open parenthesis
    pending: str | None = None  # a prefix waiting for its value
    for kind, text in lexemes:
        if kind == "prefix":
            pending = ALIASES.get(text[:-1], text[:-1])
            continue
        field, pending = pending, None
        if kind == "space":
            continue  # a prefix followed by a space has no value: dropped
        if kind == "op":
            _push_operator(items, "ANDNOT" if text == "NOT" else text)
        elif kind == "open":
            _push_operand(items, "(")
            scopes.append(field or (scopes[-1] if scopes else None))
        elif kind == "close":
            items.append(")")
            if scopes:
                scopes.pop()
        else:
            field = field or (scopes[-1] if scopes else None) or "all"
            _push_operand(items, _make_term(field, kind, text))
    return items


def _push_operator(items: list[Item], op: str) -> None:
    if items and items[-1] in OPERATORS:
        if items[-1] == "AND" and op == "ANDNOT":
            items[-1] = "ANDNOT"  # 'AND NOT' is ANDNOT
        return  # repeated operators collapse
    items.append(op)


def _push_operand(items: list[Item], item: Item) -> None:
    if items and (isinstance(items[-1], Term) or items[-1] == ")"):
        items.append("OR")  # adjacent terms: implicit OR
    items.append(item)


def _make_term(field: str, kind: str, text: str) -> Term:
    if kind == "quoted":
        return Term(field, text[1:-1], quoted=True)
    if kind == "range":
        return Term(field, _date_range(text), quoted=True)
    if field == "au" and "_" in text:
        return Term(field, text.replace("_", " ").strip(), quoted=True)
    return Term(field, text)


def _date_range(text: str) -> str:
    """``[2023 TO 2024]`` → ``202301010000 TO 202412312359`` (GMT, padded)."""
    parts = re.split(r"[+\s]+TO[+\s]+", text[1:-1].strip())
    if len(parts) != 2 or not all(re.fullmatch(r"\d{4,12}", p) for p in parts):
        raise QuerySyntaxError(f"bad date range {text}")
    low, high = parts
    return f"{low + '01010000'[len(low) - 4 :]} TO {high + '12312359'[len(high) - 4 :]}"


def render_items(items: list[Item]) -> str:
    """The rewritten query as the feed title echoes it."""
    out = ""
    for item in items:
        text = str(item)
        if out and not out.endswith("(") and text != ")":
            out += " "
        out += text
    return out


# --------------------------------------------------------------------------- parsing


def parse(items: list[Item]) -> Node:
    """Parse rewritten items with the right-associative, precedence-free grammar."""
    if not items:
        raise QuerySyntaxError("empty query")
    node, pos = _expression(items, 0)
    if pos != len(items):
        raise QuerySyntaxError(f"unexpected {items[pos]!s}")
    return node


def _expression(items: list[Item], pos: int) -> tuple[Node, int]:
    left, pos = _unary(items, pos)
    if pos < len(items) and items[pos] in OPERATORS:
        op = items[pos]
        right, pos = _expression(items, pos + 1)
        return BoolOp(str(op), left, right), pos
    return left, pos


def _unary(items: list[Item], pos: int) -> tuple[Node, int]:
    if pos >= len(items):
        raise QuerySyntaxError("dangling operator")
    item = items[pos]
    if isinstance(item, Term):
        return item, pos + 1
    if item == "ANDNOT":
        operand, pos = _unary(items, pos + 1)
        return Not(operand), pos
    if item == "(":
        node, pos = _expression(items, pos + 1)
        if pos >= len(items) or items[pos] != ")":
            raise QuerySyntaxError("unbalanced parenthesis")
        return node, pos + 1
    raise QuerySyntaxError(f"unexpected {item}")


def serialize(node: Node, nested: bool = False) -> str:
    """The parsed query re-serialised (the feed ``<link>``): nested operations in parentheses."""
    if isinstance(node, Term):
        return str(node)
    if isinstance(node, Not):
        return f"ANDNOT {serialize(node.operand, True)}"
    text = f"{serialize(node.left, True)} {node.op} {serialize(node.right, True)}"
    return f"({text})" if nested else text


def compile_query(query: str) -> tuple[str, Node]:
    """Rewrite and parse: ``(rewritten text, tree)``; QuerySyntaxError if invalid."""
    items = rewrite(query)
    return render_items(items), parse(items)
