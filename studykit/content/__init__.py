"""Stage 1, content/ -> Catalog: safe YAML with lines, the schema, the loader, the frozen
model, ids.lock, LaTeX parsing and the Markdown segments of a text field.

Imports: nothing of studykit outside this folder.
"""
