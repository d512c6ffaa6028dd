"""Issue 20, the pieces that tie the languages together: a word with two meanings keeps them apart, downloads made on
click keep the page's language, a translated title's source is checked, and data names are shown in the language."""

from __future__ import annotations

import csv
import io
import shutil
import threading

import pytest

from components.data.i18n import pgettext, speaking
from components.data.labels import data_label, label
from components.data.validate import read_and_validate
from components.publish.cells import report_header
from tests.conftest import ROOT


def test_report_the_link_and_report_the_kind_of_instrument_are_told_apart():
    with speaking("fr"):
        assert report_header() == pgettext("link to report a problem", "Report") == "Signaler"
        assert label("report") == "Rapport"
    with speaking("es"):
        assert report_header() != label("report")
    assert report_header() == "Report" == label("report")  # English: one word


def test_a_download_made_on_click_is_made_in_the_pages_language():
    """Streamlit runs a download's callable later, in another thread, where the page's language is not set."""
    from components.ui.render import _in_language

    def header():
        return label("legally_binding")

    def elsewhere(make, *args):  # a thread of the server's own (its context is not the page run's)
        out = []
        thread = threading.Thread(target=lambda: out.append(make(*args)))
        thread.start()
        thread.join()
        return out[0]

    with speaking("fr"):
        later = elsewhere(_in_language, "fr", header)
        plain = elsewhere(header)
    assert later == "Juridiquement contraignant"
    assert plain == "Legally binding"  # what the page's thread would have lost


def test_forums_and_regions_are_shown_in_the_language_and_kept_as_values_elsewhere():
    with speaking("fr"):
        assert data_label("Council of Europe") == "Conseil de l'Europe"
        assert label("Northern Europe") == "Europe septentrionale"
        assert data_label("A forum the catalogs do not know") == "A forum the catalogs do not know"
    with speaking("es"):
        assert data_label("UN General Assembly") == "Asamblea General de las Naciones Unidas"
    assert data_label("Council of Europe") == "Council of Europe"


@pytest.mark.parametrize(
    ("status", "source", "problem"),
    [
        ("official", "", "needs the address"),
        ("reported", "", "needs the address"),
        ("translated", "https://example.org/titre", "cites no source"),
        ("official", "https://example.org/titre", None),
        ("translated", "", None),
    ],
)
def test_a_translated_title_cites_where_it_was_read_exactly_when_it_was_read(tmp_path, status, source, problem):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("releases", "tours"))
    path = data / "instrument_translations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    first = next(i for i, line in enumerate(lines) if line.startswith("bletchley-declaration,fr,"))
    row = next(csv.reader(io.StringIO(lines[first])))
    row[header.index("name_status")], row[header.index("name_source")] = status, source
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(row)
    lines[first] = buffer.getvalue()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _tables, problems = read_and_validate(data)
    found = [p for p in problems if p.file == "instrument_translations.csv"]
    if problem is None:
        assert not found, found
    else:
        assert len(found) == 1 and found[0].column == "name_source" and problem in found[0].message, found
        assert found[0].row == first + 1  # the spreadsheet row: the header is row 1
