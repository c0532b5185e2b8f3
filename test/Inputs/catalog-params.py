"""Prints each Notify of the catalog JSON on stdin: its title, its
parameters (sorted keys) and its sensitive_parameters, one line each, in
title order."""
import json
import sys

catalog = json.load(sys.stdin)
for r in sorted(catalog["resources"], key=lambda r: r["title"]):
    if r["type"] == "Notify":
        print(r["title"], json.dumps(r.get("parameters", {}), sort_keys=True),
              r.get("sensitive_parameters", []))
