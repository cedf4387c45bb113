"""Generated histories for property tests of the timeline: versions as they land, in-process."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from policypress.version import ChangeNote, Landed, Origin


@st.composite
def histories(draw) -> list[Landed]:
    """Landing days going forward; each version either names an effective date no earlier than what
    it must wait for, or inherits one."""
    day, floor, landed = date(2026, 1, 1), date(2026, 1, 1), []
    for _ in range(draw(st.integers(1, 8))):
        day += timedelta(days=draw(st.integers(1, 40)))
        floor = max(floor, day)
        effective = None
        if draw(st.booleans()):
            effective = floor + timedelta(days=draw(st.integers(0, 90)))
            floor = effective
        note = ChangeNote(draw(st.booleans()), "A change.", effective)
        landed.append(Landed("s", day, note, f"{day}\n", f"{day}\n", Origin.GIT, "x"))
    return landed
