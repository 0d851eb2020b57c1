"""``python -m natojp`` runs the command line."""

from natojp.cli import main

raise SystemExit(main())
