"""Compile one canonical tree of ML-interview questions into study artifacts."""
