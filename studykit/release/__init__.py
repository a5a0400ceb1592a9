"""dist/ and what ships: atomic replacement of dist/ (output), manifest.json and
SHA256SUMS (manifest), changelog, release notes and release assets (assets).

Imports: content, machinery.
"""
