"""``zotsync doctor``: is everything set up? The key, its rights in the library, and every service."""

from __future__ import annotations

import json

import click

from zotsync.cli import get_config, style
from zotsync.errors import ZotsyncError
from zotsync.wording import count


@click.command(
    name="doctor", short_help="Check the set-up: Zotero key and access, and each service's URL."
)
@click.option("--json", "as_json", is_flag=True, help="Print the checks as a JSON array.")
@click.pass_context
def command(ctx: click.Context, as_json: bool) -> None:
    """Check what zotsync needs, one line per check, and exit non-zero if anything fails.

    \b
    - Zotero: the key is configured and accepted, belongs to the library's user
      (or reaches the group), and may read, write and add notes there;
    - arXiv, Semantic Scholar, Hugging Face: each answers at its URL. A failure
      says whether the host cannot be found (no network, or a wrong URL),
      nothing answers there (a wrong URL or port) or it does not answer in time;
      when none answers: "no network".
    Exit codes: 0 all good, 4 not configured, 5 a service cannot be reached,
    6 the key is rejected or lacks a permission.
    """
    from zotsync.setup import doctor

    report = doctor(get_config(ctx))
    if as_json:
        click.echo(
            json.dumps(
                [{"check": c.name, "ok": c.ok, "detail": c.detail} for c in report.checks],
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        for check in report.checks:
            mark = style("ok  ", "green") if check.ok else style("FAIL", "red")
            click.echo(f"{mark}  {check.name}: {check.detail}")
    failed = report.failed
    if failed:
        raise ZotsyncError(
            f"{count(len(failed), 'check')} failed: {failed[0].name}: {failed[0].detail}",
            exit_code=failed[0].exit_code or 1,
        )
