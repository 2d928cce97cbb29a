package commands

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestGateBoundsAndOrders(t *testing.T) {
	g := NewGate(2)
	var inside, most atomic.Int64
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if err := g.Enter(context.Background()); err != nil {
				t.Error(err)
				return
			}
			n := inside.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			time.Sleep(5 * time.Millisecond)
			inside.Add(-1)
			g.Leave()
		})
	}
	wg.Wait()
	if most.Load() != 2 {
		t.Errorf("%d answers at once; want 2", most.Load())
	}
	g.Enter(context.Background())
	g.Enter(context.Background())
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if err := g.Enter(ctx); err == nil {
		t.Error("a full gate let a third in")
	}
}
