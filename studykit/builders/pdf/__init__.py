"""The PDF output: the builder, WeasyPrint sealed off (engine), formulas typeset to SVG
(mathsvg) and compiled to PDF operators (mathpdf), and joining sheets (merge).

Imports: builders (base), render, content, machinery.
"""
