"""Short tables are drawn with st.table, which reads Markdown: data text must show as written, links as links."""

from __future__ import annotations

import pandas as pd

from components.content.base import Table
from components.ui.render import static_table
from tests.helpers import shown


def test_data_text_is_escaped_links_are_links_and_missing_values_are_blank():
    data = pd.DataFrame({"name": ["**bold** :red[x] $y$ <b>z</b>", "plain"], "source_url": ["https://a.org/x(1)", None],
                         "count": [3, None]})  # fmt: skip
    out = static_table(Table("t", data, links={"source_url": "source"}))
    assert "name" not in out and "Name" in out  # a file's column is headed as readers read it (dictionary.column_label)
    assert shown(out.loc[0, "Name"]) == "**bold** :red[x] $y$ <b>z</b>"  # shown as written once read as Markdown
    assert "\\*\\*bold\\*\\*" in out.loc[0, "Name"] and "\\$y\\$" in out.loc[0, "Name"]
    assert out.loc[0, "Source"] == "[source](https://a.org/x%281%29)" and out.loc[1, "Source"] == ""
    assert out.loc[1, "count"] == "" and out.loc[0, "count"] == "3"  # one kind per column: text


def test_a_column_of_numbers_with_blanks_is_all_text():
    """Arrow takes a column of one kind only: numbers beside blanked cells become text (12, not 12.0)."""
    out = static_table(Table("t", pd.DataFrame({"Years between": [12.0, None, 3.5]})))
    assert list(out["Years between"]) == ["12", "", "3.5"]
