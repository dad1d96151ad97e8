"""The pure domain core: markers, units, values, ranges and symptoms. No Qt, no I/O."""
