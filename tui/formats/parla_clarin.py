"""ParlaMint and Parla-CLARIN TEI: one parliamentary sitting per file (`<TEI>`), in a corpus of them.

Kept: the title (the English main title where given, else the first), the sitting's
date (`settingDesc/setting/date/@when`, else the source's), its place, and its
meetings (term, session) as the summary. Each `div` holding utterances is a section,
titled by its first `head` ("Section N" without one); utterances outside any div go
to one section. Each `<u>` is one remark, in order, its text the spoken words of its
`seg`s (one paragraph each): in a linguistically annotated file (`.ana.xml`) the
`w`/`pc` tokens joined by a space unless `join="right"`, a `w` inside a `w` part of
the outer one. Notes, gaps, incidents, kinesic and vocal events and time anchors are
not spoken words: they are kept out of the text, in the notes of the remark they
stand in (or, between utterances, the one before them; the first one's when none is).

Speakers come from the corpus's person list (see tei_corpus): the name valid on the
sitting's date, sex, the party or parliamentary group they belong to that day (the
organisation), and their positions in parliament or government that day (the role).
`ana="#chair"` makes a speaker the sitting's chair, `#guest` a guest. Without the
list, a speaker is named by the printed label before them (`note type="speaker"`),
else by their id; an utterance without `who` is the chair's (when marked so) or an
unknown speaker's. Not kept: linguistic annotation (lemmas, tags, syntax, named
entities), the utterances' own ids, taxonomies, `next`/`prev` links.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from ..core.model import Event, Proceedings, Remark, Section, Speaker, Venue
from .debate_xml import NumberedIds, Problems, one_line, real_date, sniffable, text_line
from .ids import event_id_for
from .reader import Format
from .source import Problem
from .tei_corpus import Corpus, context, corpus_of
from .tei_people import TEI, XML_ID, XML_LANG, People, english
from .xml_safe import local_name, parse_xml

NAME = "ParlaMint / Parla-CLARIN TEI"
CHAIR, UNKNOWN = "Chair", "Unknown speaker"
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?TEI[\s>]")
TOKENS = frozenset({"w", "pc"})
# Not spoken: kept out of a seg's text (their tails are spoken). A <time> in a seg wraps spoken tokens.
NOT_SPOKEN = frozenset({"note", "gap", "incident", "kinesic", "vocal", "anchor", "pb", "lb", "linkGrp"})


def sniff(head: bytes) -> bool:
    """A <TEI> document in the TEI namespace (a corpus root, <teiCorpus>, is not an event)."""
    head = sniffable(head)
    return _ROOT.search(head) is not None and b"tei-c.org/ns/1.0" in head


@dataclass(slots=True)
class _Speaker:
    key: str
    name: str
    person: str | None  # the person list's id, when listed
    roles: dict[str, None] = field(default_factory=dict)


@dataclass(slots=True)
class _Said:
    section: int
    speaker: str
    text: str
    notes: list[str] = field(default_factory=list)


class _Sitting:
    def __init__(self, name: str, data: bytes, corpus: Corpus, people: People, date: str | None) -> None:
        self.problems = Problems(name, data)
        self.corpus, self.people, self.date = corpus, people, date
        self.speakers: dict[str, _Speaker] = {}
        self.sections: list[str] = []
        self.said: list[_Said] = []
        self.section_of: dict[etree._Element | None, int] = {}  # each div (None: none) -> its section
        self.label: str | None = None  # the last `note type="speaker"`: the printed name of who speaks next
        self.waiting: list[str] = []  # notes before the first utterance

    def section(self, u: etree._Element) -> int:
        div = next((a for a in u.iterancestors(f"{TEI}div")), None)
        found = self.section_of.get(div)
        if found is None:
            head = None if div is None else div.find(f"{TEI}head")
            title = text_line(head) or f"Section {len(self.sections) + 1}"
            self.sections.append(title)
            found = self.section_of[div] = len(self.sections) - 1
        return found

    def speaker(self, u: etree._Element) -> str:
        who = (u.get("who") or "").split()
        ident = who[0].removeprefix("#") if who else ""
        roles = [_event_role(a) for a in (u.get("ana") or "").split()]
        chair = "chair" in roles
        if not ident:
            key, name, person = ("#chair", CHAIR, None) if chair else ("#unknown", UNKNOWN, None)
            if self.label:  # two chairs of one sitting, told apart by their printed names
                key, name = f"{key}:{self.label}", self.label
        else:
            listed = self.people.persons.get(ident)
            name = (listed.name_on(self.date) if listed else None) or self.label or ident
            key, person = ident, ident if listed else None
        speaker = self.speakers.get(key)
        if speaker is None:
            speaker = self.speakers[key] = _Speaker(key, name, person)
        elif self.label and speaker.name in (ident, CHAIR, UNKNOWN):  # named by id until a label printed their name
            speaker.name = self.label
        for role in roles:
            if role:
                speaker.roles.setdefault(role)
        self.label = None
        return key

    def utterance(self, u: etree._Element) -> None:
        paragraphs, notes = spoken(u)
        said = _Said(self.section(u), self.speaker(u), "\n".join(paragraphs), [*self.waiting, *notes])
        self.waiting.clear()
        self.said.append(said)

    def aside(self, element: etree._Element) -> None:
        """A note or an event between utterances: the speaker label for the next one, or a note to the last."""
        if local_name(element) == "note" and element.get("type") == "speaker":
            self.label = one_line((text_line(element) or "").rstrip(":")) or None
            return
        note = describe(element)
        if note is None:
            return
        if self.said:
            self.said[-1].notes.append(note)
        else:
            self.waiting.append(note)

    def speaker_records(self) -> tuple[tuple[Speaker, ...], dict[str, str]]:
        ids = NumberedIds("speaker")
        records, by_key = [], {}
        for key, s in self.speakers.items():
            listed = self.people.persons.get(s.person) if s.person else None
            speaker = Speaker(
                id=ids(key, s.name),
                name=s.name,
                role=self.people.role_on(listed, self.date) if listed else None,
                organisation=self.people.organisation_on(listed, self.date) if listed else None,
                event_roles=tuple(s.roles),
                aliases=(s.key,) if s.person and s.key != s.name else (),
                sex=listed.sex if listed else None,
            )
            records.append(speaker)
            by_key[key] = speaker.id
        return tuple(records), by_key


def _event_role(ana: str) -> str | None:
    """`#chair` (and a corpus's own `#deputy_chair`) is the chair; `#guest` a guest; `#regular` nothing."""
    token = ana.removeprefix("#").lower()
    if token.endswith("chair"):
        return "chair"
    return "guest" if token == "guest" else None


def spoken(u: etree._Element) -> tuple[list[str], list[str]]:
    """An utterance's spoken paragraphs (one per seg, and words loose in the <u> where they stand) and its notes."""
    paragraphs: list[str] = []
    notes: list[str] = []
    loose: list[str] = [u.text or ""]  # words directly in the <u>, outside any seg (some corpora)

    def end_loose() -> None:
        text = one_line(" ".join(loose))
        if text:
            paragraphs.append(text)
        loose.clear()

    for child in u:
        kind = local_name(child)
        if kind == "seg":
            end_loose()
            text = _seg_text(child, notes)
            if text:
                paragraphs.append(text)
        elif not kind or kind in NOT_SPOKEN or kind in ("desc", "label"):
            note = describe(child) if kind else None
            if note:
                notes.append(note)
        else:
            loose.append(_seg_text(child, notes))
        loose.append(child.tail or "")
    end_loose()
    return paragraphs, notes


def _seg_text(seg: etree._Element, notes: list[str]) -> str:
    """A segment's spoken words: text and tokens, without what is not spoken (whose tail is)."""
    pieces: list[str] = []
    glue = True  # the next token follows the last one with no space (a join="right" before it)

    def add(text: str | None) -> None:
        nonlocal glue
        if text:
            pieces.append(text)
            glue = glue and not text.strip()  # the white space between tokens and around <name> keeps a join

    stack: list[tuple[etree._Element, bool]] = [(seg, False)]
    while stack:
        node, done = stack.pop()
        kind = local_name(node)
        if done:
            if node is not seg:
                add(node.tail)
            continue
        if node is not seg and (not kind or kind in NOT_SPOKEN):
            note = describe(node) if kind else None
            if note:
                notes.append(note)
            if node.tail and pieces and pieces[-1][-1:].isalnum() and node.tail[0].isalnum():
                pieces.append(" ")  # "not<gap/>cut": two words, the gap between them
            add(node.tail)
            continue
        if kind == "w" and not (node.text or "").strip() and node.find(f"{TEI}w") is not None:
            stack.append((node, True))  # a normalised word of several surface words: read them
            stack.extend((child, False) for child in reversed(node))
            continue
        if kind in TOKENS:
            while glue and pieces and not pieces[-1].strip():
                pieces.pop()  # join="right": no space, whatever white space the file puts between them
            word = node.text or ""
            pieces.append(word if glue else " " + word)
            glue = node.get("join") == "right"
            stack.append((node, True))  # its tail; nested <w>s are part of it, not words of their own
            continue
        add(node.text)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    return one_line("".join(pieces)) or ""


def describe(element: etree._Element) -> str | None:
    """A note, gap or event as a line: its text or description, else its kind and type ("gap (editorial)")."""
    kind = local_name(element)
    if kind in ("anchor", "pb", "lb", "linkGrp"):
        return None
    descs = element.findall(f"{TEI}desc")
    text = english(descs) if descs else text_line(element)
    if text:
        return text
    detail = element.get("type") or element.get("reason")
    return f"{kind} ({detail})" if detail else kind or None


# --------------------------------------------------------------------------- the header


def _title(header: etree._Element | None) -> str | None:
    if header is None:
        return None
    titles = list(header.iterfind(f"{TEI}fileDesc/{TEI}titleStmt/{TEI}title"))
    mains = [t for t in titles if t.get("type") == "main"] or titles
    english = [t for t in mains if t.get(XML_LANG) == "en"]
    for title in english + mains:
        text = text_line(title)
        if text:
            return text
    return None


def _date(header: etree._Element | None) -> str | None:
    if header is None:
        return None
    for path in ("profileDesc/settingDesc/setting/date", "fileDesc/sourceDesc/bibl/date"):
        for date in header.iterfind("/".join(f"{TEI}{p}" for p in path.split("/"))):
            found = real_date(date.get("when") or text_line(date))
            if found:
                return found
    return None


def _venue(header: etree._Element | None) -> Venue:
    by_type: dict[str, list[etree._Element]] = {}
    if header is not None:
        for name in header.iterfind(f"{TEI}profileDesc/{TEI}settingDesc/{TEI}setting/{TEI}name"):
            by_type.setdefault(name.get("type") or "place", []).append(name)
    names = {kind: found for kind, elements in by_type.items() if (found := english(elements))}
    return Venue(
        building=names.get("address") or names.get("place"), campus=names.get("city"), institution=names.get("country")
    )


def _meetings(header: etree._Element | None) -> str | None:
    if header is None:
        return None
    meetings = list(header.iterfind(f"{TEI}fileDesc/{TEI}titleStmt/{TEI}meeting"))
    english_ones = [m for m in meetings if m.get(XML_LANG) == "en"]  # one language where a corpus gives two
    if english_ones:
        meetings = english_ones + [m for m in meetings if not m.get(XML_LANG)]
    return " · ".join(dict.fromkeys(t for m in meetings if (t := text_line(m)))) or None


def read_parla_clarin(
    name: str, data: bytes, on_read: Callable[[float], None] | None = None
) -> tuple[Proceedings | None, list[Problem]]:
    """One sitting's bytes to its event, its speakers looked up in the corpus around it."""
    root = parse_xml(name, data)
    if isinstance(root, Problem):
        return None, [root]
    if on_read is not None:
        on_read(0.4)
    if local_name(root) != "TEI":
        return None, Problems(name, data).add(root, _not_a_sitting(root))
    header = root.find(f"{TEI}teiHeader")
    date = _date(header)
    corpus = corpus_of(name)
    people = corpus.people
    if header is not None and (header.find(f".//{TEI}person") is not None or header.find(f".//{TEI}org") is not None):
        people = People(dict(people.persons), dict(people.organisations))
        people.add_lists(header)  # the 2021 encoding: the people in the sitting's own header
    sitting = _Sitting(name, data, corpus, people, date)
    body = root.find(f"{TEI}text/{TEI}body")
    if body is None:
        return None, sitting.problems.add(root, "no <text><body> in this sitting: there is nothing said to show")
    for element in body.iter():
        kind = local_name(element)
        if kind == "u":
            sitting.utterance(element)
        elif kind in ("note", "gap", "incident", "kinesic", "vocal") and _between_utterances(element):
            sitting.aside(element)
    if not sitting.said:
        return None, sitting.problems.add(body, "no <u> utterance in this sitting: there is nothing said to show")
    proceedings = _build(name, root, header, sitting, date)
    if on_read is not None:
        on_read(1.0)
    return proceedings, [*corpus.problems, *sitting.problems.found()]


def _not_a_sitting(root: etree._Element) -> str:
    kind = local_name(root)
    if kind != "teiCorpus":
        return f"the root element is <{kind}>, not a sitting's <TEI>"
    if root.find(f"{TEI}TEI") is not None:
        return (
            "a TEI corpus with its sittings inside this one file; Podium opens corpora whose sittings are "
            "files of their own (ParlaMint's layout): save each <TEI> as a file"
        )
    return "a corpus root: open its folder, or name the root alone to open the sittings it names"


def _between_utterances(element: etree._Element) -> bool:
    return not any(local_name(a) == "u" for a in element.iterancestors())


def _build(
    name: str, root: etree._Element, header: etree._Element | None, sitting: _Sitting, date: str | None
) -> Proceedings:
    speakers, by_key = sitting.speaker_records()
    section_ids = NumberedIds("section")
    sections = tuple(
        Section(id=section_ids(f"#{n}", title), number=n + 1, title=title, kind="debate")
        for n, title in enumerate(sitting.sections)
    )
    remarks = tuple(
        Remark(
            id=f"r{n + 1}",
            section=sections[s.section].id,
            speaker=by_key[s.speaker],
            text=s.text,
            position=n,
            notes=tuple(s.notes),
        )
        for n, s in enumerate(sitting.said)
    )
    ident = root.get(XML_ID) or ""
    title = _title(header) or ident or event_id_for(name)
    if re.search(r"-en(?:_|\.|$)", ident) and "translat" not in title.lower():
        title = f"{title} (machine translation)"
    summary = _meetings(header)
    if sitting.corpus.missing:
        missing = ", ".join(dict.fromkeys(sitting.corpus.missing))
        summary = "; ".join(p for p in (summary, f"speakers shown by id: {missing} not in the corpus folder") if p)
    event = Event(id=event_id_for(name), title=title, date=date, venue=_venue(header), summary=summary)
    return Proceedings(name, event, speakers, sections, remarks, origin=NAME)


FORMAT = Format(
    NAME,
    (".xml",),
    sniff,
    read_parla_clarin,
    expects="<u> utterances found: each a <u> in the sitting's <text><body>",
    context=context,
)
