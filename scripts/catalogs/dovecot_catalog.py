#!/usr/bin/env python3
"""Dovecot top-level setting catalogues, read off the installed Dovecot.

    python3 dovecot_catalog.py --root ROOT --out DIR [--upgrade dovecot-2.4-upgrade.tsv]

Known: the top-level `name = value` lines of `doveconf -d` on an empty config (raw settings are top-level
lines). Then every identifier in the doveconf binary that -d does not list is written into a scratch
dovecot.conf and doveconf -n says what it is: "Unknown setting" (dropped), "Obsolete setting ... has been
renamed to / replaced by / is no longer needed" (Dovecot 2.3), a value error or the value read back (a
setting the parser handles itself, such as dovecot_config_version), or a section (namespace, a 2.4 named
filter or string list). For 2.4, the 2.3-to-2.4 upgrade notes (dovecot-2.4-upgrade.tsv, extracted by
dovecot_upgrade_notes.py) add the old names, each confirmed unknown to doveconf 2.4 and its new name known.
"""
import argparse
import csv
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from catalog_common import Runner, parallel, write_catalog  # noqa: E402

NAME = r"[a-z][a-z0-9_]*"


def version_of(runner):
    out = runner.run("dovecot", "--version", check=True).stdout
    m = re.match(r"(\d+)\.(\d+)\.(\d+)", out)
    return ".".join(m.groups())


class Doveconf:
    def __init__(self, runner, version):
        self.runner = runner
        v = tuple(int(x) for x in version.split("."))
        # 2.4 refuses a file whose first setting is not dovecot_config_version, and wants the storage version too.
        self.preamble = f"dovecot_config_version = {version}\ndovecot_storage_version = {version}\n" if v >= (2, 4) else ""

    def run(self, body, *args):
        path = self.runner.file("dovecot.conf", self.preamble + body)
        r = self.runner.run("doveconf", "-c", path, *args)
        # The capabilities 2.3's doveconf asks a managesieve-login process for are not the file's settings, and that
        # process may fail when many probes run at once: they are left out of what probes compare.
        # Comments (the file's path, which differs per thread) neither.
        out = "\n".join(l for l in r.stdout.splitlines() if not l.startswith("#") and (not l.startswith("managesieve_") or "-d" in args))
        return out, r.stderr

    def defaults(self):
        out, _ = self.run("", "-d")
        settings, blocks, depth = set(), set(), 0
        self.default_values = {}
        for line in out.splitlines():
            if line.startswith("#"):
                continue
            s = line.strip()
            if depth == 0:
                if m := re.match(r"^(" + NAME + r") =", s):
                    settings.add(m.group(1))
                    self.default_values[m.group(1)] = s[len(m.group(0)):].strip()
                elif m := re.match(r"^(" + NAME + r")(?: \S+)? \{$", s):
                    blocks.add(m.group(1))
            depth += s.endswith("{") - (s == "}")
        return settings, blocks

    def probe(self, name):
        """What doveconf -n makes of `name = x` at the top level: (kind, message)."""
        if name in ("dovecot_config_version", "dovecot_storage_version") and self.preamble:
            return "known", ""  # every probe already starts with them
        out, err = self.run(f"{name} = x\n", "-n")
        err = "\n".join(l for l in err.splitlines() if "You can get a new clean config file" not in l)
        if m := re.search(r"Obsolete setting in [^:]+:\d+: (.*)", err):
            return "obsolete", m.group(1).strip()
        if m := re.search(r"Panic: (.*)", err):
            return "panic", m.group(1).strip()
        if "Unknown setting" in err:
            return "unknown", ""
        if m := re.search(r"Setting is a (named filter|named list filter|string list|boolean list)", err):
            return "section", m.group(1)
        if re.search(r"Invalid |Not a valid|must be|invalid", err):
            return "known", ""  # refused for its value only: the name is a setting
        new = sorted(set(out.splitlines()) - self.baseline)
        if any(l.startswith(name + " = ") for l in new):
            return "known", ""  # read back (a value error after that is about the value)
        if re.search(r"Error|Fatal", err):
            return "section", "read as a section, not a setting"
        if any(l.startswith(name + " ") and l.endswith("{") for l in new):
            return "section", "read as a section, not a setting"
        moved = [l.split(" = ")[0] for l in new if re.match(NAME + r" = x$", l)]
        if len(moved) == 1 and len(new) == 1:
            # An old alias doveconf translates without a word (2.3 reads 'mail' as mail_location).
            return "alias", moved[0]
        if new:
            return "known", ""  # read back inside a filter block (2.4 groups settings by filter)
        return "section", "read as a section, not a setting"


    def refusal(self, name, value):
        """doveconf -n's reason to refuse `name = value` at the top level (an error, or a warning, which the checks
        install.sh and the tests run treat as one), or None when it takes it."""
        _, err = self.run(f"{name} = {value}\n", "-n")
        for line in err.splitlines():
            # 2.3's doveconf asks a managesieve-login process for capabilities, which fails along with a refused file.
            if "You can get a new clean config file" in line or "dump-capability" in line:
                continue
            if m := re.search(r"(?:Fatal|Error|Warning): (.*)", line):
                said = re.sub(r"^Error in configuration file \S+?( line \d+)?: ", "", m.group(1)).strip()
                # The probe's scratch path ("Obsolete setting in /tmp/.../dovecot.conf:1: ...") changes every run.
                return re.sub(r"\s+in /\S+?:\d+:", ":", said)
        return None

    # Values every setting of a kind must take (so nothing but the kind decides) and the forms that tell kinds apart.
    KINDS = [
        ("bool", r"Invalid boolean value", ["yes", "no"]),
        ("uint", r"Invalid number|Not a valid number", ["0", "1", "100"]),
        ("size", r"Invalid size", ["0", "1", "1k", "10M"]),
        ("time", r"Invalid time interval|missing units", ["0", "1s", "10 mins"]),
        ("port", r"Invalid port number", ["0", "143"]),
    ]

    def kind(self, name, enums):
        """What values doveconf takes for a known setting: a kind MailDsl checks (bool, uint, size, time, port, enum:a|b),
        'checked:WHY' when doveconf checks it another way, or '' for any text. A kind is kept only where doveconf takes
        every plain value of it, so a setting with a check of its own (a minimum, another setting) is 'checked'."""
        why = self.refusal(name, "x")
        if why is None:
            # Text: unless doveconf refuses some other plain value (a format of its own: a path, '%' variables...).
            for probe in ("1", "yes", "10M", "0", "a b", "", "a/b", "%u", "%{user}", "%{no_such_variable}"):
                if (other := self.refusal(name, probe)) is not None:
                    return "checked:" + other
            return ""
        if re.search(r"string list|boolean list|named filter", why):
            return "section"
        for kind, pattern, valid in self.KINDS:
            if re.search(pattern, why):
                for probe in valid:
                    if (other := self.refusal(name, probe)) is not None:
                        return "checked:" + other
                if kind == "time" and self.refusal(name, "100ms") is None:
                    kind = "time-ms"
                if kind in ("uint", "size") and self.refusal(name, "unlimited") is None:
                    kind += "-unlimited"
                return kind
        if re.search(r"Invalid value", why):
            default = self.default_values.get(name, "")
            for candidate in enums:
                words = candidate.split(":")
                if words[0] == default and all(self.refusal(name, w) is None for w in words):
                    return "enum:" + "|".join(words)
        return "checked:" + why


def enum_candidates(runner):
    """The 'a:b:c' strings of Dovecot's binaries: how its settings tables spell an enum's values, default first."""
    found = set()
    paths = ["/usr/bin/doveconf"]
    for d in ("/usr/lib/dovecot", "/usr/lib/dovecot/modules"):
        full = os.path.join(runner.root, d.lstrip("/"))
        if os.path.isdir(full):
            paths += [os.path.join(d, f) for f in sorted(os.listdir(full)) if ".so" in f]
    for path in paths:
        try:
            data = runner.read(path)
        except OSError:
            continue
        found |= {s.decode() for s in re.findall(rb"(?<![\x21-\x7e])[a-z0-9_-]+(?::[a-z0-9_-]+)+(?![\x21-\x7e])", data)}
    return sorted(found)


def candidates(runner):
    """Identifiers in the doveconf binary: where its parser's special and obsolete names live."""
    data = runner.read("/usr/bin/doveconf")
    return {s.decode() for s in re.findall(rb"(?<![A-Za-z0-9_])[a-z][a-z0-9_]{2,}(?![A-Za-z0-9_])", data)}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--root", default="/")
    p.add_argument("--out", required=True)
    p.add_argument("--upgrade", help="the 2.3-to-2.4 upgrade notes as TSV (old, kind, new, note)")
    args = p.parse_args()
    runner = Runner(args.root)
    try:
        version = version_of(runner)
        is24 = tuple(int(x) for x in version.split("."))[:2] >= (2, 4)
        conf = Doveconf(runner, version)
        settings, blocks = conf.defaults()
        entries = {n: ("known", "", "") for n in settings}
        rows = []
        if is24 and args.upgrade:
            with open(args.upgrade) as f:
                rows = [r for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]
        extra = (candidates(runner) | blocks | {r[0] for r in rows} | {r[2] for r in rows if r[2]}) - settings
        names = sorted(extra)
        conf.baseline = set(conf.run("", "-n")[0].splitlines())  # what -n prints for no settings: probes compare with it
        for name, (kind, message) in zip(names, parallel(conf.probe, names)):
            if kind == "known":
                entries[name] = ("known", "", "")
            elif kind == "panic":
                entries[name] = ("removed", "", f"doveconf {version} aborts on it (Panic: {message})")
            elif kind == "alias":
                entries[name] = ("renamed", message, f"doveconf {version} reads it as {message}")
            elif kind == "section":
                entries[name] = ("section", "", f"doveconf {version}: {message}")
            elif kind == "obsolete":
                note = f"doveconf {version}: {message}"
                if m := re.search(r"has been renamed to (" + NAME + ")", message):
                    new = m.group(1)
                    if name.endswith("_") and new.endswith("_"):
                        entries[name + "*"] = ("renamed", new + "*", note)
                    else:
                        entries[name] = ("renamed", new, note)
                else:
                    m = re.search(r"has been replaced by (" + NAME + r")\b(?! \{)", message)
                    repl = m.group(1) if m and m.group(1) in settings else ""
                    entries[name] = ("obsolete", repl, note)
        known = {n for n, (s, _, _) in entries.items() if s == "known"}
        checked, contradicted = [], []
        for row in rows:
            old, kind, new, note = (row + ["", "", ""])[:4]
            # The daemon has the last word: a row it contradicts is left out, and named in the header.
            if old in known:
                contradicted.append(f"{old} (doveconf {version} still knows it)")
                continue
            if new and new not in known and entries.get(new, ("",))[0] != "section":
                contradicted.append(f"{old} -> {new} (doveconf {version} does not know {new})")
                continue
            entries[old] = (kind, new, f"Dovecot 2.3-to-2.4 upgrade notes: {note}" if note else "Dovecot 2.3-to-2.4 upgrade notes")
            checked.append(old)
        distro = runner.distro()
        package = runner.package_version("dovecot-core")
        comments = [
            f"Dovecot {version} top-level settings, read off {distro}'s package dovecot-core {package}",
            "(with dovecot-imapd, -pop3d, -lmtpd, -ldap, -pgsql, -sieve, -managesieved as the test setup installs them).",
            "Generated by scripts/catalogs/regenerate.sh (dovecot_catalog.py); do not edit.",
            f"Known: the top-level 'name = value' lines of doveconf -d -c EMPTY ({len(settings)}), plus names doveconf -n",
            "reads back or refuses only for their value (parser-level settings such as dovecot_config_version).",
            f"Candidates for the rest: identifiers in /usr/bin/doveconf ({len(extra)} probed, each as 'name = x' through doveconf -n):",
            "'Obsolete setting ... renamed to' -> renamed; '... replaced by', 'no longer needed', 'removed' -> obsolete;",
            "a named filter, string list or a name read as a section -> section (not a 'name = value' setting).",
        ]
        if checked:
            comments.append(f"Changed in 2.4 ({len(checked)}): scripts/catalogs/dovecot-2.4-upgrade.tsv (doc.dovecot.org upgrade notes),")
            comments.append(f"each old name confirmed unknown to doveconf {version} and each new name known to it.")
        for c in contradicted:
            comments.append(f"Left out, the daemon contradicts the notes: {c}.")
        meta = [("daemon", "dovecot"), ("version", version), ("provenance", "seen"),
                ("source", f"{distro}: dovecot-core {runner.upstream_version('dovecot-core')} (doveconf -d, doveconf -n probes)")]
        # What values each known setting takes, asked of doveconf (a section among them is no setting).
        enums = enum_candidates(runner)
        known = sorted(n for n, (s, _, _) in entries.items() if s == "known")
        values = {}
        for name, kind in zip(known, parallel(lambda n: conf.kind(n, enums), known)):
            if kind == "section":
                entries[name] = ("section", "", f"doveconf {version}: a list or filter, written 'name {{ ... }}'")
            elif kind:
                values[name] = kind
        counts = {}
        for kind in values.values():
            k = kind.split(":")[0]
            counts[k] = counts.get(k, 0) + 1
        comments.append("Values (fifth column), from doveconf -n with 'name = x' and each kind's plain values: "
                        + ", ".join(f"{k} {counts[k]}" for k in sorted(counts))
                        + "; 'checked:WHY' where doveconf checks a value its own way, nothing for any text.")
        out = os.path.join(args.out, f"dovecot-{version}.txt")
        write_catalog(out, comments, meta, entries, values=values)
        print(out)
    finally:
        runner.close()


if __name__ == "__main__":
    main()
