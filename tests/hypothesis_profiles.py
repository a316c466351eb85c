"""Hypothesis profiles for the suite, chosen once in ``tests/conftest.py``.

``ci``    derandomised: every run draws the same examples (no example database), so two
          CI runs of one commit test the same inputs and a failure reproduces anywhere.
          Chosen when ``CI`` is set (``.ci/run`` sets ``CI=true``).
``dev``   the default elsewhere: fresh random examples each run, failures remembered in
          the local ``.hypothesis/`` database and replayed first.
``long``  a longer local search: ``HYPOTHESIS_PROFILE=long python -m pytest`` runs every
          property with ten times its examples.

``HYPOTHESIS_PROFILE`` names a profile explicitly. Tests size their searches with
:func:`examples`, so the ``long`` profile scales them all.
"""

from __future__ import annotations

import os

from hypothesis import settings

# Built on Hypothesis' own defaults, not on whatever profile is loaded now (Hypothesis loads
# a derandomised profile of its own when it sees CI, which "dev" must not inherit).
_BASE = settings.get_profile("default")
settings.register_profile(
    "ci", _BASE, derandomize=True, database=None, deadline=None, print_blob=True
)
settings.register_profile("dev", _BASE, deadline=None)
settings.register_profile("long", _BASE, deadline=None, max_examples=1000)

_SCALE = {"long": 10}


def chosen_profile(env: os._Environ[str] | dict[str, str] = os.environ) -> str:
    named = env.get("HYPOTHESIS_PROFILE", "").strip()
    if named:
        return named
    return "ci" if env.get("CI", "").strip().lower() in ("1", "true", "yes") else "dev"


PROFILE = chosen_profile()
settings.load_profile(PROFILE)


def examples(n: int) -> int:
    """The number of examples a property draws under the active profile (``n`` normally)."""
    return n * _SCALE.get(PROFILE, 1)
