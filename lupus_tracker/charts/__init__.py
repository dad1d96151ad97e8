"""matplotlib Figure builders (no Qt), used by the app and the visit report alike.

matplotlib is not thread-safe: code that builds or draws figures outside the GUI thread
holds :data:`DRAW_LOCK`, so two figures are never drawn at the same moment.
"""

from __future__ import annotations

import threading

DRAW_LOCK = threading.RLock()
