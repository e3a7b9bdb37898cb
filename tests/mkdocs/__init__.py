"""Tests of generator/mkdocs/: builds, serve, the live preview, engines, search."""
