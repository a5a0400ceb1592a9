#!/usr/bin/env python3
"""Build the ML-interview study kit: `python build.py --help`."""
import sys

from studykit.cli import main

if __name__ == "__main__":
    sys.exit(main())
