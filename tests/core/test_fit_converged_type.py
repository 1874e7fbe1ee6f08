"""fit_map's ``converged`` is a Python bool even when BFGS stops on precision loss (found by mypy, issue 15).

``bool(res.success) or (status == 2 and norm < 1e-3)`` gave numpy.bool_ on that path, which ``json`` cannot write
(``levels --json`` would have failed with a TypeError)."""

from __future__ import annotations

import json

import numpy as np
import scipy.optimize
from test_fit import REGIMEN, SAMPLE_DAYS, levels_for, synthetic_model, true_values

from atgdesk.core.fit import fit_map


def test_map_converged_is_a_bool_after_precision_loss(monkeypatch):
    real_minimize = scipy.optimize.minimize

    def precision_loss(*args, **kwargs):
        res = real_minimize(*args, **kwargs)
        res.success, res.status, res.message = False, 2, "Desired error not necessarily achieved due to precision loss."
        return res

    monkeypatch.setattr(scipy.optimize, "minimize", precision_loss)
    from atgdesk.core.fit import Curve
    model = synthetic_model()
    c = Curve(model, true_values(model)).conc(REGIMEN, SAMPLE_DAYS)
    fit = fit_map(levels_for(SAMPLE_DAYS, c), REGIMEN, model, {})
    assert fit.quality.converged is True  # the gradient at the optimum is tiny: accepted, as a plain bool
    assert json.dumps({"converged": fit.quality.converged}) == '{"converged": true}'
    assert not isinstance(fit.quality.converged, np.bool_)
