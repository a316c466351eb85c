"""The suite's Hypothesis profiles: CI draws the same examples every run; local runs explore."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_profiles import chosen_profile


def _draws(profile: str) -> list[str]:
    seen: list[str] = []

    @settings(settings.get_profile(profile), max_examples=25)
    @given(st.text(max_size=12))
    def record(text: str) -> None:
        seen.append(text)

    record()
    return seen


def test_two_ci_runs_draw_the_same_examples():
    assert _draws("ci") == _draws("ci")


def test_local_runs_draw_fresh_examples():
    assert _draws("dev") != _draws("dev")


def test_ci_selects_the_ci_profile_and_an_explicit_name_wins():
    assert chosen_profile({"CI": "true"}) == "ci"
    assert chosen_profile({"CI": "1"}) == "ci"
    assert chosen_profile({}) == "dev"
    assert chosen_profile({"CI": "false"}) == "dev"
    assert chosen_profile({"CI": "true", "HYPOTHESIS_PROFILE": "long"}) == "long"
