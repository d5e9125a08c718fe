"""dkimpy's Ed25519 DKIM (RFC 8463) for fakemail's Ed25519 interop test: it makes the keys, signs, and
verifies the bytes fakemail stored, asking the simulated DNS over its UDP port for the keys.

usage: ed25519check.py DNS_PORT CASES.json. A case is
{"op": "keygen", "name", "out"}                 -> writes the base64 seed to out, prints "KEY name <base64 public key>"
{"op": "sign", "file", "out", "sigs": [{"alg": "ed25519-sha256"|"rsa-sha256", "key", "selector", "domain", "canon"}]}
                                                -> signs with each in turn (the last one's field on top)
{"op": "verify", "id", "file"}                  -> prints "RESULT id dkim=s1:pass,s2:fail" (selector:verdict, sorted)
"""
import base64
import json
import re
import sys

import dns.resolver
import dkim
import nacl.signing

resolver = dns.resolver.Resolver(configure=False)
resolver.nameservers = ["127.0.0.1"]
resolver.port = int(sys.argv[1])
resolver.timeout = resolver.lifetime = 5
dns.resolver.default_resolver = resolver

for c in json.load(open(sys.argv[2])):
    if c["op"] == "keygen":
        sk = nacl.signing.SigningKey.generate()
        open(c["out"], "wb").write(base64.b64encode(bytes(sk)))
        print("KEY", c["name"], base64.b64encode(bytes(sk.verify_key)).decode())
    elif c["op"] == "sign":
        msg = open(c["file"], "rb").read()
        for s in c["sigs"]:
            hc, bc = s["canon"].split("/")
            sig = dkim.sign(msg, s["selector"].encode(), s["domain"].encode(), open(s["key"], "rb").read(),
                            canonicalize=(hc.encode(), bc.encode()), signature_algorithm=s["alg"].encode(),
                            include_headers=[b"from", b"to", b"subject", b"date", b"message-id"])
            msg = sig + msg
        open(c["out"], "wb").write(msg)
        print("SIGNED", c["out"])
    else:
        msg = open(c["file"], "rb").read()
        fields = [v for name, v in dkim.DKIM(msg).headers if name.lower() == b"dkim-signature"]
        verdicts = []
        for i, v in enumerate(fields):
            selector = re.search(rb"(?:^|;)\s*s\s*=\s*([^;\s]+)", v).group(1).decode()
            try:
                verdicts.append(selector + ":" + ("pass" if dkim.DKIM(msg).verify(idx=i) else "fail"))
            except Exception:
                verdicts.append(selector + ":fail")
        print("RESULT", c["id"], "dkim=" + (",".join(sorted(verdicts)) or "none"))
