"""Tests of generator/vocabularies/: codes, labels and URIs, the QDR NQF list."""
