"""PTV fixtures: the East Uusimaa county's neuvola, family counselling and family work with
their service locations in Finnish and Swedish, and a national NGO's helpline (all
fictional), in the shape of PTV Open API v11; broken documents beside them."""

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).with_name("data")
EAST_UUSIMAA = DATA / "east_uusimaa"
BROKEN = DATA / "broken"
EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "standards" / "ptv" / "examples"

COUNTY = "6c9b1e4a-0a3d-4c1e-9f0e-000000000001"
NGO = "6c9b1e4a-0a3d-4c1e-9f0e-000000000002"
NEUVOLA = "5e2d7a10-1b4c-4f6a-8d3e-000000000101"
PERHENEUVOLA = "5e2d7a10-1b4c-4f6a-8d3e-000000000102"
PERHETYO = "5e2d7a10-1b4c-4f6a-8d3e-000000000103"
HELPLINE = "5e2d7a10-1b4c-4f6a-8d3e-000000000104"
PORVOO = "9a4f3c21-7e8b-4d2a-b1c0-000000000201"
LOVIISA = "9a4f3c21-7e8b-4d2a-b1c0-000000000202"
TURVAKOTI = "9a4f3c21-7e8b-4d2a-b1c0-000000000203"
BOOKING_PHONE = "9a4f3c21-7e8b-4d2a-b1c0-000000000204"


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


class Documents:
    """A copy of the East Uusimaa documents that a test may change, as PTV would."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def edit(self, name: str, ptv_id: str) -> "_Editing":
        return _Editing(self.directory / name, ptv_id)


class _Editing:
    def __init__(self, path: Path, ptv_id: str) -> None:
        self.path = path
        self.ptv_id = ptv_id

    def __enter__(self) -> dict[str, Any]:
        self.data = read_json(self.path)
        items = self.data["itemList"] if isinstance(self.data, dict) else self.data
        return next(item for item in items if item["id"] == self.ptv_id)

    def __exit__(self, *exc: Any) -> None:
        if exc[0] is None:
            write_json(self.path, self.data)


@pytest.fixture
def documents(tmp_path: Path) -> Documents:
    directory = tmp_path / "ptv"
    shutil.copytree(EAST_UUSIMAA, directory)
    return Documents(directory)
