"""A smaller ICU data library for the frozen app: Qt's ``libicudata.so.73`` (32 MB) keeps only what ATG Desk uses.

    python packaging/icu_trim.py LIBICUDATA OUT_SO   (the spec calls build() at build time)

QtCore is the only library in the bundle that links ICU, and it calls four of ICU's APIs (its undefined dynamic
symbols): collation (``ucol_*``: QCollator, locale-aware sorting), case mapping (``u_strToLower/Upper``: the
tables are compiled into libicuuc, not this data), calendars and time-zone names (``ucal_*``) and code-page
converters (``ucnv_*``, for codecs beyond the UTF-8/16/32 and Latin-1 Qt has itself).  Qt formats numbers, dates
and locale names from its own CLDR tables and breaks text with its own tables, never ICU's.  The app reads and
writes UTF-8 only (Python does its file I/O).  So the data keeps, byte for byte:
  - the items these APIs read that are not per-locale: the collation root (``coll/ucadata.icu``), supplemental,
    likely-subtags, calendar and time-zone data, the converter alias table;
  - the per-locale files (``coll/zh.res``, ``zone/en_GB.res``, ...) of root, English and Chinese, the languages
    the app ships, in the trees they read (coll, zone and the top level); any other locale falls back to root
    (a German desktop collates by the root order and gets English time-zone names);
and leaves out: every other locale's files, the legacy code-page converters (``*.cnv``: opening one fails
cleanly and Qt reports the codec as unknown), and what none of the four APIs reads: break iterators and their
dictionaries (``brkitr/``, 2.4 MB with the Chinese/Japanese dictionary), language, region, currency, unit and
spell-out names (``lang/``, ``region/``, ``curr/``, ``unit/``, ``rbnf/``: Qt has its own), transliteration,
IDNA/StringPrep and NFKC tables (``*.spp``, ``uts46.nrm``, ``nfkc*.nrm``; collation uses the NFC data built into
libicuuc), the spoof checker (``*.cfu``), locale matching (``langInfo.res``), and Unicode character names, emoji
and layout properties (``unames.icu``, ``uemoji.icu``, ``ulayout.icu``).

The file is ICU's "common data" package (format CmnD): a header, a table of contents of (name, offset) pairs and
the items, each 16-byte aligned.  Items are copied byte for byte.  The new library has the same soname and the
one symbol (``icudt73_dat``) libicuuc looks for, built with binutils (objcopy, ld) alone.
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LANGUAGES = ("root", "en", "zh")
# Per-locale trees and the top level hold one .res per locale (plus index/pool/supplemental files, kept).
LOCALE_FILE = re.compile(r"^([a-z]{2,3})(?:_[A-Za-z0-9_]*)?\.res$")
DROP_TREES = ("brkitr/", "curr/", "unit/", "rbnf/", "translit/", "lang/", "region/")
DROP_FILES = ("unames.icu", "uemoji.icu", "ulayout.icu", "confusables.cfu", "confusablesWholeScript.cfu",
              "nfkc.nrm", "nfkc_cf.nrm", "uts46.nrm", "langInfo.res")


def _symbol(lib: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the data symbol (``icudtNN_dat``)."""
    syms = subprocess.run(["readelf", "-Ws", "--dyn-syms", str(lib)], capture_output=True, text=True,
                          check=True).stdout
    for line in syms.splitlines():
        parts = line.split()
        if len(parts) >= 8 and re.fullmatch(r"icudt\d+_dat", parts[7]) and parts[3] == "OBJECT":
            addr, size, name = int(parts[1], 16), int(parts[2], 0), parts[7]
            break
    else:
        raise SystemExit(f"icu_trim: no icudtNN_dat symbol in {lib}")
    sections = subprocess.run(["readelf", "-SW", str(lib)], capture_output=True, text=True, check=True).stdout
    for line in sections.splitlines():
        m = re.search(r"\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)", line)
        if m:
            start, off, sz = int(m.group(2), 16), int(m.group(3), 16), int(m.group(4), 16)
            if start <= addr < start + sz and start:
                return name, addr - start + off, size
    raise SystemExit(f"icu_trim: cannot locate {name} in {lib}")


def parse(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """(header, [(item name, item bytes)]) of a little-endian common data file."""
    header_size = struct.unpack_from("<H", blob, 0)[0]
    if blob[2:4] != b"\xda\x27" or blob[12:16] != b"CmnD" or blob[8] != 0:
        raise SystemExit("icu_trim: not a little-endian ICU common data file")
    toc = blob[header_size:]
    count = struct.unpack_from("<I", toc, 0)[0]
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_off, data_off) in enumerate(entries):
        name = toc[name_off:toc.index(b"\0", name_off)].decode("ascii")
        end = entries[i + 1][1] if i + 1 < count else len(toc)
        items.append((name, toc[data_off:end]))
    return blob[:header_size], items


def pack(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The common data file for items (sorted by name, as ICU's binary search of the table needs)."""
    items = sorted(items, key=lambda it: it[0].encode("ascii"))
    names = b"".join(n.encode("ascii") + b"\0" for n, _ in items)
    toc_len = 4 + 8 * len(items)
    data_start = (toc_len + len(names) + 15) & ~15
    name_offs, data_offs, body, pos, npos = [], [], bytearray(), data_start, toc_len
    for name, data in items:
        name_offs.append(npos)
        npos += len(name) + 1
        data_offs.append(pos)
        pad = (-len(data)) % 16
        body += data + b"\0" * pad
        pos += len(data) + pad
    toc = struct.pack("<I", len(items))
    toc += b"".join(struct.pack("<II", n, d) for n, d in zip(name_offs, data_offs, strict=True))
    toc += names + b"\0" * (data_start - toc_len - len(names))
    return header + toc + bytes(body)


def keep(name: str) -> bool:
    rel = name.split("/", 1)[1]              # drop the package prefix (icudt73l/)
    base = rel.rsplit("/", 1)[-1]
    if base.endswith((".cnv", ".spp")) or rel.startswith(DROP_TREES) or base in DROP_FILES:
        return False
    m = LOCALE_FILE.match(base)
    return not m or base == "root.res" or m.group(1) in KEEP_LANGUAGES


def build(lib: Path, out: Path) -> tuple[int, int]:
    """Writes the trimmed library to out; returns (data bytes before, after)."""
    symbol, offset, size = _symbol(lib)
    blob = lib.read_bytes()[offset:offset + size]
    header, items = parse(blob)
    kept = [it for it in items if keep(it[0])]
    if not any(n.endswith("/coll/ucadata.icu") for n, _ in kept) or not any(n.endswith("/zh.res") for n, _ in kept):
        raise SystemExit("icu_trim: the collation root or the Chinese locale would be lost")
    data = pack(header, kept)
    soname = subprocess.run(["readelf", "-d", str(lib)], capture_output=True, text=True, check=True).stdout
    soname = re.search(r"Library soname: \[([^\]]+)\]", soname).group(1)
    with tempfile.TemporaryDirectory() as tmp:
        raw, obj = Path(tmp) / "icudata.bin", Path(tmp) / "icudata.o"
        raw.write_bytes(data)
        mangled = "_binary_" + re.sub(r"[^A-Za-z0-9]", "_", str(raw)) + "_start"
        subprocess.run(["objcopy", "-I", "binary", "-O", "elf64-x86-64", "-B", "i386:x86-64",
                        "--rename-section", ".data=.rodata,alloc,load,readonly,data,contents",
                        "--set-section-alignment", ".rodata=16",
                        "--redefine-sym", f"{mangled}={symbol}", str(raw), str(obj)], check=True)
        subprocess.run(["ld", "-shared", "-soname", soname, "-z", "noexecstack", "-o", str(out), str(obj)],
                       check=True)
    return size, len(data)


if __name__ == "__main__":
    before, after = build(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"ICU data {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB")
