"""Reading the project's tables: the figures table, the source manifest, the national reference and
observations, with their vocabularies, quotes and lookups.

Every loader validates what it reads and fails with one line naming the file, the row and the column.
Public entry points: :func:`load_indicators`, :func:`load_reference`, :func:`load_sources`,
:func:`load_observations`, :func:`source_texts`.
"""

from planeval.core.hashing import sha256_of
from planeval.data.loader import (
    CONFIDENCES,
    INDICATOR_COLUMNS,
    OBSERVATION_COLUMNS,
    REFERENCE_COLUMNS,
    SOURCE_COLUMNS,
    SOURCE_KINDS,
    indicators_frame,
    load_indicators,
    load_reference,
    load_sources,
    source_texts,
    validate_indicator_rows,
)
from planeval.data.observations import load_extra_observations

#: The researcher's observations of the chapters' ``extra_observations`` parameter (either form).
load_observations = load_extra_observations

__all__ = [
    "CONFIDENCES", "INDICATOR_COLUMNS", "OBSERVATION_COLUMNS", "REFERENCE_COLUMNS", "SOURCE_COLUMNS",
    "SOURCE_KINDS", "indicators_frame", "load_indicators", "load_observations", "load_reference",
    "load_sources", "sha256_of", "source_texts", "validate_indicator_rows",
]
