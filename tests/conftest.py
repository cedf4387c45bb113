import pytest
from sites import SiteRepo


@pytest.fixture
def repo(tmp_path) -> SiteRepo:
    """An empty site repository for the Privacy Statement, in Los Angeles time."""
    return SiteRepo.create(tmp_path / "site-repo")
