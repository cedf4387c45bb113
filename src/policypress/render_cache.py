"""Rendered history: the finished HTML of archived and changes pages, reused while nothing that
shapes it has changed.

Every version adds an archived page and a changes page, and their HTML changes only when their
text, their view, or the site's presentation (configuration, templates, theme, this engine) does.
The adapter names all of those in a key (``fingerprint``); a page whose key was rendered before is
written from the store instead of being rendered again. The engine's own results (each version's
HTML, each redline, each ``redline.json``) are kept the same way under ``computed/``
(``site.BuildCache``), so a build that keeps the folder redlines nothing it redlined before.
The store lives in ``.policypress-cache/``
beside ``mkdocs.yml`` (ignored by Git), so ``mkdocs serve`` and, if it keeps the folder, CI reuse it.
Each entry carries its key and a checksum of its HTML: an entry that is corrupt, truncated,
unreadable or filed under another key is a miss, so the cache can make a build faster but never
change what it publishes.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
import zlib
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

CACHE_FOLDER = ".policypress-cache"
RENDERING_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "babel")
_FORMAT = b"policypress-rendered-1\n"
_WAITING_PAGES = 4


def fingerprint(*parts: object) -> str:
    """A key for everything in ``parts``, the same in every process: sets are sorted, mappings
    compared by content, and an object with no meaningful repr is refused, never keyed by address."""
    canonical = json.dumps(parts, sort_keys=True, default=_plain, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def _plain(value: object) -> object:
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    if type(value).__repr__ is object.__repr__:
        raise TypeError(f"{type(value).__name__} has no stable form to key rendered pages on")
    return repr(value)


def files_fingerprint(folders: Iterable[Path], pattern: str = "*") -> str:
    """The names and contents of every file under ``folders`` (templates, hooks, engine sources)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{path.relative_to(folder).as_posix()}\0".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def engine_fingerprint(packages: Iterable[str] = RENDERING_PACKAGES) -> str:
    """This engine's own sources and catalogs of words, and the versions of the packages that render pages
    (Babel's dates and plural rules among them)."""
    versions = []
    for package in packages:
        try:
            versions.append((package, metadata.version(package)))
        except metadata.PackageNotFoundError:
            versions.append((package, None))
    here = Path(__file__).parent
    return fingerprint(files_fingerprint([here], "*.py"), files_fingerprint([here / "words"], "*.yml"), versions)


class RenderedHistory:
    """One build's use of the store: which history pages it reuses, and which it renders and keeps.

    ``presentation`` keys what every page shares (configuration, templates, hook; this engine and
    the rendering packages are added here); ``start`` adds what one build's pages share
    (navigation, banner); ``reuse`` adds the page's own inputs.
    """

    def __init__(self, folder: Path, *presentation: object):
        self.pages = RenderedPages(folder)
        self.presentation = fingerprint(engine_fingerprint(), *presentation)
        self._layout = self.presentation
        self._keys: dict[str, str] = {}
        self._reused: dict[str, str] = {}

    def start(self, *layout: object) -> None:
        self._layout = fingerprint(self.presentation, *layout)
        self._keys, self._reused = {}, {}

    def reuse(self, page: str, *inputs: object) -> bool:
        """Whether ``page`` was rendered before from the same inputs (then ``finished`` writes it)."""
        self._keys[page] = key = fingerprint(self._layout, page, *inputs)
        stored = self.pages.get(key)
        if stored is not None:
            self._reused[page] = stored
        return stored is not None

    def is_reused(self, page: str) -> bool:
        return page in self._reused

    def flush(self) -> None:
        self.pages.flush()

    def finished(self, page: str, html: str) -> str:
        """The page's HTML: the stored one if it was reused; otherwise ``html``, now stored."""
        if page in self._reused:
            return self._reused.pop(page)
        if page in self._keys:
            self.pages.put(self._keys.pop(page), html)
        return html


class RenderedPages:
    """Finished pages (or, in ``computed/``, the engine's results) by key, on disk. Nothing here
    is ever trusted without its checksum."""

    def __init__(self, folder: Path, kind: str = "rendered"):
        self.folder, self.kind = folder, kind
        # Compressing and writing run beside the build, on another core; the interpreter waits for
        # them before it exits, and an entry is renamed into place only once it is whole. A few
        # pages at most wait their turn, or a long history's pages would pile up in memory.
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="policypress-cache")
        self._waiting = threading.BoundedSemaphore(_WAITING_PAGES)
        self._used: set[str] = set()

    def get(self, key: str) -> str | None:
        self._used.add(key)
        try:
            stored = zlib.decompress(self._path(key).read_bytes())
        except (OSError, zlib.error):
            return None
        header, _, html = stored.partition(b"\n\n")
        if header != _header(key, html):  # corrupt, or another page's entry under this name
            return None
        try:
            return html.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def put(self, key: str, html: str) -> None:
        self._used.add(key)
        self._waiting.acquire()
        self._writer.submit(self._write, key, html).add_done_callback(lambda _: self._waiting.release())

    def flush(self) -> None:
        """Wait until every entry put so far is written."""
        self._writer.submit(lambda: None).result()

    def prune(self) -> int:
        """Delete the entries this build neither took nor wrote (those of older texts, settings or
        engines), so a folder CI keeps does not grow with every upgrade; how many went. Only after
        ``flush``, and only for a build that asked for every page (a one-off build)."""
        pruned = 0
        for path in (self.folder / self.kind).glob("*/*"):
            # Another build's entry being written is still a temporary file, never touched here.
            if path.name.startswith(".") or path.name in self._used:
                continue
            try:
                path.unlink()
                pruned += 1
            except OSError:
                pass
        return pruned

    def _write(self, key: str, html: str) -> None:
        encoded = html.encode("utf-8", "surrogatepass")
        entry = zlib.compress(_header(key, encoded) + b"\n\n" + encoded, 1)
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# policypress's rendered-page cache: safe to delete.\n*\n")
            # Write beside, then rename: a build that is interrupted never leaves half an entry.
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as file:
                file.write(entry)
            os.replace(temporary, path)
        except OSError:
            return  # a read-only checkout builds as if there were no cache

    def _path(self, key: str) -> Path:
        return self.folder / self.kind / key[:2] / key


def _header(key: str, html: bytes) -> bytes:
    return _FORMAT + f"{key}\n{hashlib.sha256(html).hexdigest()}".encode()
