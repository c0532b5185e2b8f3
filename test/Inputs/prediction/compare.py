"""Parses every manifest and template under the given directories twice with
`cppetc parse`: with the parser's build-time prediction tables and with
--antlr-prediction (ANTLR's adaptive prediction alone), and reports the
files whose trees or syntax errors differ. Files are deduplicated by
content; symbolic links are followed (Debian's module directories are
links). Usage: compare.py CPPETC DIR..."""
import hashlib
import os
import subprocess
import sys


def sources(dirs):
    seen = set()
    for top in dirs:
        if not os.path.isdir(top):
            continue
        for root, _, names in os.walk(top, followlinks=True):
            for name in sorted(names):
                if not name.endswith((".pp", ".epp")):
                    continue
                path = os.path.join(root, name)
                try:
                    digest = hashlib.sha1(open(path, "rb").read()).digest()
                except OSError:
                    continue
                if digest not in seen:
                    seen.add(digest)
                    yield path


def parse(cppetc, files, antlr):
    args = [cppetc, "parse"] + (["--antlr-prediction"] if antlr else []) + files
    r = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return r.returncode, r.stdout, r.stderr


def main():
    cppetc, dirs = sys.argv[1], sys.argv[2:]
    files = sorted(sources(dirs))
    differ = []
    for i in range(0, len(files), 200):
        batch = files[i:i + 200]
        if parse(cppetc, batch, False) == parse(cppetc, batch, True):
            continue
        differ += [f for f in batch
                   if parse(cppetc, [f], False) != parse(cppetc, [f], True)]
    for f in differ:
        print("DIFFERS", f)
    print("%d files, %d differ" % (len(files), len(differ)))


main()
