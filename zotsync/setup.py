"""``zotsync init`` and ``zotsync doctor``: from an API key to a checked ``zotsync.toml``.

* :func:`plan_init` asks Zotero what the key may do (:mod:`zotsync.zotero.account`),
  picks the library to sync and lists what the key lacks there;
* :func:`config_text` is the ``[zotero]`` table ``init`` writes — never the key: the key
  stays in the environment (``ZOTERO_API_KEY``) or goes to the system keyring
  (:func:`store_key`, through the ``keyring`` library), so no file the user might
  commit ever holds it;
* :func:`doctor` runs the same checks plus the reachability of every service.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

import requests

from zotsync.config import KEYRING_SERVICE, KEYRING_USER, Config, Secret
from zotsync.errors import ConfigError, ZotsyncError
from zotsync.reach import classify
from zotsync.zotero.account import KEYS_PAGE, KeyAccess, LibraryAccess, key_access


@dataclass(frozen=True)
class InitPlan:
    access: KeyAccess
    library: LibraryAccess
    problems: tuple[str, ...]


def choose_library(access: KeyAccess, wanted: str | None) -> LibraryAccess:
    """``None``/``user`` → the key's own library; ``groups/ID`` or ``ID`` → that group."""
    if wanted in (None, "", "user", f"users/{access.user_id}", access.user_id):
        return access.libraries[0]
    gid = wanted.removeprefix("groups/")
    found = access.library("group", gid)
    if found is None:
        known = ", ".join(f"groups/{lib.id} ({lib.name})" for lib in access.libraries[1:])
        raise ConfigError(
            f"the key reaches no group {gid}",
            hint=f"its groups: {known}" if known else "the key's user is in no group",
        )
    return found


def plan_init(url: str, api_key: Secret, wanted: str | None, *, timeout: float) -> InitPlan:
    access = key_access(url, api_key, timeout=timeout)
    library = choose_library(access, wanted)
    return InitPlan(access, library, tuple(library.problems()))


def rights(lib: LibraryAccess) -> str:
    """``read, write, notes`` or what is missing, for the listing."""
    if not lib.read:
        return "no access"
    return ", ".join(
        ["read"] + (["write"] if lib.write else ["read-only"]) + (["notes"] if lib.notes else [])
    )


def config_text(library: LibraryAccess, *, url: str, key_in_keyring: bool) -> str:
    """The ``zotsync.toml`` ``init`` writes: where to sync, never the key itself."""
    lines = [
        "# Written by `zotsync init`. The API key is not in this file: it is read from",
        "# ZOTERO_API_KEY"
        + (" or, when that is unset, from the system keyring." if key_in_keyring else "."),
        "# Every other setting: see config.example.toml.",
        "",
        "[zotero]",
        f'library_id = "{library.id}"  # {library.label}',
        f'library_type = "{library.kind}"',
    ]
    if url.rstrip("/") != "https://api.zotero.org":
        lines.append(f'url = "{url}"')
    if key_in_keyring:
        lines.append("key_in_keyring = true")
    return "\n".join(lines) + "\n"


def updated_config_text(
    existing: str, library: LibraryAccess, *, url: str, key_in_keyring: bool
) -> str:
    """``existing`` (a ``zotsync.toml``) with the ``[zotero]`` keys ``init`` owns set to
    ``library`` (``init --force``); every other table, key, comment and blank line kept as it is.

    The key itself is never written (an ``api_key`` the user put there stays theirs).
    """
    import tomlkit  # a TOML editor that keeps comments and layout (tomllib only reads)

    doc = tomlkit.parse(existing)
    if "zotero" not in doc:
        doc.add("zotero", tomlkit.table())
    table = doc["zotero"]
    table["library_id"] = str(library.id)
    table["library_id"].comment(library.label)
    table["library_type"] = library.kind
    if url.rstrip("/") != "https://api.zotero.org":
        table["url"] = url
    if key_in_keyring:
        table["key_in_keyring"] = True
    return tomlkit.dumps(doc)


def store_key(api_key: Secret) -> str | None:
    """Save the key in the system keyring; ``None`` when it worked, else why not."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return "the keyring library is not installed"
    try:
        keyring.set_password(KEYRING_SERVICE, KEYRING_USER, api_key.reveal() or "")
    except (KeyringError, RuntimeError) as exc:
        return f"no usable system keyring ({exc.__class__.__name__})"
    return None


# --------------------------------------------------------------------------- doctor


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    exit_code: int = 0  # the exit code this failure stands for


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]


def doctor(config: Config, *, get: Callable[..., object] = requests.get) -> Report:
    """Zotero's key and library access, then whether each metadata service answers."""
    report = Report()
    report.checks += _zotero_checks(config)
    services = [
        ("arXiv", config.services.arxiv_url, "ZOTSYNC_ARXIV_URL"),
        ("Semantic Scholar", config.services.s2_url, "ZOTSYNC_S2_URL"),
        ("Hugging Face", config.services.hf_url, "ZOTSYNC_HF_URL"),
    ]
    timeout = min(config.services.timeout, 10.0)
    down = []
    for name, url, setting in services:
        try:
            get(url, timeout=timeout)
        except requests.RequestException as exc:
            reason = classify(exc, url, timeout)
            down.append(reason.kind)
            report.checks.append(Check(name, False, f"{url}: {reason.why}; check {setting}", 5))
            continue
        report.checks.append(Check(name, True, f"answers at {url}"))
    if len(down) == len(services) and set(down) <= {"dns", "timeout", "other"}:
        report.checks.append(
            Check("network", False, "no network: none of the services can be reached", 5)
        )
    return report


def _zotero_checks(config: Config) -> list[Check]:
    z = config.zotero
    try:
        config.require_zotero()
    except ConfigError as exc:
        return [Check("Zotero", False, exc.message, exc.exit_code)]
    try:
        plan = plan_init(
            z.url,
            z.api_key,
            f"{z.library_type}s/{z.library_id}" if z.library_type == "group" else None,
            timeout=min(config.services.timeout, 10.0),
        )
    except ZotsyncError as exc:
        return [Check("Zotero", False, str(exc), exc.exit_code)]
    lib = plan.library
    if z.library_type == "user" and lib.id != str(z.library_id):
        return [
            Check(
                "Zotero",
                False,
                f"the key belongs to user {plan.access.user_id}, not to ZOTERO_LIBRARY_ID {z.library_id}"
                f" (its user id is on {KEYS_PAGE})",
                6,
            )
        ]
    checks = [
        Check(
            "Zotero", True, f"the key of {plan.access.username} reaches {lib.label}: {rights(lib)}"
        )
    ]
    checks += [Check("Zotero", False, line, 6) for line in plan.problems]
    return checks


def with_key(config: Config, api_key: Secret) -> Config:
    return dataclasses.replace(config, zotero=dataclasses.replace(config.zotero, api_key=api_key))
