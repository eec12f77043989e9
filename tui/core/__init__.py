"""The pure core: the model, the query language, live search, reply threads, text safety, wrapping.

No file access, no YAML, no Textual: everything above builds on this.
"""
