"""Qt widgets only: they wire user actions to the core (store, analysis, charts, report)."""
