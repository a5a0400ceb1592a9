"""Compile one canonical tree of ML-interview questions into study artifacts.

The folders follow the pipeline, and imports between them run one way, down this list:
cli (the command line) -> release, builders (builders/anki, builders/pdf) -> checks
-> render -> content -> machinery.
"""
