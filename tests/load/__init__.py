"""Tests of generator/load/: reading YAML with positions, parallel loading, validation, checks."""
