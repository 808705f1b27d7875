#!/usr/bin/env python3
"""check_manifests.py [FILE...] -- validate the Kubernetes/OpenShift
manifests in deploy/ without a cluster (run by tests/deploy/test_deploy.c).

Every YAML document must parse and carry apiVersion, kind and metadata.name.
Pod templates (Job, CronJob) must run non-root with a read-only root file
system, no privilege escalation, all capabilities dropped and the
RuntimeDefault seccomp profile; on plain Kubernetes with fsGroup set
(FAILURE-MODES #9), on OpenShift without runAsUser/fsGroup (the
restricted-v2 SCC assigns them). Every mount names a volume. A container's
projected service-account token must be mounted read-only with the
platform's audience, expiration and path (EKS webhook: sts.amazonaws.com,
86400 s, /var/run/secrets/eks.amazonaws.com/serviceaccount/token;
OpenShift: openshift, 3600 s, /var/run/secrets/openshift/serviceaccount/token),
and a container's AWS_WEB_IDENTITY_TOKEN_FILE, `--token` and `--credentials`
must name such a token, or the key `credentials` of a mounted secret. RBAC rules only
read, except `create` on serviceaccounts/token.

The platform is the directory: deploy/openshift/ is OpenShift, anything else
Kubernetes/EKS. Prints one line per document, then a total; exit 1 when
anything failed, naming the file, the document and the rule.
"""
import glob
import os
import re
import sys

import yaml

PLATFORM = {
    "kubernetes": {"audience": "sts.amazonaws.com", "expiration": 86400,
                   "token": "/var/run/secrets/eks.amazonaws.com/serviceaccount/token"},
    "openshift": {"audience": "openshift", "expiration": 3600,
                  "token": "/var/run/secrets/openshift/serviceaccount/token"},
}
DNS1123 = re.compile(r"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
READ_VERBS = {"get", "list", "watch"}


def platform_of(path):
    return "openshift" if "/openshift/" in "/" + path.replace(os.sep, "/") else "kubernetes"


def pod_templates(doc):
    kind, spec = doc.get("kind"), doc.get("spec") or {}
    if kind == "Job":
        yield "spec.template", spec.get("template") or {}
    elif kind == "CronJob":
        yield ("spec.jobTemplate.spec.template",
               ((spec.get("jobTemplate") or {}).get("spec") or {}).get("template") or {})
    elif kind in ("Deployment", "DaemonSet", "StatefulSet", "Pod"):
        yield "spec.template", spec.get("template") or {}


def mounted_files(pod, c):
    """{path: (kind, detail)} of the files a container's mounts provide."""
    vols = {v.get("name"): v for v in pod.get("volumes") or []}
    files = {}
    for m in c.get("volumeMounts") or []:
        v = vols.get(m.get("name")) or {}
        base = m.get("mountPath", "").rstrip("/")
        for src in (v.get("projected") or {}).get("sources") or []:
            t = src.get("serviceAccountToken")
            if t:
                files[base + "/" + t.get("path", "")] = ("token", t, m)
        s = v.get("secret")
        if s:
            for it in s.get("items") or []:
                files[base + "/" + it.get("path", "")] = ("secret", dict(s, key=it.get("key")), m)
    return files


def check_container(plat, pod, c, where, errs):
    sc = c.get("securityContext") or {}
    if sc.get("readOnlyRootFilesystem") is not True:
        errs.append("%s: securityContext.readOnlyRootFilesystem must be true" % where)
    if sc.get("allowPrivilegeEscalation") is not False:
        errs.append("%s: securityContext.allowPrivilegeEscalation must be false" % where)
    if ((sc.get("capabilities") or {}).get("drop")) != ["ALL"]:
        errs.append("%s: securityContext.capabilities.drop must be [ALL]" % where)
    if not c.get("image"):
        errs.append("%s: no image" % where)
    vols = {v.get("name") for v in pod.get("volumes") or []}
    for m in c.get("volumeMounts") or []:
        if m.get("name") not in vols:
            errs.append("%s: volumeMount %s names no volume" % (where, m.get("name")))
    files = mounted_files(pod, c)
    want = PLATFORM[plat]
    # every projected service-account token: the platform's path, audience, expiration
    for path, (kind, src, m) in files.items():
        if kind != "token":
            continue
        if path != want["token"]:
            errs.append("%s: a projected token is mounted as %s, not %s" % (where, path, want["token"]))
        if src.get("audience") != want["audience"]:
            errs.append("%s: token audience %r, not %r" % (where, src.get("audience"), want["audience"]))
        if src.get("expirationSeconds") != want["expiration"]:
            errs.append("%s: token expirationSeconds %r, not %r" % (
                where, src.get("expirationSeconds"), want["expiration"]))
        if not m.get("readOnly"):
            errs.append("%s: the mount of %s must be readOnly" % (where, path))
    # every file the container is told about is mounted, as the right kind
    env = {e.get("name"): e.get("value") for e in c.get("env") or []}
    paths = []
    if "AWS_WEB_IDENTITY_TOKEN_FILE" in env:
        paths.append(("AWS_WEB_IDENTITY_TOKEN_FILE", env["AWS_WEB_IDENTITY_TOKEN_FILE"], "token"))
    args = [str(a) for a in (c.get("command") or []) + (c.get("args") or [])]
    for i, a in enumerate(args[:-1]):
        if a in ("--token", "--credentials"):
            val = re.sub(r"\$\((\w+)\)", lambda mo: str(env.get(mo.group(1), mo.group(0))), args[i + 1])
            paths.append((a, val, "token" if a == "--token" else "secret"))
    for what, path, kind in paths:
        f = files.get(path)
        if not f or f[0] != kind:
            errs.append("%s: %s is %s, which no %s volume mount provides" % (
                where, what, path, "projected token" if kind == "token" else "secret"))
        elif kind == "secret" and f[1].get("key") != "credentials":
            errs.append("%s: %s is the secret key %r, not credentials" % (where, what, f[1].get("key")))
    return env, args


def check_pod(plat, kind, tpath, tmpl, errs):
    pod = tmpl.get("spec") or {}
    psc = pod.get("securityContext") or {}
    if psc.get("runAsNonRoot") is not True:
        errs.append("%s.spec.securityContext.runAsNonRoot must be true" % tpath)
    if (psc.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
        errs.append("%s.spec.securityContext.seccompProfile.type must be RuntimeDefault" % tpath)
    if plat == "kubernetes":
        if not isinstance(psc.get("fsGroup"), int):
            errs.append("%s.spec.securityContext.fsGroup must be set (a non-root user cannot read "
                        "the 0600 token otherwise)" % tpath)
    else:
        for k in ("runAsUser", "fsGroup"):
            if k in psc:
                errs.append("%s.spec.securityContext.%s must be left to the restricted-v2 SCC" % (tpath, k))
    if not pod.get("serviceAccountName"):
        errs.append("%s.spec.serviceAccountName must be set" % tpath)
    envs = {}
    for group in ("initContainers", "containers"):
        for i, c in enumerate(pod.get(group) or []):
            where = "%s.spec.%s[%d] (%s)" % (tpath, group, i, c.get("name"))
            envs[c.get("name")] = (group,) + check_container(plat, pod, c, where, errs)
    main = (pod.get("containers") or [{}])[0]
    _, env, args = envs.get(main.get("name"), (None, {}, []))
    if not args or args[0] != "check":
        errs.append("%s: the first container must run `stsverify check`" % tpath)
    if kind == "Job":
        need = (["AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE"] if plat == "kubernetes" else []) + \
               ["AWS_REGION", "AWS_DEFAULT_REGION"]
        for k in need:
            if k not in env:
                errs.append("%s: the check container's env lacks %s" % (tpath, k))
        if plat == "openshift" and "--credentials" not in args:
            errs.append("%s: the check container must pass --credentials" % tpath)
        if not any(p == "token" for p, _, _ in mounted_files(pod, main).values()):
            errs.append("%s: the check container mounts no projected token" % tpath)
    if kind == "CronJob":
        # the collector writes -o DIR, check reads --dir DIR, the same volume
        dirs = {}
        for name, (group, _, cargs) in envs.items():
            text = " ".join(cargs)
            mo = re.search(r"(?:^|\s)-o\s+(\S+)", text) if group == "initContainers" else \
                re.search(r"--dir\s+(\S+)", text)
            if mo:
                c = [x for x in pod.get(group) if x.get("name") == name][0]
                for m in c.get("volumeMounts") or []:
                    if mo.group(1).startswith(m.get("mountPath")):
                        dirs.setdefault(group, set()).add(m.get("name"))
        if not dirs.get("initContainers") or dirs.get("initContainers") != dirs.get("containers"):
            errs.append("%s: the collector's -o and check's --dir must be the same volume" % tpath)


def check_rbac(doc, errs):
    for i, r in enumerate(doc.get("rules") or []):
        for v in r.get("verbs") or []:
            if v in READ_VERBS:
                continue
            if v == "create" and r.get("resources") == ["serviceaccounts/token"]:
                continue
            errs.append("rules[%d]: verb %s writes (only get/list/watch, and create on "
                        "serviceaccounts/token)" % (i, v))


def check_doc(path, doc):
    errs = []
    if not isinstance(doc, dict):
        return ["not a mapping"], "?", "?"
    for k in ("apiVersion", "kind", "metadata"):
        if k not in doc:
            errs.append("no %s" % k)
    md = doc.get("metadata") or {}
    name = md.get("name")
    if not isinstance(name, str) or not DNS1123.match(name):
        errs.append("metadata.name %r is not a DNS-1123 name" % (name,))
    kind = doc.get("kind", "?")
    plat = platform_of(path)
    for tpath, tmpl in pod_templates(doc):
        check_pod(plat, kind, tpath, tmpl, errs)
    if kind in ("ClusterRole", "Role"):
        check_rbac(doc, errs)
    full = "%s/%s" % (md["namespace"], name) if md.get("namespace") else str(name)
    errs = list(dict.fromkeys(errs))          # --token and the env var name one file
    return errs, "%s %s" % (doc.get("apiVersion", "?"), kind), full


def main(argv):
    files = argv[1:] or sorted(glob.glob("deploy/kubernetes/*.yaml") + glob.glob("deploy/openshift/*.yaml"))
    ndocs = nbad = nfiles = 0
    for path in files:
        try:
            with open(path) as f:
                docs = [d for d in yaml.safe_load_all(f) if d is not None]
        except (OSError, yaml.YAMLError) as e:
            print("%s: FAIL: %s" % (path, " ".join(str(e).split())))
            nfiles += 1
            continue
        if not docs:
            print("%s: FAIL: no documents" % path)
            nfiles += 1
        for i, doc in enumerate(docs):
            ndocs += 1
            errs, kind, name = check_doc(path, doc)
            if errs:
                nbad += 1
                for e in errs:
                    print("%s[%d] %s %s: FAIL: %s" % (path, i, kind, name, e))
            else:
                print("%s[%d] %s %s: ok" % (path, i, kind, name))
    print("%d files, %d documents: %d files unreadable, %d documents failed" % (
        len(files), ndocs, nfiles, nbad))
    return 1 if nbad or nfiles else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
