"""mkdocs-macros entry point. The code is a pipeline of stages, each a package (ARCHITECTURE.md):
format -> data -> check | publish -> pages -> outputs -> generator. The wiring lives in
generator/."""

from . import started  # noqa: F401 - first: the files as this process found them


def define_env(env):
    # Imported here, not at the top: `python -m macros.check` must not load the whole site.
    from .generator.macros import define_env as define

    define(env)
