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

# What a benchmark's Newsdesk runs with: the per-client connection cap and the per-token publish rate
# (1,000/s, burst 2,000) are protections nchan does not have, raised as an operator would for one
# trusted load generator. Use as `env "${bench_limits[@]}" ./newsdesk serve ...`.
bench_limits=(NEWSDESK_LIMITS_CONNECTIONS_PER_CLIENT=20000 NEWSDESK_LIMITS_PUBLISH_PER_SECOND=1000000
  NEWSDESK_LIMITS_PUBLISH_BURST=1000000)

# Waits (up to a minute) until $1 answers at all.
wait_http() {
  for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "bench: $1 did not answer" >&2; exit 1
}
