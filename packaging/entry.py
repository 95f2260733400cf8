"""PyInstaller entry point: the same as the `kalma` command (see build.spec)."""

import os
import sys

# The windowed Windows executable (kalma-gui.exe) has no console: give print() somewhere to go.
if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
