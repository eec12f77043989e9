"""XML parsed safely, for every XML format: the document's own entities only, nothing fetched.

libxml2 (through lxml) expands only the internal entities a document declares
(ParlParse's `&mdash;`), refuses an expansion that amplifies past its limit (a
billion-laughs payload), and never reads an external entity, DTD or XInclude,
from disk or network. Elements keep their source line, so readers can place
problems; a syntax error comes back as a Problem at its line and column.
"""

from __future__ import annotations

import re

from lxml import etree

from .source import Problem

_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities="internal",  # type: ignore[arg-type]  # lxml 5's third mode; the stubs predate it
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,  # libxml2's limits on depth, text node size and entity amplification stay on
        remove_comments=True,
        remove_pis=True,
        recover=False,
    )


def parse_xml(name: str, data: bytes) -> etree._Element | Problem:
    """The document's root element, or the parser's complaint at its line and column."""
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        line, column = error.position if error.position else (None, None)
        message = str(error.msg or error).split(", line ")[0]
        return Problem(name, f"XML: {message}", line, (column or 0) + 1 if line else None)
    except ValueError as error:  # e.g. an encoding libxml2 does not know
        return Problem(name, f"XML: {error}", 1, 1)


def local_name(element: etree._Element) -> str:
    """An element's name without its namespace: Akoma Ntoso 2.0, 3.0 and none read alike."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def declared_encoding(head: bytes) -> str | None:
    found = _ENCODING.search(head[:200])
    return found.group(1).decode("ascii").lower() if found else None


def text_of(element: etree._Element) -> str:
    """All the text inside an element, with runs of white space made one space."""
    return " ".join("".join(str(t) for t in element.itertext()).split())
