"""Make valid synthetic event files of a given size: `python -m bench.generate N OUT [--format yaml|vtt|parlamint]`.

About 200 speakers, sections of about 500 remarks, a third of remarks replies,
texts of 30 to 120 words with some non-ASCII. Deterministic for a given size
and seed. `--library FILES` writes a folder of FILES
copies of the bundled event, each with its remarks N times over (`python -m bench.generate 36 OUT
--library 1000`: 1,008,000 remarks). `--format vtt` writes the same remarks' texts as a WebVTT transcript,
one cue each, speakers in `<v Name>` voice spans and never the same twice in a
row, so N cues make N remarks. `--format parlamint` writes a ParlaMint corpus folder of N utterances
over `--sittings` sitting files (bench/parlamint.py). Generated files are never committed
(bench/corpora/ is ignored).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = [
    "safety",
    "governance",
    "regulation",
    "innovation",
    "risk",
    "trust",
    "interoperability",
    "alignment",
    "evaluation",
    "audit",
    "policy",
    "framework",
    "standards",
    "cooperation",
    "international",
    "multi-stakeholder",
    "transparency",
    "accountability",
    "research",
    "development",
    "deployment",
    "model",
    "system",
    "frontier",
    "capability",
    "benchmark",
    "incident",
    "report",
    "ministry",
    "institute",
    "commission",
    "parliament",
    "council",
    "agency",
    "court",
    "committee",
    "hearing",
    "testimony",
    "privacy",
    "security",
    "cyber",
    "resilience",
    "infrastructure",
    "data",
    "compute",
    "energy",
    "labour",
    "education",
    "health",
    "finance",
    "crisis",
    "response",
    "preparedness",
    "principles",
    "values",
    "rights",
    "fairness",
    "bias",
    "inclusion",
    "equity",
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "for",
    "on",
    "with",
    "that",
    "this",
    "is",
    "are",
    "was",
    "were",
    "be",
    "by",
    "as",
    "it",
    "at",
    "from",
    "not",
    "but",
]
ACCENTED = [
    "café",
    "naïve",
    "résumé",
    "Zürich",
    "São",
    "Paulo",
    "Kraków",
    "Ōsaka",
    "Bogotá",
    "Malmö",
    "Straße",
    "façade",
    "coöperation",
]
FIRST = [
    "Ada",
    "Alan",
    "Grace",
    "Linus",
    "Yukihiro",
    "Guido",
    "Barbara",
    "Edsger",
    "Hedy",
    "Margaret",
    "Tim",
    "Radia",
    "Katherine",
    "Ken",
    "Dennis",
]
LAST = [
    "Lovelace",
    "Turing",
    "Hopper",
    "Torvalds",
    "Matsumoto",
    "Rossum",
    "Liskov",
    "Dijkstra",
    "Lamarr",
    "Hamilton",
    "Berners-Lee",
]
ROLES = ("presenter", "panelist", "moderator", "host", "closing")


def _text(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(30, 120))]
    for _ in range(rng.randint(0, 3)):
        words[rng.randrange(len(words))] = rng.choice(ACCENTED)
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(remarks: int, seed: int = 2024, name: str | None = None) -> str:
    """An event of `remarks` remarks; `name` its id (default synthetic-N)."""
    rng = random.Random(seed + remarks)
    name = name or f"synthetic-{remarks}"
    speakers = max(2, min(200, remarks // 5))
    sections = max(1, remarks // 500)
    out = [
        f"# Synthetic Podium corpus: {remarks} remarks (bench/generate.py, seed {seed}).",
        "schema_version: 1",
        "event:",
        f"  id: {name}",
        f"  title: Synthetic proceedings {name} with {remarks} remarks",
        '  date: "2025-01-01"',
        "  venue: {hall: Hall A, institution: Bench University}",
        "  attendance:",
        "    online: {count: 1000}",
        "    venue: {count: 200, approximate: true}",
        "speakers:",
    ]
    for i in range(speakers):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        out += [
            f"  - id: s{i:03d}",
            f"    name: {_quote(name)}",
            "    honorific: Dr.",
            f"    role: {_quote(rng.choice(['Professor', 'Director', 'Researcher', 'Minister']))}",
            f"    organisation: {_quote('Institute ' + str(i % 37))}",
            f"    event_role: [{rng.choice(ROLES)}]",
            f"    aliases: [{_quote('Dr. ' + name.split()[1])}]",
            f"    bio: {_quote(_text(rng))}",
        ]
    out.append("sections:")
    for i in range(sections):
        kind = ("remarks", "presentations", "panel", "qa", "closing")[i % 5]
        out += [f"  - id: sec{i:04d}", f"    number: {i + 1}", f"    title: Session {i + 1}", f"    kind: {kind}"]
    out.append("remarks:")
    for i in range(remarks):
        section = min(i // 500, sections - 1)
        lines = [
            f"  - id: r{i:06d}",
            f"    section: sec{section:04d}",
            f"    speaker: s{rng.randrange(speakers):03d}",
        ]
        first_in_section = section * 500
        if i > first_in_section and rng.random() < 1 / 3:
            parent = rng.randrange(max(first_in_section, i - 20), i)
            lines.append(f"    reply_to: r{parent:06d}")
        lines.append(f"    topics: [{rng.choice(WORDS[:40])}, {rng.choice(WORDS[:40])}]")
        lines.append(f"    text: {_quote(_text(rng))}")
        out += lines
    return "\n".join(out) + "\n"


def generate_vtt(cues: int, seed: int = 2024) -> str:
    """A WebVTT transcript of `cues` cues, each by another speaker than the one before."""
    rng = random.Random(seed + cues)
    names = [f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}" for i in range(max(2, min(200, cues // 5)))]
    out = ["WEBVTT", ""]
    speaker, at = 0, 0.0
    for i in range(cues):
        speaker = (speaker + rng.randrange(1, len(names))) % len(names)
        length = rng.uniform(2.0, 30.0)
        out += [f"{i + 1}", f"{_timestamp(at)} --> {_timestamp(at + length)}", f"<v {names[speaker]}>{_text(rng)}", ""]
        at += length
    return "\n".join(out)


def _timestamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    return f"{millis // 3_600_000:02d}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d}.{millis % 1000:03d}"


def write(remarks: int, path: Path, fmt: str = "yaml") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(generate_vtt(remarks) if fmt == "vtt" else generate(remarks), encoding="utf-8")
    return path


def write_library(files: int, copies: int, folder: Path) -> Path:
    """A library made from the bundled event: `files` event files (ids event-0000…), each holding
    its remarks `copies` times over (36 copies: 1,008 remarks a file), replies kept within a copy."""
    import yaml

    bundled = Path(__file__).resolve().parent.parent / "data" / "ai-safety-governance-2024.yaml"
    data = yaml.load(bundled.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    remarks, title = data["remarks"], data["event"]["title"]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        path = folder / f"event-{i:04d}.yaml"
        if path.exists():
            continue
        data["event"]["id"] = f"event-{i:04d}"
        data["event"]["title"] = f"{title} (copy {i + 1})"
        copied = []
        for c in range(copies):
            for remark in remarks:
                again = dict(remark, id=f"{remark['id']}-{c}")
                if remark.get("reply_to"):
                    again["reply_to"] = f"{remark['reply_to']}-{c}"
                copied.append(again)
        text = yaml.dump({**data, "remarks": copied}, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
    data["remarks"] = remarks
    return folder


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=1000, help="remarks (or cues); copies with --library")
    parser.add_argument("out", type=Path, nargs="?", help="default: bench/corpora/remarks-N.yaml (or .vtt)")
    parser.add_argument("--format", choices=("yaml", "vtt", "parlamint"), default="yaml")
    parser.add_argument("--sittings", type=int, default=2_000, help="with --format parlamint: sitting files")
    parser.add_argument("--library", type=int, metavar="FILES", help="write a folder of FILES event files instead")
    args = parser.parse_args()
    if args.format == "parlamint":  # a corpus folder: COUNT utterances over --sittings files (bench/parlamint.py)
        from bench.parlamint import write_parlamint

        folder = args.out or Path("bench/corpora") / f"parlamint-{args.sittings}x{args.count}"
        print(write_parlamint(folder, args.count, args.sittings))
    elif args.library:
        folder = args.out or Path("bench/corpora") / f"library-{args.library}x{args.count}"  # x copies
        print(write_library(args.library, args.count, folder))
    else:
        target = args.out or Path("bench/corpora") / f"remarks-{args.count}.{args.format}"
        print(write(args.count, target, args.format))
