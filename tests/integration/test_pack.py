"""Offline workshop pack (issue 10): one download per tour with every step's chart, rows and a handout."""

from __future__ import annotations

import html
import io
import struct
import zipfile
from pathlib import Path

import pytest

from components.content.pack import step_charts, tour_pack
from components.content.tours import load_tours
from components.export.rows import read_exported_csv

PACKS = Path(__file__).resolve().parents[1] / "fixtures" / "packs"  # file lists of the packs the pages once made


@pytest.mark.parametrize("tour_id", sorted(load_tours()[0]))
def test_pack_has_a_chart_rows_and_handout_for_every_step(tour_id, bundled_atlas):
    tour = load_tours()[0][tour_id]
    data = tour_pack(tour, atlas=bundled_atlas, root="https://atlas.example")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert sorted(names) == (PACKS / f"{tour_id}.files").read_text().split(), "the same files as before"
        readme = archive.read("handout.html").decode()
        assert readme.startswith("<!doctype html>") and f"<h1>{html.escape(tour.title)}</h1>" in readme
        assert "@media print" in readme and "<script" not in readme
        for number, step in enumerate(tour.steps, start=1):
            prefix = f"step-{number:02d}-{step.view}"
            images = [n for n in names if n.startswith(prefix) and n.endswith(".png")]
            assert images, f"step {number} has no chart"
            for image in images:
                png = archive.read(image)
                assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (3200, 1800)
            rows = read_exported_csv(archive.read(f"{prefix}-instruments.csv"))
            assert len(rows) and rows["source_url"].str.startswith("http").all()
            read_exported_csv(archive.read(f"{prefix}-participation.csv"))
            assert html.escape(step.caption) in readme and html.escape(step.question) in readme
            [chart] = step_charts(bundled_atlas, tour, number)  # the step's one chart, its summary as the alt text
            assert f'<img src="{prefix}.png" alt="{html.escape(chart.summary)}">' in readme
            assert f"https://atlas.example/{'' if step.view == 'overview' else step.view}?" in readme
