// Package bench measures newsbot: ingest speed, answer latency alone and
// under concurrency, each beside Bleve alone (the Baseline) in the same run,
// and builds large synthetic corpora to measure them at scale. Timings are
// reported, never asserted: the machine is noisy.
package bench
