"""Dates as visitors read them."""

from datetime import date


def long_date(day: date) -> str:
    """``November 28, 2026``: the form the statement uses in prose."""
    return f"{day:%B} {day.day}, {day.year}"
