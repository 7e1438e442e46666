"""mkdocs-macros entry point. The code is a pipeline of stages, each a package (ARCHITECTURE.md):
format -> data -> check | publish -> pages -> generator. The wiring lives in generator/."""


def define_env(env):
    # Imported here, not at the top: `python -m macros.check` must not load the whole site.
    from .generator.macros import define_env as define

    define(env)
