"""Helpers the tests share: registers to break, CLI runs, git repositories, poisoned sites."""
