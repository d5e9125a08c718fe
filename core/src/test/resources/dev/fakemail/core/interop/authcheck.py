"""Independent sender authentication for fakemail's cross-check test: dkimpy signs and verifies,
pyspf (python3-spf) checks SPF, both asking the simulated DNS over its UDP port.

usage: authcheck.py DNS_PORT CASES.json  -> prints "RESULT id dkim=v1,v2 spf=result" per verify case.
A case is {"op": "sign", "file", "key", "selector", "domain", "canon": "relaxed/simple", "length": false, "out"}
or {"op": "verify", "id", "file", "ip", "mailfrom", "helo"}.
"""
import json
import sys

import dns.resolver
import dkim
import spf

resolver = dns.resolver.Resolver(configure=False)
resolver.nameservers = ["127.0.0.1"]
resolver.port = int(sys.argv[1])
resolver.timeout = resolver.lifetime = 5
dns.resolver.default_resolver = resolver  # dkimpy and pyspf both resolve through it

out = []
for c in json.load(open(sys.argv[2])):
    if c["op"] == "sign":
        msg = open(c["file"], "rb").read()
        hc, bc = c.get("canon", "relaxed/simple").split("/")
        sig = dkim.sign(msg, c["selector"].encode(), c["domain"].encode(), open(c["key"], "rb").read(),
                        canonicalize=(hc.encode(), bc.encode()),
                        include_headers=[b"from", b"to", b"subject", b"date", b"message-id"],
                        length=bool(c.get("length", False)))
        open(c["out"], "wb").write(sig + msg)
        out.append("SIGNED " + c["out"])
    else:
        msg = open(c["file"], "rb").read()
        d = dkim.DKIM(msg)
        count = sum(1 for name, _ in d.headers if name.lower() == b"dkim-signature")
        verdicts = []
        for i in range(count):
            try:
                verdicts.append("pass" if dkim.DKIM(msg).verify(idx=i) else "fail")
            except Exception:
                verdicts.append("fail")
        result, _ = spf.check2(i=c["ip"], s=c["mailfrom"], h=c["helo"])
        out.append("RESULT %s dkim=%s spf=%s" % (c["id"], ",".join(verdicts) or "none", result))
print("\n".join(out))
