"""Exports of a calculator scenario: the PDF dosing note, PNG/SVG of the plot, CSV of the curve.

The note renders a :class:`atgdesk.present.note.NoteContent` (plain frozen data: what it prints, already worded —
never widget text), plus the optional patient/prescriber/HCT-date fields typed just before the export
(:class:`NoteFields`, never stored) and the date and time it was printed.  It is written for a ward: body text
10 pt (tables 9.5 pt), source tags in words and no internal file names (:func:`~atgdesk.present.note.plain_source`),
a table of the pinned scenarios with their verdict and attainment.

Every export is atomic and truthful: written to a temporary file in the target folder (``QSaveFile``), checked
(non-empty, the format's signature), then renamed over the target.  A missing folder or a full disk raises
:class:`ReportError` naming the file, and nothing — not even a partial file — is left under the target name.
Non-finite numbers are refused before anything is written.
"""

from __future__ import annotations

import csv
import html
import io
import math
from datetime import datetime
from pathlib import Path

import numpy as np
import pyqtgraph.exporters as pg_exporters
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QSaveFile,
    QSizeF,
    QUrl,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from atgdesk.present.note import NoteContent, NoteFields, PinnedRow, plain_source
from atgdesk.ui import theme

__all__ = ["ReportContent", "ReportError", "NoteFields", "PinnedRow", "NoteFieldsDialog", "report_html",
           "write_pdf", "export_plot_image", "export_plot_svg", "plot_qimage", "write_curve_csv",
           "check_finite_metrics", "BODY_PT", "TABLE_PT"]

# Widths (pixels at the PDF's 150 dpi; the text column is ~1,098) tried for the plot, widest first.
PDF_PLOT_WIDTHS = (1000, 800, 560, 400)
# Width of the plot images (PNG export, the PDF's picture); the legend is scaled to match (ExposurePlot.export_title).
PLOT_EXPORT_WIDTH = 1400
BODY_PT = 10.0   # the note's body text (it was 7.5 pt with <small> parts at ~5 pt: unreadable on a ward)
TABLE_PT = 9.5   # tables and the source lines: never below 9 pt
_SIGNATURES = {"pdf": b"%PDF-", "png": b"\x89PNG\r\n\x1a\n", "svg": b"<?xml"}

translate = QCoreApplication.translate  # pyside6-lupdate reads translate("Context", "text") calls

#: The dosing note's content (kept under its former name: the calculator builds it).
ReportContent = NoteContent


class ReportError(ValueError):
    """An export that cannot be written honestly (non-finite data, missing model, a file that cannot be written)."""


# -- the note -----------------------------------------------------------------------------------------------------
def _table(headers, rows, widths: tuple[int, ...] | None = None) -> str:
    e = html.escape
    head = "".join(f"<th align='left'{_w(widths, i)}>{e(h)}</th>" for i, h in enumerate(headers or ()))
    body = "".join("<tr>" + "".join(f"<td{_w(widths, i) if not headers else ''}>{e(c)}</td>"
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return (f"<table border='1' cellspacing='0' cellpadding='3' width='100%' style='font-size:{TABLE_PT:g}pt'>"
            + (f"<tr>{head}</tr>" if headers else "") + f"{body}</table>")


def _w(widths, i: int) -> str:
    return f" width='{widths[i]}%'" if widths and i < len(widths) else ""


# The months of the printed line, in the interface language ('December'; '12 月' in Chinese).
MONTHS = (QT_TRANSLATE_NOOP("report", "January"), QT_TRANSLATE_NOOP("report", "February"),
          QT_TRANSLATE_NOOP("report", "March"), QT_TRANSLATE_NOOP("report", "April"),
          QT_TRANSLATE_NOOP("report", "May"), QT_TRANSLATE_NOOP("report", "June"),
          QT_TRANSLATE_NOOP("report", "July"), QT_TRANSLATE_NOOP("report", "August"),
          QT_TRANSLATE_NOOP("report", "September"), QT_TRANSLATE_NOOP("report", "October"),
          QT_TRANSLATE_NOOP("report", "November"), QT_TRANSLATE_NOOP("report", "December"))


def printed_line(when: datetime) -> str:
    """'Printed 3 December 2026, 09:41 (UTC+01:00)': date and local time with its offset, unambiguous (the
    order and the month in the interface language: '打印于 2026 年 12 月 3 日 09:41（UTC+01:00）')."""
    local = when.astimezone()
    offset = local.strftime("%z")
    offset = (f"UTC{offset[:3]}:{offset[3:]}" if offset
              else translate("report", "local time"))
    return translate("report", "Printed {day} {month} {year}, {time} ({offset})").format(
        day=local.day, month=translate("report", MONTHS[local.month - 1]), year=local.year,
        time=local.strftime("%H:%M"), offset=offset)


def report_html(content: NoteContent, image_name: str | None = None, image_width: int = PDF_PLOT_WIDTHS[0],
                fields: NoteFields | None = None, printed_at: datetime | None = None) -> str:
    """The note as HTML (every text value escaped; source texts cleaned for print); its fixed words in the
    interface language (context 'report')."""
    e = html.escape
    paper = theme.LIGHT  # a note is printed or read as a white page whatever the screen's palette
    status_colour = paper.badge(content.model_status)[0]
    when = printed_at or datetime.now().astimezone()
    h = "style='margin:8px 0 3px 0'"
    small = f"font-size:{TABLE_PT:g}pt"
    # the note's own words (each one whole, context 'report'), HTML-escaped
    model_source = e(translate("report", "Model source:"))
    patient_inputs = e(translate("report", "Patient and inputs"))
    regimen = e(translate("report", "Regimen"))
    prediction = e(translate("report", "Prediction for the typical patient"))
    across = e(translate("report", "Across patients:"))
    target, source = e(translate("report", "Target:")), e(translate("report", "Source:"))
    verdict_word = e(translate("report", "Verdict:"))
    uncertainty, warning = e(translate("report", "Uncertainty:")), e(translate("report", "Warning:"))
    compared = e(translate("report", "Scenarios compared (pinned)"))
    disclaimer = e(translate("report", "Disclaimer."))
    value = translate("report", "Value")
    parts = [f"<h2 style='margin:0'>{e(content.title)}</h2>",
             f"<p style='margin:2px 0'>{e(printed_line(when))}</p>"]
    rows = (fields or NoteFields()).rows()
    if rows:
        parts.append(_table(None, [list(r) for r in rows], (30, 70)))  # typed for this note only
    parts.append(f"<p style='color:{status_colour}; margin:4px 0'><b>{e(content.status_line())}</b></p>")
    parts.append(f"<p style='margin:2px 0; {small}'>{model_source} {e(plain_source(content.model_source))}</p>")
    parts.append(f"<h3 {h}>{patient_inputs}</h3>")
    parts.append(_table([translate("report", "Input"), value], [list(r) for r in content.inputs], (35, 65)))
    parts.append(f"<h3 {h}>{regimen}</h3>")
    parts.append(_table(content.schedule_headers, [list(r) for r in content.schedule_rows]))
    if content.dose_summary:
        parts.append("<p style='margin:3px 0'>" + "<br>".join(e(s) for s in content.dose_summary) + "</p>")
    parts.append(f"<h3 {h}>{prediction}</h3>")
    parts.append(_table([translate("report", "Figure"), value], [list(r) for r in content.metrics], (35, 65)))
    verdict = e(content.verdict) + (f"<br><b>{across}</b> {e(content.attainment)}" if content.attainment else "")
    parts.append(f"<p style='margin:4px 0'><b>{target}</b> {e(content.target)}<br>"
                 f"<span style='{small}'>{source} {e(plain_source(content.target_source))}"
                 f"</span><br><b>{verdict_word}</b> {verdict}</p>")
    if content.uncertainty:
        parts.append(f"<p style='margin:3px 0'><b>{uncertainty}</b> {e(content.uncertainty)}</p>")
    for w in content.warnings:
        parts.append(f"<p style='margin:3px 0; color:{paper.warning}'><b>{warning}</b> {e(w)}</p>")
    if content.pinned:
        parts.append(f"<h3 {h}>{compared}</h3>")
        parts.append(_table([translate("report", "Scenario"), translate("report", "Regimen"),
                             translate("report", "Post-HCT AUC"), translate("report", "Verdict (typical patient)"),
                             translate("report", "Share of patients in the target")],
                            [[p.name, p.regimen, p.auc_post, p.verdict, p.attainment] for p in content.pinned],
                            (16, 30, 14, 22, 18)))
    if image_name:
        parts.append(f"<p align='center' style='margin:6px 0'><img src='{e(image_name)}' width='{image_width}'>"
                     "</p>")
    parts.append(f"<p style='margin:3px 0; {small}'>{e(content.versions)}</p>")
    parts.append(f"<p style='margin:6px 0; border-top:1px solid #999'><b>{disclaimer}</b> "
                 f"{e(content.disclaimer)}</p>")
    return "".join(parts)


def _open_save_file(path: Path) -> QSaveFile:
    """A QSaveFile on ``path`` (a temporary file in the same folder until committed), or ReportError."""
    if not path.parent.is_dir():
        raise ReportError(translate("report", "{path}: the folder {folder} does not exist — nothing was "
                                    "written").format(path=path, folder=path.parent))
    sf = QSaveFile(str(path))
    if not sf.open(QIODevice.OpenModeFlag.WriteOnly):
        raise ReportError(translate("report", "{path}: cannot be written ({why}) — nothing was written").format(
            path=path, why=sf.errorString()))
    return sf


def _commit(sf: QSaveFile, path: Path, kind: str) -> Path:
    """Check what was written, then rename it over ``path``; otherwise discard it and raise ReportError."""
    size = sf.size()
    if sf.error() != QSaveFile.FileError.NoError or size <= 0:
        why = (sf.errorString() if sf.error() != QSaveFile.FileError.NoError
               else translate("report", "no data was produced"))
        sf.cancelWriting()
        sf.commit()  # discards the temporary file
        raise ReportError(translate("report", "{path}: {why} — nothing was written").format(path=path, why=why))
    if not sf.commit():
        raise ReportError(translate("report", "{path}: could not be completed ({why}; the disk may be full) — "
                                    "nothing was written").format(path=path, why=sf.errorString()))
    signature = _SIGNATURES.get(kind)
    if signature is not None:
        with path.open("rb") as fh:
            head = fh.read(len(signature))
        if head != signature:
            raise ReportError(translate("report", "{path}: the written file is not a valid {kind}").format(
                path=path, kind=kind.upper()))
    return path


def write_pdf(path: str | Path, content: NoteContent, plot_image: QImage | None = None,
              fields: NoteFields | None = None, printed_at: datetime | None = None) -> Path:
    """Write the A4 PDF note (real text, so it can be searched and read back), atomically."""
    out = Path(path)
    doc = QTextDocument()
    font = doc.defaultFont()
    font.setPointSizeF(BODY_PT)
    doc.setDefaultFont(font)
    image_name = None
    if plot_image is not None and not plot_image.isNull():
        image_name = "plot.png"
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(image_name), plot_image)
    when = printed_at or datetime.now().astimezone()
    sf = _open_save_file(out)
    writer = QPdfWriter(sf)
    writer.setTitle(content.title)
    writer.setCreator("ATG Desk")
    writer.setResolution(150)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(14, 12, 14, 12), QPageLayout.Unit.Millimeter))
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    # The plot as wide as the page allows while the note keeps to as few pages as its text needs.
    widths = PDF_PLOT_WIDTHS if image_name else PDF_PLOT_WIDTHS[:1]
    doc.setHtml(report_html(content, None, 0, fields, when))
    pages_without_plot = doc.pageCount()
    for width in widths:
        doc.setHtml(report_html(content, image_name, width, fields, when))
        if doc.pageCount() <= pages_without_plot:
            break
    doc.print_(writer)
    del writer  # ends the PDF (its destructor writes the trailer into the save file)
    return _commit(sf, out, "pdf")


def _grab_plot(plot_item, width: int) -> QImage:
    exporter = pg_exporters.ImageExporter(plot_item)
    exporter.parameters()["width"] = int(width)
    image = exporter.export(toBytes=True)
    return image if isinstance(image, QImage) else QImage()


def export_plot_image(plot_item, path: str | Path, width: int = PLOT_EXPORT_WIDTH) -> Path:
    """PNG of the plot (the plot's title carries the model status line), atomically."""
    out = Path(path)
    image = _grab_plot(plot_item, width)
    if image.isNull():
        raise ReportError(translate("report", "{path}: the plot could not be rendered — nothing was written").format(
            path=out))
    sf = _open_save_file(out)
    if not image.save(sf, "PNG"):
        sf.cancelWriting()
    return _commit(sf, out, "png")


def plot_qimage(plot_item, width: int = PLOT_EXPORT_WIDTH) -> QImage:
    """The plot rendered to a QImage (for the PDF)."""
    return _grab_plot(plot_item, width)


def export_plot_svg(plot_item, path: str | Path) -> Path:
    """SVG of the plot, rendered through Qt's SVG generator (text stays text, so the status line is readable),
    atomically.

    pyqtgraph's own SVG exporter cannot parse the path syntax Qt 6.12 writes, so the scene is painted directly.
    """
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator
    out = Path(path)
    rect = plot_item.sceneBoundingRect()
    buffer = QBuffer()  # rendered in memory first: QSvgGenerator does not report write errors
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(int(rect.width()), int(rect.height())))
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setTitle("ATG Desk plot")
    painter = QPainter(generator)
    try:
        plot_item.scene().render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    finally:
        painter.end()
    data = QByteArray(buffer.data())
    sf = _open_save_file(out)
    if sf.write(data) != data.size():
        sf.cancelWriting()
    return _commit(sf, out, "svg")


def _comment(text: str) -> str:
    """One '#' line: a line break in a value (file text is user-editable) would start a line the csv module
    reads as data."""
    return "# " + " ".join(text.split()) + "\n"


def write_curve_csv(path: str | Path, t_day, conc, content: NoteContent, conc_unit: str) -> Path:
    """CSV of the curve: '#' comment lines (model, status, label, inputs, regimen, target, versions,
    disclaimer), then day,concentration.  The inputs and each dose are written as the dosing note shows them,
    so the file stands alone.  Written atomically."""
    t = np.asarray(t_day, dtype=float)
    c = np.asarray(conc, dtype=float)
    if t.shape != c.shape or t.size == 0:
        raise ReportError(translate("report", "curve: nothing to export"))
    if not (np.all(np.isfinite(t)) and np.all(np.isfinite(c))):
        raise ReportError(translate("report", "curve: contains values that are not finite; nothing was written"))
    # the comment lines in the interface language, as the note; the column names stay as they are (for programs)
    lines = [content.title, content.status_line(),
             translate("report", "Model source: {source}").format(source=plain_source(content.model_source))]
    lines += [translate("report", "Input: {name}: {value}").format(name=name, value=value)
              for name, value in content.inputs]
    lines += [translate("report", "Regimen dose {k}: {cells}").format(
                  k=k, cells=", ".join(f"{h} {v}" for h, v in zip(content.schedule_headers, row, strict=True)))
              for k, row in enumerate(content.schedule_rows, start=1)]
    lines += [translate("report", "Regimen: {line}").format(line=line) for line in content.dose_summary]
    lines += [translate("report", "Target: {target}").format(target=content.target), content.versions,
              translate("report", "Disclaimer: {text}").format(text=content.disclaimer)]
    text = io.StringIO(newline="")
    text.write("".join(_comment(line) for line in lines))
    writer = csv.writer(text)
    writer.writerow(["day_from_hct", f"concentration_{conc_unit}"])
    for ti, ci in zip(t, c, strict=True):
        writer.writerow([repr(float(ti)), repr(float(ci))])
    out = Path(path)
    data = text.getvalue().encode("utf-8")
    sf = _open_save_file(out)
    if sf.write(data) != len(data):
        sf.cancelWriting()
    return _commit(sf, out, "csv")


def check_finite_metrics(values: list[float | None]) -> None:
    """Refuse a report when a metric is NaN or infinite (None = 'not reached' is allowed)."""
    for v in values:
        if v is not None and not math.isfinite(v):
            raise ReportError(translate("report", "metrics: a value is not finite; the report was not written"))


# -- the fields typed before the export ----------------------------------------------------------------------------
class NoteFieldsDialog(QDialog):
    """Optional patient, prescriber and HCT date for the note: printed on it, never stored."""

    def __init__(self, parent: QWidget | None = None, fields: NoteFields | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dosing note"))
        f = fields or NoteFields()
        self.patient = QLineEdit(f.patient)
        self.patient.setAccessibleName(self.tr("Patient (optional)"))
        self.patient.setPlaceholderText(self.tr("name or identifier, optional"))
        self.prescriber = QLineEdit(f.prescriber)
        self.prescriber.setAccessibleName(self.tr("Prescriber (optional)"))
        self.prescriber.setPlaceholderText(self.tr("optional"))
        self.hct_date = QLineEdit(f.hct_date)
        self.hct_date.setAccessibleName(self.tr("HCT date, day 0 (optional)"))
        self.hct_date.setPlaceholderText(self.tr("e.g. 2026-12-09, optional"))
        for edit in (self.patient, self.prescriber, self.hct_date):
            edit.setMaxLength(120)
        note = QLabel(self.tr("Printed on this note only: these fields are not stored."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Patient"), self.patient)
        form.addRow(self.tr("Prescriber"), self.prescriber)
        form.addRow(self.tr("HCT date (day 0)"), self.hct_date)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Continue…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def fields(self) -> NoteFields:
        return NoteFields(self.patient.text().strip(), self.prescriber.text().strip(), self.hct_date.text().strip())


def ask_note_fields(parent: QWidget | None = None) -> NoteFields | None:
    """Show :class:`NoteFieldsDialog`; the fields, or None when the user cancels the export."""
    dialog = NoteFieldsDialog(parent)
    return dialog.fields() if dialog.exec() == QDialog.DialogCode.Accepted else None
