#!/usr/bin/env bash
# cold-start comparison at 18,000, pinned: variants in one sitting, each a fresh server
cd /work/wt/bench
for round in 1 2 3; do
for v in aot base; do
  case $v in
    base) export NEWSDESK_AOT=0; export NEWSDESK_JAVA_OPTS="";;
    aot) export NEWSDESK_AOT=1; export NEWSDESK_JAVA_OPTS="";;
    aot-jitnormal) export NEWSDESK_AOT=1; export NEWSDESK_JAVA_OPTS="-Dnewsdesk.jit-idle=false";;
    base-jitnormal) export NEWSDESK_AOT=0; export NEWSDESK_JAVA_OPTS="-Dnewsdesk.jit-idle=false";;
  esac
  BENCH_SIZES="18000" BENCH_MESSAGES=30 BENCH_SYSTEMS="newsdesk" BENCH_MODES="node-pinned" BENCH_EXTRAS=0 BENCH_PROBE_S=2 bench/run > /tmp/cold-$v-$round.log 2>&1
  echo "$round $v: first5 $(grep 'p99 of each' /tmp/cold-$v-$round.log | sed 's/.*pinned: //') | warm p50/p99 $(grep '| warm' /tmp/cold-$v-$round.log | cut -d'|' -f10,11) | RSS $(grep '| fresh' /tmp/cold-$v-$round.log | cut -d'|' -f14,15) | $(grep -o 'Load average (1 min) after each cell: [0-9.]*' /tmp/cold-$v-$round.log)"
done; done
