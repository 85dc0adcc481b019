# Shell functions the benchmarks share (sourced; they use the caller's $work, $helper and
# pg_stop).

start_postgres() { # -> URL of a throwaway cluster on a free port
  local bin pg_port
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$bin" ] || return 1
  pg_port=$($helper free-port)
  mkdir -p "$work/pg" && chown postgres "$work" "$work/pg" 2>/dev/null || true
  runuser -u postgres -- "$bin/initdb" -A trust -U postgres --no-sync -D "$work/pg/data" >/dev/null
  runuser -u postgres -- "$bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
    -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1" start >/dev/null
  pg_stop="runuser -u postgres -- $bin/pg_ctl -D $work/pg/data -m fast stop"
  echo "postgres://postgres@127.0.0.1:$pg_port/postgres"
}
