# policypress's MkDocs adapter, from the installed package: upgrading policypress upgrades the site.
from policypress.mkdocs_hook import *  # noqa: F403
