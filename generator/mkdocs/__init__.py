"""The only code that knows MkDocs: the plugin's events, the build and serve commands, the live preview and the Pagefind run."""
