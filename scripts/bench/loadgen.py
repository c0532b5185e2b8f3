#!/usr/bin/env python3
"""loadgen.py -- catalog-request load generator for scripts/bench-master.sh.

Python 3 standard library only. Speaks to a Puppet 7 master (puppetserver or
cppet-master) as stock `puppet agent` does for its catalog:

    POST /puppet/v3/catalog/NODE?environment=ENV
    Content-Type: application/x-www-form-urlencoded
    Accept: application/vnd.puppet.rich+json, application/json, text/pson
    body: facts_format=application/json&facts=<facts JSON URL-encoded twice>
          &environment=..&configured_environment=..&check_environment=true
          &transaction_uuid=..&job_uuid=&static_catalog=true
          &checksum_type=sha256.sha384.sha512.sha224.md5

over mutual TLS: the server is verified against the CA certificate and its
certname (SNI + hostname check), the client presents NODE's certificate.

Subcommands:
  enroll   fetch the CA certificate (unverified, as a new agent does), then for
           each NODE: PUT its CSR (DIR/NODE.csr), GET its signed certificate
           into DIR/NODE.pem (the server must autosign).
  probe    start-up timing: poll GET /status/v1/simple until it answers 200,
           then (optionally enroll NODE and) POST one catalog request; prints
           JSON with the seconds since --t0 (the server's exec time, epoch s).
  run      the load: C worker processes (one agent = one certname = one
           keep-alive connection each) POST catalog requests in a closed loop
           for --seconds (and at least --min-requests in total); prints JSON:
           req/s, latency p50/p90/p99/max, errors, bytes, the server process
           tree's peak RSS sampled during the run and its VmHWM afterwards.
"""
import argparse
import http.client
import json
import multiprocessing as mp
import os
import socket
import ssl
import statistics
import sys
import threading
import time
import urllib.parse

AGENT_HEADERS = {
    "Accept": "application/vnd.puppet.rich+json, application/json, text/pson",
    "Content-Type": "application/x-www-form-urlencoded",
    "X-Puppet-Version": "7.23.0",
    "User-Agent": "Puppet/7.23.0 Ruby/3.1.2-p20 (x86_64-linux-gnu)",
}


class Conn(http.client.HTTPSConnection):
    """HTTPS to ADDR:PORT, with SNI and the hostname check on SERVERNAME."""

    def __init__(self, addr, port, servername, context, timeout):
        super().__init__(servername, port, context=context, timeout=timeout)
        self._addr = addr
        self._sname = servername

    def connect(self):
        sock = socket.create_connection((self._addr, self.port), self.timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = self._context.wrap_socket(sock, server_hostname=self._sname)


def context(cacert=None, cert=None, key=None):
    if cacert:
        ctx = ssl.create_default_context(cafile=cacert)
    else:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    if cert:
        ctx.load_cert_chain(cert, key)
    return ctx


def catalog_body(node, facts_values, env):
    """The stock agent's form body (lib/puppet/http/service/compiler.rb)."""
    facts = json.dumps({"name": node, "values": facts_values,
                        "timestamp": "2026-11-27T00:00:00.000000000+00:00",
                        "expiration": "2026-11-27T00:30:00.000000000+00:00"})
    once = urllib.parse.quote(facts, safe="")
    return urllib.parse.urlencode([
        ("facts_format", "application/json"), ("facts", once),
        ("environment", env), ("configured_environment", env),
        ("check_environment", "true"),
        ("transaction_uuid", "4e6f3a6c-0000-4000-8000-000000000001"),
        ("job_uuid", ""), ("static_catalog", "true"),
        ("checksum_type", "sha256.sha384.sha512.sha224.md5")]).encode()


def node_facts(facts_file, node):
    with open(facts_file) as f:
        vals = json.load(f)
    short, _, domain = node.partition(".")
    vals.update({"hostname": short, "fqdn": node, "domain": domain,
                 "clientcert": node})
    net = vals.get("networking")
    if isinstance(net, dict):
        net.update({"hostname": short, "fqdn": node, "domain": domain})
    return vals


def proc_tree(pid):
    """pid and all its descendants (from /proc/*/stat)."""
    children = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                st = f.read()
            ppid = int(st[st.rindex(")") + 2:].split()[1])
            children.setdefault(ppid, []).append(int(d))
        except (OSError, ValueError, IndexError):
            pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def status_kb(pid, field):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_kb(pid, field):
    return sum(status_kb(p, field) for p in proc_tree(pid)) if pid else 0


def cpu_jiffies():
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + (v[4] if len(v) > 4 else 0)
    return sum(v[:8]) - idle, sum(v[:8])


def tree_cpu_jiffies(pid):
    """utime+stime (+ reaped children's) of pid's process tree."""
    s = 0
    for p in proc_tree(pid) if pid else []:
        try:
            with open("/proc/%d/stat" % p) as f:
                st = f.read()
            v = st[st.rindex(")") + 2:].split()
            s += int(v[11]) + int(v[12]) + int(v[13]) + int(v[14])
        except (OSError, ValueError, IndexError):
            pass
    return s


def load1():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


# ---------------------------------------------------------------- enroll
def http_call(a, method, path, body=None, headers=None, ctx=None):
    c = Conn(a.addr, a.port, a.servername, ctx or context(), 60)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def enroll_nodes(a, nodes, d):
    st, ca = http_call(a, "GET", "/puppet-ca/v1/certificate/ca")
    if st != 200:
        raise SystemExit("GET certificate/ca: HTTP %d %s" % (st, ca[:200]))
    if not os.path.exists(os.path.join(d, "ca.pem")):
        with open(os.path.join(d, "ca.pem"), "wb") as f:
            f.write(ca)
    vctx = context(os.path.join(d, "ca.pem"))
    for n in nodes:
        if os.path.exists(os.path.join(d, n + ".pem")):
            continue   # enrolled already
        with open(os.path.join(d, n + ".csr"), "rb") as f:
            csr = f.read()
        st, b = http_call(a, "PUT", "/puppet-ca/v1/certificate_request/%s?environment=production" % n,
                          csr, {"Content-Type": "text/plain"}, vctx)
        if st != 200:
            raise SystemExit("PUT certificate_request/%s: HTTP %d %s" % (n, st, b[:200]))
        st, b = http_call(a, "GET", "/puppet-ca/v1/certificate/%s?environment=production" % n, None, None, vctx)
        if st != 200:
            raise SystemExit("GET certificate/%s: HTTP %d %s" % (n, st, b[:200]))
        with open(os.path.join(d, n + ".pem"), "wb") as f:
            f.write(b)


def cmd_enroll(a):
    enroll_nodes(a, a.nodes.split(","), a.certdir)


# ---------------------------------------------------------------- probe
def cmd_probe(a):
    t0 = a.t0
    res = {"server_pid": a.server_pid}
    ctx = context()
    deadline = time.time() + a.timeout
    while True:
        try:
            st, b = http_call(a, "GET", "/status/v1/simple", ctx=ctx)
            if st == 200:
                res["status_s"] = round(time.time() - t0, 3)
                res["status_body"] = b.decode(errors="replace").strip()
                break
        except (OSError, http.client.HTTPException):
            pass
        if a.server_pid and not os.path.exists("/proc/%d" % a.server_pid):
            res["error"] = "server exited before answering"
            print(json.dumps(res))
            return 1
        if time.time() > deadline:
            res["error"] = "no answer within %ss" % a.timeout
            print(json.dumps(res))
            return 1
        time.sleep(a.interval)
    node = a.nodes.split(",")[0]
    if a.enroll:
        enroll_nodes(a, [node], a.certdir)
        res["enrolled_s"] = round(time.time() - t0, 3)
    vctx = context(os.path.join(a.certdir, "ca.pem"), os.path.join(a.certdir, node + ".pem"),
                   os.path.join(a.certdir, node + ".key"))
    body = catalog_body(node, node_facts(a.facts, node), a.environment)
    c = Conn(a.addr, a.port, a.servername, vctx, a.timeout)
    c.request("POST", "/puppet/v3/catalog/%s?environment=%s" % (node, a.environment), body, AGENT_HEADERS)
    r = c.getresponse()
    data = r.read()
    res["catalog_s"] = round(time.time() - t0, 3)
    res["catalog_http"] = r.status
    res["catalog_bytes"] = len(data)
    try:
        res["catalog_resources"] = len(json.loads(data).get("resources", []))
    except ValueError:
        res["catalog_error"] = data[:300].decode(errors="replace")
    res["rss_kb"] = tree_kb(a.server_pid, "VmRSS")
    print(json.dumps(res))
    return 0 if r.status == 200 else 1


# ---------------------------------------------------------------- run
def worker(a, idx, node, start_at, stop_at, out_q):
    """One agent: its own certificate and keep-alive connection."""
    ctx = context(os.path.join(a.certdir, "ca.pem"), os.path.join(a.certdir, node + ".pem"),
                  os.path.join(a.certdir, node + ".key"))
    body = catalog_body(node, node_facts(a.facts, node), a.environment)
    path = "/puppet/v3/catalog/%s?environment=%s" % (node, a.environment)
    samples, errors, reconnects, first = [], [], 0, None
    conn = None
    while time.time() < start_at:
        time.sleep(0.001)
    while True:
        t = time.time()
        if t >= stop_at:
            break
        try:
            if conn is None:
                conn = Conn(a.addr, a.port, a.servername, ctx, a.timeout)
                reconnects += 1
            conn.request("POST", path, body, AGENT_HEADERS)
            r = conn.getresponse()
            data = r.read()
            t1 = time.time()
            if r.status != 200:
                errors.append("HTTP %d: %s" % (r.status, data[:200].decode(errors="replace")))
            else:
                samples.append((t, t1, len(data)))
                if first is None:   # check the content once per worker
                    try:
                        first = len(json.loads(data).get("resources", []))
                    except ValueError:
                        first = -1
            if r.getheader("Connection", "").lower() == "close" or r.will_close:
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException) as e:
            errors.append("%s: %s" % (type(e).__name__, e))
            try:
                conn.close()
            except Exception:
                pass
            conn = None
            time.sleep(0.05)
    if conn is not None:
        conn.close()
    cpu = os.times()
    out_q.put({"idx": idx, "node": node, "samples": samples, "errors": errors,
               "connections": reconnects, "resources": first,
               "cpu_s": cpu.user + cpu.system})


def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return None
    k = max(0, min(len(xs) - 1, int(-(-p * len(xs) // 100)) - 1))
    return xs[k]


def cmd_run(a):
    nodes = a.nodes.split(",")
    c = a.concurrency
    if len(nodes) < c:
        raise SystemExit("need %d certnames, got %d" % (c, len(nodes)))
    q = mp.Queue()
    # Stop starting new requests at the window's end; if fewer than
    # --min-requests completed by then, the window is extended.
    start_at = time.time() + 0.5
    stop_at = start_at + a.seconds
    rss = {"max": 0, "n": 0}
    loads = [load1()]
    done = threading.Event()

    def sampler():
        while not done.is_set():
            rss["max"] = max(rss["max"], tree_kb(a.server_pid, "VmRSS"))
            rss["n"] += 1
            done.wait(0.25)
    th = threading.Thread(target=sampler, daemon=True)
    th.start()
    results = []
    window = a.seconds
    hz = os.sysconf("SC_CLK_TCK")
    busy0, total0 = cpu_jiffies()
    srv0 = tree_cpu_jiffies(a.server_pid)
    self0 = os.times()
    while True:
        procs = [mp.Process(target=worker, args=(a, i, nodes[i], start_at, stop_at, q)) for i in range(c)]
        for p in procs:
            p.start()
        batch = [q.get() for _ in procs]
        for p in procs:
            p.join()
        results.extend(batch)
        n_ok = sum(len(r["samples"]) for r in results)
        if n_ok >= a.min_requests or window >= a.max_seconds or n_ok == 0:
            break
        # extend: another window of the same length, same connections model
        start_at = time.time() + 0.1
        stop_at = start_at + a.seconds
        window += a.seconds
    loads.append(load1())
    busy1, total1 = cpu_jiffies()
    srv1 = tree_cpu_jiffies(a.server_pid)
    self1 = os.times()
    done.set()
    th.join()
    samples = [s for r in results for s in r["samples"]]
    errors = [e for r in results for e in r["errors"]]
    lat = [t1 - t0 for t0, t1, _ in samples]
    t_first = min((t0 for t0, _, _ in samples), default=0)
    t_last = max((t1 for _, t1, _ in samples), default=0)
    elapsed = (t_last - t_first) if samples else 0
    out = {
        "concurrency": c, "window_s": window, "elapsed_s": round(elapsed, 3),
        "ok": len(samples), "errors": len(errors), "error_samples": sorted(set(errors))[:5],
        "req_per_s": round(len(samples) / elapsed, 3) if elapsed else 0,
        "lat_p50_s": round(pct(lat, 50), 4) if lat else None,
        "lat_p90_s": round(pct(lat, 90), 4) if lat else None,
        "lat_p99_s": round(pct(lat, 99), 4) if lat else None,
        "lat_max_s": round(max(lat), 4) if lat else None,
        "lat_mean_s": round(statistics.mean(lat), 4) if lat else None,
        "bytes_median": int(statistics.median([b for _, _, b in samples])) if samples else None,
        "resources": sorted({r["resources"] for r in results if r["resources"] is not None}),
        "connections": sum(r["connections"] for r in results),
        "client_cpu_s": round(sum(r["cpu_s"] for r in results), 2),
        "per_worker_ok": [len(r["samples"]) for r in sorted(results, key=lambda r: r["idx"])],
        "server_rss_max_kb": rss["max"], "rss_samples": rss["n"],
        "server_hwm_kb": tree_kb(a.server_pid, "VmHWM"),
        "load1_start": loads[0], "load1_end": loads[-1],
        # Where the machine's CPU went during the run (all cores, seconds):
        # the server's process tree, this load generator (workers + main),
        # and everything else (other jobs on the shared machine).
        "cpu_wall_s": round((total1 - total0) / hz / (os.cpu_count() or 1), 2),
        "cpu_busy_s": round((busy1 - busy0) / hz, 2),
        "cpu_server_s": round((srv1 - srv0) / hz, 2),
        "cpu_others_s": round(max(0.0, (busy1 - busy0) / hz - (srv1 - srv0) / hz
                                  - sum(r["cpu_s"] for r in results)
                                  - (self1.user + self1.system - self0.user - self0.system)), 2),
        "ncpu": os.cpu_count(),
    }
    print(json.dumps(out))
    return 0 if samples else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cmd", choices=["enroll", "probe", "run"])
    ap.add_argument("--addr", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--servername", required=True, help="the server's certname (SNI, hostname check)")
    ap.add_argument("--certdir", required=True, help="ca.pem, NODE.key, NODE.csr, NODE.pem")
    ap.add_argument("--nodes", required=True, help="comma-separated certnames")
    ap.add_argument("--facts", help="facts JSON (facter --json + client facts); hostname/fqdn set per node")
    ap.add_argument("--environment", default="production")
    ap.add_argument("--server-pid", type=int, default=0)
    ap.add_argument("--concurrency", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--min-requests", type=int, default=1)
    ap.add_argument("--max-seconds", type=float, default=120)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--t0", type=float, default=0.0, help="probe: the server's start time (epoch s)")
    ap.add_argument("--interval", type=float, default=0.01, help="probe: poll interval s")
    ap.add_argument("--enroll", action="store_true", help="probe: enroll the first node first")
    a = ap.parse_args()
    return {"enroll": cmd_enroll, "probe": cmd_probe, "run": cmd_run}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main() or 0)
