"""Everything that turns bytes on disk into the model: limits, decoding, one reader per format, the cache.

`open_paths` is the one entry point: the CLI and the browser never name a format.
"""
