"""Start-up loads only what the first screen needs: the export/import formats, SciPy and numpy.ma wait until used.

These modules were measured on the start-up path (bench/bench_startup.py): the citation formats and importers
with bibtexparser/rispy/pylatexenc ~30 ms, numpy.ma 14 ms, SciPy far more.  A change that pulls one of them back
into ``--smoke`` fails here rather than only showing up as a slower benchmark.
"""

from __future__ import annotations

import subprocess
import sys

DEFERRED = ("atgdesk.library.formats", "atgdesk.library.importers", "atgdesk.ui.library_dialogs", "bibtexparser",
            "rispy", "pylatexenc", "scipy", "numpy.ma")

_SMOKE = r"""
import sys
from atgdesk.cli import main
status = main(["--smoke"])
print(" ".join(sorted(sys.modules)))
sys.exit(status)
"""


def test_smoke_start_does_not_load_deferred_modules(app_env):
    proc = subprocess.run([sys.executable, "-c", _SMOKE], env=app_env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    loaded = set(proc.stdout.split())
    assert "atgdesk.ui.library_view" in loaded  # the screen itself was built
    assert sorted(m for m in DEFERRED if m in loaded) == []
