"""Shared fixtures: the tiny valid package, and broken packages made by overlaying one case on it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
BROKEN = FIXTURES / "broken"
ROOT = Path(__file__).parent.parent


def broken_cases() -> list[str]:
    return sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


def overlay(case: str, target: Path) -> Path:
    """A copy of the valid fixture package with the broken case's files laid over it."""
    shutil.copytree(VALID, target)
    for file in (BROKEN / case).glob("*.csv"):
        shutil.copy(file, target / file.name)
    return target


@pytest.fixture
def valid_dir() -> Path:
    return VALID
