"""matplotlib Figure builders (no Qt), used by the app and the visit report alike."""
