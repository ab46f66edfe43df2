"""Where: the gazetteer, toponym recognition and resolution, and the event's place."""
from .gazetteer import Candidate, Gazetteer, import_files

__all__ = ["Candidate", "Gazetteer", "import_files"]
