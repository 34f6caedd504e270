"""newsclean: scraped news dumps (plain text) to clean JSON Lines."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .api import analyse, clean, get_pipeline
from .io.errors import InputError
from .model import Block, Document, Label
from .pipeline import Pipeline, stage_names
from .record import SCHEMA_VERSION

try:
    __version__ = version("newsclean")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = ["clean", "analyse", "get_pipeline", "Pipeline", "stage_names", "Document", "Block",
           "Label", "InputError", "SCHEMA_VERSION", "__version__"]
