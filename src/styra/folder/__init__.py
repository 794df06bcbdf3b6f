"""The folder format for one committee's period: human-editable files, loaded with problems."""

from styra.folder.loader import Loaded, load

__all__ = ["Loaded", "load"]
