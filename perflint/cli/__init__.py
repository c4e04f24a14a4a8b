"""The ``perflint`` command: arguments and configuration in, an exit status out.

``main`` is the lint command, ``commands`` the subcommands about rules,
``config`` the configuration files.  The last stage: imports from every other.
"""
