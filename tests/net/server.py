#!/usr/bin/env python3
"""Loopback peers for the online tests (Python standard library only).

    server.py https --cert CHAIN --key KEY [--host 127.0.0.1|::1] [--jwks FILE]
    server.py http  [--host ...]                 same routes without TLS
    server.py proxy [--host ...] [--auth user:pass]   an HTTP CONNECT proxy

Listens on an ephemeral port of the loopback address only, prints
"PORT <n>" on stdout, and serves until stdin closes (the test holds the
other end, so the server dies with it) or it is killed. The proxy only
connects to 127.0.0.1 / ::1 / localhost and prints "CONNECT <target>" for
every tunnel it opens.

Routes of https/http: the first path segment picks a scenario, so the
issuer for a test is https://localhost:PORT/<scenario>:

  good        discovery (issuer = https://<Host>/good, jwks_uri .../good/keys) and keys
  chunked     the same, every body sent with Transfer-Encoding: chunked
  redirect    discovery 302 -> (relative) doc, keys 301 -> https://<Host>/good/keys
  loop        /loop/a <-> /loop/b forever (302)
  tohttp      302 to http://<Host>/good/... (plain http)
  big         a discovery document of 300000 bytes (Content-Length)
  bigchunked  the same, chunked, no length announced
  stall       announces 200 bytes, sends 10, then says nothing for 30 s
  badchunk    chunked with a chunk size line "zz"
  noheaders   "HTTP/1.1 200 OK" and a body, no header fields at all
  s3denied    403 with S3's AccessDenied XML
  s3redirect  301 with S3's PermanentRedirect XML (no Location)
  login       200 with an HTML login form
  keysdenied  good discovery, but jwks_uri answers 403 AccessDenied XML
  notjson     200 text/plain "hello"
  POST /      a mock STS: the RoleArn's role name picks the answer (ok: success, or one of
              denied badaud noprovider nokey expired thumbprint region validation idp, or an
              id of the --sts-table file: "id TAB http TAB code TAB message" lines, which
              test_online writes from stsverify's error catalogue);
              prints "STSREQ <sha256 of the request bytes> <length>" for every request
"""
import argparse
import base64
import hashlib
import json
import os
import select
import socket
import ssl
import sys
import threading
import time
import urllib.parse

ALLOWED_TARGETS = {"127.0.0.1", "::1", "localhost"}


def read_head(sock, limit=65536):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            return None, data
        data += chunk
        if len(data) > limit:
            return None, data
    head, _, rest = data.partition(b"\r\n\r\n")
    return head.decode("latin-1"), rest


def response(status, reason, body, ctype="application/json", extra=()):
    if isinstance(body, str):
        body = body.encode()
    head = "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n" % (status, reason, ctype, len(body))
    for k, v in extra:
        head += "%s: %s\r\n" % (k, v)
    head += "Connection: close\r\n\r\n"
    return head.encode() + body


def chunked(status, reason, body, ctype="application/json"):
    if isinstance(body, str):
        body = body.encode()
    out = ("HTTP/1.1 %d %s\r\nContent-Type: %s\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
           % (status, reason, ctype)).encode()
    for i in range(0, len(body), 700):
        piece = body[i:i + 700]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    return out + b"0\r\n\r\n"


S3_DENIED = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>'
             '<Message>Access Denied</Message><RequestId>8S3DENIED</RequestId>'
             '<HostId>x</HostId></Error>')
S3_REDIRECT = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PermanentRedirect</Code>'
               '<Message>The bucket you are attempting to access must be addressed using the specified '
               'endpoint. Please send all future requests to this endpoint.</Message>'
               '<Endpoint>my-oidc.s3.us-west-2.amazonaws.com</Endpoint><Bucket>my-oidc</Bucket>'
               '<RequestId>R</RequestId><HostId>x</HostId></Error>')
LOGIN = ('<!DOCTYPE html>\n<html><head><title>Sign in to Corp SSO</title></head><body>'
         '<form method="post"><input name="user"><input type="password" name="pw"></form></body></html>')

STS_OK = """<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult>
    <SubjectFromWebIdentityToken>system:serviceaccount:ns:sa</SubjectFromWebIdentityToken>
    <Audience>sts.amazonaws.com</Audience>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::111122223333:assumed-role/%(role)s/%(session)s</Arn>
      <AssumedRoleId>AROAEXAMPLEEXAMPLE01:%(session)s</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <SessionToken>FQoGZXIvYXdzEXAMPLESESSIONTOKENSECRET</SessionToken>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY</SecretAccessKey>
      <Expiration>2099-01-01T00:00:00Z</Expiration>
      <AccessKeyId>ASIAEXAMPLEKEYID0001</AccessKeyId>
    </Credentials>
    <Provider>arn:aws:iam::111122223333:oidc-provider/localhost/good</Provider>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata><RequestId>11111111-2222-3333-4444-555555555555</RequestId></ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>
"""
STS_ERRORS = {
    "denied": (403, "Forbidden", "Sender", "AccessDenied",
               "Not authorized to perform sts:AssumeRoleWithWebIdentity"),
    "badaud": (400, "Bad Request", "Sender", "InvalidIdentityToken", "Incorrect token audience"),
    "noprovider": (400, "Bad Request", "Sender", "InvalidIdentityToken",
                   "No OpenIDConnect provider found in your account for https://localhost/good"),
    "nokey": (400, "Bad Request", "Sender", "InvalidIdentityToken",
              "Couldn't retrieve verification key from your identity provider,  please reference "
              "AssumeRoleWithWebIdentity documentation for requirements"),
    "expired": (400, "Bad Request", "Sender", "ExpiredTokenException",
                "Token expired: current date/time 1624482533 must be before the expiration date/time1624482335"),
    "thumbprint": (400, "Bad Request", "Sender", "InvalidIdentityToken",
                   "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint"),
    "region": (403, "Forbidden", "Sender", "RegionDisabledException",
               "STS is not activated in this region for account:111122223333. Your account administrator "
               "can activate STS in this region using the IAM Console."),
    "validation": (400, "Bad Request", "Sender", "ValidationError",
                   "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: "
                   "Member must have length greater than or equal to 2"),
    "idp": (400, "Bad Request", "Sender", "IDPCommunicationError", "The identity provider could not be reached"),
}


def load_sts_table(path):
    """--sts-table: one catalogue entry a line, id TAB http TAB code TAB message."""
    reasons = {400: "Bad Request", 403: "Forbidden"}
    with open(path) as f:
        for line in f:
            ident, http, code, msg = line.rstrip("\n").split("\t", 3)
            STS_ERRORS[ident] = (int(http), reasons.get(int(http), "Error"), "Sender", code, msg)


def sts_error(kind):
    status, reason, typ, code, msg = STS_ERRORS[kind]
    body = ('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n'
            '    <Type>%s</Type>\n    <Code>%s</Code>\n    <Message>%s</Message>\n  </Error>\n'
            '  <RequestId>1fd1964b-1544-11ea-ba37-99c3c1dede42</RequestId>\n</ErrorResponse>\n'
            % (typ, code, msg.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;")))
    return response(status, reason, body, "text/xml",
                    [("x-amzn-RequestId", "1fd1964b-1544-11ea-ba37-99c3c1dede42")])


class Routes:
    def __init__(self, jwks, scheme):
        self.jwks = jwks
        self.scheme = scheme

    def discovery(self, host, scenario, keys_path="keys"):
        base = "https://%s/%s" % (host, scenario)
        return json.dumps({
            "issuer": base,
            "jwks_uri": "%s/%s" % (base, keys_path),
            "response_types_supported": ["id_token"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
        }, indent=2)

    def handle(self, sock, method, target, headers, body):
        host = headers.get("host", "localhost")
        path = urllib.parse.urlsplit(target).path
        parts = path.strip("/").split("/")
        scen = parts[0] if parts else ""
        rest = "/".join(parts[1:])
        disc = rest == ".well-known/openid-configuration"
        if scen == "good":
            if disc:
                return response(200, "OK", self.discovery(host, "good"))
            if rest == "keys":
                return response(200, "OK", self.jwks)
        if scen == "chunked":
            if disc:
                return chunked(200, "OK", self.discovery(host, "chunked"))
            if rest == "keys":
                return chunked(200, "OK", self.jwks)
        if scen == "redirect":
            if disc:
                return response(302, "Found", "", "text/plain", [("Location", "doc")])
            if rest == ".well-known/doc":
                return response(200, "OK", self.discovery(host, "redirect"))
            if rest == "keys":
                return response(301, "Moved Permanently", "", "text/plain",
                                [("Location", "https://%s/good/keys" % host)])
        if scen == "loop":
            nxt = "/loop/b" if rest != "b" else "/loop/a"
            return response(302, "Found", "", "text/plain", [("Location", nxt)])
        if scen == "tohttp":
            return response(302, "Found", "", "text/plain",
                            [("Location", "http://%s/good/.well-known/openid-configuration" % host)])
        if scen == "big":
            return response(200, "OK", "{" + " " * 299998 + "}")
        if scen == "bigchunked":
            return chunked(200, "OK", "{" + " " * 299998 + "}")
        if scen == "stall":
            sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
                         b'{"issuer": ')
            time.sleep(30)
            return b""
        if scen == "badchunk":
            return (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    b"4\r\n{\"a\"\r\nzz\r\n:1}\r\n0\r\n\r\n")
        if scen == "noheaders":
            return b"HTTP/1.1 200 OK\r\n\r\n" + self.discovery(host, "noheaders").encode()
        if scen == "s3denied":
            return response(403, "Forbidden", S3_DENIED, "application/xml")
        if scen == "s3redirect":
            return response(301, "Moved Permanently", S3_REDIRECT, "application/xml")
        if scen == "login":
            return response(200, "OK", LOGIN, "text/html; charset=utf-8")
        if scen == "keysdenied":
            if disc:
                return response(200, "OK", self.discovery(host, "keysdenied"))
            return response(403, "Forbidden", S3_DENIED, "application/xml")
        if scen == "notjson":
            return response(200, "OK", "hello", "text/plain")
        if method == "POST" and path == "/":
            form = urllib.parse.parse_qs(body.decode("latin-1"))
            if form.get("Action") != ["AssumeRoleWithWebIdentity"]:
                return sts_error("validation")
            role = form.get("RoleArn", [""])[0].rsplit("/", 1)[-1]
            session = form.get("RoleSessionName", ["s"])[0]
            if role in STS_ERRORS:
                return sts_error(role)
            return response(200, "OK", STS_OK % {"role": role, "session": session}, "text/xml",
                            [("x-amzn-RequestId", "11111111-2222-3333-4444-555555555555")])
        return response(404, "Not Found", "no route for %s\n" % path, "text/plain")


def serve_http(conn, routes):
    try:
        conn.settimeout(10)
        head, rest = read_head(conn)
        if head is None:
            if rest and not rest.startswith((b"GET", b"POST", b"HEAD", b"CONNECT")):
                # something that is not HTTP (a TLS ClientHello): answer at once, like nginx
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n"
                             b"Content-Length: 11\r\nConnection: close\r\n\r\nBad Request")
            return
        lines = head.split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
        body = rest
        n = int(headers.get("content-length", "0"))
        while len(body) < n:
            chunk = conn.recv(65536)
            if not chunk:
                break
            body += chunk
        if method == "POST" and target == "/":
            # the exact bytes the mock STS received, for tests that compare them with `request`
            raw = head.encode("latin-1") + b"\r\n\r\n" + body
            print("STSREQ %s %d" % (hashlib.sha256(raw).hexdigest(), len(raw)), flush=True)
        out = routes.handle(conn, method, target, headers, body)
        if out:
            conn.sendall(out)
    except (OSError, ssl.SSLError, ValueError):
        pass
    finally:
        try:
            conn.close()
        except OSError:
            pass


def sniffing_plain(conn, routes):
    """Plain HTTP: a TLS ClientHello gets an immediate 400, as real servers do."""
    try:
        conn.settimeout(10)
        first = conn.recv(5, socket.MSG_PEEK)
        if first and first[0] == 0x16:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n"
                         b"Content-Length: 11\r\nConnection: close\r\n\r\nBad Request")
            conn.close()
            return
    except OSError:
        conn.close()
        return
    serve_http(conn, routes)


def serve_tls(conn, ctx, routes):
    try:
        conn.settimeout(10)
        tconn = ctx.wrap_socket(conn, server_side=True)
    except (OSError, ssl.SSLError):
        conn.close()
        return
    serve_http(tconn, routes)


def pipe(a, b):
    socks = [a, b]
    try:
        while True:
            r, _, _ = select.select(socks, [], [], 30)
            if not r:
                return
            for s in r:
                data = s.recv(65536)
                if not data:
                    return
                (b if s is a else a).sendall(data)
    except OSError:
        return
    finally:
        a.close()
        b.close()


def serve_proxy(conn, auth):
    try:
        conn.settimeout(10)
        head, rest = read_head(conn)
        if head is None:
            conn.close()
            return
        lines = head.split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
        if method != "CONNECT":
            conn.sendall(response(405, "Method Not Allowed", "", "text/plain"))
            conn.close()
            return
        if auth:
            want = "Basic " + base64.b64encode(auth.encode()).decode()
            if headers.get("proxy-authorization") != want:
                conn.sendall(response(407, "Proxy Authentication Required", "", "text/plain",
                                      [("Proxy-Authenticate", 'Basic realm="test"')]))
                conn.close()
                return
        host, _, port = target.rpartition(":")
        host = host.strip("[]")
        if host not in ALLOWED_TARGETS:
            conn.sendall(response(403, "Forbidden", "", "text/plain"))
            conn.close()
            return
        up = socket.create_connection(("::1" if host == "::1" else "127.0.0.1", int(port)), timeout=5)
        print("CONNECT %s" % target, flush=True)
        conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        if rest:
            up.sendall(rest)
        conn.settimeout(None)
        up.settimeout(None)
        pipe(conn, up)
    except (OSError, ValueError):
        conn.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["https", "http", "proxy"])
    ap.add_argument("--host", default="127.0.0.1", choices=["127.0.0.1", "::1"])
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--jwks")
    ap.add_argument("--auth")
    ap.add_argument("--sts-table")
    a = ap.parse_args()
    if a.sts_table:
        load_sts_table(a.sts_table)

    fam = socket.AF_INET6 if a.host == "::1" else socket.AF_INET
    ls = socket.socket(fam, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((a.host, 0))
    ls.listen(64)
    print("PORT %d" % ls.getsockname()[1], flush=True)

    jwks = open(a.jwks).read() if a.jwks else '{"keys": []}'
    routes = Routes(jwks, "https" if a.mode == "https" else "http")
    ctx = None
    if a.mode == "https":
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(a.cert, a.key)

    def watch_stdin():
        try:
            sys.stdin.read()
        finally:
            os._exit(0)
    threading.Thread(target=watch_stdin, daemon=True).start()

    while True:
        conn, _ = ls.accept()
        if a.mode == "https":
            t = threading.Thread(target=serve_tls, args=(conn, ctx, routes), daemon=True)
        elif a.mode == "http":
            t = threading.Thread(target=sniffing_plain, args=(conn, routes), daemon=True)
        else:
            t = threading.Thread(target=serve_proxy, args=(conn, a.auth), daemon=True)
        t.start()


if __name__ == "__main__":
    main()
