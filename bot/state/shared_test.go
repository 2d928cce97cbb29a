package state_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"

	"github.com/nats-io/nats.go"

	"newsbot/bot/state"
	"newsbot/index/stream/natstest"
)

func openShared(t *testing.T, url, importPath string) *state.Shared {
	t.Helper()
	conn, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(conn.Close)
	s, err := state.OpenShared(context.Background(), conn, 1, importPath, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Two processes share one state: the first imports its state file; changes
// made at once by both are both kept; a digest day claimed by both at once
// is claimed by one.
func TestSharedState(t *testing.T) {
	url := natstest.Start(t)
	file := filepath.Join(t.TempDir(), "state.json")
	local, err := state.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := local.Update(func(s *state.State) error {
		s.Digests["news"] = &state.Digest{ChannelID: "news", Time: "07:30", Timezone: "UTC", Enabled: true}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	a := openShared(t, url, file)
	b := openShared(t, url, filepath.Join(t.TempDir(), "state.json")) // none: the bucket has one
	var imported bool
	b.View(func(s state.State) { imported = s.Digests["news"] != nil })
	if !imported {
		t.Fatal("the first process's state file was not imported")
	}

	var wg sync.WaitGroup
	for i, s := range []*state.Shared{a, b} {
		channel := []string{"sport", "markets"}[i]
		wg.Go(func() {
			for range 10 {
				if err := s.Update(func(st *state.State) error {
					d := st.Digests[channel]
					if d == nil {
						d = &state.Digest{ChannelID: channel}
						st.Digests[channel] = d
					}
					d.Failures++
					return nil
				}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	a.View(func(s state.State) {
		if s.Digests["sport"].Failures != 10 || s.Digests["markets"].Failures != 10 || s.Digests["news"] == nil {
			t.Errorf("after changes made at once: sport %d, markets %d; want 10 each and news kept", s.Digests["sport"].Failures, s.Digests["markets"].Failures)
		}
	})

	claims := make(chan bool, 2)
	for _, s := range []*state.Shared{a, b} {
		wg.Go(func() {
			claimed := false
			if err := s.Update(func(st *state.State) error {
				d := st.Digests["news"]
				claimed = d.Attempted != "2025-05-01"
				d.Attempted = "2025-05-01"
				return nil
			}); err != nil {
				t.Error(err)
			}
			claims <- claimed
		})
	}
	wg.Wait()
	close(claims)
	n := 0
	for c := range claims {
		if c {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the day was claimed by %d processes; want 1", n)
	}
}

// A change can add to any part of a state read back from the bucket, parts
// that were empty when it was written included (they are left out of it).
func TestSharedStateReadBackTakesAdditions(t *testing.T) {
	s := openShared(t, natstest.Start(t), filepath.Join(t.TempDir(), "state.json"))
	add := func(change func(*state.State)) {
		t.Helper()
		if err := s.Update(func(st *state.State) error { change(st); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	add(func(st *state.State) { st.Digests["1"] = &state.Digest{ChannelID: "1"} }) // written with no asks, follows or alerts
	add(func(st *state.State) {
		st.Asked["u"] = &state.Asked{}
		st.Follows["f"] = &state.Follow{}
		st.AlertsPosted["c"] = nil
		st.Feeds["https://news.example/rss"] = &state.Feed{}
	})
	s.View(func(st state.State) {
		if st.Asked["u"] == nil || st.Follows["f"] == nil || st.Feeds["https://news.example/rss"] == nil {
			t.Errorf("the additions are not in the state: %+v", st)
		}
	})
}
