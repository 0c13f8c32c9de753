"""Shared fixtures: small reports written for the tests, and the example's event pack."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_PACK = ROOT / "examples" / "data" / "kadhemi-drone-attack.json"

WIRE = (
    "RIVERTON, May 4 (Northline) - A landslide buried part of a mining camp near Riverton "
    "early on Tuesday, killing 12 workers, the regional emergency agency said.\n\n"
    "Rescue teams pulled 30 people from the mud, according to the agency.\n\n"
    "The company that runs the camp, Halden Minerals, said the slope had been inspected in March.\n\n"
    "\"We are doing everything we can,\" said Halden spokeswoman Ines Varga.\n\n"
    "The cause of the landslide has not yet been established."
)
TABLOID = (
    "Fifteen workers were killed when a wall of mud smashed into a camp near Riverton.\n\n"
    "Rescuers dragged about 30 survivors from the wreckage.\n\n"
    "Heavy rain caused the landslide, locals said.\n\n"
    "Halden Minerals insisted the slope had been inspected in March."
)
LOCAL = (
    "Twelve workers died when a landslide hit the Halden Minerals camp on Monday night.\n\n"
    "Campaigners said the slope had never been properly inspected.\n\n"
    "The landslide was reportedly caused by illegal blasting nearby."
)


@pytest.fixture
def small_event():
    return [
        {"id": "w", "outlet": "Northline", "text": WIRE, "published": "2021-05-04"},
        {"id": "t", "outlet": "Daily Blast", "text": TABLOID, "published": "2021-05-04"},
        {"id": "l", "outlet": "Riverton Post", "text": LOCAL, "published": "2021-05-05"},
    ]


@pytest.fixture(scope="session")
def example_pack():
    return json.loads(EXAMPLE_PACK.read_text(encoding="utf-8"))
