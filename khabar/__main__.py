"""`python -m khabar` runs the CLI."""

from khabar.cli import main

main()
