package commands

import (
	"context"
	"runtime"
)

// Gate admits a bounded number of answers at once; the others wait their
// turn, first come first served. Answering is CPU work: fifty questions at
// once on two cores all finish late if they run together, while in turn the
// first are answered at once and the last no later than before.
type Gate chan struct{}

// NewGate admits n answers at once; n <= 0 means one per CPU.
func NewGate(n int) Gate {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	return make(Gate, n)
}

// Enter waits for a turn, or for ctx to end. Every successful Enter must be
// followed by Leave.
func (g Gate) Enter(ctx context.Context) error {
	select {
	case g <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Leave ends a turn.
func (g Gate) Leave() { <-g }
