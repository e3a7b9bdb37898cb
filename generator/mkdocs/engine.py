"""Which MkDocs runs the site: MkDocs 1.6 itself, or ProperDocs, its maintained fork.

ProperDocs (`pip install properdocs`) carries MkDocs 1.6 on under its own name.
Once `properdocs.replacement` is imported, every `import mkdocs.…` is answered
with the matching `properdocs.…` module, so this package, Material for MkDocs and
its plugins run on ProperDocs unchanged, even with MkDocs installed beside it
(Material requires it): no module of MkDocs itself is loaded then. ProperDocs
reads the `mkdocs.plugins` entry points as well as its own, so it finds the
`register` plugin as MkDocs does.

The redirection works only for modules that are not loaded yet: the engine is
chosen once per process, before anything imports MkDocs, which is why
`generator/mkdocs/__init__.py` calls `choose_for_process()` first of all.
`REGISTER_ENGINE` names it (`mkdocs`, the default, or `properdocs`) for
`register build` and `register serve`; the `properdocs` command has chosen
already. A process that has loaded the other engine cannot switch: it is refused
instead of being left with modules of both, and the refusal is reported when a
build starts (`check()`), as a build error rather than an import's traceback.
"""

from __future__ import annotations

import logging
import os
import sys

ENGINE_VARIABLE = "REGISTER_ENGINE"
ENGINES = ("mkdocs", "properdocs")


class EngineError(RuntimeError):
    """The engine asked for cannot run in this process; the message says why and what to do."""


_refusal: EngineError | None = None


def running() -> str:
    """The engine that `import mkdocs` gives in this process (`mkdocs` if none is loaded yet)."""
    properdocs = sys.modules.get("properdocs")
    if properdocs is not None and sys.modules.get("mkdocs") is properdocs:
        return "properdocs"
    return "mkdocs"


def choose(name: str | None = None) -> str:
    """Make `import mkdocs` give the engine `name`, or $REGISTER_ENGINE's; returns the engine.

    Without either, the engine already loaded (ProperDocs under its own command) is kept.
    """
    name = (name or os.environ.get(ENGINE_VARIABLE) or running()).strip().lower()
    if name not in ENGINES:
        raise EngineError(f"{ENGINE_VARIABLE}={name!r}: the engine is one of {', '.join(ENGINES)}")
    if name != running():
        _switch_to(name)
    if name == "properdocs":
        # Material and this plugin log as `mkdocs.…`, ProperDocs as `properdocs`: one tree, as
        # ProperDocs's own command line makes it, so that `strict` counts their warnings too.
        logging.getLogger("mkdocs").parent = logging.getLogger("properdocs")
    return name


def _switch_to(name: str) -> None:
    if "mkdocs" in sys.modules:
        loaded = running()
        raise EngineError(
            f"{ENGINE_VARIABLE}={name}, but {loaded} is loaded in this process already (by the "
            f"`{loaded}` command, or imported before the engine was chosen): run `{name} build` "
            f"or `register build` instead, or unset {ENGINE_VARIABLE}"
        )
    try:
        import properdocs.replacement  # noqa: F401  # from now on, `mkdocs.…` is ProperDocs
    except ImportError as error:
        raise EngineError(
            f"{ENGINE_VARIABLE}=properdocs, but ProperDocs is not installed: pip install properdocs"
        ) from error


def choose_for_process() -> None:
    """Choose $REGISTER_ENGINE's engine, or keep why it cannot be, for `check()` to report."""
    global _refusal
    try:
        choose()
    except EngineError as error:
        _refusal = error


def check() -> None:
    """Raise `EngineError` if the engine $REGISTER_ENGINE asks for is not the one running."""
    if _refusal is not None:
        raise _refusal


def logger() -> logging.Logger:
    """The running engine's top logger, which the messages of Material and the plugin reach too."""
    return logging.getLogger(running())
