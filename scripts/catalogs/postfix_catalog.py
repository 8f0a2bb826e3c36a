#!/usr/bin/env python3
"""Postfix main.cf parameter catalogues.

seen:     python3 postfix_catalog.py seen --root ROOT --out DIR
          Reads everything off the Postfix installed in ROOT ('/' for this machine; a target root is entered with
          chroot, see regenerate.sh): postconf -d for the names, postconf -d with the package's stock master.cf
          for the per-service names, the defaults' fallbacks for renamed names, postconf -n on a main.cf holding
          every name for the deprecation warnings Postfix >= 3.9 prints, and the package's own postconf(5) for
          what it documents as deprecated, obsolete or ignored.
reasoned: python3 postfix_catalog.py reasoned --git POSTFIX_GIT --version 3.8.5 --tag v3.8.5 --seen A.txt --seen B.txt --out DIR
          For a version that cannot be installed here: the names upstream's postconf.proto documents at that
          release tag, checked against the seen catalogues and the C source at the tag, with the same
          documentation reading.
"""
import argparse
import gzip
import html
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from catalog_common import Runner, read_catalog, write_catalog  # noqa: E402

NAME = r"[A-Za-z][A-Za-z0-9_]*"


def vtuple(v):
    return tuple(int(x) for x in v.split("."))


# ---------------------------------------------------------------- postconf(5) / postconf.proto, read as text

def doc_sections(text, fmt):
    """{name: (default, normalised text)} from postconf(5) (troff) or postconf.proto (HTML-ish)."""
    out = {}
    if fmt == "man":
        parts = re.split(r"\n\.SH ", text)[1:]
        for p in parts:
            head, _, body = p.partition("\n")
            m = re.match(r"(" + NAME + r") \(default: (.*)\)", head)
            if not m:
                continue
            body = re.sub(r"\\f[BIRP]", "", body).replace("\\-", "-").replace("\\e", "\\").replace("\\(dq", '"')
            body = re.sub(r"^\.(?:nf|fi|ad|na|ft \w|PP|sp|in [+-]?\d+|br|IP.*|TP.*|RS.*|RE.*|ti.*)$", " ", body, flags=re.M)
            out[m.group(1)] = (m.group(2), re.sub(r"\s+", " ", body).strip())
    else:
        parts = re.split(r"\n%PARAM ", "\n" + text)[1:]
        for p in parts:
            head, _, body = p.partition("\n")
            name, _, default = head.strip().partition(" ")
            body = re.sub(r"<[^>]+>", " ", body)
            body = html.unescape(body)
            body = re.sub(r"^%\w+.*$", " ", body, flags=re.M)
            out[name] = (default.strip(), re.sub(r"\s+", " ", body).strip())
    return out


INSTEAD = re.compile(r"\b[Uu]se (?:the )?\"?(" + NAME + r")\"? (?:parameter |feature |setting )?instead\b")
IGNORED = [
    re.compile(r"[Aa]s of Postfix (\d+\.\d+), the value of this parameter is always ignored"),
    re.compile(r"[Ww]ith Postfix >= ?(\d+\.\d+)[^.]*?this parameter is silently ignored"),
    re.compile(r"is ignored in Postfix (\d+\.\d+) and later"),
]
SIBLING = [
    re.compile(r"^The LMTP-specific version of the (" + NAME + r") configuration parameter"),
    re.compile(r"\bSee (" + NAME + r") for further details"),
]


def tail(name):
    return "_".join(name.split("_")[-2:])


def swap_prefix(name, ref, replacement):
    """lmtp_use_tls is to smtp_use_tls as X is to smtp_tls_security_level: lmtp_tls_security_level."""
    i = 0
    while i < min(len(name), len(ref)) and name[-1 - i] == ref[-1 - i]:
        i += 1
    new, old = name[: len(name) - i], ref[: len(ref) - i]
    return new + replacement[len(old):] if old and replacement.startswith(old) else replacement


def doc_verdicts(sections, names, version, source):
    """What the documentation says about each live parameter: {name: (status, replacement, note)}."""
    verdicts = {}
    for name, (_, text) in sections.items():
        if name not in names:
            continue
        for rx in IGNORED:
            m = rx.search(text)
            if m and vtuple(m.group(1)) <= vtuple(version)[:2]:
                verdicts[name] = ("ignored", "", f"{source}: ignored as of Postfix {m.group(1)}")
                break
        if name in verdicts:
            continue
        if text.startswith("Obsolete"):
            m = INSTEAD.search(text)
            if m and m.group(1) in names:
                verdicts[name] = ("obsolete", m.group(1), f"{source}: obsolete")
            else:
                verdicts[name] = ("obsolete", "", f"{source}: obsolete" + (f"; use {m.group(1)} instead" if m else ""))
            continue
        candidates = [m.group(1) for m in INSTEAD.finditer(text) if m.group(1) in names and m.group(1) != name]
        if candidates:
            verdicts[name] = ("deprecated", candidates, f"{source}: use {{}} instead")
    # A replacement that is itself deprecated is not what to write: take the last one that is not.
    for name, (status, repl, note) in list(verdicts.items()):
        if status == "deprecated":
            good = [c for c in repl if c not in verdicts] or repl
            verdicts[name] = (status, good[-1], note.format(good[-1]))
    # Siblings documented by reference (lmtp_use_tls: "the LMTP-specific version of smtp_use_tls").
    changed = True
    while changed:
        changed = False
        for name, (_, text) in sections.items():
            if name not in names or name in verdicts:
                continue
            for rx in SIBLING:
                m = rx.search(text)
                if not m or m.group(1) not in verdicts or tail(m.group(1)) != tail(name):
                    continue
                status, repl, _ = verdicts[m.group(1)]
                repl = swap_prefix(name, m.group(1), repl) if repl else ""
                if repl and repl not in names:
                    repl = verdicts[m.group(1)][1]
                verdicts[name] = (status, repl, f"{source}: as {m.group(1)}")
                changed = True
                break
    return verdicts


def fallback_names(defaults, names):
    """Old names a parameter's default falls back to (${old?{$old}:{...}}, ${old:...}, or exactly $old), which
    Postfix keeps accepting for compatibility: {old: new}."""
    out = {}
    for new, value in defaults.items():
        v = value.strip()
        for rx in (r"^\$\{(" + NAME + r")\?\{\$\1\}:", r"^\$\{(" + NAME + r"):", r"^\$(" + NAME + r")$", r"^\$\{(" + NAME + r")\}$"):
            m = re.match(rx, v)
            if m and m.group(1) not in names and m.group(1) != new:
                out.setdefault(m.group(1), new)
    return out


# ---------------------------------------------------------------- seen: the installed Postfix

def postconf_d(runner, confdir):
    r = runner.run("postconf", "-c", runner.path(confdir), "-d", check=True)
    values = {}
    for line in r.stdout.splitlines():
        name, sep, value = line.partition(" =")
        if sep:
            values[name.strip()] = value.strip()
    return values


READ_ONLY = "(read-only)"


def warnings(runner, confdir, params):
    """postconf -n on a main.cf holding params: its warnings, by parameter."""
    with open(os.path.join(confdir, "main.cf"), "w") as f:
        f.write("".join(f"{k} = {v}\n" for k, v in params.items()))
    r = runner.run("postconf", "-c", runner.path(confdir), "-n")
    unused, depr, removed = set(), {}, {}
    for line in r.stderr.splitlines():
        if m := re.search(r"unused parameter: (" + NAME + ")=", line):
            unused.add(m.group(1))
        elif m := re.search(r"read-only parameter assignment: (" + NAME + ")=", line):
            removed[m.group(1)] = READ_ONLY
        elif m := re.search(r'support for parameter "(' + NAME + r')" will be removed; instead, (.*)$', line):
            depr[m.group(1)] = m.group(2).strip()
        elif m := re.search(r"support for parameter (" + NAME + r") has been removed; instead, (.*)$", line):
            removed[m.group(1)] = m.group(2).strip()
    return unused, depr, removed


# ---------------------------------------------------------------- seen: what values postfix check takes

# Why this method: postconf reads every value as text and checks almost none (postconf -n takes 'x' for a boolean);
# the types live in the programs. `postfix check` (and `postfix start`) refuses a main.cf in two places, both run here
# in a scratch config folder: postfix(1) itself, which converts every parameter of Postfix's global table (booleans,
# numbers, times; mail_params_init) before it runs anything, and the package's post-install, which postfix-script
# runs first (create-missing) and which wants some paths absolute. So every parameter is set to 'x' and postfix(1)
# is asked for its status (which reads, changes nothing), taking away the one it refuses until it takes the rest;
# each refused one is asked again alone (relayhost = x is refused only beside myhostname = x). Its own fatal message
# names the kind ('bad boolean configuration', 'bad numerical configuration', 'bad time value or unit'); numbers
# are then asked 2147483648 (an int refuses it, a long takes it) and their bounds (0 and the largest value: 'value
# 0 < 1', '(min 1)'), times the unit a bare number is read in (the largest bare number taken); what postfix(1)
# refuses 'x' for otherwise is 'checked' with its words. post-install is asked the same with 'first-install-reminder'
# (its checks, no queue folders made). A parameter only one daemon converts (smtpd_timeout) is not checked by
# postfix check; its daemon logs a refusal to syslog only, so it has no kind here.

# Not set to 'x': the read-only ones, and maillog_file_prefixes, which would let maillog_file = x through, and
# postfix(1) would then log to a file x.
PROBE_SKIP = ("config_directory", "process_name", "process_id", "service_name", "maillog_file_prefixes")


class PostfixValues:
    """Asks one Postfix (this machine's, or a target root's) what values it takes, one scratch config folder at a time."""

    def __init__(self, runner, names):
        self.runner, self.names = runner, names
        self.conf = runner.dir("values")
        open(os.path.join(self.conf, "master.cf"), "w").close()

    def write(self, params):
        path = os.path.join(self.conf, "main.cf")
        with open(path, "w") as f:
            f.write("".join(f"{k} = {v}\n" for k, v in params.items()))
        # Postfix re-reads a main.cf changed within the last second until it is older (0.3 s naps, seen in strace):
        # an older time stamp spares each probe that wait.
        os.utime(path, (time.time() - 60, time.time() - 60))

    def fatal(self, params):
        """postfix(1)'s first fatal message for a main.cf holding params, or None when it takes them."""
        self.write(params)
        _, said = self.runner.run_on_terminal("postfix", "-c", self.runner.path(self.conf), "status", cwd=self.conf)
        line = next((l for l in said.splitlines() if "fatal:" in l), None)
        return None if line is None else line.split("fatal:", 1)[1].strip().replace(self.runner.path(self.conf), "DIR")

    def post_install(self, params):
        """post-install's first error for a main.cf holding params, or None. postfix(1) gives it meta_directory (checked
        by postfix(1) itself, so left at its default here); the rest it reads from main.cf."""
        self.write(params)
        r = self.runner.run("sh", f"{self.default('daemon_directory')}/post-install", f"config_directory={self.runner.path(self.conf)}",
                            f"meta_directory={self.default('meta_directory')}", "first-install-reminder")
        # Its path checks only: what it says after them is about the scratch folder (no postfix-files there).
        line = next((l for l in (r.stderr + r.stdout).splitlines() if "Error:" in l and "should be" in l), None)
        return None if line is None else line.split("Error:", 1)[1].strip()

    def default(self, name):
        return self.runner.run("postconf", "-dh", name, check=True).stdout.strip()

    def culprit(self, suspects, refuses):
        """The one parameter of suspects that refuses(params) is true of, halving the set (a message that names none)."""
        while len(suspects) > 1:
            half = suspects[: len(suspects) // 2]
            suspects = half if refuses(half) else suspects[len(half):]
        return suspects[0]

    def refusals(self, candidates, value, check, named):
        """{name: message} for every candidate check() refuses value for, found by setting them all and taking the
        one refused away until check takes the rest."""
        left, found = list(candidates), {}
        while left:
            said = check({n: value(n) for n in left})
            if said is None:
                break
            hits = [n for n in left if named(n, said)]
            name = hits[0] if len(hits) == 1 else self.culprit(hits or left, lambda part: check({n: value(n) for n in part}) == said)
            left.remove(name)
            # Refused alone too, or only beside another 'x' (relayhost = x is refused when myhostname = x): then no kind.
            alone = check({name: value(name)})
            if alone is not None:
                found[name] = alone
        return found

    def bound(self, name, value, pattern):
        said = self.fatal({name: value})
        m = said and re.search(pattern, said)
        return m.group(1) if m else ""

    def kinds(self):
        names = [n for n in sorted(self.names) if n not in PROBE_SKIP]
        word = lambda n, said: re.search(r"(?<![A-Za-z0-9_])" + re.escape(n) + r"(?![A-Za-z0-9_])", said) is not None
        kinds = {}
        for name, said in self.refusals(names, lambda n: "x", self.fatal, word).items():
            if said.startswith("bad boolean configuration"):
                kinds[name] = "bool"
            elif said.startswith("bad numerical configuration"):
                wide = self.fatal({name: "2147483648"})
                kind = "long" if wide is None or not wide.startswith("bad numerical") else "int"
                low = self.bound(name, "0", r"value 0 < (\d+)")
                high = self.bound(name, "9223372036854775807" if kind == "long" else "2147483647", r"> (\d+)$")
                kinds[name] = kind + (f":{low}..{high}" if low or high else "")
            elif "bad time value or unit" in said:
                # The unit a bare number is read in: the largest bare number Postfix takes (seconds held in an int).
                unit = next((u for u, n in (("s", "100000000"), ("m", "10000000"), ("h", "100000"), ("d", "10000"))
                             if "bad time value" not in (self.fatal({name: n}) or "")), "w")
                low = self.bound(name, "0", r"\(min (\d+)\)")
                high = self.bound(name, "2147483647s", r"\(max (\d+)\)")
                kinds[name] = f"time/{unit}" + (f":{low}..{high}" if low or high else "")
            else:
                kinds[name] = "checked:" + said
        rest = [n for n in names if n not in kinds]
        quoted = lambda n, said: f'"maildsl-probe-{n}"' in said
        for name, said in self.refusals(rest, lambda n: f"maildsl-probe-{n}", self.post_install, quoted).items():
            kinds[name] = ("path-or-no" if 'should be "no" or an absolute path name' in said
                           else "path" if "should be an absolute path name" in said
                           else "checked:" + said.replace(f"maildsl-probe-{name}", "x"))
        return kinds


def seen(args):
    runner = Runner(args.root)
    try:
        empty = runner.dir("empty")
        for f in ("main.cf", "master.cf"):
            open(os.path.join(empty, f), "w").close()
        defaults = postconf_d(runner, empty)
        version = defaults["mail_version"]
        names = set(defaults)

        # Per-service parameters: what postconf -d adds for a master.cf service of each delivery agent (the stock
        # master.cf does not have them all: Debian 13's comments out its pipe(8) services).
        stock = runner.dir("stock")
        open(os.path.join(stock, "main.cf"), "w").close()
        agents = ("smtp", "lmtp", "local", "virtual", "pipe", "error", "discard", "relay")
        with open(os.path.join(stock, "master.cf"), "w") as f:
            for agent in agents:
                command = "smtp" if agent == "relay" else agent
                f.write(f"probe{agent} unix - n n - - {command}" + (" flags=F user=nobody argv=/bin/true" if agent == "pipe" else "") + "\n")
        suffixes = set()
        for extra in set(postconf_d(runner, stock)) - names:
            owner = next((a for a in agents if extra.startswith(f"probe{a}_")), None)
            if owner is None:
                raise SystemExit(f"{extra}: a per-service parameter of no probe service")
            suffixes.add(extra[len(f"probe{owner}_"):])

        man = gzip.decompress(runner.read("/usr/share/man/man5/postconf.5.gz")).decode("utf-8", "replace")
        sections = doc_sections(man, "man")
        source = f"postconf(5) {version}"
        entries = {n: ("known", "", "") for n in names}
        for s in suffixes:
            entries["*_" + s] = ("known", "", "per-service: a parameter of the master.cf service named in front")

        # Renamed: the defaults' fallbacks, each confirmed accepted (no "unused parameter") by postconf -n.
        renamed = fallback_names(defaults, names)
        probe = runner.dir("probe")
        open(os.path.join(probe, "master.cf"), "w").close()
        unused, _, _ = warnings(runner, probe, {old: "x" for old in renamed})
        for old, new in renamed.items():
            if old not in unused:
                entries[old] = ("renamed", new, f"postconf -d {version}: {new} defaults to ${old}; the old name is still read")

        # Documented-only names postconf does not know: removed (postconf -n confirms: "unused parameter").
        documented = {n for n in sections if n not in names and n not in renamed and not any(n.endswith("_" + s) for s in suffixes)}
        unused, _, _ = warnings(runner, probe, {n: "x" for n in documented})
        for n in sorted(documented & unused):
            m = INSTEAD.search(sections[n][1]) or re.search(r"renamed to (" + NAME + ")", sections[n][1]) \
                or re.search(r"replaced by (" + NAME + ")", sections[n][1])
            repl = m.group(1) if m and m.group(1) in names else ""
            entries[n] = ("removed", repl, f"documented in {source}, but postconf {version} reports it unused")

        for name, verdict in doc_verdicts(sections, names, version, source).items():
            entries[name] = verdict

        # What the daemon itself says when a parameter is set (Postfix >= 3.9 warns about deprecated ones).
        _, depr, removed = warnings(runner, probe, {n: (defaults[n] or "x") for n in sorted(names) if n not in
                                                    ("config_directory", "process_name", "process_id", "service_name")})
        # The parameters left out above, one at a time: postconf 3.10 calls them read-only when main.cf sets them.
        for name in ("process_name", "process_id", "service_name"):
            if name in names:
                removed.update(warnings(runner, probe, {name: "x"})[2])
        for name, alt in depr.items():
            m = re.match(r'specify "(' + NAME + ')"$', alt) or re.match(r"(" + NAME + ")$", alt)
            entries[name] = ("deprecated", m.group(1) if m else "", f"postconf {version} warns: support will be removed; instead, {alt}")
        for name, alt in removed.items():
            entries[name] = ("removed", "", f"postconf {version}: a read-only parameter Postfix sets itself ('read-only parameter assignment')"
                             if alt == READ_ONLY else f"postconf {version}: support has been removed; instead, {alt}")

        values = PostfixValues(runner, names).kinds()
        counts = {}
        for kind in values.values():
            base = re.match(r"[a-z-]+", kind).group(0)
            counts[base] = counts.get(base, 0) + 1

        package = runner.package_version("postfix")
        distro = runner.distro()
        comments = [
            f"Postfix {version} main.cf parameters, read off {distro}'s package postfix {package}.",
            "Generated by scripts/catalogs/regenerate.sh (postfix_catalog.py seen); do not edit.",
            f"Known: postconf -d -c DIR with an empty main.cf and master.cf ({len(names)} parameters).",
            f"Per-service (*_suffix): what postconf -d adds for a master.cf service of each delivery agent ({len(suffixes)}).",
            "Renamed: names a default falls back to (${old?{$old}:{..}}, ${old:..}, $old), accepted by postconf -n.",
            "Removed: parameters postconf(5) (/usr/share/man/man5/postconf.5.gz) documents and postconf -n reports unused.",
            "Deprecated, obsolete, ignored: postconf(5) as shipped ('use X instead', 'Obsolete', 'is always ignored'),",
            "then the warnings postconf -n prints for a main.cf that sets every parameter (Postfix >= 3.9), which win.",
            "Values (fifth column), what postfix check takes: each parameter set to 'x' for postfix(1) (postfix -c DIR status) and",
            "post-install (first-install-reminder), kinds from their own messages, numbers' and times' bounds from theirs: "
            + ", ".join(f"{k} {counts[k]}" for k in sorted(counts)) + "; 'checked:WHY' quotes what it said of 'x'.",
        ]
        meta = [("daemon", "postfix"), ("version", version), ("provenance", "seen"),
                ("source", f"{distro}: postfix {runner.upstream_version('postfix')} (postconf -d, postconf -n, postconf(5))")]
        out = os.path.join(args.out, f"postfix-{version}.txt")
        write_catalog(out, comments, meta, entries, values=values)
        print(out)
    finally:
        runner.close()


# ---------------------------------------------------------------- reasoned: upstream postconf.proto at a tag

AVAIL = [
    (re.compile(r"(?:available|supported) in Postfix (?:version )?(\d+\.\d+)(?:\.\d+)? and earlier"), lambda m: (None, m.group(1))),
    (re.compile(r"(?:available|supported) in Postfix (?:version )?(\d+\.\d+)(?:\.\d+)? ?(?:-|through|to|and) ?(?:Postfix )?(\d+\.\d+)"), lambda m: (m.group(1), m.group(2))),
    (re.compile(r"(?:removed|was removed|is removed) (?:in|with|from) Postfix (?:version )?(\d+\.\d+)"), lambda m: (None, "removed<" + m.group(1))),
    (re.compile(r"(?:[Rr]enamed|replaced by " + NAME + r") (?:to " + NAME + r" )?in Postfix (?:version )?(\d+\.\d+)"), lambda m: (None, "removed<" + m.group(1))),
    (re.compile(r"[Ii]t is not used with Postfix (\d+\.\d+) and later"), lambda m: (None, "removed<" + m.group(1))),
]


def available(text, version):
    """Whether the documentation's availability sentence includes version: True, False, or None (says nothing
    that bounds it: 'available in Postfix 2.9 and later' does not say whether it was removed since)."""
    v = vtuple(version)[:2]
    for rx, f in AVAIL:
        m = rx.search(text)
        if not m:
            continue
        low, high = f(m)
        if high.startswith("removed<"):
            return v < vtuple(high[len("removed<"):])
        return (low is None or vtuple(low) <= v) and v <= vtuple(high)
    return None


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir, *args], capture_output=True, text=True, check=True).stdout


def reasoned(args):
    proto = git(args.git, "show", f"{args.tag}:postfix/proto/postconf.proto")
    sections = doc_sections(proto, "proto")
    # Every string literal of Postfix's C source at the tag: a parameter postconf knows is one of them (its VAR_
    # define), unless its name is pasted together from parts (lmtp_ variants, *_CAfile), which the seen lists cover.
    literals = set(re.findall(r'"([A-Za-z0-9_]+)"', git(args.git, "grep", "-h", "-o", "-E", r'"[A-Za-z0-9_]+"', args.tag, "--",
                                                         "postfix/src/*.c", "postfix/src/*.h")))
    seen_names, suffixes, seen_meta, seen_renamed = set(), set(), [], {}
    for path in args.seen:
        meta, entries = read_catalog(path)
        seen_meta.append(meta["version"])
        seen_names |= {n for n, (s, _, _) in entries.items() if s not in ("renamed", "removed") and "*" not in n}
        suffixes |= {n[2:] for n in entries if n.startswith("*_")}
        seen_renamed.update({n: r for n, (s, r, _) in entries.items() if s == "renamed"})
    version = args.version
    per_service = {n for n in sections if n not in seen_names and any(n.endswith("_" + s) for s in suffixes)}
    candidates = set(sections) - per_service
    # postconf.proto does not show the compatibility fallbacks in its defaults; the seen versions do. A fallback
    # applies where its new name already exists (is documented at the tag).
    renamed = {old: new for old, new in seen_renamed.items() if new in sections}
    names, removed, why = set(), set(), {}
    for n in sorted(candidates):
        if n in renamed:
            continue
        text = sections[n][1]
        verdict = available(text, version)
        if n in seen_names:
            verdict = verdict is not False  # documented at this tag and run by a seen version
        elif verdict is None:
            # Nothing bounds it in the text: the source decides, unless the text itself calls it dead.
            verdict = n in literals and not re.match(r"Obsolete|This parameter should not be used", text)
            why[n] = "no string literal of that name in the source at the tag" if n not in literals else "documented as obsolete"
        (names if verdict else removed).add(n)
    source = f"postconf.proto {args.tag}"
    entries = {n: ("known", "", "") for n in names}
    for s in suffixes:
        entries["*_" + s] = ("known", "", "per-service: a parameter of the master.cf service named in front")
    for old, new in renamed.items():
        entries[old] = ("renamed", new, f"{source}: {new} defaults to ${old}; the old name is still read")
    for n in removed:
        m = INSTEAD.search(sections[n][1]) or re.search(r"(?:renamed to|replaced by) (" + NAME + ")", sections[n][1])
        entries[n] = ("removed", m.group(1) if m and m.group(1) in names else "",
                      f"{source}: not available in Postfix {version}" + (f" ({why[n]})" if n in why else ""))
    for name, verdict in doc_verdicts(sections, names, version, source).items():
        entries[name] = verdict
    commit = git(args.git, "rev-parse", args.tag + "^{commit}").strip()
    comments = [
        f"Postfix {version} main.cf parameters, REASONED (not run here): upstream Postfix at tag {args.tag} ({commit}).",
        "Generated by scripts/catalogs/postfix_catalog.py reasoned (see scripts/catalogs/README.md); do not edit.",
        "Known: the %PARAM names of postfix/proto/postconf.proto at the tag (what postconf(5) documents), less per-service",
        "templates and the seen versions' fallback (renamed) names whose new name exists at the tag; a name not live in a seen version "
        f"({', '.join(seen_meta)}) is decided by its availability",
        "sentence ('available in Postfix A.B-C.D', 'and earlier', 'removed in', 'renamed ... in'), else by whether the C source",
        "at the tag holds it as a string literal (the VAR_ define postconf's table is built from) and the text does not call it obsolete.",
        "Per-service suffixes as seen. Deprecated, obsolete, ignored: the same reading of the text as for seen versions.",
    ]
    meta = [("daemon", "postfix"), ("version", version), ("provenance", "reasoned"), ("source", f"upstream Postfix {args.tag}: postconf.proto and C source")]
    out = os.path.join(args.out, f"postfix-{version}.txt")
    write_catalog(out, comments, meta, entries)
    print(out)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="mode", required=True)
    s = sub.add_parser("seen")
    s.add_argument("--root", default="/")
    s.add_argument("--out", required=True)
    r = sub.add_parser("reasoned")
    r.add_argument("--git", required=True, help="a git directory of upstream Postfix (github.com/vdukhovni/postfix)")
    r.add_argument("--version", required=True)
    r.add_argument("--tag", required=True)
    r.add_argument("--seen", action="append", required=True)
    r.add_argument("--out", required=True)
    args = p.parse_args()
    seen(args) if args.mode == "seen" else reasoned(args)


if __name__ == "__main__":
    main()
