"""policypress: a versioned Privacy Statement site built from Git history.

The pipeline reads like the product:

    Git history -> revisions -> versions -> documents -> pages -> site

Nothing in this package imports MkDocs; ``hooks/policypress_hook.py`` is the adapter.
"""

__version__ = "0.1.0"
