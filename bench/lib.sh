# Shell helpers bench/run and bench/soak share; sourced, not run.

# The first port from $1 on that nothing listens on, so a run beside another (or a test) does not meet a stranger.
free_port() {
  python3 -c 'import socket,sys
for p in range(int(sys.argv[1]), 19000):
    s = socket.socket()
    try: s.bind(("127.0.0.1", p)); print(p); break
    except OSError: pass
    finally: s.close()' "$1"
}

# Waits (up to a minute) until $1 answers at all.
wait_http() {
  for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "bench: $1 did not answer" >&2; exit 1
}
