#!/usr/bin/env bash
# Monitor's performance benchmarks (README, section "Performance"). Everything runs on 127.0.0.1 only.
#
#   ./bench.sh                 load test: 200 feeds x 50 items, side by side with rss2email when it is installed
#   ./bench.sh micro [FILTER]  BenchmarkDotNet micro-benchmarks of the hot stages (default filter '*')
#   ./bench.sh scale           the feed cycle at 100, 1,000 and 10,000 feeds (linearity; 10,000 feeds answering 304)
#   ./bench.sh soak            200 cycles over a changing corpus (memory at cycle 10 and 200)
#   ./bench.sh postgres CONN   1, 2 and 3 clustered replicas on PostgreSQL over 1,000 feeds
#   ./bench.sh load [OPTIONS]  the load test with its own options (--feeds N --items M --seed S --rss2email ...)
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

load() { dotnet run -c Release --project tests/Monitor.LoadTest -- "$@"; }

case "${1:-}" in
  "")        if command -v r2e >/dev/null 2>&1; then load --rss2email; else echo "rss2email not installed (apt-get install rss2email): measuring the monitor alone" >&2; load; fi ;;
  micro)     shift; dotnet run -c Release --project tests/Monitor.Benchmarks -- --filter "${1:-*}" ;;
  scale)     shift; load --scale 100,1000,10000 "$@" ;;
  soak)      shift; load --soak --cycles 200 "$@" ;;
  postgres)  shift; [ $# -ge 1 ] || { echo "usage: ./bench.sh postgres 'Host=127.0.0.1;Database=...;Username=...;Password=...'" >&2; exit 2; }
             conn="$1"; shift; load --postgres "$conn" --feeds 1000 --items 50 --replicas 1,2,3 "$@" ;;
  load)      shift; load "$@" ;;
  -h|--help) sed -n '2,9p' "$0" ;;
  *)         echo "unknown benchmark '$1' (micro, scale, soak, postgres, load)" >&2; exit 2 ;;
esac
