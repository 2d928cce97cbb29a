package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"newsbot/cmd/internal/bench"
	"newsbot/index"
	"newsbot/index/stream"
)

// clusterReport holds the cluster figures of "bench --nats": ingest through
// the stream beside ingest alone, how long an article takes from the stream
// to another process's index while the ingest runs, and how long a new
// process takes to catch up with all of it.
type clusterReport struct {
	Articles         int     `json:"articles"`
	LocalIngestPerS  float64 `json:"local_ingest_per_s"`
	StreamIngestPerS float64 `json:"stream_ingest_per_s"`
	StreamRatio      float64 `json:"stream_ratio"`
	LagP50Ms         float64 `json:"lag_p50_ms"`
	LagP99Ms         float64 `json:"lag_p99_ms"`
	CatchUpS         float64 `json:"catch_up_s"`
}

// followEveryInBench is how often the benchmark's second process applies
// the stream: as often as it can, to measure the stream, not the wait.
const followEveryInBench = 50 * time.Millisecond

// measureCluster ingests src alone and through a stream of its own on the
// NATS server at url (deleted afterwards), with a second process following
// the stream, then has a third process catch up with it.
func measureCluster(ctx context.Context, url string, src benchSource, stderr io.Writer) (clusterReport, error) {
	var r clusterReport
	tmp, err := os.MkdirTemp("", "newsbot-bench-cluster-")
	if err != nil {
		return r, err
	}
	defer os.RemoveAll(tmp)
	local, err := timeIngest(ctx, src)
	if err != nil {
		return r, err
	}
	name := fmt.Sprintf("NEWSBOT_BENCH_%d", os.Getpid())
	open := func(node string, applied func(time.Time)) (*index.Index, *stream.Stream, error) {
		ix, err := index.Open(tmp + "/" + node)
		if err != nil {
			return nil, nil, err
		}
		s, err := stream.Open(ctx, stream.Config{URL: url, Stream: name, Node: node, Applied: applied}, ix)
		if err != nil {
			ix.Close()
			return nil, nil, err
		}
		return ix, s, nil
	}
	publisher, pubStream, err := open("publisher", nil)
	if err != nil {
		return r, err
	}
	defer publisher.Close()
	defer pubStream.Close()
	defer pubStream.Delete(context.Background())
	var mu sync.Mutex
	var lags bench.Latencies
	follower, follow, err := open("follower", func(stored time.Time) {
		mu.Lock()
		lags = append(lags, time.Since(stored))
		mu.Unlock()
	})
	if err != nil {
		return r, err
	}
	defer follower.Close()
	defer follow.Close()

	fmt.Fprintln(stderr, "bench: ingesting through the stream")
	following, stop := context.WithCancel(ctx)
	var followed sync.WaitGroup
	followed.Go(func() { follow.Follow(following, followEveryInBench, func(error) {}) })
	start := time.Now()
	report, err := pubStream.Ingest(ctx, src.candidates(ctx), nil)
	through := time.Since(start)
	if err == nil {
		_, err = follow.CatchUp(ctx, nil)
	}
	stop()
	followed.Wait()
	if err != nil {
		return r, err
	}
	r.Articles = report.Added + report.Updated + report.Duplicates
	taken := report.Read() - len(report.Rejected)
	r.LocalIngestPerS = float64(taken) / local.Seconds()
	r.StreamIngestPerS = float64(taken) / through.Seconds()
	r.StreamRatio = r.StreamIngestPerS / r.LocalIngestPerS
	r.LagP50Ms, r.LagP99Ms = bench.Ms(lags.Percentile(50)), bench.Ms(lags.Percentile(99))

	fmt.Fprintln(stderr, "bench: a new process catches up")
	newcomer, late, err := open("newcomer", nil)
	if err != nil {
		return r, err
	}
	defer newcomer.Close()
	defer late.Close()
	start = time.Now()
	if _, err := late.CatchUp(ctx, nil); err != nil {
		return r, err
	}
	r.CatchUpS = time.Since(start).Seconds()
	return r, nil
}

// writeClusterBench prints the cluster figures, one per line.
func writeClusterBench(w io.Writer, r clusterReport) {
	fmt.Fprintf(w, "articles             %d\n", r.Articles)
	fmt.Fprintf(w, "ingest               through the stream %.0f articles/s   alone %.0f articles/s   ratio %.2f\n", r.StreamIngestPerS, r.LocalIngestPerS, r.StreamRatio)
	fmt.Fprintf(w, "replication lag      p50 %.1f ms  p99 %.1f ms  (stored in the stream to searchable in another process, during the ingest)\n", r.LagP50Ms, r.LagP99Ms)
	fmt.Fprintf(w, "catch-up             %.1f s for a new process with an empty index\n", r.CatchUpS)
}
