#!/usr/bin/python3
"""footprint.py OUTDIR SV SVB LIBJWT [SVSTATIC]: installed footprint of every peer, as
results.tsv rows ("footprint<TAB>peer<TAB>-<TAB>bytes"). Counted: the
executable, every shared library it loads (ldd, recursively through the
ELF files counted), and for interpreted peers the interpreter, its
standard library and the packages the verifier imports (node: the npm
dependency tree; the AWS CLI: the files of the Debian packages it depends
on). Files are counted once (by real path)."""
import os
import subprocess
import sys

DP = "/usr/lib/python3/dist-packages"
PYLIB = "/usr/lib/python3.11"


def elf(p):
    try:
        with open(p, "rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def ldd(p):
    try:
        out = subprocess.run(["ldd", p], capture_output=True, text=True).stdout
    except OSError:
        return []
    libs = []
    for line in out.splitlines():
        parts = line.split()
        if "=>" in parts and len(parts) > parts.index("=>") + 1 and parts[parts.index("=>") + 1].startswith("/"):
            libs.append(parts[parts.index("=>") + 1])
        elif parts and parts[0].startswith("/"):
            libs.append(parts[0])
    return libs


def files_of(paths):
    seen, todo = set(), [p for p in paths if p]
    while todo:
        p = todo.pop()
        if os.path.isdir(p) and not os.path.islink(p):
            for root, _, fs in os.walk(p):
                todo.extend(os.path.join(root, f) for f in fs)
            continue
        if not os.path.exists(p):
            continue
        r = os.path.realpath(p)
        if r in seen:
            continue
        seen.add(r)
        if elf(r) and (r.endswith(".so") or ".so." in r or os.access(r, os.X_OK) or ".abi3." in r):
            todo.extend(ldd(r))
    return seen


def size(paths):
    return sum(os.path.getsize(f) for f in files_of(paths))


def npm_tree(out, pkg):
    r = subprocess.run(["npm", "ls", pkg, "--all", "--parseable", "--prefix", out],
                       capture_output=True, text=True)
    return [l for l in r.stdout.splitlines() if "node_modules" in l]


def dpkg_files(pkgs):
    fs = []
    for p in pkgs:
        r = subprocess.run(["dpkg", "-L", p], capture_output=True, text=True)
        fs += [l for l in r.stdout.splitlines() if os.path.isfile(l)]
    return fs


def aws_pkgs():
    r = subprocess.run(["dpkg-query", "-W", "-f", "${Depends}", "awscli"], capture_output=True, text=True)
    deps = [d.split()[0].split(":")[0] for d in r.stdout.replace("|", ",").split(",") if d.strip()]
    return ["awscli"] + [d for d in deps if d.startswith("python3-")]


def main():
    out, sv, svb, libjwt = sys.argv[1:5]
    svs = sys.argv[5] if len(sys.argv) > 5 else None
    py = ["/usr/bin/python3.11", PYLIB]
    peers = {
        "stsverify": [sv],
        "stsverify-bearssl": [svb],
        "stsverify-static": [svs] if svs and os.path.exists(svs) else None,
        "openssl": ["/usr/bin/openssl"],
        "jose": ["/usr/bin/jose"],
        "libjwt": [libjwt],
        "pyjwt": py + [DP + "/jwt", DP + "/cryptography"],
        "jwcrypto": py + [DP + "/jwcrypto", DP + "/cryptography", DP + "/deprecated", DP + "/wrapt"],
        "node-jsonwebtoken": ["/usr/bin/node"] + npm_tree(out, "jsonwebtoken"),
        "node-jose": ["/usr/bin/node"] + npm_tree(out, "jose"),
    }
    if os.path.exists("/usr/bin/aws"):
        peers["aws-cli"] = ["/usr/bin/aws"] + py + dpkg_files(aws_pkgs())
    for name, paths in peers.items():
        if paths is None:
            continue
        print("footprint\t%s\t-\t%d" % (name, size(paths)))


main()
