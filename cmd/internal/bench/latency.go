package bench

import (
	"context"
	"slices"
	"sync"
	"time"
)

// Latencies are the durations of repeated operations.
type Latencies []time.Duration

// Percentile returns the p-th percentile (0-100) by the nearest-rank method,
// or 0 when there are none.
func (l Latencies) Percentile(p float64) time.Duration {
	if len(l) == 0 {
		return 0
	}
	sorted := slices.Clone(l)
	slices.Sort(sorted)
	rank := int(p/100*float64(len(sorted))+0.999999) - 1
	return sorted[min(max(rank, 0), len(sorted)-1)]
}

// Ms is a duration in milliseconds, for reports.
func Ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Each runs op once per input, rounds times over, and times every call.
func Each[T any](ctx context.Context, inputs []T, rounds int, op func(context.Context, T) error) (Latencies, error) {
	var out Latencies
	for range rounds {
		for _, in := range inputs {
			start := time.Now()
			if err := op(ctx, in); err != nil {
				return nil, err
			}
			out = append(out, time.Since(start))
		}
	}
	return out, nil
}

// Concurrently runs op over the inputs from workers goroutines at once, each
// going through all the inputs, and times every call: the latency users see
// when many ask together.
func Concurrently[T any](ctx context.Context, inputs []T, workers int, op func(context.Context, T) error) (Latencies, error) {
	var (
		mu    sync.Mutex
		out   Latencies
		first error
		wg    sync.WaitGroup
	)
	for w := range workers {
		wg.Go(func() {
			var mine Latencies
			for i := range inputs {
				in := inputs[(i+w)%len(inputs)] // workers start at different inputs
				start := time.Now()
				if err := op(ctx, in); err != nil {
					mu.Lock()
					first = err
					mu.Unlock()
					return
				}
				mine = append(mine, time.Since(start))
			}
			mu.Lock()
			out = append(out, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	return out, first
}
