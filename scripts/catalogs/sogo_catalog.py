#!/usr/bin/env python3
"""SOGo sogo.conf setting catalogues, read off the installed SOGo and SOPE.

    python3 sogo_catalog.py --root ROOT --out DIR [--upgrade sogo-upgrade.tsv]

SOGo has no tool that lists its settings (sogod reads the names it asks for and ignores the rest, silently), so the
names are read off its files: every string in the ELF files of the packages sogo and libsope1 (sogod, its libraries,
bundles and GDL adaptors) that has a setting's shape, less the Objective-C classes, categories and protocols (their
names are strings too; the runtime's __objc_class_name_ symbols list them), the functions the files define (their
dynamic symbol tables) and the names of exceptions and notifications, plus the keys of the SOGoDefaults.plist the
package installs. A setting's shape: a CamelCase name that starts as SOGo's and SOPE's settings do (SOGo, WO, NG, OCS,
GCS, MySQL4, Sx, So, then a capital or a digit; SOGo, then anything) or ends as their debug switches do (DebugEnabled,
e.g. ImapDebugEnabled, PGDebugEnabled). A name sogod reads is a literal in its binaries, so none is missed; a string of
that shape that is not a setting (a constant's name) is listed too, which only lets a rare misspelling through.

sogo-upgrade.tsv (the SOGo Installation Guide's upgrade notes, extracted once and committed) adds the settings SOGo
renamed or dropped: an old name absent from the binaries is listed as removed (sogod no longer reads it), one still
there as deprecated.
"""
import argparse
import csv
import os
import re
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from catalog_common import Runner, write_catalog  # noqa: E402

PACKAGES = ("sogo", "libsope1")
PREFIXES = ("SOGo", "WO", "NG", "OCS", "GCS", "MySQL4", "Sx", "So")
# NUL on both sides: a C string of its own, not a piece of a longer one.
STRING = re.compile(rb"(?<=\x00)([A-Z][A-Za-z0-9]{3,})(?=\x00)")
OBJC = re.compile(rb"__objc_(?:class_name|category_name|protocol_name)_([A-Za-z0-9_]+)")


def functions(data):
    """The functions an ELF file defines, from its dynamic symbol table: their names are strings too, and never settings
    (NGDecodeBase64, WOApplicationMain). Objects are kept: SOGo exports some settings' names as constants."""
    if data[:5] != b"\x7fELF\x02":
        return set()
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    names = set()
    for _, kind, _, _, offset, size, link, _, _, _ in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strings = sections[link][4]
        for j in range(size // 24):
            name, info, _, section, _, _ = struct.unpack_from("<IBBHQQ", data, offset + j * 24)
            if name and section and info & 0xF == 2:  # defined here, STT_FUNC
                names.add(data[strings + name:data.index(b"\0", strings + name)].decode("latin-1"))
    return names


def setting_shaped(name):
    # An exception's or a notification's name is a string of the same shape, never a setting.
    if name.endswith(("Exception", "Notification", "NotificationName")):
        return False
    if name.endswith("DebugEnabled"):
        return True
    # SOGo's own prefix may go on in lower case (SOGoiPhoneForceAllDayTransparency); the short ones may not (Sorted, Socket).
    return any(name.startswith(p) and len(name) > len(p) and (p == "SOGo" or name[len(p)].isupper() or name[len(p)].isdigit()) for p in PREFIXES)


def package_files(runner):
    files = []
    for package in PACKAGES:
        listed = runner.run("dpkg-query", "-L", package, check=True).stdout.split("\n")
        files += [f for f in listed if f.startswith("/")]
    return sorted(set(files))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--root", default="/")
    p.add_argument("--out", required=True)
    p.add_argument("--upgrade", help="sogo-upgrade.tsv: old<TAB>kind<TAB>new<TAB>note")
    args = p.parse_args()
    runner = Runner(args.root)
    try:
        package = runner.package_version("sogo")
        m = re.match(r"(?:\d+:)?(\d+\.\d+\.\d+)", package)
        if not m:
            raise SystemExit(f"sogo is not installed in {args.root} (dpkg-query says '{package}')")
        version = m.group(1)
        strings, objc, functions_, plist, elves = set(), set(), set(), set(), 0
        for f in package_files(runner):
            path = os.path.join(runner.root, f.lstrip("/"))
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            data = runner.read(f)
            if f.endswith("/SOGoDefaults.plist"):
                plist.update(re.findall(r"^\s*([A-Za-z][A-Za-z0-9]*)\s*=", data.decode("utf-8", "replace"), re.M))
            elif data.startswith(b"\x7fELF"):
                elves += 1
                strings.update(s.decode() for s in STRING.findall(data))
                objc.update(s.decode() for s in OBJC.findall(data))
                functions_ |= functions(data)
        if not plist:
            raise SystemExit("no SOGoDefaults.plist among the sogo package's files")
        known = {n for n in strings - objc - functions_ if setting_shaped(n)} | plist
        entries = {n: ("known", "", "") for n in known}

        changes = 0
        if args.upgrade:
            with open(args.upgrade, newline="") as f:
                for row in csv.reader((l for l in f if not l.startswith("#")), delimiter="\t"):
                    old, kind, new, note = (row + ["", "", "", ""])[:4]
                    if old in known:
                        if kind == "removed":
                            continue  # the notes say removed, the binaries still read it: the daemon's word wins
                        entries[old] = ("deprecated", new, note)
                    else:
                        entries[old] = ("removed", new, note)
                    changes += 1

        distro = runner.distro()
        comments = [
            f"SOGo {version} sogo.conf settings, read off {distro}'s packages {', '.join(f'{p} {runner.package_version(p)}' for p in PACKAGES)}.",
            "Generated by scripts/catalogs/regenerate.sh (sogo_catalog.py); do not edit.",
            f"Known ({len(known)}): the setting-shaped strings of the packages' {elves} ELF files ({len(strings)} CamelCase strings,",
            f"less {len(objc)} Objective-C class, category and protocol names and {len(functions_)} functions, and less exceptions'",
            f"and notifications' names), and the {len(plist)} keys of SOGoDefaults.plist.",
            f"Renamed or dropped ({changes}): scripts/catalogs/sogo-upgrade.tsv (the SOGo Installation Guide's upgrade notes),",
            "removed where the binaries no longer hold the old name, deprecated where they still do.",
        ]
        meta = [("daemon", "sogo"), ("version", version), ("provenance", "seen"),
                ("source", f"{distro}: sogo {runner.upstream_version('sogo')} (strings of sogod, its libraries and SOPE's; SOGoDefaults.plist)")]
        write_catalog(os.path.join(args.out, f"sogo-{version}.txt"), comments, meta, entries)
    finally:
        runner.close()


if __name__ == "__main__":
    main()
