"""The note tree: the few blocks and inlines a Markdown note can express, and HTML's
whitespace rules for a block's inline content (:func:`tidy`)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Text:
    text: str


@dataclass
class Break:
    """A hard line break (``<br>``)."""


@dataclass
class Code:
    text: str


@dataclass
class Mark:
    """``strong`` or ``em`` around inline children."""

    kind: str
    children: list[Inline] = field(default_factory=list)


@dataclass
class Link:
    href: str
    children: list[Inline] = field(default_factory=list)


Inline = Text | Break | Code | Mark | Link


@dataclass
class Para:
    inlines: list[Inline]


@dataclass
class Heading:
    level: int
    inlines: list[Inline]


@dataclass
class CodeBlock:
    text: str


@dataclass
class Quote:
    blocks: list[Block]


@dataclass
class Rule:
    pass


@dataclass
class ListBlock:
    ordered: bool
    start: int
    items: list[list[Block]]


Block = Para | Heading | CodeBlock | Quote | Rule | ListBlock


# --------------------------------------------------------------------------- whitespace


def tidy(inlines: list[Inline]) -> list[Inline]:
    """HTML whitespace rules for one block: collapse across elements, trim the edges,
    turn ``&nbsp;`` into a space, drop empty marks and leading/trailing breaks."""
    flat = _collapse(inlines, [True])
    _trim_edges(flat)
    return _nbsp(flat)


def _collapse(inlines: list[Inline], after_space: list[bool]) -> list[Inline]:
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            text = node.text
            if after_space[0] and text.startswith(" "):
                text = text[1:]
            if text:
                after_space[0] = text.endswith(" ")
                if out and isinstance(out[-1], Text):
                    out[-1] = Text(out[-1].text + text)
                else:
                    out.append(Text(text))
        elif isinstance(node, Break):
            if out and isinstance(out[-1], Text) and out[-1].text.endswith(" "):
                out[-1] = Text(out[-1].text.rstrip(" "))
            out.append(Break())
            after_space[0] = True
        elif isinstance(node, Code):
            if node.text:
                out.append(node)
                after_space[0] = False
        else:
            children = _collapse(node.children, after_space)
            if any(not isinstance(c, Break) for c in children):
                out.append(
                    type(node)(node.href, children)
                    if isinstance(node, Link)
                    else Mark(node.kind, children)
                )
            else:
                out.extend(children)
    return [n for n in out if not (isinstance(n, Text) and not n.text)]


def _trim_edges(flat: list[Inline]) -> None:
    while flat and (
        isinstance(flat[0], Break) or (isinstance(flat[0], Text) and not flat[0].text.strip(" "))
    ):
        flat.pop(0)
    while flat and (
        isinstance(flat[-1], Break) or (isinstance(flat[-1], Text) and not flat[-1].text.strip(" "))
    ):
        flat.pop()
    if flat:
        _strip_side(flat, 0, str.lstrip)
        _strip_side(flat, -1, str.rstrip)


def _strip_side(flat: list[Inline], index: int, strip) -> None:
    node = flat[index]
    if isinstance(node, Text):
        flat[index] = Text(strip(node.text, " "))
    elif isinstance(node, (Mark, Link)) and node.children:
        _strip_side(node.children, index, strip)


def _nbsp(inlines: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(Text(node.text.replace("\u00a0", " ")))
        elif isinstance(node, Code):
            out.append(Code(node.text.replace("\u00a0", " ")))
        elif isinstance(node, Link):
            out.append(Link(node.href, _nbsp(node.children)))
        elif isinstance(node, Mark):
            out.append(Mark(node.kind, _nbsp(node.children)))
        else:
            out.append(node)
    return out
