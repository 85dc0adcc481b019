#!/usr/bin/env python3
"""Helpers for bench/run (standard library only): free ports, warming the cache, making
invitations, cold-miss coalescing, start-up time, and reading a process's memory and CPU."""

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_many(port, paths, concurrency):
    """GETs every path with `concurrency` keep-alive connections; returns the status counts."""
    statuses = {}
    lock = threading.Lock()
    chunks = [paths[i::concurrency] for i in range(concurrency)]

    def worker(chunk):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for path in chunk:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            with lock:
                statuses[response.status] = statuses.get(response.status, 0) + 1

    threads = [threading.Thread(target=worker, args=(c,)) for c in chunks if c]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses


def paths_for(first_room, rooms, roles):
    return [f"/join/bench-{first_room + r}/{role}" for r in range(rooms) for role in roles]


def warm(port, first_room, rooms, paths_file, concurrency):
    paths = paths_for(first_room, rooms, ["host", "guest", "viewer"])
    started = time.monotonic()
    statuses = get_many(port, paths, concurrency)
    if paths_file:
        with open(paths_file, "w") as f:
            f.write("\n".join(paths) + "\n")
    print(json.dumps({"requests": len(paths), "statuses": statuses,
                      "seconds": round(time.monotonic() - started, 2)}))


def invite(port, token, rooms, paths_file):
    """Makes one invitation to the guest role of each of bench-1..`rooms`; writes their paths."""
    paths = []
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for room in range(1, rooms + 1):
        body = json.dumps({"room": f"bench-{room}", "role": "guest", "expires_in": 86400,
                           "name": f"Guest {room}"})
        connection.request("POST", "/api/v1/invites", body,
                           {"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        response = connection.getresponse()
        answer = json.loads(response.read())
        if response.status != 201:
            raise SystemExit(f"invitation refused: {response.status} {answer}")
        paths.append("/i/" + answer["id"])
    with open(paths_file, "w") as f:
        f.write("\n".join(paths) + "\n")


def emulator_calls(emulator_port):
    request = urllib.request.Request(
        f"http://127.0.0.1:{emulator_port}/_emulator/stats",
        headers={"Authorization": f"Bearer {os.environ['EMULATOR_CONTROL_TOKEN']}"})
    with urllib.request.urlopen(request) as r:
        return json.load(r)["calls"]


def coalesce(port, emulator_port, concurrency):
    """`concurrency` simultaneous first visits of one cold key; upstream calls they caused."""
    before = emulator_calls(emulator_port)
    barrier = threading.Barrier(concurrency)
    statuses = []

    def visit():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        barrier.wait()
        connection.request("GET", "/join/bench-999999/guest")
        response = connection.getresponse()
        response.read()
        statuses.append(response.status)

    threads = [threading.Thread(target=visit) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    after = emulator_calls(emulator_port)
    delta = {k: after.get(k, 0) - before.get(k, 0) for k in after if after.get(k, 0) != before.get(k, 0)}
    print(json.dumps({"requests": concurrency, "ok": statuses.count(200), "upstream_calls": delta}))


def startup(port, argv):
    """Milliseconds from spawning the portal to its first 200 on /healthz."""
    env = dict(os.environ, PORTAL__SERVER__PORT=str(port))
    started = time.monotonic()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    if s.recv(12).startswith(b"HTTP/1.1 200"):
                        break
            except OSError:
                time.sleep(0.0005)
            if time.monotonic() - started > 10:
                raise SystemExit("the portal did not answer within 10 s")
        print(round((time.monotonic() - started) * 1000, 1))
    finally:
        process.terminate()
        process.wait()


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024


def seed_rooms(database, count):
    """Keeps `count` rooms in a portal's SQLite store, as made through the admin API."""
    import sqlite3
    connection = sqlite3.connect(database, timeout=30)
    now = int(time.time())
    rows = [(f"room-{n:05d}", secrets.token_hex(12), f"Room {n} of the console benchmark", now)
            for n in range(1, count + 1)]
    connection.executemany(
        "INSERT OR REPLACE INTO rooms (name, room_id, title, access, listed, enabled, "
        "frame_ancestors, created_at, created_by) VALUES (?, ?, ?, '{}', 0, 1, '', ?, 'bench')", rows)
    connection.commit()
    connection.close()


def console_session(port, token):
    """Signs in to the console with the admin token, as its form does; the session cookie."""
    import re
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/admin/sign-in")
    page = connection.getresponse().read().decode()
    form_token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"form_token": form_token, "token": token})
    connection.request("POST", "/admin/sign-in", body, {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": f"http://127.0.0.1:{port}"})
    response = connection.getresponse()
    response.read()
    cookie = response.getheader("Set-Cookie") or ""
    if response.status != 303 or not cookie.startswith("pp_console="):
        raise SystemExit(f"console sign-in failed: {response.status}")
    return cookie.split(";", 1)[0]


def fixed_rate(port, headers, paths, rate, seconds):
    """GETs `paths` in turn at `rate` a second for `seconds`, each timed from when it was due
    (so a slow answer delays the next and counts, no coordinated omission); returns
    (p50 ms, p99 ms, max ms, non-200 answers)."""
    due = [time.monotonic() + 0.2 + i / rate for i in range(int(rate * seconds))]
    latencies, failures, lock = [], [0], threading.Lock()
    jobs = list(enumerate(due))
    jobs.reverse()

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if not jobs:
                    return
                index, when = jobs.pop()
            wait = when - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            connection.request("GET", paths[index % len(paths)], headers=headers)
            response = connection.getresponse()
            response.read()
            took = (time.monotonic() - when) * 1000
            with lock:
                latencies.append(took)
                if response.status != 200:
                    failures[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    pick = lambda q: round(latencies[min(len(latencies) - 1, int(q * len(latencies)))], 2)
    return pick(0.5), pick(0.99), round(latencies[-1], 2), failures[0]


def console_latency(port, token, rate, seconds, paths):
    cookie = console_session(port, token)
    p50, p99, most, failed = fixed_rate(port, {"Cookie": cookie}, paths, rate, seconds)
    print(p50, p99, most, failed)


def knock_many(port, count):
    """`count` visitors ask to join the demo room as guests (as its form does): their
    (ticket id, pass cookie)."""
    import re
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/join/demo/guest")
    page = connection.getresponse().read().decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    tickets, lock = [], threading.Lock()

    def worker(names):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for name in names:
            body = urllib.parse.urlencode({"form_token": token, "name": name})
            conn.request("POST", "/join/demo/guest", body, {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"http://127.0.0.1:{port}"})
            response = conn.getresponse()
            response.read()
            cookie = response.getheader("Set-Cookie", "").split(";", 1)[0]
            ticket = response.getheader("Location", "").rsplit("/", 1)[-1]
            if response.status != 303:
                raise SystemExit(f"knock failed: {response.status}")
            with lock:
                tickets.append((ticket, cookie))

    names = [f"Visitor {n}" for n in range(count)]
    threads = [threading.Thread(target=worker, args=(names[i::16],)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tickets


def lobby_bench(port, pid, count, token, wrk_seconds):
    """Holds `count` waiting pages' event streams open on one portal; prints memory above idle,
    the cached join page's throughput with and without them, and admit-to-page latency."""
    import asyncio
    import statistics

    def wrk_rps():
        out = subprocess.run(
            ["wrk", "-t2", "-c64", f"-d{wrk_seconds}s", "-s", "bench/rotate.lua",
             f"http://127.0.0.1:{port}"],
            env={**os.environ, "PATHS_FILE": paths_file}, capture_output=True, text=True).stdout
        return float(next(l.split()[1] for l in out.splitlines() if l.startswith("RESULT")))

    paths_file = "/tmp/lobby-bench-paths"
    with open(paths_file, "w") as f:
        f.write("/join/demo/viewer\n/join/demo/viewer?skip_preview=1\n")
    get_many(port, ["/join/demo/viewer"] * 10, 2)
    idle = rss_mib(pid)
    alone = wrk_rps()
    tickets = knock_many(port, count)
    knocked = rss_mib(pid)

    async def main():
        streams = {}

        async def open_stream(ticket, cookie):
            reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=2**16)
            writer.write((f"GET /lobby/t/{ticket}/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          f"Cookie: {cookie}\r\nAccept: text/event-stream\r\n\r\n").encode())
            await writer.drain()
            seen = b""
            while b"waiting" not in seen:
                seen += await reader.read(4096)
            streams[ticket] = (reader, writer)

        for start in range(0, len(tickets), 500):
            await asyncio.gather(*(open_stream(t, c) for t, c in tickets[start:start + 500]))
        held = rss_mib(pid)
        # Like browsers on their own machines, the streams not being timed cost this client
        # nothing: their events wait in the kernel (the timed one is read again below).
        for _, writer in streams.values():
            writer.transport.pause_reading()
        loop = asyncio.get_running_loop()
        waiting_rps = await loop.run_in_executor(None, wrk_rps)

        latencies = []
        for ticket, _ in tickets[:50]:
            reader, writer = streams[ticket]
            writer.transport.resume_reading()
            started = time.monotonic()
            await loop.run_in_executor(None, admit, ticket)
            seen = b""
            while b"admitted" not in seen:
                seen += await reader.read(4096)
            latencies.append((time.monotonic() - started) * 1000)
        for _, writer in streams.values():
            writer.close()
        latencies.sort()
        p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
        print(f"waiting visitors with open event streams: {len(streams)}")
        print(f"memory above idle: {held - idle:.1f} MiB  (target <= 64: {'met' if held - idle <= 64 else 'NOT met'}); "
              f"{knocked - idle:.1f} MiB of it after the knocks, before any stream opened")
        print(f"admit to the waiting page's event, p50 {statistics.median(latencies):.1f} ms, p99 {p99:.1f} ms  (target <= 250: {'met' if p99 <= 250 else 'NOT met'})")
        ratio = waiting_rps / alone
        print(f"cached join page: {alone:.0f} req/s alone, {waiting_rps:.0f} req/s while they wait: {ratio:.3f}x  (target >= 0.9: {'met' if ratio >= 0.9 else 'NOT met'})")

    def admit(ticket):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("POST", f"/api/v1/rooms/demo/lobby/{ticket}/admit",
                     headers={"Authorization": f"Bearer {token}"})
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"admit failed: {response.status}")

    asyncio.run(main())


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "free-port":
        print(free_port())
    elif command == "random-text":
        print(secrets.token_hex(int(args[0]))[: int(args[0])])
    elif command == "warm":
        warm(int(args[0]), int(args[1]), int(args[2]), args[3] if len(args) > 3 else "", int(os.environ.get("CONCURRENCY", "16")))
    elif command == "invite":
        invite(int(args[0]), os.environ["ADMIN_TOKEN"], int(args[1]), args[2])
    elif command == "coalesce":
        coalesce(int(args[0]), int(args[1]), int(args[2]))
    elif command == "startup":
        startup(int(args[0]), args[1:])
    elif command == "rss":
        print(round(rss_mib(int(args[0])), 1))
    elif command == "seed-rooms":
        seed_rooms(args[0], int(args[1]))
    elif command == "console-latency":
        console_latency(int(args[0]), os.environ["ADMIN_TOKEN"], float(args[1]), float(args[2]), args[3:])
    elif command == "lobby":
        lobby_bench(int(args[0]), int(args[1]), int(args[2]), os.environ["ADMIN_TOKEN"], int(args[3]))
    elif command == "cpu":
        print(cpu_seconds(int(args[0])))
    else:
        raise SystemExit(f"unknown command {command}")
