"""The register's data model: providers, offers and the register configuration.

The pydantic models are the single source of truth: the JSON Schemas, the
field reference and editor autocompletion are generated from them.
"""

from generator.models.config import RegisterConfig
from generator.models.offer import Offer
from generator.models.provider import Provider
from generator.models.text import LocalizedText

__all__ = ["LocalizedText", "Offer", "Provider", "RegisterConfig"]
