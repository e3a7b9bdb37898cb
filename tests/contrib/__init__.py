"""Tests of generator/contrib/: pull-request checks, ownership, synth, the link checker."""
