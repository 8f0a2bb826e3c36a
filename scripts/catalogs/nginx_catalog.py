#!/usr/bin/env python3
"""nginx directive catalogues with the contexts (http, server, location) each is allowed in, read off the
installed nginx by probing nginx -t.

    python3 nginx_catalog.py --root ROOT --out DIR

Candidates: every identifier in the nginx binary (directive names are string literals in its modules'
command tables). Each is written, with no arguments, into a scratch nginx.conf in an http, a server and a
location block in turn, and nginx -t answers: 'unknown directive' (not a directive of this build),
'directive is not allowed here' (a directive, not in that context), anything else (wrong arguments, no
opening brace) means nginx took it as a directive of that context. A name nginx knows but allows in none of
the three is listed with 'other' (main, events, upstream...). Modules Debian builds as dynamic packages
(libnginx-mod-*) are only included when installed and enabled.
"""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from catalog_common import Runner, parallel, write_catalog  # noqa: E402

CONTEXTS = ("http", "server", "location")


def config(directive, context, modules):
    inner = {"http": f"{directive};", "server": f"server {{ {directive}; }}", "location": f"server {{ location / {{ {directive}; }} }}"}[context]
    return f"{modules}events {{ }}\nhttp {{\n{inner}\n}}\n"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--root", default="/")
    p.add_argument("--out", required=True)
    p.add_argument("--candidates-dir", default=os.path.dirname(os.path.abspath(__file__)),
                   help="where nginx-directives-VERSION.txt (from nginx_source_directives.py) lives")
    args = p.parse_args()
    runner = Runner(args.root)
    try:
        m = re.search(r"nginx/(\d+\.\d+\.\d+)", runner.run("nginx", "-v").stderr)
        version = m.group(1)
        enabled = os.path.join(runner.root, "etc/nginx/modules-enabled")
        modules = "include /etc/nginx/modules-enabled/*.conf;\n" if os.path.isdir(enabled) and os.listdir(enabled) else ""
        data = runner.read("/usr/sbin/nginx")
        binary = {s.decode() for s in re.findall(rb"(?<![A-Za-z0-9_])[a-z][a-z0-9_]+(?![A-Za-z0-9_])", data)}
        listed = os.path.join(args.candidates_dir, f"nginx-directives-{version}.txt")
        if not os.path.exists(listed):
            raise SystemExit(f"{listed} is missing: run nginx_source_directives.py for release-{version} first")
        with open(listed) as f:
            source = {l.strip() for l in f if l.strip() and not l.startswith("#")}
        candidates = sorted(binary | source)
        prefix = runner.dir("prefix")

        def verdict(name, context):
            conf = runner.file("nginx.conf", config(name, context, modules))
            r = runner.run("nginx", "-t", "-q", "-e", "stderr", "-p", runner.path(prefix), "-c", conf)
            text = r.stderr + r.stdout
            if f'unknown directive "{name}"' in text:
                return "unknown"
            if f'"{name}" directive is not allowed here' in text:
                return "no"
            return "yes"

        def contexts(name):
            first = verdict(name, "http")
            if first == "unknown":
                return None
            allowed = [c for c in CONTEXTS if (first if c == "http" else verdict(name, c)) == "yes"]
            return ",".join(allowed) or "other"

        entries = {name: found for name, found in zip(candidates, parallel(contexts, candidates)) if found is not None}

        refusals = {}

        def refusal(directive):
            """nginx -t's complaint about `directive;` alone in a location, or None when it takes it (asked once each:
            arguments() asks again for the counts it found)."""
            if directive not in refusals:
                refusals[directive] = refusal_of(directive)
            return refusals[directive]

        def refusal_of(directive):
            conf = runner.file("nginx.conf", config(directive, "location", modules))
            r = runner.run("nginx", "-t", "-q", "-e", "stderr", "-p", runner.path(prefix), "-c", conf)
            text = (r.stderr + r.stdout).strip()
            return None if r.returncode == 0 and "[emerg]" not in text and "[warn]" not in text else text

        def arguments(name):
            """What a location takes after the directive: the argument counts nginx -t does not call 'invalid number of
            arguments' (0 to 8 tried; N+ when 8 is taken too), and what values: text (any word), flag (on or off), num,
            size (k, m), offset (k, m, g), sec or msec (one argument: nginx's number, size, offset or time; msec takes
            'ms' too), or checked (a grammar of the directive's own)."""
            counts = [n for n in range(0, 9) if "invalid number of arguments" not in (refusal(" ".join([name] + ["x"] * n)) or "")]
            if not counts:
                return ""
            spec = ",".join(str(n) for n in counts)
            if counts[-1] == 8:
                first = next(n for n in range(9) if all(m in counts for m in range(n, 9)))
                spec = ",".join(str(n) for n in counts if n < first) + ("," if any(n < first for n in counts) else "") + f"{first}+"
            if counts == [0]:
                return spec + ":text"
            if all(refusal(" ".join([name] + ["x"] * n)) is None for n in counts if n > 0):
                return spec + ":text"
            if counts == [1]:
                said = refusal(f"{name} x") or ""
                if 'it must be "on" or "off"' in said and refusal(f"{name} on") is None and refusal(f"{name} off") is None:
                    return spec + ":flag"
                taken = {v for v in ("1", "10", "1k", "1g", "1s", "1ms") if refusal(f"{name} {v}") is None}
                for kind, expected in (("num", {"1", "10"}), ("size", {"1", "10", "1k"}), ("offset", {"1", "10", "1k", "1g"}),
                                       ("sec", {"1", "10", "1s"}), ("msec", {"1", "10", "1s", "1ms"})):
                    if taken == expected:
                        return spec + ":" + kind
            return spec + ":checked"

        located = sorted(n for n, c in entries.items() if "location" in c.split(","))
        for name, spec in zip(located, parallel(arguments, located)):
            if spec:
                entries[name] += "\t" + spec
        package = runner.package_version("nginx")
        distro = runner.distro()
        comments = [
            f"nginx {version} directives and the contexts they are allowed in, read off {distro}'s package nginx {package}",
            f"(static modules as built; dynamic modules {'from /etc/nginx/modules-enabled' if modules else 'none installed'}).",
            "Generated by scripts/catalogs/regenerate.sh (nginx_catalog.py); do not edit.",
            f"Candidates ({len(candidates)}): the identifiers in /usr/sbin/nginx and the {len(source)} directive names of nginx's source at",
            f"release-{version} (scripts/catalogs/nginx-directives-{version}.txt), each probed with nginx -t in an http, server and",
            "location block: 'unknown directive' -> left out; 'not allowed here' -> not that context; else allowed there.",
            f"Of the source's directives, {len(source - set(entries))} are unknown to this build (modules it does not include:",
            "mail, stream, geoip, image_filter, perl, xslt, other platforms' event modules; and proxy_cookie_flags' flag names).",
            "'other': known, but allowed in none of the three (main, events, upstream, mail, stream...).",
            "Third column, for directives a location takes: the argument counts nginx -t takes ('N+': N or more), and what",
            "values: text (any word), flag (on, off), num, size, offset, sec, msec (nginx's own), checked (a grammar of its own).",
        ]
        meta = [("daemon", "nginx"), ("version", version), ("provenance", "seen"),
                ("source", f"{distro}: nginx {runner.upstream_version('nginx')} (nginx -t probes)")]
        out = os.path.join(args.out, f"nginx-{version}.txt")
        write_catalog(out, comments, meta, entries, contexts=True)
        print(out)
    finally:
        runner.close()


if __name__ == "__main__":
    main()
