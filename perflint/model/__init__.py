"""Text in, document out: the grammar (pyparsing) and the document model.

``grammar`` and ``quantities`` are the grammar; ``reader`` runs it and builds a
``document.Document`` (title, sections, paragraphs, enumerations); ``facts``,
``items``, ``scoring`` and ``terms`` are queries over a document that several
rule kinds share.  Imports only from ``read``.
"""
