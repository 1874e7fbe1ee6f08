"""The data's controlled vocabularies in the interface language: study design, species, setting, ATG product and
evidence level (``data/vocab.toml``), the library's entry kinds (``atgdesk.library.search.KINDS``) and the kinds
of source (``atgdesk.library.present.SOURCE_KIND_LABELS``).

The labels are listed here so that pyside6-lupdate finds them; ``tests/ui/test_i18n.py`` fails when this list and
the data differ.  Study text itself (titles, abstracts, findings) is never translated.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "vocab"
LABELS = (
    QT_TRANSLATE_NOOP("vocab", "Randomised controlled trial"),
    QT_TRANSLATE_NOOP("vocab", "Prospective study (non-randomised)"),
    QT_TRANSLATE_NOOP("vocab", "Retrospective study"),
    QT_TRANSLATE_NOOP("vocab", "Case report"),
    QT_TRANSLATE_NOOP("vocab", "Case series"),
    QT_TRANSLATE_NOOP("vocab", "Narrative review"),
    QT_TRANSLATE_NOOP("vocab", "In vitro / laboratory study"),
    QT_TRANSLATE_NOOP("vocab", "Animal model"),
    QT_TRANSLATE_NOOP("vocab", "Registry study"),
    QT_TRANSLATE_NOOP("vocab", "Human"),
    QT_TRANSLATE_NOOP("vocab", "Mouse"),
    QT_TRANSLATE_NOOP("vocab", "Rat"),
    QT_TRANSLATE_NOOP("vocab", "Non-human primate"),
    QT_TRANSLATE_NOOP("vocab", "Human cells (in vitro)"),
    QT_TRANSLATE_NOOP("vocab", "Mouse cells (in vitro)"),
    QT_TRANSLATE_NOOP("vocab", "Allogeneic HCT: GvHD prophylaxis / conditioning"),
    QT_TRANSLATE_NOOP("vocab", "Autologous HCT for autoimmune disease"),
    QT_TRANSLATE_NOOP("vocab", "Aplastic anaemia / marrow failure"),
    QT_TRANSLATE_NOOP("vocab", "Kidney transplant"),
    QT_TRANSLATE_NOOP("vocab", "Liver transplant"),
    QT_TRANSLATE_NOOP("vocab", "Islet transplant"),
    QT_TRANSLATE_NOOP("vocab", "Simultaneous pancreas-kidney transplant"),
    QT_TRANSLATE_NOOP("vocab", "Autoimmune disease"),
    QT_TRANSLATE_NOOP("vocab", "Type 1 diabetes"),
    QT_TRANSLATE_NOOP("vocab", "Multiple sclerosis"),
    QT_TRANSLATE_NOOP("vocab", "Systemic lupus erythematosus"),
    QT_TRANSLATE_NOOP("vocab", "Systemic sclerosis"),
    QT_TRANSLATE_NOOP("vocab", "Multiple myeloma"),
    QT_TRANSLATE_NOOP("vocab", "Pure red cell aplasia"),
    QT_TRANSLATE_NOOP("vocab", "Transplant immunology (mechanism)"),
    QT_TRANSLATE_NOOP("vocab", "Ischaemia-reperfusion injury"),
    QT_TRANSLATE_NOOP("vocab", "Rabbit ATG, Thymoglobulin (ATG-G / rATG)"),
    QT_TRANSLATE_NOOP("vocab", "Rabbit ATG-Fresenius / Grafalon (ATLG)"),
    QT_TRANSLATE_NOOP("vocab", "Rabbit ATG, brand not stated"),
    QT_TRANSLATE_NOOP("vocab", "Horse ATG, ATGAM (hATG)"),
    QT_TRANSLATE_NOOP("vocab", "Horse ATG, brand not stated"),
    QT_TRANSLATE_NOOP("vocab", "Horse ATG, Lymphoglobulin"),
    QT_TRANSLATE_NOOP("vocab", "Anti-mouse antilymphocyte serum / thymocyte globulin (ALS, mATG)"),
    QT_TRANSLATE_NOOP("vocab", "ATG, product not stated"),
    QT_TRANSLATE_NOOP("vocab", "No ATG product studied directly"),
    QT_TRANSLATE_NOOP("vocab", "Systematic review of randomised trials"),
    QT_TRANSLATE_NOOP("vocab", "Prospective non-randomised cohort or controlled study"),
    QT_TRANSLATE_NOOP("vocab", "Retrospective study, registry, case series or case report"),
    QT_TRANSLATE_NOOP("vocab", "Mechanism-based reasoning: narrative review, in vitro or animal study"),
    QT_TRANSLATE_NOOP("vocab", "Seed study"),
    QT_TRANSLATE_NOOP("vocab", "Dosing & PK reference"),
    QT_TRANSLATE_NOOP("vocab", "seed document"),
    QT_TRANSLATE_NOOP("vocab", "published abstract"),
    QT_TRANSLATE_NOOP("vocab", "registry record"),
    QT_TRANSLATE_NOOP("vocab", "publisher page"),
)
_KNOWN = frozenset(LABELS)


def label(text: str) -> str:
    """One vocabulary label in the interface language (anything else unchanged)."""
    return QCoreApplication.translate(CONTEXT, text) if text in _KNOWN else text


def labels(text: str, separator: str = "; ") -> str:
    """Labels joined by ``separator`` (a study's settings, products), each in the interface language."""
    if not text:
        return text
    return separator.join(label(part) for part in text.split(separator))
