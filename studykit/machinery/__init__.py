"""The build's own machinery, knowing nothing of questions: the build cache, worker pools,
progress bars, the build epoch, deterministic zips and where the project lives.

Imports: nothing of studykit outside this folder.
"""
