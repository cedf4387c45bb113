"""Errors and warnings written for legal editors: what is wrong, where, and the fix."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding matters."""

    ERROR = "error"
    """Must be fixed: ``policypress check`` exits 1, and so does a strict build."""
    WARNING = "warning"
    """Worth an editor's attention; a strict build still fails on it."""


class PolicyError(Exception):
    """Input the build cannot publish from; nothing is written when this is raised."""

    def __init__(self, problem: str, *, where: str | None = None, fix: str | None = None):
        self.problem = problem
        self.where = where
        self.fix = fix
        super().__init__(format_message(problem, where, fix))


@dataclass(frozen=True)
class Finding:
    """A problem worth an editor's attention that does not stop a plain build."""

    problem: str
    where: str | None = None
    fix: str | None = None
    line: int | None = None
    severity: Severity = Severity.WARNING

    def __str__(self) -> str:
        where = f"{self.where}, line {self.line}" if self.where and self.line else self.where
        return format_message(self.problem, where, self.fix)


def format_message(problem: str, where: str | None, fix: str | None) -> str:
    parts = [f"{where}: {problem}" if where else problem]
    if fix:
        parts.append(f"To fix: {fix}")
    return " ".join(parts)


def plural(count: int, noun: str) -> str:
    """``1 day``, ``2 days``: a count in the English of editors' messages (visitors' words count with
    ``words.Words.count``)."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
