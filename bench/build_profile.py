"""Where a build's time goes: `register build` in one process under cProfile.

    .venv/bin/python bench/build_profile.py REGISTER [--top 40]

The build's forked shares are turned off (a profiler sees only its own process), so
the figures are the whole build's CPU work done serially, with the profiler's own
cost on top (about twice as slow). Prints the functions by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

from generator import shares
from generator.cli import main as register


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("register", type=Path)
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    shares.share_count = lambda items: 1  # one process, so that the profile sees it all
    profile = cProfile.Profile()
    profile.enable()
    register(["build", "--root", str(args.register)])
    profile.disable()
    pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
