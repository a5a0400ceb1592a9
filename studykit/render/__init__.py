"""Shared by every builder: Markdown to HTML and GitHub Markdown, the HTML allow-list,
figures (rendered once per build) and the deterministic matplotlib kit for figure scripts.

Imports: content, machinery.
"""
