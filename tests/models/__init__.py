"""Tests of generator/models/: field types, JSON Schemas, the field reference."""
