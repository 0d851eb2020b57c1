"""Tests for the outlet registry, registrable domains and finding an article's outlet.

Every text here is invented for the test; outlet names and domains are public facts.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from natojp.errors import ConfigError
from natojp.metadata import outlets as outlets_module
from natojp.metadata.outlets import (
    FORMS,
    OUTLET_TYPES,
    Outlet,
    OutletFinding,
    OutletRegistry,
    OutletRegistryError,
    find_outlet,
    registrable_domain,
)
from natojp.models import Evidence

DEFAULT = OutletRegistry.default()

SMALL = """
# a test registry

[[outlet]]
name = "Kyodo News"
aliases = ["Kyodo"]
domains = ["kyodonews.net"]
country = "JP"
type = "wire"

[[outlet]]
name = "The Japan Times"
domains = ["japantimes.co.jp"]
country = "JP"
type = "newspaper"
"""


def name_of(line: str) -> str | None:
    mention = DEFAULT.in_line(line)
    return mention.outlet.name if mention else None


def form_of(line: str) -> str | None:
    mention = DEFAULT.in_line(line)
    return mention.form if mention else None


# --- registrable domains -----------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://www.japantimes.co.jp/news/2025/04/09/x/", "japantimes.co.jp"),
        ("https://english.kyodonews.net/news/2025/04/x.html", "kyodonews.net"),
        ("http://www.bbc.co.uk:8080/news/world", "bbc.co.uk"),
        ("www.abc.net.au", "abc.net.au"),
        ("smh.com.au", "smh.com.au"),
        ("news.yahoo.co.jp", "yahoo.co.jp"),
        ("HTTPS://WWW.REUTERS.COM/world/", "reuters.com"),
        ("reuters.com.", "reuters.com"),
        ("https://user:secret@www.defensenews.com/air/", "defensenews.com"),
        ("www.mod.go.jp", "mod.go.jp"),  # go.jp is a public suffix
        ("https://www.gov.uk/government/news/x", "www.gov.uk"),  # so is gov.uk
        ("https://royalnavy.mod.uk/news", "mod.uk"),
        ("nato.int", "nato.int"),
        ("someone.blogspot.com", "someone.blogspot.com"),  # private suffixes count
        ("  https://apnews.com/article/x  ", "apnews.com"),
    ],
)
def test_registrable_domain(given: str, expected: str) -> None:
    assert registrable_domain(given) == expected


@pytest.mark.parametrize(
    "given",
    [
        "",
        "   ",
        "192.168.0.1",
        "http://10.0.0.7:8000/article",
        "http://[::1]/x",
        "localhost",
        "not a url at all",
        "http://exa mple.com",
        "co.uk",
        "blogspot.com",
        "a..b",
        "https://",
        "www.-bad-.com",
    ],
)
def test_registrable_domain_none(given: str) -> None:
    assert registrable_domain(given) is None


def test_no_network_and_no_cache_written(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for variable in ("HOME", "XDG_CACHE_HOME", "TLDEXTRACT_CACHE"):
        monkeypatch.setenv(variable, str(tmp_path))
    outlets_module._extractor.cache_clear()  # a fresh extractor loads the suffix list
    try:
        assert registrable_domain("https://www.theguardian.com/world") == "theguardian.com"
        assert registrable_domain("https://www.bbc.co.uk/news") == "bbc.co.uk"
        registry = OutletRegistry.from_toml(SMALL)
        assert registry.by_domain("https://english.kyodonews.net/x") is not None
    finally:
        outlets_module._extractor.cache_clear()
    assert list(tmp_path.iterdir()) == []


# --- the shipped registry ----------------------------------------------------------


def test_default_registry_size_and_types() -> None:
    assert len(DEFAULT) >= 300
    assert {o.type for o in DEFAULT} == set(OUTLET_TYPES)
    header = outlets_module._read_default_text()
    for kind in OUTLET_TYPES:
        assert f"#                       {kind}" in header  # every type is documented
    names = [o.name for o in DEFAULT]
    assert len(names) == len(set(names))
    assert all(o.country == "" or len(o.country) == 2 for o in DEFAULT)


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("AP", "Associated Press"),
        ("AFP", "Agence France-Presse"),
        ("Reuters", "Reuters"),
        ("Kyodo", "Kyodo News"),
        ("Jiji", "Jiji Press"),
        ("KUNA", "Kuwait News Agency"),
        ("Anadolu", "Anadolu Agency"),
        ("Xinhua", "Xinhua News Agency"),
        ("Yonhap", "Yonhap News Agency"),
        ("UPI", "United Press International"),
        ("ANI", "Asian News International"),
        ("PTI", "Press Trust of India"),
        ("dpa", "Deutsche Presse-Agentur"),
        ("ANSA", "ANSA"),
        ("EFE", "Agencia EFE"),
        ("Bloomberg", "Bloomberg"),
        ("TASS", "TASS"),
        ("RIA", "RIA Novosti"),
        ("Interfax", "Interfax"),
        ("Ukrinform", "Ukrinform"),
        ("PAP", "Polish Press Agency"),
        ("CTK", "Czech News Agency"),
        ("Lusa", "Lusa"),
        ("WAM", "Emirates News Agency"),
        ("SPA", "Saudi Press Agency"),
        ("QNA", "Qatar News Agency"),
        ("IRNA", "Islamic Republic News Agency"),
        ("Bernama", "Bernama"),
        ("Antara", "Antara"),
        ("PNA", "Philippine News Agency"),
        ("Focus Taiwan", "Central News Agency"),
    ],
)
def test_default_registry_wire_agencies(alias: str, name: str) -> None:
    entry = DEFAULT.by_name(alias)
    assert entry is not None and entry.name == name and entry.is_wire


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Defense News", "trade-press"),
        ("Breaking Defense", "trade-press"),
        ("Janes", "trade-press"),
        ("Naval News", "trade-press"),
        ("Army Recognition", "trade-press"),
        ("NATO", "government"),
        ("CSIS", "think-tank"),
        ("RAND", "think-tank"),
        ("IISS", "think-tank"),
        ("RUSI", "think-tank"),
        ("Chatham House", "think-tank"),
        ("Brookings", "think-tank"),
        ("ECFR", "think-tank"),
        ("SIPRI", "think-tank"),
        ("MENAFN", "aggregator"),
        ("Yahoo News", "aggregator"),
        ("MSN", "aggregator"),
        ("NewsNow", "aggregator"),
    ],
)
def test_default_registry_other_kinds(name: str, kind: str) -> None:
    entry = DEFAULT.by_name(name)
    assert entry is not None and entry.type == kind


def test_default_registry_domains() -> None:
    def named(url: str) -> str | None:
        entry = DEFAULT.by_domain(url)
        return entry.name if entry else None

    assert named("https://www.japantimes.co.jp/news/2025/04/09/x/") == "The Japan Times"
    assert named("https://english.kyodonews.net/news/x.html") == "Kyodo News"
    assert named("https://www.defense.gov/News/Releases/x/") == "U.S. Department of Defense"
    assert named("https://www.nato.int/cps/en/natohq/x.htm") == "NATO"
    assert named("https://www.mod.go.jp/en/article/x.html") == "Japan Ministry of Defense"
    assert named("https://www.gov.uk/government/news/x") == "GOV.UK"
    # A listed host wins over its registrable domain.
    assert named("https://asia.nikkei.com/Politics/x") == "Nikkei Asia"
    assert named("https://www.nikkei.com/article/x") == "Nikkei"
    assert named("https://japannews.yomiuri.co.jp/politics/x") == "The Japan News"
    assert named("https://www.yomiuri.co.jp/politics/x") == "The Yomiuri Shimbun"
    assert named("https://www.example-defence-blog.net/x") is None
    assert named("not a url") is None
    assert named("") is None


def test_by_name_case_and_word_rules() -> None:
    def named(text: str) -> str | None:
        entry = DEFAULT.by_name(text)
        return entry.name if entry else None

    assert named("KYODO NEWS") == "Kyodo News"
    assert named("kyodo") == "Kyodo News"  # a mixed-case alias ignores case
    assert named("Japan Times") == "The Japan Times"
    assert named("THE JAPAN TIMES") == "The Japan Times"
    assert named("Agence France Presse") == "Agence France-Presse"  # hyphen = space
    assert named("AP") == "Associated Press"
    assert named("ap") is None  # an ALL CAPS alias matches only so written
    assert named("Ap") is None
    assert named("Times") is None
    assert named("The Times") == "The Times"
    assert named("Reuters, Tokyo") is None


# --- line forms --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "name", "form"),
    [
        ("THE JAPAN TIMES", "The Japan Times", "masthead"),
        ("| Japan Today |", "Japan Today", "masthead"),
        ("Japan eyes NATO liaison office | The Japan Times", "The Japan Times", "masthead"),
        ("Japan, NATO deepen ties - Nikkei Asia", "Nikkei Asia", "masthead"),
        ("By Jane Doe, Kyodo News", "Kyodo News", "byline"),
        ("By MARI YAMAGUCHI Associated Press", "Associated Press", "byline"),
        ("By Jane Doe and John Roe | Breaking Defense", "Breaking Defense", "byline"),
        ("By Reuters", "Reuters", "byline"),
        ("By Jane Doe, Nikkei staff writer", "Nikkei", "byline"),
        ("Written by Jane Doe for Defense One", "Defense One", "byline"),
        ("Anadolu staff", "Anadolu Agency", "byline"),
        ("Reuters Staff", "Reuters", "byline"),
        ("Al Jazeera and news agencies", "Al Jazeera", "byline"),
        ("Jane Doe, Kyodo News", "Kyodo News", "byline"),
        ("April 9 (UPI) --", "United Press International", "dateline"),
        ("TOKYO (AP) — Japan's cabinet met.", "Associated Press", "dateline"),
        ("New Delhi [India], April 9 (ANI): India said", "Asian News International", "dateline"),
        ("BRUSSELS/TOKYO, April 9 (Reuters) - The allies", "Reuters", "dateline"),
        ("Taipei, April 9 (CNA) Taiwan's navy said", "Central News Agency", "dateline"),
        ("MOSCOW, April 9. /TASS/. Russia's Foreign Ministry", "TASS", "dateline"),
        ("【ワシントン共同】米国防総省は", "Kyodo News", "dateline"),
        ("(MENAFN- Kuwait News Agency (KUNA))", "MENAFN", "credit"),
        ("© 2025 The Japan Times", "The Japan Times", "copyright"),
        ("Copyright 2025 Kyodo News", "Kyodo News", "copyright"),
        (
            "Copyright © 2025 The Korea Herald. All Rights Reserved.",
            "The Korea Herald",
            "copyright",
        ),
        ("All rights reserved. © Nikkei Inc.", "Nikkei", "copyright"),
        ("(c) 2025 AFP", "Agence France-Presse", "copyright"),
        ("Source: Xinhua", "Xinhua News Agency", "source"),
        ("SOURCE: Kyodo | Editor: Jane Doe", "Kyodo News", "source"),
        ("Courtesy of The Japan Times", "The Japan Times", "source"),
        ("This article was originally published by The Diplomat.", "The Diplomat", "source"),
        ("News provided by Yonhap News Agency", "Yonhap News Agency", "source"),
    ],
)
def test_in_line_forms(line: str, name: str, form: str) -> None:
    mention = DEFAULT.in_line(line)
    assert mention is not None
    assert (mention.outlet.name, mention.form) == (name, form)


def test_in_line_aggregator_credit_keeps_the_credited_source() -> None:
    mention = DEFAULT.in_line("(MENAFN- Kuwait News Agency (KUNA)) KUWAIT, April 9 (KUNA) --")
    assert mention is not None
    assert mention.outlet.name == "MENAFN"
    assert mention.credited is not None and mention.credited.name == "Kuwait News Agency"
    assert mention.text == "(MENAFN- Kuwait News Agency (KUNA))"
    other = DEFAULT.in_line("(MENAFN- Tokyo Weekly Observer) Japan said")
    assert other is not None and other.outlet.name == "MENAFN" and other.credited is None
    # Only an aggregator's credit line reads this way.
    assert DEFAULT.in_line("(Reuters - Jane Doe) Japan said") is None


@pytest.mark.parametrize(
    "line",
    [
        "Times",
        "Sun",
        "The official told The Japan Times on Tuesday that talks had stalled.",
        "Kyodo News reported that the plan would be approved next week.",
        "Reuters could not independently verify the claim.",
        "Officials raised the spending cap on Tuesday.",
        "AP-style",
        "ap",
        "cap",
        "NATO",  # a topic tag, not nato.int's masthead
        "White House",
        "REUTERS/Jane Doe",
        "Photo: Kyodo",
        "© AFP Photo",
        "By Jane Doe, Tokyo Weekly Observer",
        "By 2030, Japan will rely on Kyodo News",
        "Japan Self-Defense Forces (JSDF) - A new unit will open.",
        "the Associated Press (AP) reported on Monday",
        "Sources said the deal was close.",
        "",
    ],
)
def test_in_line_false_positives(line: str) -> None:
    assert DEFAULT.in_line(line) is None


# --- finding an article's outlet -----------------------------------------------------


def test_find_outlet_url_in_registry_wins() -> None:
    found = find_outlet(
        [(1, "THE JAPAN TIMES")], [], "https://english.kyodonews.net/news/x.html", DEFAULT
    )
    assert found == OutletFinding(
        "Kyodo News",
        Evidence("registry", "https://english.kyodonews.net/news/x.html"),
        DEFAULT.by_name("Kyodo News"),
        "domain",
    )
    assert found.in_registry


def test_find_outlet_japan_today_page_of_an_ap_story() -> None:
    header = [(1, "Japan Today"), (3, "TOKYO (AP) — Japan's cabinet approved the plan.")]
    footer = [(20, "Copyright 2025 The Associated Press. All rights reserved.")]
    found = find_outlet(header, footer, None, DEFAULT)
    assert found is not None
    assert found.name == "Japan Today"
    assert found.evidence == Evidence("header", "Japan Today", 1)
    assert found.form == "masthead"


def test_find_outlet_from_a_csv_url() -> None:
    found = find_outlet([], [], "https://japantoday.com/category/politics/x", DEFAULT)
    assert found is not None and found.name == "Japan Today"
    assert found.evidence.basis == "registry"


def test_find_outlet_non_wire_line_beats_unknown_domain() -> None:
    found = find_outlet(
        [(2, "By Jane Doe | Breaking Defense")], [], "https://www.example-mirror.net/x", DEFAULT
    )
    assert found is not None and found.name == "Breaking Defense"
    assert found.evidence == Evidence("header", "By Jane Doe | Breaking Defense", 2)


def test_find_outlet_unknown_domain_beats_wire_line() -> None:
    url = "https://www.example-defence-blog.net/2025/04/japan"
    found = find_outlet([(1, "TOKYO (AP) — Japan said on Tuesday.")], [], url, DEFAULT)
    assert found == OutletFinding("example-defence-blog.net", Evidence("url", url), None, "domain")
    assert not found.in_registry


@pytest.mark.parametrize(
    "line",
    [
        "Anadolu staff",
        "By Hana Mori | Kyodo News",
        "TOKYO (AP) — Japan said on Tuesday it would act.",
        "April 11 (UPI) -- Officials met.",
        "MOSCOW, April 9. /TASS/. Russia said.",
        "(c) 2025 AFP",
        "Source: Xinhua",
    ],
)
def test_find_outlet_an_agency_credited_alone_names_no_publisher(line: str) -> None:
    # A dateline, byline, copyright or source line names the supplier of the text.
    assert find_outlet([(1, line)], [], None, DEFAULT) is None


def test_find_outlet_an_agency_masthead_is_its_own_page() -> None:
    found = find_outlet([(1, "KYODO NEWS"), (2, "By Hana Mori")], [], None, DEFAULT)
    assert found is not None and found.name == "Kyodo News" and found.form == "masthead"
    # A byline of the form "Name | Agency" is no masthead.
    assert find_outlet([(1, "Hana Mori | Kyodo News")], [], None, DEFAULT) is None


def test_find_outlet_masthead_beats_byline_and_copyright_in_footer_beats_byline() -> None:
    found = find_outlet(
        [(1, "By Jane Doe, Kyodo News")], [(30, "© 2025 The Japan Times")], None, DEFAULT
    )
    assert found is not None and found.name == "The Japan Times"
    assert found.evidence == Evidence("header", "© 2025 The Japan Times", 30)
    assert found.form == "copyright"


def test_find_outlet_aggregator_credit_line() -> None:
    line = "(MENAFN- Kuwait News Agency (KUNA)) KUWAIT, April 9 (KUNA) -- Kuwait joined talks."
    found = find_outlet([(1, line)], [], None, DEFAULT)
    assert found is not None and found.name == "MENAFN" and found.form == "credit"
    assert found.credited is not None and found.credited.name == "Kuwait News Agency"


def test_find_outlet_url_line_in_header() -> None:
    found = find_outlet(
        [(1, "https://www.japantimes.co.jp/news/2025/04/09/x/"), (2, "Japan eyes office")],
        [],
        None,
        DEFAULT,
    )
    assert found is not None and found.name == "The Japan Times"
    assert found.evidence == Evidence(
        "registry", "https://www.japantimes.co.jp/news/2025/04/09/x/", 1
    )


def test_find_outlet_closing_wire_credit_names_no_publisher() -> None:
    assert find_outlet([], [(12, "The cabinet will decide in May.==Kyodo")], None, DEFAULT) is None
    # Prose that cites an agency does not name the outlet.
    assert find_outlet([], [(12, "The plan was dropped, according to Kyodo News.")]) is None


def test_footer_teaser_labels_do_not_name_the_outlet() -> None:
    header = [(1, "Japan and NATO agree on defense-industrial talks")]
    footer = [
        (40, "Related Articles"),
        (42, "Japan Today"),
        (43, "an hour ago"),
        (44, "- Japan Today"),
        (45, "Tactile paving gets a voice in Kawasaki"),
        (50, "NHK"),
        (51, "By Jane Doe, Kyodo News"),
        (52, "TOKYO (AP) — Another story begins here."),
    ]
    assert find_outlet(header, footer, None, DEFAULT) is None
    # The same names in the header do count ...
    found = find_outlet([(1, "Japan Today"), *header], [], None, DEFAULT)
    assert found is not None and found.name == "Japan Today"
    # ... and so does the site's copyright line in the footer.
    found = find_outlet(header, [*footer, (60, "© 2025 The Japan Times")], None, DEFAULT)
    assert found is not None and found.name == "The Japan Times"
    assert found.evidence.line == 60


def test_find_outlet_nothing_known() -> None:
    assert find_outlet([], [], None, DEFAULT) is None
    assert find_outlet([(1, "Times"), (2, "World")], [(9, "Share this article")]) is None
    # An outlet outside the registry is left to clean.looks_like_outlet.
    assert find_outlet([(1, "By Jane Doe, Tokyo Weekly Observer")], []) is None
    assert find_outlet([], [], "https://192.168.1.10/article/1") is None


def test_forms_are_ranked_and_documented() -> None:
    assert list(FORMS)[:2] == ["domain", "masthead"]
    assert outlets_module.find_outlet.__doc__


# --- registry files ----------------------------------------------------------------


def test_default_round_trip() -> None:
    text = DEFAULT.to_toml()
    assert text.startswith("# Outlet registry used by natojp")
    assert "#   state_affiliated" in text
    assert OutletRegistry.from_toml(text) == DEFAULT


def test_small_round_trip_and_load(tmp_path: Path) -> None:
    registry = OutletRegistry(
        (
            Outlet("Kyodo News", "wire", ["Kyodo", "共同通信"], ["kyodonews.net"], "JP"),
            Outlet("NHK", "broadcaster", (), ("nhk.or.jp",), "JP", state_affiliated=True),
            Outlet("NATO", "government", ("North Atlantic Treaty Organization",), ("nato.int",)),
        )
    )
    path = tmp_path / "my.toml"
    path.write_text(registry.to_toml(), encoding="utf-8")
    loaded = OutletRegistry.load(path)
    assert loaded == registry
    assert loaded.outlets[1].state_affiliated
    assert loaded.outlets[2].country == ""
    assert loaded.by_name("共同通信") == registry.outlets[0]


def error_for(text: str) -> OutletRegistryError:
    with pytest.raises(OutletRegistryError) as info:
        OutletRegistry.from_toml(text, source="my.toml")
    assert isinstance(info.value, ConfigError)
    assert info.value.path == "my.toml"
    return info.value


ENTRY = '[[outlet]]\nname = "Kyodo News"\ntype = "wire"\n'


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('aliasses = ["Kyodo"]\n', "unknown key 'aliasses'"),
        ('type2 = "x"\n', "allowed: name, aliases"),
        ('country = "UK"\n', "for this one use 'GB'"),
        ('country = "Japan"\n', "not an ISO 3166-1 alpha-2 code"),
        ('aliases = ["Times"]\n', "alias 'Times' is a single common word"),
        ('aliases = "Kyodo"\n', "key 'aliases' must be a list of strings"),
        ('aliases = ["Kyodo (Japan)"]\n', "has brackets"),
        ('aliases = ["KYODO NEWS"]\n', "repeats 'Kyodo News' of the same outlet"),
        ('domains = ["https://kyodonews.net/"]\n', "must be a domain alone"),
        ('domains = ["www.kyodonews.net"]\n', "write 'kyodonews.net'"),
        ('domains = ["co.jp"]\n', "is not a registrable domain"),
        ('domains = ["KyodoNews.net"]\n', "lower case"),
        ('state_affiliated = "no"\n', "must be true or false"),
    ],
)
def test_entry_errors_name_the_entry_and_line(extra: str, message: str) -> None:
    text = "# comment\n" + ENTRY.replace("Kyodo News", "Jiji Press") + "\n" + ENTRY + extra
    error = error_for(text)
    assert message in error.message
    assert "outlet #2 ('Kyodo News')" in error.message
    assert error.line == 6  # the second [[outlet]] header
    assert error.entry == 2
    assert str(error).startswith("my.toml:6: outlet #2")


def test_type_error_suggests() -> None:
    error = error_for('[[outlet]]\nname = "Janes"\ntype = "tradepress"\n')
    assert "type 'tradepress' is not one of" in error.message
    assert "did you mean 'trade-press'?" in error.message
    assert error.line == 1


def test_alias_and_domain_used_twice() -> None:
    twice = (
        ENTRY + '\n[[outlet]]\nname = "Kyodo Tsushin"\naliases = ["KYODO NEWS"]\ntype = "wire"\n'
    )
    error = error_for(twice)
    assert "alias 'KYODO NEWS' is already used by outlet #1 ('Kyodo News')" in error.message
    assert error.line == 5
    domains = (
        '[[outlet]]\nname = "A One"\ntype = "blog"\ndomains = ["example.org"]\n\n'
        '[[outlet]]\nname = "B Two"\ntype = "blog"\ndomains = ["example.org"]\n'
    )
    error = error_for(domains)
    assert "domain 'example.org' is already listed for outlet #1 ('A One')" in error.message


def test_missing_keys_and_file_level_errors(tmp_path: Path) -> None:
    assert "missing key 'type'" in error_for('[[outlet]]\nname = "X Y"\n').message
    assert "missing key 'name'" in error_for('[[outlet]]\ntype = "blog"\n').message
    assert "unknown top-level key 'outlets'" in error_for('[[outlets]]\nname = "X"\n').message
    assert "no [[outlet]] tables" in error_for("# nothing here\n").message
    bad = error_for('[[outlet]]\nname = "X Y"\ntype = \n')
    assert bad.message.startswith("not valid TOML") and bad.line == 3
    with pytest.raises(OutletRegistryError, match="cannot read the outlet file"):
        OutletRegistry.load(tmp_path / "missing.toml")
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b'[[outlet]]\nname = "Le Monde \xe9"\ntype = "newspaper"\n')
    with pytest.raises(OutletRegistryError, match="not UTF-8"):
        OutletRegistry.load(latin)
    with pytest.raises(OutletRegistryError, match="no outlets"):
        OutletRegistry(())


def test_a_name_may_carry_a_qualifier_but_an_alias_may_not() -> None:
    registry = OutletRegistry(
        (Outlet("ABC (Australia)", "broadcaster", ("Australian Broadcasting Corporation",)),)
    )
    assert registry.by_name("Australian Broadcasting Corporation") is registry.outlets[0]
    assert registry.by_name("ABC") is None
    with pytest.raises(OutletRegistryError, match="has brackets"):
        OutletRegistry((Outlet("ABC", "broadcaster", ("ABC (Australia)",)),))


@pytest.mark.parametrize(
    ("line", "name", "form"),
    [
        # A site's name: the outlet's name and a word for the website, or its domain.
        ("読売新聞オンライン", "The Yomiuri Shimbun", "masthead"),
        ("日本経済新聞 電子版", "Nikkei", "masthead"),
        ("The Japan Times Online", "The Japan Times", "masthead"),
        ("Japantimes.co.jp", "The Japan Times", "masthead"),
        # An outlet's copy of an agency's story.
        ("RTVE.es / EFE", "RTVE", "masthead"),
        ("Le Monde avec AFP", "Le Monde", "masthead"),
        # A think tank heads its own pages.
        ("Atlantic Council", "Atlantic Council", "masthead"),
        # The publisher's company in a copyright line.
        ("© 2025 Guardian News & Media Limited. All rights reserved.", "The Guardian", "copyright"),
        # A press-release distributor's dateline.
        ("BOSTON, May 12, 2025 /PRNewswire/ -- Acme Corp. said today", "PR Newswire", "dateline"),
        # "Source:" in other languages.
        ("Quelle: Spiegel Online", "Der Spiegel", "source"),
        ("Fuente: El País", "El País", "source"),
        # A byline followed by the date.
        ("Anadolu staff | 12.05.2025 - Update : 13.05.2025", "Anadolu Agency", "byline"),
        # Datelines with a lower-case month, with ".-", alone on their line.
        ("Lima, 12 may (EFE).- El Gobierno anunció", "Agencia EFE", "dateline"),
        ("Paris, 12 mai (AFP) - Le gouvernement", "Agence France-Presse", "dateline"),
        ("SEVILLA, 12 (EUROPA PRESS)", "Europa Press", "dateline"),
    ],
)
def test_more_line_forms(line: str, name: str, form: str) -> None:
    mention = DEFAULT.in_line(line)
    assert mention is not None and (mention.outlet.name, mention.form) == (name, form)


@pytest.mark.parametrize(
    "line",
    [
        "Times Online",  # a common word and a website word
        "NATO",  # a government's name alone is a topic tag
        "example.invalid",
        "Jeanne Martin avec AFP",  # a writer's copy: no outlet
        "AFP / Reuters",  # agencies only
        "Party leader (Reuters)",  # not a place and date
        "Il y a 12 mai (AFP)",
    ],
)
def test_more_lines_that_name_no_masthead(line: str) -> None:
    mention = DEFAULT.in_line(line)
    assert mention is None or mention.form != "masthead" or mention.outlet.is_wire is False
    assert mention is None or mention.outlet.name not in {"NATO", "Le Monde"}
    if line in {"Times Online", "NATO", "example.invalid", "Party leader (Reuters)"}:
        assert mention is None


def test_find_outlet_think_tank_and_japanese_mastheads() -> None:
    found = find_outlet([(1, "CSIS"), (2, "Commentary"), (3, "Japan's new missiles")])
    assert found is not None and found.name == "CSIS" and found.form == "masthead"
    found = find_outlet([(1, "東京新聞 TOKYO Web"), (5, "【ワシントン共同】日米両政府が")])
    assert found is not None and found.name == "Tokyo Shimbun"  # the dateline is the wire's


@pytest.mark.parametrize(
    ("lines", "wires_only", "expected"),
    [
        (["Nothing to see here.", "The Japan Times said", "none"], False, {1}),
        (["Nothing to see here.", "The Japan Times said", "none"], True, set()),
        (["a", "according to reuters, talks", "KYODO NEWS"], True, {1, 2}),
        (["Kyodoo News", "reutersx", "xreuters"], False, set()),  # whole words only
        (["【ワシントン共同】日米両政府が", "読売新聞オンライン"], False, {0, 1}),
        (["Ｒｅｕｔｅｒｓ", "Reu\u00adters said"], True, {0, 1}),  # as clean_line reads them
        (["(Reporting by Jane Doe; Editing by John Roe)"], True, {0}),
        (["https://www.example.com/x", "Hello"], False, {0}),
        (["line with \x00 inside Reuters", "AFP"], True, {0, 1}),
        ([], False, set()),
    ],
)
def test_naming_lines(lines: list[str], wires_only: bool, expected: set[int]) -> None:
    matcher = OutletRegistry.default().matcher
    assert matcher.naming_lines(lines, wires_only=wires_only) == expected
    # Asked again (answers kept), and one by one, the answer is the same.
    assert matcher.naming_lines(lines, wires_only=wires_only) == expected
    assert {
        i for i, t in enumerate(lines) if matcher.naming_lines([t], wires_only=wires_only)
    } == expected


def test_naming_lines_finds_every_line_that_names_an_outlet() -> None:
    # Every name and alias of the registry, in running text, is found by the scan.
    matcher = DEFAULT.matcher
    for outlet in DEFAULT:
        for alias in outlet.names:
            lines = [f"Talks went on, {alias} said.", "Nothing here."]
            assert matcher.naming_lines(lines) == {0}, alias
            if outlet.is_wire:
                assert matcher.naming_lines(lines, wires_only=True) == {0}, alias


# --- shared aliases ---------------------------------------------------------------------


def test_a_shared_alias_names_the_outlet_its_cues_point_to() -> None:
    header = [(1, "CNA"), (2, "Asia"), (3, "Hegseth warns of threat at regional forum")]
    singapore = [(20, "Ministers met in Singapore on May 31, 2025."), (22, "Source: CNA/dc(ws)")]
    found = find_outlet(header, singapore, None, DEFAULT)
    assert found is not None and found.name == "Channel NewsAsia"
    assert found.evidence == Evidence("header", "CNA", 1)
    taiwan = [(20, "Taiwan's coast guard shadowed the ships off Kaohsiung.")]
    found = find_outlet(header, taiwan, None, DEFAULT)
    assert found is not None and found.name == "Central News Agency"
    # No cue, or the cues of both: no outlet rather than a wrong one.
    assert find_outlet(header, [], None, DEFAULT) is None
    assert find_outlet(header, [*singapore, *taiwan], None, DEFAULT) is None
    # Addresses and the outlets' own names need no cue.
    found = find_outlet(header, [], "https://www.cna.asia/news/x", DEFAULT)
    assert found is not None and found.name == "Channel NewsAsia"
    assert DEFAULT.by_domain("https://www.channelnewsasia.com/asia/x").name == "Channel NewsAsia"
    assert DEFAULT.by_name("Focus Taiwan").name == "Central News Agency"
    assert DEFAULT.by_name("CNA") is None
    mention = DEFAULT.in_line("Taipei, April 9 (CNA) Taiwan's navy said")
    assert mention is not None and mention.outlet.name == "Central News Agency"
    assert DEFAULT.in_line("CNA") is None


SHARED = """
[[outlet]]
name = "Central News Agency"
shared_aliases = ["CNA"]
cues = ["Taiwan"]
type = "wire"

[[outlet]]
name = "Channel NewsAsia"
shared_aliases = ["CNA"]
cues = ["Singapore"]
type = "broadcaster"
"""


def test_shared_aliases_round_trip_and_errors() -> None:
    registry = OutletRegistry.from_toml(SHARED)
    assert OutletRegistry.from_toml(registry.to_toml()) == registry
    assert registry.outlets[1].shared_aliases == ("CNA",)
    assert registry.outlets[1].cues == ("Singapore",)
    once = SHARED.replace('shared_aliases = ["CNA"]\ncues = ["Singapore"]\n', "")
    assert "is shared with no other outlet" in error_for(once).message
    plain = SHARED.replace('shared_aliases = ["CNA"]\ncues = ["Singapore"]', 'aliases = ["CNA"]')
    assert "is a name or alias of" in error_for(plain).message
    blank = SHARED.replace('cues = ["Taiwan"]', 'cues = [" Taiwan"]')
    assert "cue ' Taiwan'" in error_for(blank).message


# --- second round: mastheads of the blind set, with invented texts --------------------


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ([(1, "Bundeswehr"), (2, "Startseite > Organisation > Heer > Aktuelles")], "Bundeswehr"),
        (
            [(1, "Ministère des Armées"), (2, "Accueil > Actualités > Communiqués")],
            "French Ministry of the Armed Forces",
        ),
        (
            [(1, "Ministero della Difesa"), (2, "Home > Primo Piano > Comunicati")],
            "Italian Ministry of Defence",
        ),
        (
            [(1, "防衛省・自衛隊"), (2, "トップ > 報道・会見 > 報道資料")],
            "Japan Ministry of Defense",
        ),
        ([(1, "NATO"), (2, "News | Topics | Events | Multimedia")], "NATO"),
    ],
)
def test_a_government_site_header_above_its_navigation(
    header: list[tuple[int | None, str]], name: str
) -> None:
    found = find_outlet([*header, (4, "Minister meets Japanese counterpart")])
    assert found is not None and (found.name, found.form) == (name, "masthead")


@pytest.mark.parametrize(
    "header",
    [
        # A government's name above a headline is a topic tag.
        [(1, "NATO"), (2, "Allies agree on a new air-policing rotation")],
        [(1, "Bundeswehr"), (2, "Neue Kompanie in Litauen eingetroffen")],
        # Not the first line: a breadcrumb's own part, or a name below the navigation.
        [(1, "Home > Defence > NATO"), (2, "NATO"), (3, "Allies agree")],
        [(1, "Startseite > Politik > Verteidigung"), (2, "Bundeswehr")],
    ],
)
def test_a_government_name_that_is_no_site_header(header: list[tuple[int | None, str]]) -> None:
    assert find_outlet(header) is None


def test_a_name_inside_a_site_menu_is_a_section() -> None:
    menu = "Top News | World News | Defense News | Science | Health"
    assert DEFAULT.in_line(menu) is None
    first = DEFAULT.in_line("The Japan Times | News | National | Politics")
    assert first is not None and first.outlet.name == "The Japan Times"
    # A short byline is no menu: "Jane Doe | Kyodo News | Tokyo" names its agency.
    byline = DEFAULT.in_line("Jane Doe | Kyodo News | Tokyo")
    assert byline is not None and byline.outlet.name == "Kyodo News"
    # An agency's masthead first, a section named like a trade paper below it.
    found = find_outlet(
        [(1, "UPI"), (2, menu), (4, "Defense News"), (6, "Army awards air defense contract")],
        [(30, "Copyright 2025 United Press International, Inc. All Rights Reserved.")],
    )
    assert found is not None and (found.name, found.evidence.line) == (
        "United Press International",
        1,
    )


@pytest.mark.parametrize(
    ("header", "footer", "name"),
    [
        # The publisher's masthead first: a wire's name below it is the credit.
        (
            [(1, "Japan Today"), (3, "KYODO NEWS"), (5, "Japan eyes new missiles")],
            [],
            "Japan Today",
        ),
        # The wire's name first, the publisher's copyright below: the publisher.
        (
            [(1, "AFP"), (3, "Japan eyes new missiles")],
            [(20, "© 2025 The Japan Times")],
            "The Japan Times",
        ),
    ],
)
def test_an_agency_masthead_first_does_not_beat_a_publisher_otherwise(
    header: list[tuple[int | None, str]], footer: list[tuple[int | None, str]], name: str
) -> None:
    found = find_outlet(header, footer)
    assert found is not None and found.name == name


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("RaiNews", "Rai News"),
        ("Rainews24", "Rai News"),
        ("NHKニュース", "NHK"),
        ("Yahoo!ニュース", "Yahoo Japan"),
        ("Der Tagesspiegel", "Der Tagesspiegel"),
        ("© Ministero della Difesa", "Italian Ministry of Defence"),
    ],
)
def test_second_round_aliases(line: str, name: str) -> None:
    mention = DEFAULT.in_line(line)
    assert mention is not None and mention.outlet.name == name


def test_agencies_named_in_other_scripts_are_aliases() -> None:
    for alias, name in [
        ("新華社通信", "Xinhua News Agency"),
        ("ロイター", "Reuters"),
        ("AP通信", "Associated Press"),
        ("AFP通信", "Agence France-Presse"),
        ("聯合ニュース", "Yonhap News Agency"),
        ("연합뉴스", "Yonhap News Agency"),
        ("BNS", "Baltic News Service"),
    ]:
        entry = DEFAULT.by_name(alias)
        assert entry is not None and entry.name == name and entry.is_wire
    assert DEFAULT.by_name("ap通信") is None  # an ALL CAPS part matches only so written
