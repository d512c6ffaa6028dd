"""Entry-into-force progress (issue 10): counts, the member-state condition, withdrawals and past dates."""

from __future__ import annotations

from components.model.atlas import load_atlas
from components.model.entry import all_progress


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
