#!/usr/bin/python3
"""A stand-in for STS on 127.0.0.1: answers every POST with the
AssumeRoleWithWebIdentity success document (fixed, fake credentials), so the
AWS CLI's own cost can be timed without a network. mock_sts.py PORTFILE:
binds an ephemeral port, writes it to PORTFILE, serves until killed."""
import http.server
import sys

BODY = b"""<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult>
    <SubjectFromWebIdentityToken>system:serviceaccount:team-0:app-0</SubjectFromWebIdentityToken>
    <Audience>sts.amazonaws.com</Audience>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::111122223333:assumed-role/bench/bench</Arn>
      <AssumedRoleId>AROAEXAMPLEBENCH:bench</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAEXAMPLEBENCH0000</AccessKeyId>
      <SecretAccessKey>benchbenchbenchbenchbenchbenchbenchbench</SecretAccessKey>
      <SessionToken>benchsessiontoken</SessionToken>
      <Expiration>2100-01-01T00:00:00Z</Expiration>
    </Credentials>
    <Provider>https://oidc.eks.us-east-1.amazonaws.com/id/5C1D8E0B2F6A4E7D9C3B1A0F8E7D6C5B</Provider>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>
"""


class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, *a):
        pass


s = http.server.HTTPServer(("127.0.0.1", 0), H)
with open(sys.argv[1], "w") as f:
    f.write(str(s.server_address[1]))
s.serve_forever()
