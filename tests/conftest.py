"""Shared fixtures: the tiny valid package, and broken packages made by overlaying one case on it."""

from __future__ import annotations

import datetime
import functools
import os
import shutil
from pathlib import Path

import pytest
from streamlit.components.v2 import manifest_scanner

# Each new AppTest scans every installed distribution's metadata for `st.components.v2` manifests (about 0.1 s a
# time, measured as 29 % of the unit and page tiers' time under cProfile); the installed packages do not change
# during a test session, so the scan is done once per process and its answer reused.
manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)

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


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """`--dist loadgroup` (make check) sends the tests of one xdist_group to one worker by reading the group from the
    end of each test's id ('…::test_x@published_site'). pytest-xdist 3.8 writes it to `item._nodeid`, which pytest 9
    no longer reads (the id is `item._id`): without this every group was split over both workers, and each worker
    built the published site (twice the ~15 s, on the same two cores). Runs after xdist's own hook; does nothing
    where xdist's suffix took (an older pytest) or outside loadgroup."""
    if not getattr(config.option, "loadgroup", False):
        return
    try:
        from _pytest.nodeid import NodeId
    except ImportError:  # a pytest whose ids xdist can still set
        return
    for item in items:
        groups = sorted({str(m.args[0] if m.args else m.kwargs.get("name", "default"))
                         for m in item.iter_markers("xdist_group")})  # fmt: skip
        if groups and "@" not in item.nodeid and hasattr(item, "_id"):
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(groups)}")


@pytest.fixture
def valid_dir() -> Path:
    return VALID


@pytest.fixture(scope="session", autouse=True)
def stop_kaleido():
    """Stop the shared image-export browser at the end of the session (kaleido keeps one per process; starting it
    takes about 2 s, so it is not stopped and started again for each module that exports images)."""
    yield
    import kaleido

    from components.export import images as export

    if export._kaleido_started:
        kaleido.stop_sync_server()
        export._kaleido_started = False


@pytest.fixture(scope="session")
def bundled_atlas():
    """The bundled dataset, loaded once per test run (read-only: tests never modify it)."""
    from components.data.schema import DEFAULT_DATA_DIR
    from components.model.atlas import load_atlas

    return load_atlas(DEFAULT_DATA_DIR)


@pytest.fixture(scope="session")
def valid_atlas():
    """The tiny fixture package (tests/fixtures/valid), loaded once per test run."""
    from components.model.atlas import load_atlas

    return load_atlas(VALID)


@pytest.fixture
def package_dir(tmp_path):  # tests/unit/test_releases.py and tests/pages/test_releases_pages.py
    """The fixture package with its own descriptor, released as 2026.10.0, then changed."""
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    from components.data.schema import DEFAULT_DATA_DIR
    from components.model.releases import cut

    shutil.copy(DEFAULT_DATA_DIR / "datapackage.yaml", folder / "datapackage.yaml")
    cut("2026.10.0", folder, today=datetime.date(2026, 10, 15))
    participation = (folder / "participation.csv").read_text()
    participation = participation.replace(
        "test-declaration,KEN,endorsed,2023-11-01,official,https://example.org/declaration,2026-11-01,\n", ""
    )
    participation += "test-convention,KEN,signed,2025-01-10,official,https://example.org/treaty,2026-11-02,\n"
    (folder / "participation.csv").write_text(participation)
    instruments = (
        (folder / "instruments.csv")
        .read_text()
        .replace("Test Convention on AI,", "Test Convention on Artificial Intelligence,")
    )
    (folder / "instruments.csv").write_text(instruments)
    (folder / "events.csv").write_text((folder / "events.csv").read_text().replace("2026-11-01", "2026-11-02"))
    return folder


PUBLISHED_BASE = "https://atlas.example.org"  # the published site's address in the publish tests
PUBLISHED_LIVE = "https://atlas.example.org/explore"  # and the live Atlas's


SLOW_TIERS = ("browser", "integration")  # tests/<tier>/: the tiers `make test` runs after make check's two


@pytest.fixture(scope="session")
def published_site(request, tmp_path_factory, bundled_atlas):
    """The bundled data published once per test process, with the oldest frozen release's API: the publish tests
    share it rather than building a site per module and worker. With its chart images (273 SVGs, kaleido, ~25 s more)
    only in a run of the browser or integration tier (LinkChecker and axe-core then see the <img>s); make check's
    publish tests check the pages' images on a small package (tests/unit/test_publish_charts.py)."""
    from components.data.schema import DEFAULT_DATA_DIR
    from components.model.releases import available
    from components.publish.build import publish

    slow = {p.relative_to(ROOT).parts[1] for p in (Path(i.path) for i in request.session.items) if ROOT in p.parents}
    out = tmp_path_factory.mktemp("site")
    publish(out, bundled_atlas, base_url=PUBLISHED_BASE, live_url=PUBLISHED_LIVE,
            releases=[available(DEFAULT_DATA_DIR)[0]], charts=bool(slow & set(SLOW_TIERS)))  # fmt: skip
    return out


CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium through Playwright, one per test process: Playwright's sync API refuses to start while
    another of its sessions runs in the same thread (the browser tier and the briefs' tests share this one)."""
    executable = shutil.which("chromium")
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: `make test` installs it with apt-get")
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
