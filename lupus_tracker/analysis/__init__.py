"""pandas analysis on repository DataFrames: latest values, changes, flags, summaries."""
