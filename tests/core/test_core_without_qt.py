"""The core imports and simulates in a process where importing PySide6 (or pyqtgraph, sqlite3) fails."""

import subprocess
import sys

from pk_testmodels import ROOT

BLOCKER = r"""
import sys
class _Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'pyqtgraph', 'sqlite3', '_sqlite3'):
            raise ImportError('blocked for this test: ' + name)
        return None
sys.meta_path.insert(0, _Block())
try:
    import PySide6  # noqa: F401
except ImportError:
    pass
else:
    raise SystemExit('blocker did not work')
import numpy as np
import atgdesk.core.dosefind, atgdesk.core.exposure_map, atgdesk.core.metrics, atgdesk.core.population
import atgdesk.core.products, atgdesk.core.targets, atgdesk.core.weights
from atgdesk.core.metrics import predict
from atgdesk.core.model import load_model
from atgdesk.core.regimen import parse_regimen_spec
m = load_model(sys.argv[1])
pred = predict(m, {'weight_kg': 72.0, 'alc_per_nl': 0.0}, parse_regimen_spec('2.5mg/kg@-3,-2/6h,4h', 72.0))
assert 40 < pred.metrics.auc_post < 55, pred.metrics.auc_post
bad = [k for k in sys.modules if k.split('.')[0] in ('PySide6', 'pyqtgraph', 'sqlite3', 'atgdesk.ui')]
assert not bad, bad
print('ok', round(pred.metrics.auc_post, 3))
"""


def test_core_imports_and_simulates_without_qt():
    out = subprocess.run([sys.executable, "-c", BLOCKER, str(ROOT / "data/models/illustrative-rabbit-atg-active.toml")],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok ")
