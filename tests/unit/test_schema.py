"""The JSON Schema in data/schema/ describes the same format the loader reads."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "data" / "schema" / "event.schema.json").read_text(encoding="utf-8"))
FIXTURES = ROOT / "tests" / "fixtures"


def _data(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_bundled_event_matches_the_schema() -> None:
    jsonschema.validate(_data(ROOT / "data" / "ai-safety-governance-2024.yaml"), SCHEMA)


def test_the_minimal_fixture_matches_the_schema() -> None:
    jsonschema.validate(_data(FIXTURES / "valid-minimal.yaml"), SCHEMA)


@pytest.mark.parametrize(
    "fixture",
    ["unknown-field.yaml", "missing-field.yaml", "implicit-date.yaml", "wrong-type-list.yaml", "empty-string.yaml"],
)
def test_files_the_loader_refuses_for_their_shape_fail_the_schema_too(fixture: str) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(_data(FIXTURES / fixture), SCHEMA)
