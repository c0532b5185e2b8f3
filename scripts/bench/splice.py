#!/usr/bin/env python3
"""splice.py FILE NAME CONTENT_FILE -- put CONTENT_FILE's text into FILE
between the lines `<!-- begin NAME -->` and `<!-- end NAME -->` (replacing
what was there), or append the marked section at the end of FILE. Lets
several benchmark scripts each regenerate their own part of one document
(docs/performance-master.md: bench-master.sh and bench-agent-run.sh;
docs/interop.md: interop-puppetserver.sh)."""
import os
import sys

path, name, src = sys.argv[1:4]
body = open(src, encoding="utf-8").read().rstrip("\n")
begin, end = "<!-- begin %s -->" % name, "<!-- end %s -->" % name
text = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
block = "%s\n%s\n%s" % (begin, body, end)
if begin in text and end in text:
    pre = text[:text.index(begin)]
    post = text[text.index(end) + len(end):]
    text = pre + block + post
else:
    text = (text.rstrip("\n") + "\n\n" if text.strip() else "") + block + "\n"
open(path, "w", encoding="utf-8").write(text)
