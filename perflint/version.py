"""The package version, in one place (read by the build backend and the SARIF output)."""

__version__ = "0.1.0"
