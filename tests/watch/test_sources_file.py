"""The sources file, OPML import, backoff arithmetic and the README's sources file (no network)."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.watch.fetch import backoff, retry_after
from marsad.watch.sources import Source, SourcesError, load_opml, load_sources, parse_interval, to_toml

README = Path(__file__).resolve().parents[2] / "README.md"


def test_intervals():
    assert parse_interval("15m") == 900 and parse_interval("2h") == 7200 and parse_interval("90s") == 90
    assert parse_interval("1d") == 86400 and parse_interval(300) == 300 and parse_interval("45") == 45
    for bad in ("soon", "0s", -5, True, "15 minutes"):
        with pytest.raises(SourcesError):
            parse_interval(bad)


def test_sources_file_read_and_checked(tmp_path):
    f = tmp_path / "s.toml"
    f.write_text('[[source]]\nname = "A"\nurl = "https://a.example/rss"\ninterval = "5m"\n\n'
                 '[[source]]\nname = "B"\nurl = "https://b.example/"\nkind = "page"\nlinks = "/news/\\\\d+"\n', "utf-8")
    a, b = load_sources(f, default_interval=600)
    assert (a.kind, a.interval, a.full_text) == ("feed", 300, True)
    assert (b.kind, b.interval, b.links) == ("page", 600, r"/news/\d+")
    cases = {
        '[[source]]\nurl = "ftp://x/"\n': "http:// or https://",
        '[[source]]\nurl = "https://x/"\nkind = "podcast"\n': "kind must be one of",
        '[[source]]\nurl = "https://x/"\nintervall = "5m"\n': "unknown key(s) intervall",
        '[[source]]\nname = "A"\nurl = "https://x/"\n[[source]]\nname = "A"\nurl = "https://y/"\n': "unique",
        '[[source]]\nurl = "https://x/"\nlinks = "("\n': "not a regular expression",
        '[source]\nurl = "https://x/"\n': "[[source]] table",
        '[[source]\n': "not valid TOML",
    }
    for text, reason in cases.items():
        f.write_text(text, "utf-8")
        with pytest.raises(SourcesError, match=re.escape(reason)):
            load_sources(f)


OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>subscriptions</title></head><body>
<outline text="News" title="News">
  <outline type="rss" text="Feed One" title="Feed One" xmlUrl="https://one.example/rss.xml"/>
  <outline type="rss" text="Feed Two" xmlUrl="https://two.example/atom"/>
</outline>
<outline text="a folder without feeds"/>
</body></opml>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<opml version="2.0"><body><outline text="&lol2;" xmlUrl="https://x.example/rss"/></body></opml>"""


def test_opml_import_and_round_trip(tmp_path):
    f = tmp_path / "feeds.opml"
    f.write_text(OPML, "utf-8")
    one, two = load_opml(f, default_interval=1800)
    assert one == Source("Feed One", "https://one.example/rss.xml", "feed", 1800)
    assert two.name == "Feed Two" and two.url == "https://two.example/atom"
    again = tmp_path / "s.toml"
    again.write_text(to_toml([one, two, Source("P", "https://p.example/", "page", 90, links="/a/")]), "utf-8")
    assert load_sources(again) == [one, two, Source("P", "https://p.example/", "page", 90, links="/a/")]


def test_opml_entities_refused_not_expanded(tmp_path):
    f = tmp_path / "bomb.opml"
    f.write_text(BILLION_LAUGHS, "utf-8")
    with pytest.raises(SourcesError, match="entity declarations are not accepted"):
        load_opml(f)
    f.write_text("<opml><body><outline text='x'/></body></opml>", "utf-8")
    with pytest.raises(SourcesError, match="no outline with an xmlUrl"):
        load_opml(f)
    f.write_text("<opml><body>", "utf-8")
    with pytest.raises(SourcesError, match="not well-formed"):
        load_opml(f)


def test_print_sources_from_opml(tmp_path):
    f = tmp_path / "feeds.opml"
    f.write_text(OPML, "utf-8")
    out = subprocess.run([sys.executable, "-m", "marsad", "watch", "--opml", str(f), "--print-sources"],
                         capture_output=True, text=True, check=True).stdout
    assert '[[source]]\nname = "Feed One"\nurl = "https://one.example/rss.xml"\nkind = "feed"\ninterval = "15m"' in out


def test_backoff_doubles_with_jitter_up_to_the_cap():
    rng = random.Random(7)
    for n, full in ((1, 60), (2, 120), (3, 240), (6, 1920), (20, 21600)):
        waits = [backoff(n, 60, 21600, rng) for _ in range(200)]
        assert full / 2 <= min(waits) and max(waits) <= full
        assert max(waits) - min(waits) > full / 4  # jitter: not all in step
    assert retry_after("120") == 120 and retry_after(None) is None and retry_after("soon") is None


def test_readme_sources_file_is_valid(tmp_path):
    """The README's sources file for real outlets loads (each URL must still be checked by hand)."""
    text = README.read_text("utf-8")
    block = re.search(r"## Watching outlets.*?```toml\n(.*?)```", text, re.DOTALL)
    assert block, "README has no sources file under 'Watching outlets'"
    f = tmp_path / "sources.toml"
    f.write_text(block.group(1), "utf-8")
    found = load_sources(f)
    assert len(found) >= 5 and {s.kind for s in found} >= {"feed", "page"}
