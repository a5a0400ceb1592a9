"""The stable import path for figure scripts (`from studykit.figurekit import new_figure, to_svg`)."""
from .render.figurekit import new_figure, to_svg  # noqa: F401
