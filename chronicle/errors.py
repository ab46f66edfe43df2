"""The exception tree. Library code raises these; `cli.py` turns them into messages and exit codes.

    ChronicleError                 every error Chronicle raises on purpose (exit 1 unless below)
    ├── UsageError                 a bad option or argument (exit 2)
    ├── NotAvailable               a command whose stage is not built yet (exit 2)
    ├── InputError                 an input that cannot be read at all (its name and what to do)
    ├── ResourceError              a model, gazetteer or data set that is missing or broken
    ├── PipelineError              stages that do not fit together (raised before the first article)
    └── StoreError                 a database that is locked, read-only, newer, or corrupt
"""
from __future__ import annotations


class ChronicleError(Exception):
    """Base class: the message says what was wrong, where, and what to do."""

    exit_code = 1


class UsageError(ChronicleError):
    exit_code = 2


class NotAvailable(ChronicleError):
    exit_code = 2


class InputError(ChronicleError):
    pass


class ResourceError(ChronicleError):
    pass


class PipelineError(ChronicleError):
    pass


class StoreError(ChronicleError):
    pass
