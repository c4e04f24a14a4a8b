"""Document in, findings out: rule packs, the engine and the rule kinds.

``packs`` loads and validates the YAML packs; ``engine`` runs each rule's kind
on a document and turns its hits into ``finding.Finding``; ``kinds`` holds one
module per rule kind.  Imports only from ``model`` and ``read``.  (The package
is ``check``, not ``rules``, because ``perflint/rules`` is where the wheel keeps
the YAML packs.)
"""
