"""Exports of a calculator scenario: a one-page PDF dosing note, PNG/SVG of the plot, CSV of the curve.

Every export carries the model's name, status and (for an illustrative model) its label, and the disclaimer.
Nothing here computes: the note is assembled from figures the view already has from the engine.  Non-finite
numbers are refused before anything is written.
"""

from __future__ import annotations

import csv
import html
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyqtgraph.exporters as pg_exporters
from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from atgdesk import DISCLAIMER

# Widths (pixels at the PDF's 150 dpi; the text column is ~1,098) tried for the plot, widest first.
PDF_PLOT_WIDTHS = (1000, 800, 560, 400)
# Width of the plot images (PNG export, the PDF's picture); the legend is scaled to match (ExposurePlot.export_title).
PLOT_EXPORT_WIDTH = 1400


class ReportError(ValueError):
    """An export that cannot be written honestly (non-finite data, missing model)."""


@dataclass(frozen=True)
class ReportContent:
    """What goes into a dosing note (all text already formatted by the view)."""

    model_name: str
    model_status: str
    model_label: str
    model_source: str
    inputs: list[tuple[str, str]]
    schedule_headers: list[str]
    schedule_rows: list[list[str]]
    dose_summary: list[str]
    target: str
    target_source: str
    metrics: list[tuple[str, str]]
    verdict: str
    versions: str
    warnings: list[str] = field(default_factory=list)
    uncertainty: str = ""
    title: str = "ATG Desk — dosing note"
    disclaimer: str = DISCLAIMER

    def status_line(self) -> str:
        """'Model: NAME — status: STATUS' plus the label when there is one (used in every export)."""
        line = f"Model: {self.model_name} — status: {self.model_status}"
        if self.model_label:
            line += f". {self.model_label}"
        return line


def _table(headers: list[str], rows: list[list[str]]) -> str:
    e = html.escape
    head = "".join(f"<th align='left'>{e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (f"<table border='1' cellspacing='0' cellpadding='2' width='100%'><tr>{head}</tr>{body}</table>")


def report_html(content: ReportContent, image_name: str | None = None,
                image_width: int = PDF_PLOT_WIDTHS[0]) -> str:
    """The note as HTML (every text value escaped)."""
    e = html.escape
    status_colour = {"verified": "#1b6e20", "illustrative": "#8a4500", "user": "#5b2c83"}.get(
        content.model_status, "#333")
    parts = [f"<h2 style='margin:0'>{e(content.title)}</h2>",
             f"<p style='color:{status_colour}; margin:2px 0'><b>{e(content.status_line())}</b></p>",
             f"<p style='margin:2px 0'><small>Model source: {e(content.model_source)}</small></p>"]
    parts.append("<h4 style='margin:4px 0'>Inputs</h4>")
    parts.append(_table(["Input", "Value"], [[k, v] for k, v in content.inputs]))
    parts.append("<h4 style='margin:4px 0'>Regimen</h4>")
    parts.append(_table(content.schedule_headers, content.schedule_rows))
    if content.dose_summary:
        parts.append("<p style='margin:2px 0'>" + "<br>".join(e(s) for s in content.dose_summary) + "</p>")
    parts.append("<h4 style='margin:4px 0'>Prediction</h4>")
    parts.append(_table(["Metric", "Value"], [[k, v] for k, v in content.metrics]))
    parts.append(f"<p style='margin:2px 0'><b>Target:</b> {e(content.target)}<br><small>Source: "
                 f"{e(content.target_source)}</small><br><b>Verdict:</b> {e(content.verdict)}</p>")
    if content.uncertainty:
        parts.append(f"<p style='margin:2px 0'><b>Uncertainty:</b> {e(content.uncertainty)}</p>")
    for w in content.warnings:
        parts.append(f"<p style='margin:2px 0; color:#8a5a00'>Warning: {e(w)}</p>")
    if image_name:
        parts.append(f"<p align='center' style='margin:4px 0'><img src='{e(image_name)}' width='{image_width}'></p>")
    parts.append(f"<p style='margin:2px 0'><small>{e(content.versions)}</small></p>")
    parts.append(f"<p style='margin:4px 0; border-top:1px solid #999'><b>Disclaimer.</b> "
                 f"{e(content.disclaimer)}</p>")
    return "".join(parts)


def write_pdf(path: str | Path, content: ReportContent, plot_image: QImage | None = None) -> Path:
    """Write the one-page A4 PDF note (text is real text, so it can be searched and read back)."""
    out = Path(path)
    writer = QPdfWriter(str(out))
    writer.setTitle(content.title)
    writer.setCreator("ATG Desk")
    writer.setResolution(150)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(12, 10, 12, 10), QPageLayout.Unit.Millimeter))
    doc = QTextDocument()
    font = doc.defaultFont()
    font.setPointSizeF(7.5)
    doc.setDefaultFont(font)
    image_name = None
    if plot_image is not None and not plot_image.isNull():
        image_name = "plot.png"
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(image_name), plot_image)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    # The plot as wide as the page allows while the note stays one page (long warnings or an uncertainty note
    # leave less room): the widest that fits.
    for width in PDF_PLOT_WIDTHS if image_name else PDF_PLOT_WIDTHS[:1]:
        doc.setHtml(report_html(content, image_name, width))
        if doc.pageCount() == 1:
            break
    doc.print_(writer)
    del writer  # flushes and closes the file
    return out


def export_plot_image(plot_item, path: str | Path, width: int = PLOT_EXPORT_WIDTH) -> Path:
    """PNG of the plot (pyqtgraph exporter); the plot's title carries the model status line."""
    exporter = pg_exporters.ImageExporter(plot_item)
    exporter.parameters()["width"] = int(width)
    exporter.export(str(path))
    return Path(path)


def plot_qimage(plot_item, width: int = PLOT_EXPORT_WIDTH) -> QImage:
    """The plot rendered to a QImage (for the PDF)."""
    exporter = pg_exporters.ImageExporter(plot_item)
    exporter.parameters()["width"] = int(width)
    image = exporter.export(toBytes=True)
    return image if isinstance(image, QImage) else QImage()


def export_plot_svg(plot_item, path: str | Path) -> Path:
    """SVG of the plot, rendered through Qt's SVG generator (text stays text, so the status line is readable).

    pyqtgraph's own SVG exporter cannot parse the path syntax Qt 6.12 writes, so the scene is painted directly.
    """
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator
    rect = plot_item.sceneBoundingRect()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(int(rect.width()), int(rect.height())))
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setTitle("ATG Desk plot")
    painter = QPainter(generator)
    try:
        plot_item.scene().render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    finally:
        painter.end()
    return Path(path)


def _comment(text: str) -> str:
    """One '#' line: a line break in a value (file text is user-editable) would start a line the csv module
    reads as data."""
    return "# " + " ".join(text.split()) + "\n"


def write_curve_csv(path: str | Path, t_day, conc, content: ReportContent, conc_unit: str) -> Path:
    """CSV of the curve: '#' comment lines (model, status, label, inputs, regimen, target, versions,
    disclaimer), then day,concentration.  The inputs and each dose are written as the dosing note shows them,
    so the file stands alone."""
    t = np.asarray(t_day, dtype=float)
    c = np.asarray(conc, dtype=float)
    if t.shape != c.shape or t.size == 0:
        raise ReportError("curve: nothing to export")
    if not (np.all(np.isfinite(t)) and np.all(np.isfinite(c))):
        raise ReportError("curve: contains values that are not finite; nothing was written")
    lines = [content.title, content.status_line(), f"Model source: {content.model_source}"]
    lines += [f"Input: {name}: {value}" for name, value in content.inputs]
    lines += [f"Regimen dose {k}: " + ", ".join(f"{h} {v}" for h, v in zip(content.schedule_headers, row,
                                                                            strict=True))
              for k, row in enumerate(content.schedule_rows, start=1)]
    lines += [f"Regimen: {line}" for line in content.dose_summary]
    lines += [f"Target: {content.target}", content.versions, f"Disclaimer: {content.disclaimer}"]
    out = Path(path)
    with out.open("w", newline="", encoding="utf-8") as fh:
        fh.write("".join(_comment(line) for line in lines))
        writer = csv.writer(fh)
        writer.writerow(["day_from_hct", f"concentration_{conc_unit}"])
        for ti, ci in zip(t, c, strict=True):
            writer.writerow([repr(float(ti)), repr(float(ci))])
    return out


def check_finite_metrics(values: list[float | None]) -> None:
    """Refuse a report when a metric is NaN or infinite (None = 'not reached' is allowed)."""
    for v in values:
        if v is not None and not math.isfinite(v):
            raise ReportError("metrics: a value is not finite; the report was not written")
