"""Tests of generator/site/: pages, fact sheets, charts, Markdown, structured data, CSP."""
