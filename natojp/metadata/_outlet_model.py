"""The outlet data model: registry entries, the mentions and findings of outlets, the
forms a line names an outlet in, and the registrable domains outlets publish on.

Private to :mod:`natojp.metadata.outlets`, which re-exports the public names; the rules
are in its docstring.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import tldextract

from natojp.models import Evidence

OUTLET_TYPES: tuple[str, ...] = (
    "wire",
    "newspaper",
    "broadcaster",
    "magazine",
    "trade-press",
    "government",
    "think-tank",
    "aggregator",
    "blog",
)
"""The values of an outlet's ``type`` (see the header of ``data/outlets.toml``)."""

OUTLET_KEYS: tuple[str, ...] = (
    "name",
    "aliases",
    "shared_aliases",
    "cues",
    "domains",
    "country",
    "type",
    "state_affiliated",
)
"""The keys an ``[[outlet]]`` table may have (``name`` and ``type`` are required)."""

FORMS: dict[str, str] = {
    "domain": "the article's web address (or a line that is one)",
    "masthead": "a line that is the outlet's name",
    "copyright": "a copyright line",
    "credit": "an aggregator's credit line, naming the source it republishes",
    "byline": "a byline",
    "source": "a 'Source:' line",
    "dateline": "a dateline crediting the outlet",
}
"""How an outlet was named, strongest first (:attr:`OutletMention.form`)."""

_RANK = {form: rank for rank, form in enumerate(FORMS)}


# --- domains -----------------------------------------------------------------------------


@functools.cache
def _extractor() -> tldextract.TLDExtract:
    # The public-suffix list snapshot bundled with tldextract: with no URLs to fetch and
    # no cache directory it neither downloads nor writes anything.
    return tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
    )


def _valid_label(label: str) -> bool:
    return (
        0 < len(label) <= 63
        and not label.startswith("-")
        and not label.endswith("-")
        and all(c.isalnum() or c == "-" for c in label)
    )


def _host_and_domain(url_or_host: str) -> tuple[str, str] | None:
    """The host name and registrable domain of a URL or host, or None."""
    text = url_or_host.strip()
    if not text or len(text) > 2048 or any(c.isspace() for c in text):
        return None
    result = _extractor()(text.lower())
    domain = result.top_domain_under_public_suffix
    if not domain:
        return None  # an IP address, a bare word, a suffix alone, garbage
    host = result.fqdn
    if not all(_valid_label(label) for label in host.split(".")):
        return None
    return host, domain


def registrable_domain(url_or_host: str) -> str | None:
    """The registrable domain of a URL or host name, or None if it has none.

    ``https://www.bbc.co.uk:443/news`` and ``english.kyodonews.net`` give ``bbc.co.uk``
    and ``kyodonews.net``: the public-suffix list knows that ``co.uk``, ``com.au`` and
    ``co.jp`` are suffixes (and that ``gov.uk`` is one, so the GOV.UK site is
    ``www.gov.uk``). Case, ``www.``, ports, paths and user names do not matter. IP
    addresses, bare words (``localhost``), a suffix alone and text that is no host give
    None. Uses the suffix list bundled with ``tldextract``; no network, no disk.
    """
    parts = _host_and_domain(url_or_host)
    return parts[1] if parts else None


# --- records ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outlet:
    """One registry entry: an outlet, how its name is written, where it publishes.

    ``shared_aliases`` are names it shares with other outlets (``CNA``: Taiwan's Central
    News Agency and Singapore's CNA); ``cues`` the words of an article (a place, a
    parent company) that tell that a shared alias names this outlet.
    """

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    country: str = ""
    state_affiliated: bool = False
    shared_aliases: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Accept lists from callers but store tuples, so outlets stay hashable.
        object.__setattr__(self, "aliases", tuple(self.aliases))
        object.__setattr__(self, "domains", tuple(self.domains))
        object.__setattr__(self, "shared_aliases", tuple(self.shared_aliases))
        object.__setattr__(self, "cues", tuple(self.cues))

    @property
    def is_wire(self) -> bool:
        """Whether this is a news agency (``type = "wire"``)."""
        return self.type == "wire"

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias (not the shared aliases)."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class OutletMention:
    """An outlet named in one line: the entry, the form of the line (a key of
    :data:`FORMS`), the words that named it and, for an aggregator's credit line, the
    source it credits (``(MENAFN- Kuwait News Agency (KUNA))``: outlet MENAFN,
    ``credited`` KUNA; ``credited`` is None when that source is not in the registry)."""

    outlet: Outlet
    form: str
    text: str
    credited: Outlet | None = None


@dataclass(frozen=True, slots=True)
class OutletFinding:
    """The outlet that published an article, as :func:`find_outlet` chose it.

    ``name`` is the registry name, or the registrable domain when ``entry`` is None (an
    address outside the registry). ``evidence`` says where it was read: basis
    ``registry`` (a domain in the registry), ``url`` (a domain outside it) or ``header``
    (a header or footer line), the URL or words read, and their line when known.
    ``form`` is a key of :data:`FORMS`; ``credited`` the source named by an
    aggregator's credit line.
    """

    name: str
    evidence: Evidence
    entry: Outlet | None = None
    form: str = "domain"
    credited: Outlet | None = None

    @property
    def in_registry(self) -> bool:
        """Whether the name came from the registry (False for an unknown domain)."""
        return self.entry is not None
