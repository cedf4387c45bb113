"""When the daily publish run starts: just after midnight where the organization is.

Upcoming versions take effect, and banners end, at midnight in the site's time zone; the daily
run of ``.github/workflows/publish.yml`` rebuilds the site then. GitHub's ``schedule`` is in UTC
and knows nothing of daylight saving time, so one UTC time is chosen that is never before local
midnight: ten past midnight when the zone is furthest behind UTC (winter, in most places), an
hour later while daylight saving time is in force.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from .errors import PolicyError
from .settings import TIMEZONE_FIX, iana_zone

AFTER_MIDNIGHT = timedelta(minutes=10)
"""How long after local midnight the run starts: clear of the hour, when GitHub's queue is longest."""
_DAY = timedelta(days=1)
_SCHEDULE = re.compile(r'^(?P<indent>[ \t]*)# Every day at [^\n]*\n(?P<between>(?:[ \t]*#[^\n]*\n)*)'
                       r'(?P=indent)- cron: "[^"\n]*"[ \t]*$', re.MULTILINE)
"""The workflow's cron line and the comment that starts two lines above it, as ``daily_cron`` writes them."""


def daily_cron(timezone: str) -> tuple[str, str]:
    """The cron expression (UTC) for a daily run just after midnight in ``timezone``, and a comment
    saying when that is locally, e.g. for America/New_York: ``("10 5 * * *", "Every day at 05:10
    UTC: 00:10 in New York in winter, 01:10 in summer (daylight saving time) ...")``."""
    zone = iana_zone(timezone)
    if zone is None:
        raise PolicyError(f"{timezone!r} is not an IANA time zone name.", where="the publish workflow's schedule",
                          fix=TIMEZONE_FIX)
    # Every offset from UTC the zone has over the coming year.
    start = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    offsets = sorted({(start + day * _DAY).astimezone(zone).utcoffset() for day in range(366)})
    run = (datetime(2000, 1, 1, tzinfo=UTC) + AFTER_MIDNIGHT - offsets[0]).time()
    place = timezone.rsplit("/", 1)[-1].replace("_", " ")
    local = [_clock(run, offset) for offset in offsets]
    # Summer time differs at the solstices; other changes (Morocco's in Ramadan) do not follow the seasons.
    solstices = {datetime(start.year, month, 21, 12, tzinfo=UTC).astimezone(zone).utcoffset() for month in (6, 12)}
    if len(local) == 1:
        when = f"{local[0]} in {place}"
    elif len(local) == 2 and len(solstices) == 2:
        when = f"{local[0]} in {place} in winter, {local[1]} in summer (daylight saving time)"
    else:
        when = f"{' or '.join(local)} in {place}, depending on the time of year"
    comment = f"Every day at {run:%H:%M} UTC: {when}, as GitHub's cron runs in UTC."
    return f"{run.minute} {run.hour} * * *", comment


def with_daily_cron(workflow: str, timezone: str) -> str:
    """The publish workflow with its cron line and that line's comment written for ``timezone``."""
    cron, comment = daily_cron(timezone)
    found = list(_SCHEDULE.finditer(workflow))
    if len(found) != 1:
        raise ValueError(f"the workflow has {len(found)} daily cron lines under an 'Every day at' comment, not one")
    match = found[0]
    indent = match["indent"]
    line = f'{indent}# {comment}\n{match["between"]}{indent}- cron: "{cron}"'
    return workflow[: match.start()] + line + workflow[match.end() :]


def _clock(run, offset: timedelta) -> str:
    local = datetime(2000, 1, 1, run.hour, run.minute) + offset
    return f"{local:%H:%M}"
