"""The site's configuration file (mkdocs.yml, or the one named with -f), read without MkDocs.

The one reader of that file for the command line, the benchmark and the tests; the MkDocs adapter
gets the same values from MkDocs itself. It gives the policypress settings and the site's Markdown
renderer.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import settings as site_settings
from .errors import PolicyError
from .render import Renderer


@dataclass(frozen=True)
class Configuration:
    """What the engine needs from the configuration file."""

    settings: site_settings.Settings
    renderer: Renderer
    site_name: str = ""
    """The site's name, which feeds carry as their author."""


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML that also reads MkDocs' tags: !ENV, !!python/name:, and ignores any other tag."""


def _environment(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    # !ENV VAR or !ENV [VAR, OTHER_VAR, default], as MkDocs reads it.
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    variables, default = (names[:-1], names[-1]) if len(names) > 1 else (names, None)
    return next((os.environ[name] for name in variables if name in os.environ), default)


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    module, _, attribute = suffix.rpartition(".")
    return getattr(importlib.import_module(module), attribute)


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)


_ConfigLoader.add_constructor("!ENV", _environment)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_ConfigLoader.add_multi_constructor("", _untagged)


def read_config(config_file: Path) -> Configuration:
    """The site's settings and Markdown renderer, read from its configuration file."""
    if not config_file.is_file():
        raise PolicyError(
            f"there is no {config_file.name} here.", where=str(config_file.parent.resolve()),
            fix="run the command in the site's repository, or name the file with --config.",
        )
    try:
        config = yaml.load(config_file.read_text("utf-8"), Loader=_ConfigLoader) or {}
    except yaml.YAMLError as error:
        raise PolicyError(f"the file is not valid YAML ({error}).", where=config_file.name,
                          fix="correct the line the message names.") from None
    docs_dir = config_file.resolve().parent / config.get("docs_dir", "docs")
    settings = site_settings.load(
        (config.get("extra") or {}).get("policypress"), config_file=config_file, docs_dir=docs_dir,
        site_url=config.get("site_url"),
    )
    return Configuration(settings, Renderer.from_config(config.get("markdown_extensions")),
                         str(config.get("site_name") or ""))
