"""Allow `python -m generator`, equivalent to the `register` console script."""

from generator.cli import run

run()
