"""What a run tells the browser's script (components/ui/probe.py): whether it drew a chart, which the script waits
for (to be on screen) before asking for the controls."""

from __future__ import annotations

import pytest

from components.ui.probe import CHARTED, RUNS
from tests.helpers import run


@pytest.mark.parametrize(("script", "query", "charted"), [
    ("views/landscape.py", {}, True),
    ("views/countries.py", {"party": "BRA"}, True),
    ("views/countries.py", {}, False),  # no party chosen: the notice and example links, no chart
    ("views/data.py", {}, False),
])  # fmt: skip
def test_a_run_says_whether_it_drew_a_chart(script, query, charted):
    at = run(script, query)
    assert not at.exception
    assert (at.session_state[CHARTED] == at.session_state[RUNS]) is charted
    at.run()  # the next run counts again
    assert (at.session_state[CHARTED] == at.session_state[RUNS]) is charted
