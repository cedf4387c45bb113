"""policypress: a versioned Privacy Statement site built from Git history.

The pipeline reads like the product:

    Git history -> revisions -> versions (dated, folded) -> timeline (in force when)
        -> documents -> pages and views -> site

Nothing in this package imports MkDocs except ``mkdocs_hook``, the adapter a site's
``hooks/policypress_hook.py`` loads.
"""

__version__ = "0.1.0"
"""The one place the version number is written (pyproject.toml reads it from here)."""
