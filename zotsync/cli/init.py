"""``zotsync init``: from a Zotero API key to a checked ``zotsync.toml`` (the key never goes into it)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from zotsync.atomic import replace_file
from zotsync.cli import get_config
from zotsync.config import DEFAULT_CONFIG_NAME, Secret
from zotsync.errors import EXIT_USAGE, AuthError, InputError, ZotsyncError
from zotsync.wording import count


@click.command(
    name="init", short_help="Set up your Zotero library: check the key, write zotsync.toml."
)
@click.option(
    "--library",
    default=None,
    metavar="user|groups/ID",
    help="The library to sync: your own (default) or a group the key reaches (see the listing).",
)
@click.option(
    "--keyring/--no-keyring",
    "use_keyring",
    default=None,
    help="Store the key in the system keyring (default when you type the key in; "
    "a key from ZOTERO_API_KEY stays there).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Update the library settings ([zotero] library_id, library_type, url, key_in_keyring) "
    "of an existing zotsync.toml; every other setting and comment is kept.",
)
@click.pass_context
def command(ctx: click.Context, library: str | None, use_keyring: bool | None, force: bool) -> None:
    """Check a Zotero API key and write zotsync.toml for the library to sync.

    \b
    1. The key: ZOTERO_API_KEY if set, else asked for (hidden). Create one at
       https://www.zotero.org/settings/keys with library access, notes access
       and write access (for a group: read/write for that group).
    2. Zotero says whose key it is and which libraries it reaches (your own and
       your groups, by name and id); init checks read, write and notes access
       in the library you sync and names, one line each, what is missing.
    3. zotsync.toml gets the library id and type, never the key: the key stays
       in the environment, or goes to the system keyring (--keyring).
    Then it prints the next command to run.
    """
    from zotsync.setup import config_text, plan_init, rights, store_key, updated_config_text

    config = get_config(ctx)
    target = Path(ctx.find_root().obj.get("config_path") or DEFAULT_CONFIG_NAME)
    if target.exists() and not force:
        raise InputError(
            f"{target} already exists",
            hint="edit it by hand, or run `zotsync init --force` to update its library settings "
            "(the rest of the file is kept)",
        )
    from_env = bool(os.environ.get("ZOTERO_API_KEY"))
    key = config.zotero.api_key if from_env else _ask_key()
    plan = plan_init(config.zotero.url, key, library, timeout=min(config.services.timeout, 15.0))

    click.echo(f"The key belongs to {plan.access.username} (user id {plan.access.user_id}).")
    click.echo(f"It reaches {count(len(plan.access.libraries), 'library')}:")
    for lib in plan.access.libraries:
        mark = "*" if lib == plan.library else " "
        click.echo(f"  {mark} {lib.kind}s/{lib.id:<10} {lib.name}  ({rights(lib)})")
    for line in plan.problems:
        click.echo(f"problem: {line}", err=True)
    if plan.problems:
        raise AuthError(
            f"the key lacks {count(len(plan.problems), 'permission')} zotsync needs in {plan.library.label}; "
            "nothing written",
            hint="change the key's permissions, then run `zotsync init` again",
        )

    keep_in_keyring = (not from_env) if use_keyring is None else use_keyring
    if keep_in_keyring:
        why_not = store_key(key)
        if why_not:
            click.echo(f"warning: the key was not stored: {why_not}.", err=True)
            keep_in_keyring = False
    if target.exists():  # --force: only the library settings change
        text = updated_config_text(
            target.read_text(encoding="utf-8-sig"),
            plan.library,
            url=config.zotero.url,
            key_in_keyring=keep_in_keyring,
        )
    else:
        text = config_text(plan.library, url=config.zotero.url, key_in_keyring=keep_in_keyring)
    replace_file(target, text.encode("utf-8"))
    click.echo(f"Wrote {target} for {plan.library.label}.")
    if keep_in_keyring:
        click.echo(
            "The key is in your system keyring (zotsync reads it when ZOTERO_API_KEY is unset)."
        )
    elif not from_env:
        click.echo(
            "Keep the key in ZOTERO_API_KEY (for example in your shell profile): it is not stored."
        )
    else:
        click.echo("The key stays in ZOTERO_API_KEY; it is not written anywhere.")
    click.echo(
        "Next: zotsync push LIST.md --dry-run   (the plan for your library; nothing is written)"
    )


def _ask_key() -> Secret:
    if not sys.stdin.isatty():
        raise ZotsyncError(
            "no API key: ZOTERO_API_KEY is not set and there is no terminal to ask on",
            exit_code=EXIT_USAGE,
            hint="set ZOTERO_API_KEY, or run `zotsync init` in a terminal",
        )
    value = click.prompt("Zotero API key (input hidden)", hide_input=True, err=True).strip()
    if not value.isalnum():
        raise InputError(
            "that is not a Zotero API key (letters and digits only)",
            hint="copy it again from https://www.zotero.org/settings/keys",
        )
    from zotsync.config import remember_secret

    remember_secret(value)
    return Secret(value)
