package discordtest_test

import (
	"fmt"
	"sync"
	"testing"
)

// reports stands in for the test a fake reports mistakes to, for tests
// that make mistakes on purpose, like requests Discord refuses: it logs
// the reports and keeps them for the test to check, instead of failing.
type reports struct {
	testing.TB
	mu  sync.Mutex
	got []string
}

// Errorf implements the reporting half of testing.TB.
func (r *reports) Errorf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	r.Logf("reported: %s", msg)
	r.mu.Lock()
	r.got = append(r.got, msg)
	r.mu.Unlock()
}

// take returns the reports made since the last take.
func (r *reports) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	got := r.got
	r.got = nil
	return got
}
