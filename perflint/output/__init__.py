"""Findings in, bytes out: output formats, the baseline, and safe file writing.

Imports only from ``check``, ``model`` and ``read``.
"""
