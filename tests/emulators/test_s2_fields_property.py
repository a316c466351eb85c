"""Property: any fields= selection, in any order, gives paperId first then S2's key order, nothing else."""

from __future__ import annotations

from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples

from zotsync.emulators.corpus import load_corpus
from zotsync.emulators.s2 import S2Backend, S2Error
from zotsync.emulators.s2.backend import parse_fields
from zotsync.emulators.s2.records import AUTHOR_FIELDS, FIELD_ORDER


@lru_cache(maxsize=1)
def backend() -> S2Backend:
    return S2Backend(load_corpus())


selections = st.lists(
    st.sampled_from(FIELD_ORDER + tuple(f"authors.{a}" for a in AUTHOR_FIELDS)), unique=True
)


@given(
    selections,
    st.sampled_from(["ARXIV:2210.10760", "ARXIV:2404.12358", "DOI:10.1109/ICCV.2017.167"]),
)
@settings(max_examples=examples(150), deadline=None)
def test_projection_order_and_content(fields, paper_id):
    body = backend().paper(paper_id, parse_fields(",".join(fields)))
    wanted = {f.partition(".")[0] for f in fields} | {"paperId"}
    if not fields:
        wanted = {"paperId", "title"}
    assert list(body) == [f for f in FIELD_ORDER if f in wanted]
    subs = {f.partition(".")[2] for f in fields if f.startswith("authors.")}
    for author in body.get("authors", []):
        assert set(author) == ({"authorId"} | subs if subs else {"authorId", "name"})


@given(
    st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyzXYZ", min_size=1, max_size=12),
        min_size=1,
        max_size=4,
    )
)
@settings(max_examples=examples(100), deadline=None)
def test_unknown_fields_are_named_in_the_error(names):
    unknown = [n for n in names if n not in FIELD_ORDER]
    try:
        parse_fields(",".join(names))
    except S2Error as exc:
        assert (
            exc.status == 400
            and exc.message == f"Unrecognized or unsupported fields: [{', '.join(unknown)}]"
        )
    else:
        assert not unknown
