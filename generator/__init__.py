"""The micro-credential offer register: validated YAML in, public register out."""

__version__ = "0.1.0"
