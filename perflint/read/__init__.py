"""Bytes and files in, text out: the first stage of perflint's pipeline.

``source`` decodes a report and maps offsets to lines and columns; ``documents``
reads Word and PDF files through their extras; ``discovery`` finds the reports
in the directories given.  Imports nothing else from perflint.
"""
