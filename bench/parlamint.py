"""A synthetic ParlaMint corpus: `python -m bench.generate 500000 OUT --format parlamint [--sittings 2000]`.

Laid out as a ParlaMint 4 release: the root `ParlaMint-BB.xml` (a `teiCorpus` that includes
the person and organisation lists and names every sitting), `ParlaMint-BB-listPerson.xml`
(650 members, a fifth of them changing group on 2019-07-01, a few ministers),
`ParlaMint-BB-listOrg.xml`, and one sitting per file in year folders (`2015/…`), with
debate sections of about 25 utterances, each opened by the chair, applause and notes between
them, and the varied library's Zipf-distributed words. Deterministic for a given size, sittings
and seed; sittings already written are kept. Never committed (bench/corpora/ is ignored).
"""

from __future__ import annotations

import datetime
import random
from pathlib import Path
from xml.sax.saxutils import escape

from bench.library import FORENAMES, SURNAMES, _zipf, vocabulary

TEI = 'xmlns="http://www.tei-c.org/ns/1.0"'
XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
PERSONS = 650
GROUPS = [("GRN", "Green Group"), ("SOC", "Social Democrats"), ("CON", "Conservative Party"), ("LIB", "Liberals")]
GROUPS += [("AGR", "Agrarian Union"), ("LEFT", "Left Alliance"), ("NAT", "National Front"), ("IND", "Independents")]
SWITCH = "2019-07-01"  # the day a fifth of the members change group


def sitting_lengths(sittings: int, utterances: int, seed: int) -> list[int]:
    """Utterances per sitting: `utterances` in all, each sitting from a fifth to nine fifths of the mean."""
    rng = random.Random(seed)
    weights = [0.2 + 1.6 * rng.random() for _ in range(sittings)]
    scale = utterances / sum(weights)
    lengths = [max(1, int(w * scale)) for w in weights]
    lengths[-1] += utterances - sum(lengths)  # the total exact
    return lengths


def sitting_dates(sittings: int) -> list[str]:
    """Sitting days from 2015-01-05 onwards, about three a week."""
    day, dates = datetime.date(2015, 1, 5), []
    for n in range(sittings):
        dates.append(day.isoformat())
        day += datetime.timedelta(days=2 if n % 3 != 2 else 3)
    return dates


def _person(n: int, rng: random.Random) -> str:
    group = GROUPS[n % len(GROUPS)][0]
    lines = [
        f'<person xml:id="P{n:04d}">',
        f"<persName><forename>{rng.choice(FORENAMES)}</forename><surname>{rng.choice(SURNAMES)}-{n}</surname></persName>",
        f'<sex value="{"FM"[n % 2]}"/>',
        '<affiliation ref="#BP" role="member" from="2014-01-01"/>',
    ]
    if n % 5 == 0:  # changes group on SWITCH
        later = GROUPS[(n // 5) % len(GROUPS)][0]
        lines.append(f'<affiliation ref="#group.{group}" role="member" from="2014-01-01" to="2019-06-30"/>')
        lines.append(f'<affiliation ref="#group.{later}" role="member" from="{SWITCH}"/>')
    else:
        lines.append(f'<affiliation ref="#group.{group}" role="member" from="2014-01-01"/>')
    if n % 40 == 1:
        lines.append(
            '<affiliation ref="#GOV" role="minister" from="2016-01-01" to="2020-12-31">'
            f'<roleName xml:lang="en">Minister for Portfolio {n // 40}</roleName></affiliation>'
        )
    return "\n".join([*lines, "</person>"])


def _lists(folder: Path, seed: int) -> None:
    rng = random.Random(seed)
    persons = "\n".join(_person(n, rng) for n in range(PERSONS))
    (folder / "ParlaMint-BB-listPerson.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<listPerson {TEI} xml:id="ParlaMint-BB-listPerson">\n'
        f"{persons}\n</listPerson>\n",
        encoding="utf-8",
    )
    groups = "\n".join(
        f'<org role="parliamentaryGroup" xml:id="group.{abb}"><orgName full="yes">{name}</orgName>'
        f'<orgName full="abb">{abb}</orgName></org>'
        for abb, name in GROUPS
    )
    (folder / "ParlaMint-BB-listOrg.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<listOrg {TEI} xml:id="ParlaMint-BB-listOrg">\n'
        '<org role="parliament" xml:id="BP"><orgName full="yes">Bench Parliament</orgName></org>\n'
        '<org role="government" xml:id="GOV"><orgName full="yes">Bench Government</orgName></org>\n'
        f"{groups}\n</listOrg>\n",
        encoding="utf-8",
    )


def _sitting(name: str, date: str, number: int, length: int, words: list[str], seed: int) -> str:
    rng = random.Random(seed * 1_000_003 + number)
    chair = f"P{number % 3:04d}"
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<TEI {TEI} xml:id="{name}" xml:lang="bb" ana="#parla.sitting">',
        "<teiHeader><fileDesc><titleStmt>",
        f'<title type="main" xml:lang="en">Bench parliamentary corpus ParlaMint-BB, Sitting {number + 1} ({date})'
        " [ParlaMint]</title>",
        f'<meeting n="{number + 1}" ana="#parla.sitting">Sitting {number + 1}</meeting>',
        "</titleStmt></fileDesc><profileDesc><settingDesc><setting>",
        f'<name type="city">Bench City</name><date when="{date}">{date}</date>',
        "</setting></settingDesc></profileDesc></teiHeader>",
        "<text><body>",
    ]
    for n in range(length):
        if n % 25 == 0:
            if n:
                out.append("</div>")
            out.append(f'<div type="debateSection"><head>Item {n // 25 + 1} of sitting {number + 1}</head>')
            who, ana = chair, "#chair"
        else:
            who, ana = f"P{_zipf(rng, PERSONS):04d}", "#regular"
        segs = "".join(
            "<seg>"
            + escape(" ".join(words[_zipf(rng, len(words))] for _ in range(rng.randint(8, 60)))).capitalize()
            + ".</seg>"
            for _ in range(rng.randint(1, 3))
        )
        if rng.random() < 0.05:
            segs += '<kinesic type="applause"><desc>Applause</desc></kinesic>'
        out.append(f'<u xml:id="{name}.u{n + 1}" who="#{who}" ana="{ana}">{segs}</u>')
        if rng.random() < 0.02:
            out.append('<note type="comment">(The sitting is suspended for a few minutes.)</note>')
    out += ["</div>", "</body></text>", "</TEI>", ""]
    return "\n".join(out)


def write_parlamint(folder: Path, utterances: int = 500_000, sittings: int = 2_000, seed: int = 19) -> Path:
    """The corpus in `folder` (sittings already there are kept), `utterances` in all over `sittings` files."""
    folder.mkdir(parents=True, exist_ok=True)
    _lists(folder, seed)
    words = vocabulary()
    hrefs = []
    for number, (date, length) in enumerate(
        zip(sitting_dates(sittings), sitting_lengths(sittings, utterances, seed), strict=True)
    ):
        name = f"ParlaMint-BB_{date}-s{number + 1:05d}"
        href = f"{date[:4]}/{name}.xml"
        hrefs.append(href)
        path = folder / href
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            path.write_text(_sitting(name, date, number, length, words, seed), encoding="utf-8")
    includes = "\n".join(f'<xi:include href="{h}"/>' for h in hrefs)
    (folder / "ParlaMint-BB.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<teiCorpus {TEI} {XI} xml:id="ParlaMint-BB" xml:lang="bb">\n'
        '<teiHeader><fileDesc><titleStmt><title type="main" xml:lang="en">Bench parliamentary corpus ParlaMint-BB'
        "</title></titleStmt></fileDesc><profileDesc><particDesc>\n"
        '<xi:include href="ParlaMint-BB-listOrg.xml"/>\n<xi:include href="ParlaMint-BB-listPerson.xml"/>\n'
        f"</particDesc></profileDesc></teiHeader>\n{includes}\n</teiCorpus>\n",
        encoding="utf-8",
    )
    return folder
