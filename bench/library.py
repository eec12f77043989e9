"""A varied library for the corpus benchmarks: `python -m bench.library FILES [OUT] [--remarks N]`.

Real corpora are not a few hundred words said over and over: a ParlaMint country has
hundreds of thousands of distinct words, a long tail of rare ones, thousands of
speakers of whom a few speak most, and sittings of very different lengths. This
writes FILES Podium YAML events like that, deterministically for a seed:

- words by a Zipf-like law (rank r with probability about 1/r, drawn as N**u): the
  commonest are English function words and the bundled event's own vocabulary, so that
  the benchmark's queries ("international", "safety governance", "moratorium") mean
  something; the tail is made-up words of two to four syllables, about 700,000 of them;
- 3,000 speakers, each event's drawn Zipf-like from the pool (the bundled event's nine
  among the commonest, so that `speaker:hickok` finds remarks in many events);
- events of 200 to 1,800 remarks (about `--remarks` on average), a third replies to
  one of the twenty remarks before, texts of 10 to 150 words.

Generated files are never committed (bench/corpora/ is ignored).
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "ai-safety-governance-2024.yaml"
VOCABULARY = 700_000
SPEAKERS = 3_000
FUNCTION_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "on",
    "it",
    "with",
    "as",
    "was",
    "be",
    "by",
    "this",
    "are",
    "at",
    "from",
    "not",
    "but",
    "have",
    "an",
    "or",
    "which",
    "we",
    "they",
    "their",
    "has",
    "its",
    "been",
    "were",
    "will",
    "would",
    "can",
    "more",
    "also",
    "there",
    "all",
    "one",
    "so",
    "about",
    "than",
    "these",
    "what",
    "who",
    "said",
    "our",
    "should",
    "must",
    "into",
    "other",
    "such",
    "may",
    "when",
    "some",
    "very",
    "only",
    "new",
    "between",
    "now",
    "how",
]
SYLLABLES = [
    "ka",
    "ri",
    "to",
    "na",
    "me",
    "lo",
    "su",
    "vi",
    "de",
    "pa",
    "ne",
    "ro",
    "ta",
    "mi",
    "ku",
    "se",
    "da",
    "li",
    "fo",
    "ba",
    "ze",
    "ho",
    "ga",
    "wi",
    "mu",
    "te",
    "po",
    "ly",
    "ra",
    "sa",
    "ni",
    "ko",
    "be",
    "du",
    "fi",
    "go",
    "lu",
    "ma",
    "ve",
    "yo",
]
SURNAMES = [
    "Abe",
    "Ahmed",
    "Alvarez",
    "Andersen",
    "Bakker",
    "Banerjee",
    "Bianchi",
    "Brown",
    "Castro",
    "Chen",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Gruber",
    "Haddad",
    "Hansen",
    "Horvat",
    "Ito",
    "Jansen",
    "Kamau",
    "Kowalski",
    "Kumar",
    "Larsen",
    "Lopez",
    "Martin",
    "Mensah",
    "Moreau",
    "Müller",
    "Nakamura",
    "Novak",
    "Okafor",
    "Olsen",
    "Papadopoulos",
    "Park",
    "Pereira",
    "Petrov",
    "Rossi",
    "Santos",
    "Schmidt",
    "Silva",
    "Smith",
    "Tanaka",
    "Tremblay",
    "Varga",
    "Wang",
    "Weber",
    "Yilmaz",
    "Zhang",
]
FORENAMES = [
    "Ada",
    "Alan",
    "Amara",
    "Ana",
    "Björn",
    "Chiara",
    "Daniel",
    "Elena",
    "Farah",
    "Grace",
    "Hana",
    "Ines",
    "Jonas",
    "Kenji",
    "Lena",
    "Lucas",
    "Maria",
    "Mateo",
    "Nadia",
    "Omar",
    "Priya",
    "Rosa",
    "Sara",
    "Tomasz",
    "Yuki",
    "Zofia",
]


def _bundled() -> tuple[list[str], list[dict[str, str]]]:
    """The bundled event's words, commonest first, and its speakers."""
    import yaml

    data = yaml.load(BUNDLED.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    counts = Counter(w.lower() for r in data["remarks"] for w in re.findall(r"[A-Za-z][A-Za-z'-]*", r["text"]))
    return [w for w, _ in counts.most_common()], data["speakers"]


def vocabulary(size: int = VOCABULARY) -> list[str]:
    """Words by rank: function words, the bundled event's, then made-up words of 2 to 4 syllables."""
    own, _ = _bundled()
    words = list(dict.fromkeys([*FUNCTION_WORDS, *own]))
    seen = set(words)
    base, n = len(SYLLABLES), 0
    while len(words) < size:
        length = 2 + n % 3
        word, rest = "", n
        for _ in range(length):
            word += SYLLABLES[rest % base]
            rest //= base
        n += 1
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def _zipf(rng: random.Random, size: int) -> int:
    """A rank in [0, size) with probability about 1/(rank+1): the log of the rank is uniform."""
    return int(size ** rng.random()) - 1


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _speakers(rng: random.Random) -> list[tuple[str, str, str]]:
    """(id, name, role) of the pool: the bundled event's speakers first, then made-up people."""
    _, bundled = _bundled()
    pool = [(s["id"], s["name"], s.get("role") or "Speaker") for s in bundled]
    roles = ("Member", "Minister", "Chair", "Researcher", "Director", "Guest")
    while len(pool) < SPEAKERS:
        i = len(pool)
        name = f"{rng.choice(FORENAMES)} {rng.choice(SURNAMES)}-{i}"
        pool.append((f"p{i:05d}", name, rng.choice(roles)))
    return pool


def event_yaml(index: int, remarks: int, words: list[str], pool: list[tuple[str, str, str]], seed: int) -> str:
    rng = random.Random(seed * 1_000_003 + index)
    chosen = sorted({_zipf(rng, len(pool)) for _ in range(max(5, remarks // 20))})
    out = [
        f"# A varied library's event {index} (bench/library.py, seed {seed}).",
        "schema_version: 1",
        "event:",
        f"  id: sitting-{index:05d}",
        f"  title: Sitting {index + 1} of the varied library",
        f'  date: "{2015 + index % 8}-{1 + index % 12:02d}-{1 + index % 28:02d}"',
        "  venue: {hall: Chamber, institution: Bench Parliament}",
        "speakers:",
    ]
    for s in chosen:
        sid, name, role = pool[s]
        out += [f"  - id: {sid}", f"    name: {_quote(name)}", f"    role: {_quote(role)}"]
    sections = max(1, remarks // 300)
    out.append("sections:")
    out += [f"  - {{id: item-{i + 1}, number: {i + 1}, title: Item {i + 1}, kind: remarks}}" for i in range(sections)]
    out.append("remarks:")
    speaker_ids = [pool[s][0] for s in chosen]
    for i in range(remarks):
        text = " ".join(words[_zipf(rng, len(words))] for _ in range(rng.randint(10, 150)))
        out += [
            f"  - id: r{i:05d}",
            f"    section: item-{min(i // 300, sections - 1) + 1}",
            f"    speaker: {speaker_ids[_zipf(rng, len(speaker_ids))]}",
        ]
        if i and rng.random() < 1 / 3:
            out.append(f"    reply_to: r{rng.randrange(max(0, i - 20), i):05d}")
        out.append(f"    text: {_quote(text[:1].upper() + text[1:] + '.')}")
    return "\n".join(out) + "\n"


def event_lengths(files: int, remarks: int = 1_008, seed: int = 18) -> list[int]:
    """How many remarks each event has: `remarks` on average, from a fifth to nine fifths of it."""
    return [max(1, remarks + round(remarks * 0.8 * (2 * random.Random(seed + i).random() - 1))) for i in range(files)]


def write_varied_library(files: int, folder: Path, remarks: int = 1_008, seed: int = 18) -> Path:
    """FILES events in `folder` (kept if already there), about `remarks` remarks each on average."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    words, pool = vocabulary(), _speakers(rng)
    for index, length in enumerate(event_lengths(files, remarks, seed)):
        path = folder / f"sitting-{index:05d}.yaml"
        if not path.exists():
            path.write_text(event_yaml(index, length, words, pool, seed), encoding="utf-8")
    return folder


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.library", description=__doc__.splitlines()[0])
    parser.add_argument("files", type=int, help="events to write (1000: about a million remarks)")
    parser.add_argument("out", type=Path, nargs="?", help="default: bench/corpora/varied-FILES")
    parser.add_argument("--remarks", type=int, default=1_008, help="remarks per event on average")
    args = parser.parse_args()
    print(
        write_varied_library(args.files, args.out or ROOT / "bench" / "corpora" / f"varied-{args.files}", args.remarks)
    )
