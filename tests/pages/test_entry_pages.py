"""Entry-into-force progress (issue 10): counts, the member-state condition, withdrawals and past dates."""

from __future__ import annotations

import shutil

from components.model.atlas import load_atlas
from components.model.entry import all_progress
from tests.conftest import VALID

HEADER = "instrument_id,party_id,action,date,evidence,source_url,checked,notes\n"




def atlas_with(tmp_path, rows: str):
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    kept = [line for line in (VALID / "participation.csv").read_text().splitlines()[1:] if "ratified" not in line]
    (folder / "participation.csv").write_text(HEADER + "\n".join(kept) + "\n" + rows)
    return load_atlas(folder)


ROWS = (
    "test-convention,USA,ratified,2025-06-10,official,https://example.org/t,2026-11-01,\n"
    "test-convention,EUU,ratified,2025-07,official,https://example.org/t,2026-11-01,\n"
    "test-convention,GBR,ratified,2026-01-15,official,https://example.org/t,2026-11-01,\n"
)


def test_signatories_page_shows_progress_including_what_if_consents():
    from tests.helpers import run

    at = run("views/signatories.py", {"whatif": "FRA:coe-framework-convention-ai:ratified"})
    assert not at.exception
    texts = [p.proto.text for p in at.get("progress")]
    assert texts and any("Council of Europe member states" in t for t in texts), texts
    plain = load_atlas()
    [before] = [p for p in all_progress(plain, asof=plain.asof) if p.instrument_id == "coe-framework-convention-ai"]
    after = f"{before.count + 1} of 5 consents to be bound, {before.group_count + 1} of the 3"
    assert any(after.replace(" ", "") in t.replace(" ", "").replace("\\\\", "") for t in texts), texts
