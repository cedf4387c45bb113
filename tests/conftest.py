import pytest
from sites import SiteRepo


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--screenshots", action="store_true",
                     help="browser tests save full-page screenshots of the pages they visit to "
                          "test-artifacts/screenshots/, for a person to look at")


@pytest.fixture
def repo(tmp_path) -> SiteRepo:
    """An empty site repository for the Privacy Statement, in Los Angeles time."""
    return SiteRepo.create(tmp_path / "site-repo")
