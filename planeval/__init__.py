"""planeval: evaluation of Chinese municipal women's and children's development plans (2021-2025)."""

from planeval.core.errors import DataFileError, ParameterError, PlanevalError

__all__ = ["DataFileError", "ParameterError", "PlanevalError"]
__version__ = "0.2.0"
