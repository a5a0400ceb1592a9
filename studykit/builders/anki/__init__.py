"""The Anki output: the builder, the firm note type and the deterministic .apkg writer.

Imports: builders (base), render, content, machinery.
"""
