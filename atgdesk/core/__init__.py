"""The computing core: regimens, PK models, simulation, exposure metrics, populations, dose finding, products and
targets.  numpy, scipy and the standard library only — never Qt, sqlite3, or the library/ui packages (enforced by
import-linter and by a test that imports the core where PySide6 cannot be imported)."""
