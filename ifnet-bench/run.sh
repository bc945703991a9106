#!/bin/sh
# Runs every benchmark the way BENCHMARKS.md records them; results go to ifnet-bench/target/results.
# Usage (from anywhere): ifnet-bench/run.sh
# Needs about 12 minutes on 2 cores, a 4 GiB heap for the lookup forks and 2 GiB for the heap count.
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -pl ifnet-bench -am package -DskipTests
JAR=ifnet-bench/target/benchmarks.jar
OUT=ifnet-bench/target/results
mkdir -p "$OUT"
uptime | tee "$OUT/load-before.txt"
# Every benchmark, one thread, with the allocation profiler (gc.alloc.rate.norm = bytes per op).
java -jar "$JAR" -f 1 -wi 5 -i 5 -w 2s -r 2s -prof gc -rf json -rff "$OUT/jmh.json" | tee "$OUT/jmh.txt"
# The epoch and the read lock again, with two threads reading the same epoch / the same lock.
java -jar "$JAR" EpochBench -t 2 -f 1 -wi 5 -i 5 -w 2s -r 2s -rf json -rff "$OUT/epoch-2-threads.json" \
    | tee "$OUT/epoch-2-threads.txt"
# Heap bytes per idle interface: 500,000 epairs (1,000,000 ends) in one stack, in a 2 GiB heap.
java -Xms2g -Xmx2g -cp "$JAR" org.ifnet.bench.HeapPerInterface epair 1000000 | tee "$OUT/heap.txt"
uptime | tee "$OUT/load-after.txt"
