"""Browser tests: the built site in headless Chromium (see conftest.py)."""
