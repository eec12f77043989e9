"""The library index: a corpus kept on disk (SQLite and memory-mapped word indexes), read without loading it.

Above formats/ (it reads files through them) and output/ (it hands views what they show);
the CLI reads through it, and the browser will. See docs/performance.md for what it costs.
"""
