"""Tests of generator/feed/: each published format through its consumers' own validators."""
