"""Stage 2, is the catalog sound: whole-catalog validation (validate), the question checks
run in separate processes (run) and the interpreter that executes them (worker).

Imports: render, content, machinery.
"""
