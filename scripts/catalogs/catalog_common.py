"""What the catalogue generators share: running a daemon's tool on this machine or in a target root, scratch
files the tool can read, and writing a catalogue file in the one format the loader reads
(src/MailDsl.Core/Daemons/Settings/SettingsCatalog.cs).

A catalogue file:
    # free comment lines: which binary and command produced it, the package's full Debian version, counts of what
    #   was probed. Information only: the reproducibility test (CatalogReproducibilityTests) does not compare them,
    #   so a Debian point release that changes only them passes.
    #@ daemon: postfix            metadata the loader reads, compared (a source names the upstream version only)
    #@ version: 3.7.11
    #@ provenance: seen           seen (read off the daemon) or reasoned (upstream sources)
    #@ source: one sentence
    name<TAB>status<TAB>replacement<TAB>note
A line with only a name is a known setting. `*` at the start or end of a name is a pattern (a per-service
suffix, a renamed prefix). Lines are sorted by name, so a regenerated file compares byte for byte.
"""
import os
import re
import shutil
import subprocess
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

STATUSES = ("known", "renamed", "moved", "replaced", "deprecated", "ignored", "obsolete", "removed", "section")


class Runner:
    """Runs a tool on this machine (root '/') or chrooted into a target root. In a root, scratch files go under
    ROOT/tmp, which regenerate.sh mounts as a private tmpfs (unshare -m), so the root itself is never written."""

    def __init__(self, root="/"):
        self.root = os.path.abspath(root)
        self.chrooted = self.root != "/"
        base = os.path.join(self.root, "tmp") if self.chrooted else None
        self.scratch = tempfile.mkdtemp(prefix="maildsl-catalog-", dir=base)

    def path(self, host_path):
        """The path a tool inside the root sees for a file under the scratch folder."""
        return "/" + os.path.relpath(host_path, self.root) if self.chrooted else host_path

    def file(self, name, text):
        """Writes a scratch file, one per thread (probes run in parallel); returns its path as the tool sees it."""
        p = os.path.join(self.scratch, f"t{threading.get_ident()}", name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)
        return self.path(p)

    def dir(self, name):
        p = os.path.join(self.scratch, name)
        os.makedirs(p, exist_ok=True)
        return p

    def run(self, *args, check=False):
        cmd = (["chroot", self.root] if self.chrooted else []) + list(args)
        r = subprocess.run(cmd, capture_output=True, text=True, env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C"})
        if check and r.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr.strip()}")
        return r

    def run_on_terminal(self, *args, cwd):
        """Runs a tool in the scratch folder cwd with a terminal as its standard error and returns (exit code, what it
        wrote there): Postfix's commands write their warnings and fatal errors to standard error only when it is a
        terminal (else to syslog). In cwd, a relative path a probe names is the same missing file on every machine, and
        nothing lands outside the scratch folder."""
        inside = self.path(cwd)
        cmd = (["chroot", self.root, "sh", "-c", 'cd "$0" && exec "$@"', inside] if self.chrooted else []) + list(args)
        master, slave = os.openpty()
        try:
            r = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave, cwd=None if self.chrooted else cwd,
                               env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C"})
        finally:
            os.close(slave)
        said = b""
        try:
            while chunk := os.read(master, 65536):
                said += chunk
        except OSError:  # EIO: every writer has closed the terminal
            pass
        finally:
            os.close(master)
        return r.returncode, said.decode("utf-8", "replace").replace("\r", "")

    def read(self, path):
        """A file of the root (e.g. a package's man page), as bytes."""
        with open(os.path.join(self.root, path.lstrip("/")), "rb") as f:
            return f.read()

    def package_version(self, package):
        """The package's full Debian version (epoch, upstream, revision): information for a comment line only."""
        r = self.run("dpkg-query", "-W", "-f", "${Version}", package)
        return r.stdout.strip() if r.returncode == 0 else "unknown"

    def upstream_version(self, package):
        """The upstream release the package builds, for the #@ metadata the reproducibility test compares."""
        return upstream(self.package_version(package))

    def distro(self):
        try:
            text = self.read("/etc/os-release").decode()
        except OSError:
            return "unknown"
        m = re.search(r'^PRETTY_NAME="?([^"\n]*)', text, re.M)
        return m.group(1) if m else "unknown"

    def close(self):
        shutil.rmtree(self.scratch, ignore_errors=True)


def upstream(debian_version):
    """The upstream release in a Debian version: no epoch, no Debian revision (a point release changes only that, e.g.
    1.22.1-9+deb12u11 -> +deb12u12), no repack suffix: 1:2.3.19.1+dfsg1-2.1+deb12u7 -> 2.3.19.1."""
    v = re.sub(r"^\d+:", "", debian_version)
    if "-" in v:
        v = v[:v.rindex("-")]
    return re.sub(r"[+~](dfsg|ds|repack)\d*$", "", v)


def parallel(function, items):
    """function over items, a few at a time (each probe is a short process start), results in the items' order."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(function, items))


def clean(text):
    """One line of text for a TSV field: no tabs or newlines, trimmed."""
    return re.sub(r"\s+", " ", text or "").strip()


def write_catalog(path, comments, meta, entries, contexts=False, values=None):
    """Writes a catalogue. entries: {name: (status, replacement, note)}; status 'known' lines hold only the name.
    With contexts (nginx), entries are {name: "http,server,location"} and the second column lists them.
    With values ({name: kind}), a fifth column says what values the daemon takes (bool, uint, size, time, port,
    enum:a|b, checked:why); a known name with a kind is written with its empty columns."""
    if contexts:
        header = "# name\tcontexts" + ("\targuments" if any("\t" in v for v in entries.values()) else "")
        return _write(path, comments, meta, [header], [f"{n}\t{entries[n]}" for n in sorted(entries)])
    values = values or {}
    for name, (status, _, _) in entries.items():
        if status not in STATUSES:
            raise SystemExit(f"{name}: unknown status {status}")
        if not re.fullmatch(r"\*?[A-Za-z0-9_.-]+\*?", name):
            raise SystemExit(f"not a setting name: {name!r}")
    body = []
    for name in sorted(entries):
        status, replacement, note = entries[name]
        value = clean(values.get(name, "")) if status == "known" else ""
        if status == "known" and not replacement and not note and not value:
            body.append(name)
        elif value:
            body.append("\t".join([name, status, clean(replacement), clean(note), value]))
        else:
            body.append("\t".join([name, status, clean(replacement), clean(note)]).rstrip("\t"))
    header = "# name\tstatus\treplacement\tnote" + ("\tvalue" if values else "")
    _write(path, comments, meta, [header], body)


def _write(path, comments, meta, header, body):
    lines = ["# " + c for c in comments] + [f"#@ {k}: {clean(v)}" for k, v in meta] + header + body
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def read_catalog(path):
    """Reads a catalogue back: (meta, {name: (status, replacement, note)})."""
    meta, entries = {}, {}
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#@ "):
                k, _, v = line[3:].partition(":")
                meta[k.strip()] = v.strip()
                continue
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t") + ["", "", ""]
            entries[parts[0]] = (parts[1] or "known", parts[2], parts[3])
    return meta, entries
