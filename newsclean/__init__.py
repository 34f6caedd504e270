"""newsclean: scraped news dumps (plain text) to clean JSON Lines."""
from __future__ import annotations

from .api import analyse, clean, get_pipeline
from .io.errors import InputError
from .model import Block, Document, Label
from .pipeline import Pipeline, stage_names
from .record import SCHEMA_VERSION

# The one place the version is written (pyproject.toml reads it from here): asking
# importlib.metadata for it would cost every run a fifth of its start-up.
__version__ = "0.1.0"

__all__ = ["clean", "analyse", "get_pipeline", "Pipeline", "stage_names", "Document", "Block",
           "Label", "InputError", "SCHEMA_VERSION", "__version__"]
