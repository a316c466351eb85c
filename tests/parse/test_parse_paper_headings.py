"""A long heading over a wrapped abstract is a paper with its notes, however many of the
abstract's lines start with a capital: wrapped prose is not a list of titles."""

from __future__ import annotations

import pytest

from zotsync.parse import parse_text

ABSTRACT = (
    "The trend toward increasing link speeds and slowdown in the scaling of\n"
    "CPU speeds, leads to a situation where packet scheduling in software\n"
    "results in lower precision and higher CPU utilization.  While by\n"
    "Offloading packet scheduling to the hardware (e.g., the NIC), this\n"
    "Drawback can be mitigated, one still would like to retain the\n"
    "flexibility benefits of software packet schedulers.\n"
)


@pytest.mark.parametrize(
    "heading,source",
    [
        (
            "**** Vishal Shrivastav: *[[https://dl.acm.org/citation.cfm?id=3342090][Fast, Scalable, "
            "and Programmable Packet Scheduler in Hardware]]*, /ACM SIGCOMM/, 2019.",
            "l.org",
        ),
        (
            "**** Vishal Shrivastav: *Fast, Scalable, and Programmable Packet Scheduler in "
            "Hardware*, /ACM SIGCOMM/, 2019.",
            "l.org",
        ),
        (
            "#### Vishal Shrivastav: *[Fast, Scalable, and Programmable Packet Scheduler in "
            "Hardware](https://dl.acm.org/citation.cfm?id=3342090)*, *ACM SIGCOMM*, 2019.",
            "l.md",
        ),
    ],
)
def test_a_paper_heading_over_a_wrapped_abstract_is_the_paper(heading, source):
    text = (
        f"* Scheduling\n{heading}\n{ABSTRACT}"
        if source == "l.org"
        else f"# Scheduling\n{heading}\n{ABSTRACT}"
    )
    (entry,) = parse_text(text, source).entries
    assert entry.title == "Fast, Scalable, and Programmable Packet Scheduler in Hardware"
    assert "flexibility benefits" in entry.notes


def test_a_paragraph_of_titles_under_a_heading_still_makes_it_a_topic():
    text = (
        "## Packet scheduling in programmable hardware\n"
        "Programmable Packet Scheduling at Line Rate\n"
        "Universal Packet Scheduling\n"
        "Approximating Fair Queueing on Reconfigurable Switches\n"
    )
    entries = parse_text(text, "l.md").entries
    assert [e.section for e in entries] == [("Packet scheduling in programmable hardware",)] * 3
