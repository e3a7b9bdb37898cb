"""The only code that knows MkDocs: the plugin's events, the build and serve commands, the live preview and the Pagefind run.

The engine (MkDocs itself or ProperDocs, `generator.mkdocs.engine`) is chosen here,
before any module of this package imports MkDocs.
"""

from generator.mkdocs import engine

engine.choose_for_process()
