"""Bytes and files in, text out: the first stage of perflint's pipeline.

``source`` decodes a report and maps offsets to lines and columns; ``documents``
reads Word, Excel and PDF files; ``discovery`` finds the reports in the
directories given.  Beneath every stage: ``cache`` (where perflint keeps what it
can rebuild, and when it trusts it) and ``regex_cache`` (its patterns compiled
once per machine).  Imports nothing else from perflint.
"""
