"""Start-up floor: a bare PySide6 window with a line edit, a QTableView and a pyqtgraph PlotWidget.

Shown, painted once (grab), quit — the least any app of this shape can cost.  Used by bench_startup.py.
"""

import os
import sys

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QSplitter, QTableView


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    splitter = QSplitter()
    left = QSplitter(Qt.Orientation.Vertical)
    left.addWidget(QLineEdit())
    table = QTableView()
    table.setModel(QStandardItemModel(10, 5))
    left.addWidget(table)
    splitter.addWidget(left)
    plot = pg.PlotWidget()
    plot.plot([0, 1, 2, 3], [0, 1, 0.5, 0.2])
    splitter.addWidget(plot)
    window.setCentralWidget(splitter)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    image = window.grab()
    window.close()
    return 0 if not image.isNull() else 1


if __name__ == "__main__":
    sys.exit(main())
