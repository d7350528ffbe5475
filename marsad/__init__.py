"""marsad (مرصد): Arabic news to a traceable record of events, quotes, actors and dates.

Public API: ``Store`` (the database), ``ingest_paths`` (read and store articles),
``prepare``/``analyse`` (the per-document pipeline), ``Resources`` (config and shared data).
"""

from marsad.ingest.run import ingest_paths
from marsad.pipeline import analyse, prepare
from marsad.resources import Resources
from marsad.store import Store

__all__ = ["Store", "ingest_paths", "prepare", "analyse", "Resources"]
__version__ = "0.1.0"
