package bench

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	var l Latencies
	for i := 1; i <= 100; i++ {
		l = append(l, time.Duration(101-i)*time.Millisecond) // unsorted
	}
	tests := []struct {
		p    float64
		want time.Duration
	}{{50, 50 * time.Millisecond}, {99, 99 * time.Millisecond}, {100, 100 * time.Millisecond}, {0, time.Millisecond}, {1, time.Millisecond}}
	for _, tt := range tests {
		if got := l.Percentile(tt.p); got != tt.want {
			t.Errorf("p%v = %s; want %s", tt.p, got, tt.want)
		}
	}
	if got := (Latencies{}).Percentile(50); got != 0 {
		t.Errorf("p50 of nothing = %s", got)
	}
	if got := (Latencies{3 * time.Second}).Percentile(99); got != 3*time.Second {
		t.Errorf("p99 of one = %s", got)
	}
}

func TestEachAndConcurrently(t *testing.T) {
	var calls atomic.Int64
	op := func(context.Context, int) error { calls.Add(1); return nil }
	l, err := Each(context.Background(), []int{1, 2, 3}, 2, op)
	if err != nil || len(l) != 6 || calls.Load() != 6 {
		t.Errorf("Each: %d latencies, %d calls, %v; want 6", len(l), calls.Load(), err)
	}
	calls.Store(0)
	l, err = Concurrently(context.Background(), []int{1, 2, 3}, 5, op)
	if err != nil || len(l) != 15 || calls.Load() != 15 {
		t.Errorf("Concurrently: %d latencies, %d calls, %v; want 15", len(l), calls.Load(), err)
	}
	boom := errors.New("boom")
	if _, err := Concurrently(context.Background(), []int{1}, 3, func(context.Context, int) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("Concurrently's error = %v; want boom", err)
	}
}
