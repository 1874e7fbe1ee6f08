"""Presenters: the rules and the screen state behind each screen, without Qt (import-linter forbids PySide6,
pyqtgraph and atgdesk.ui here), so that the GUI and the command line apply the same rules and the rules can be
tested with plain pytest."""
