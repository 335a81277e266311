"""`python -m presstrace` runs the command line."""
from .cli import main

main()
