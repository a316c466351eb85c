"""Configuration: a TOML file plus environment overrides, as one immutable value.

Lookup order for each key (later wins): built-in default → TOML file
(``--config PATH``, else ``./zotsync.toml`` if present) → environment variable.
Every key is documented in ``config.example.toml``.

The Zotero API key is held in a :class:`Secret`, which never shows its value in
``str``/``repr``; :func:`redact` scrubs it from any text on its way out.
"""

from __future__ import annotations

import dataclasses
import enum
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from zotsync.errors import ConfigError

DEFAULT_CONFIG_NAME = "zotsync.toml"

ENV = {
    "zotero.api_key": "ZOTERO_API_KEY",
    "zotero.library_id": "ZOTERO_LIBRARY_ID",
    "zotero.library_type": "ZOTERO_LIBRARY_TYPE",
    "zotero.url": "ZOTSYNC_ZOTERO_URL",
    "services.arxiv_url": "ZOTSYNC_ARXIV_URL",
    "services.s2_url": "ZOTSYNC_S2_URL",
    "services.hf_url": "ZOTSYNC_HF_URL",
    "services.arxiv_delay": "ZOTSYNC_ARXIV_DELAY",
    "services.timeout": "ZOTSYNC_TIMEOUT",
    "services.s2_api_key": "ZOTSYNC_S2_API_KEY",
    "services.max_wait": "ZOTSYNC_MAX_WAIT",
    "resolve.lock": "ZOTSYNC_LOCK",
}


class Secret:
    """A string that does not print itself."""

    __slots__ = ("_value",)

    def __init__(self, value: str | None):
        self._value = value or None

    def reveal(self) -> str | None:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __repr__(self) -> str:
        return "Secret('********')" if self._value else "Secret(None)"

    __str__ = __repr__


_KNOWN_SECRETS: set[str] = set()


def _secret_label(section: str, key: str) -> str:
    return {
        "zotero": "Zotero API key (ZOTERO_API_KEY)",
        "services": "Semantic Scholar API key (ZOTSYNC_S2_API_KEY)",
    }.get(section, f"{section}.{key}")


def remember_secret(value: str) -> None:
    """A secret that did not come through :func:`load_config` (typed at a prompt): redacted too."""
    if value:
        _KNOWN_SECRETS.add(value)


KEYRING_SERVICE = "zotsync"  # the system keyring entry `zotsync init --keyring` writes
KEYRING_USER = "zotero-api-key"


def _key_from_keyring() -> str:
    """The API key `zotsync init` stored in the system keyring ('' when none or no keyring)."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return ""
    try:
        return keyring.get_password(KEYRING_SERVICE, KEYRING_USER) or ""
    except (KeyringError, RuntimeError):
        return ""


def redact(text: str) -> str:
    """Replace every secret value this process has loaded with ``********``.

    Only values of at least 4 characters are masked: a shorter "key" cannot be a
    real one (load_config rejects it) and masking it would mangle every word.
    """
    for value in sorted(_KNOWN_SECRETS, key=len, reverse=True):
        if len(value) >= 4 and value in text:
            text = text.replace(value, "********")
    return text


@dataclass(frozen=True)
class ZoteroConfig:
    api_key: Secret = field(default_factory=lambda: Secret(None))
    library_id: str | None = None
    library_type: str = "user"  # "user" | "group"
    url: str = "https://api.zotero.org"
    root_collection: str | None = None  # default: the list's file name without extension
    state_dir: str = ".zotsync"  # sync state store (one file per library)
    on_conflict: str = "keep-zotero"
    prefer_published: bool = False  # items and .bib entries describe the published version
    pdf: str = "link"  # "link" | "upload" | "none": the "Preprint PDF" and "Snapshot" attachments
    key_in_keyring: bool = False  # `zotsync init --keyring`: read the key from the system keyring


@dataclass(frozen=True)
class ServicesConfig:
    arxiv_url: str = "https://export.arxiv.org"
    s2_url: str = "https://api.semanticscholar.org"
    hf_url: str = "https://huggingface.co"
    arxiv_delay: float = 3.0  # seconds between arXiv requests (arXiv's terms ask for 3)
    timeout: float = 30.0  # seconds, every HTTP request
    max_wait: float = 60.0  # longest wait a service may ask for (Retry-After); longer: give up now
    s2_api_key: Secret = field(default_factory=lambda: Secret(None))


@dataclass(frozen=True)
class ResolveConfig:
    lock: str = "zotsync.lock"  # lock file path (relative to the working directory)
    threshold: float = 0.90  # minimum confidence to accept a title match
    margin: float = 0.08  # minimum lead over the runner-up


@dataclass(frozen=True)
class BibConfig:
    output: str | None = None  # `zotsync sync` writes the .bib here when set
    style: str = "bibtex"  # "bibtex" | "biblatex"
    key_format: str = "auth.lower + shorttitle(3,3) + year"
    abstract: bool = False
    prefer_preprint: bool = False


class Nesting(str, enum.Enum):
    AUTO = "auto"
    HEADINGS = "headings"


@dataclass(frozen=True)
class SectionRules:
    """``[collections]``: how the list's headings become collections and keywords
    (:mod:`zotsync.sections` applies them; every key in config.example.toml)."""

    nesting: Nesting = Nesting.AUTO
    flatten: tuple[str, ...] = ()  # headings whose subsections become their siblings
    levels: tuple[int, ...] = ()  # only these heading levels become collections; () = all
    max_depth: int | None = None  # None = no limit


@dataclass(frozen=True)
class Config:
    zotero: ZoteroConfig = field(default_factory=ZoteroConfig)
    services: ServicesConfig = field(default_factory=ServicesConfig)
    resolve: ResolveConfig = field(default_factory=ResolveConfig)
    bib: BibConfig = field(default_factory=BibConfig)
    collections: SectionRules = field(default_factory=SectionRules)
    path: str | None = None  # the file it was read from, if any
    sandbox: bool = (
        False  # set by `--sandbox` (never read from a file): local emulators, sample data
    )

    def require_zotero(self) -> ZoteroConfig:
        """The Zotero settings, or a ConfigError naming what is missing."""
        z = self.zotero
        missing = [
            name
            for name, ok in (
                ("ZOTERO_API_KEY", bool(z.api_key)),
                ("ZOTERO_LIBRARY_ID", bool(z.library_id)),
            )
            if not ok
        ]
        if missing:
            raise ConfigError(
                f"Zotero is not configured: {' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not set",
                hint="run `zotsync init` to set up your library with a key from "
                "https://www.zotero.org/settings/keys, or try everything locally first with --sandbox",
            )
        return z


_SECTIONS = {
    "zotero": ZoteroConfig,
    "services": ServicesConfig,
    "resolve": ResolveConfig,
    "bib": BibConfig,
    "collections": SectionRules,
}


_KEY_LIKE = re.compile(r"(?=[A-Za-z0-9]*[0-9])(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{16,}")


def _shown(value: Any) -> str:
    """A config value as an error message may echo it: one that looks like an API key is not shown.

    Keys end up in the wrong variable (swapped with the library id, pasted into a URL
    or a number setting); such a value is remembered as a secret so :func:`redact`
    also scrubs it from anything printed later (a ``-v`` traceback).
    """
    text = str(value).strip() if isinstance(value, (str, int, float)) else None
    if text is not None and _KEY_LIKE.search(text):
        for match in _KEY_LIKE.findall(text):
            _KNOWN_SECRETS.add(match)
        return "a value that looks like an API key (not shown)"
    return repr(value)


def _coerce(section: str, key: str, value: Any, target: Any) -> Any:
    name = f"{section}.{key}"
    if isinstance(target, Secret) or key.endswith("api_key"):
        if value is not None and not isinstance(value, str):
            raise ConfigError(f"config key {name} must be a string")
        value = (value or "").strip()  # a key pasted with spaces around it
        if (
            value and section == "zotero" and not re.fullmatch(r"[A-Za-z0-9]+", value)
        ):  # Zotero keys are alphanumeric
            raise ConfigError(
                f"the {_secret_label(section, key)} must be letters and digits only",
                hint="copy it again from the service's key settings page",
            )
        if value:
            _KNOWN_SECRETS.add(value)
        return Secret(value)
    if isinstance(target, bool):
        if isinstance(value, str) and value.lower() in ("1", "true", "yes", "0", "false", "no"):
            return value.lower() in ("1", "true", "yes")
        if not isinstance(value, bool):
            raise ConfigError(f"config key {name} must be true or false, not {_shown(value)}")
        return value
    if isinstance(target, float):
        try:
            return float(value)
        except (TypeError, ValueError):
            raise ConfigError(f"config key {name} must be a number, not {_shown(value)}") from None
    if value is None:
        return None
    if isinstance(value, (int, float)) and key == "library_id":
        return str(value)
    if not isinstance(value, str):
        raise ConfigError(f"config key {name} must be a string, not {_shown(value)}")
    return value


def load_config(
    path: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None
) -> Config:
    """Read the config file (if any) and apply environment overrides.

    ``path=None`` reads ``./zotsync.toml`` when it exists; an explicit path must exist.
    """
    env = os.environ if env is None else env
    used_path, data = _read_file(path)
    values = _layer(data, env, used_path)
    zotero = values["zotero"]
    if _truthy(zotero.get("key_in_keyring")) and not zotero.get("api_key"):
        zotero["api_key"] = _key_from_keyring()
    built = {
        section: _build_section(section, cls, values[section]) for section, cls in _SECTIONS.items()
    }
    return _normalise(Config(path=used_path, **built))


def _truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() in ("1", "true", "yes"))


def _read_file(path: str | os.PathLike[str] | None) -> tuple[str | None, dict[str, Any]]:
    """The file to read (explicit, else ./zotsync.toml if present) and its TOML tables."""
    if path is not None:
        if not Path(path).is_file():
            raise ConfigError(
                f"config file not found: {path}",
                hint="check the --config path, or copy config.example.toml",
            )
        used_path: str | None = str(path)
    else:
        used_path = DEFAULT_CONFIG_NAME if Path(DEFAULT_CONFIG_NAME).is_file() else None
    if used_path is None:
        return None, {}
    try:
        return used_path, tomllib.loads(Path(used_path).read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"config file {used_path} is not valid TOML: {exc}",
            hint="compare it with config.example.toml",
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"cannot read config file {used_path}: {exc.__class__.__name__}"
        ) from None


def _layer(
    data: Mapping[str, Any], env: Mapping[str, str], used_path: str | None
) -> dict[str, dict[str, Any]]:
    """File tables, then environment overrides, as raw values per section."""
    values: dict[str, dict[str, Any]] = {name: {} for name in _SECTIONS}
    for section, table in data.items():
        if section not in _SECTIONS:
            raise ConfigError(
                f"unknown config table [{section}] in {used_path}",
                hint=f"known tables: {', '.join(_SECTIONS)}",
            )
        if not isinstance(table, dict):
            raise ConfigError(f"config key {section} in {used_path} must be a table")
        values[section].update(table)
    for dotted, var in ENV.items():
        if env.get(var) not in (None, ""):
            section, key = dotted.split(".")
            values[section][key] = env[var]
    return values


def _build_section(section: str, cls: type, raw: Mapping[str, Any]) -> Any:
    if cls is SectionRules:
        return _section_rules(raw)
    defaults = cls()
    known = {f.name for f in dataclasses.fields(cls)}
    kwargs = {}
    for key, value in raw.items():
        if key not in known:
            raise ConfigError(
                f"unknown config key {section}.{key}",
                hint=f"known keys: {', '.join(sorted(known))}",
            )
        kwargs[key] = _coerce(section, key, value, getattr(defaults, key))
    return cls(**kwargs)


def _section_rules(raw: Mapping[str, Any]) -> SectionRules:
    """The ``[collections]`` table: how the list's headings become collections (:mod:`zotsync.sections`)."""
    known = {f.name for f in dataclasses.fields(SectionRules)}
    for key in raw:
        if key not in known:
            raise ConfigError(
                f"unknown config key collections.{key}",
                hint=f"known keys: {', '.join(sorted(known))}",
            )
    nesting = raw.get("nesting", Nesting.AUTO.value)
    if nesting not in [n.value for n in Nesting]:
        raise ConfigError(
            f'collections.nesting must be "auto" or "headings", not {_shown(nesting)}',
            hint="headings: nest exactly as the heading levels say; auto: also file a heading "
            "that skips a level, at a level used at the top of the file, as a top-level collection",
        )
    flatten = raw.get("flatten", [])
    if not isinstance(flatten, list) or not all(isinstance(n, str) for n in flatten):
        raise ConfigError(
            "collections.flatten must be a list of heading names",
            hint='e.g. flatten = ["Language_based Detector"]',
        )
    levels = raw.get("levels", [])
    if not isinstance(levels, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in levels
    ):
        raise ConfigError(
            f"collections.levels must be a list of heading levels (1 for #, 2 for ##, …), "
            f"not {_shown(levels)}",
            hint="e.g. levels = [2, 4]; leave it out for every level",
        )
    max_depth = raw.get("max_depth")
    if max_depth is not None and (
        not isinstance(max_depth, int) or isinstance(max_depth, bool) or max_depth < 0
    ):
        raise ConfigError(
            f"collections.max_depth must be a whole number, 0 or more, not {_shown(max_depth)}",
            hint="0 files every paper in the list's root collection; leave it out for no limit",
        )
    return SectionRules(
        nesting=Nesting(nesting),
        flatten=tuple(flatten),
        levels=tuple(sorted(set(levels))),
        max_depth=max_depth,
    )


def _normalise(config: Config) -> Config:
    """Cross-field checks; base URLs without a trailing slash."""
    if config.zotero.pdf.strip().lower() not in ("link", "upload", "none"):
        raise ConfigError(
            f"zotero.pdf must be link, upload or none, not {config.zotero.pdf!r}",
            hint="link: linked URLs to arXiv's PDF and abstract page; upload: the PDF stored in "
            "Zotero; none: no attachments",
        )
    if config.zotero.library_type not in ("user", "group"):
        raise ConfigError(
            f"ZOTERO_LIBRARY_TYPE must be 'user' or 'group', not {_shown(config.zotero.library_type)}"
        )
    library_id = (config.zotero.library_id or "").strip() or None
    if library_id is not None and not library_id.isdigit():
        # An id that is not a number is often the API key pasted into the wrong
        # variable: such a value is not echoed (and is redacted from then on).
        swapped = (config.zotero.api_key.reveal() or "").isdigit() or _KEY_LIKE.search(library_id)
        raise ConfigError(
            f"ZOTERO_LIBRARY_ID must be a number, not {_shown(library_id)}"
            + ("; are ZOTERO_API_KEY and ZOTERO_LIBRARY_ID swapped?" if swapped else ""),
            hint="use the numeric userID shown at zotero.org/settings/keys, or the group's number",
        )
    api_key = config.zotero.api_key.reveal()
    if api_key is not None and len(api_key) < 4:
        raise ConfigError(
            "the Zotero API key (ZOTERO_API_KEY) is too short to be a key",
            hint="copy it again from zotero.org/settings/keys",
        )
    for label, url in (
        ("ZOTSYNC_ZOTERO_URL", config.zotero.url),
        ("ZOTSYNC_ARXIV_URL", config.services.arxiv_url),
        ("ZOTSYNC_S2_URL", config.services.s2_url),
        ("ZOTSYNC_HF_URL", config.services.hf_url),
    ):
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(
                f"{label} must be an http(s) URL, not {_shown(url)}",
                hint="e.g. https://api.zotero.org",
            )
    services = config.services
    services = dataclasses.replace(
        services,
        arxiv_url=services.arxiv_url.rstrip("/"),
        s2_url=services.s2_url.rstrip("/"),
        hf_url=services.hf_url.rstrip("/"),
    )
    zotero = dataclasses.replace(
        config.zotero, url=config.zotero.url.rstrip("/"), library_id=library_id
    )
    return dataclasses.replace(config, services=services, zotero=zotero)
