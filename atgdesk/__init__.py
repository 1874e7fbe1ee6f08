"""ATG Desk: an offline desktop reference on anti-thymocyte globulin (ATG)."""

__version__ = "0.1.0"

DISCLAIMER = (
    "ATG Desk is a reference and teaching tool. It does not replace the treating team's protocol, "
    "the product label or clinical judgement. Model predictions marked 'illustrative' are calibrated to "
    "published summary figures, not fitted population models, and are not for dosing decisions."
)
