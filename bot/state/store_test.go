package state

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"
)

var when = time.Date(2025, 4, 17, 7, 30, 0, 0, time.UTC)

// sample is a state with every field set.
func sample() State {
	st := empty()
	st.Digests["900000000000000002"] = &Digest{
		GuildID: "800000000000000001", ChannelID: "900000000000000002",
		Time: "07:30", Timezone: "Europe/Paris", Topics: []string{"Iran", "trade talks"},
		Enabled: false, LastPosted: "2025-04-16", Attempted: "2025-04-17", Failures: 3,
		DisabledReason: "3 failed posts: Missing Permissions", UpdatedBy: "700000000000000003", UpdatedAt: when,
	}
	st.Feeds["https://example.com/rss"] = &Feed{
		URL: "https://example.com/rss", AddedBy: "NEWSBOT_FEEDS", AddedAt: when,
		ETag: `"abc"`, LastModified: "Thu, 17 Apr 2025 07:00:00 GMT",
		LastPoll: when, LastSuccess: when.Add(-time.Hour), LastError: "503 Service Unavailable",
		LastErrorAt: when, Failures: 2, Articles: 40, Primed: true, NextPoll: when.Add(10 * time.Minute),
	}
	f := Follow{Topic: "Iran", Exclude: []string{"football"}, MinSources: 2, UserID: "700000000000000003", Private: true,
		CreatedAt: when, Alerted: map[string]time.Time{"article-1": when}, Paused: "closed DMs", PauseTold: true}
	st.Follows[FollowKey(f)] = &f
	st.AlertsPosted["dm:700000000000000003"] = []time.Time{when}
	st.Asked["700000000000000003"] = &Asked{Subjects: map[string]time.Time{"iran": when}}
	st.Asked["700000000000000004"] = &Asked{Off: true}
	return st
}

func mustOpen(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

func mustUpdate(t *testing.T, s *Store, fn func(*State)) {
	t.Helper()
	if err := s.Update(func(st *State) error { fn(st); return nil }); err != nil {
		t.Fatalf("Update: %v", err)
	}
}

func current(s *Store) State {
	var got State
	s.View(func(st State) { got = st })
	return got
}

func TestOpenMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	got := current(mustOpen(t, path))
	if want := empty(); !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v; want %+v", got, want)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open created the file (stat: %v); want it left to the first Update", err)
	}
}

func TestRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := mustOpen(t, path)
	mustUpdate(t, s, func(st *State) { *st = sample() })
	if got, want := current(s), sample(); !reflect.DeepEqual(got, want) {
		t.Errorf("in memory: got %+v; want %+v", got, want)
	}
	if got, want := current(mustOpen(t, path)), sample(); !reflect.DeepEqual(got, want) {
		t.Errorf("reopened: got %+v; want %+v", got, want)
	}
}

func TestUpdateSetsVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := mustOpen(t, path)
	mustUpdate(t, s, func(st *State) { st.Version = 99 })
	if got := current(mustOpen(t, path)).Version; got != Version {
		t.Errorf("version on disk: got %d; want %d", got, Version)
	}
}

func TestViewGivesACopy(t *testing.T) {
	s := mustOpen(t, filepath.Join(t.TempDir(), "state.json"))
	mustUpdate(t, s, func(st *State) { *st = sample() })
	s.View(func(st State) {
		d := st.Digests["900000000000000002"]
		d.Topics[0] = "changed"
		d.Enabled = true
		st.Feeds["https://example.com/rss"].Articles = 0
		delete(st.Feeds, "https://example.com/rss")
		f := st.Follows["user:700000000000000003/iran -football"]
		f.Exclude[0], f.Alerted["article-2"] = "changed", when
		st.AlertsPosted["dm:700000000000000003"][0] = time.Time{}
		st.Asked["700000000000000003"].Subjects["iran"] = time.Time{}
	})
	if got, want := current(s), sample(); !reflect.DeepEqual(got, want) {
		t.Errorf("after changing a View's copy: got %+v; want %+v", got, want)
	}
}

func TestUpdateKeepsNoReference(t *testing.T) {
	s := mustOpen(t, filepath.Join(t.TempDir(), "state.json"))
	var kept *Digest
	mustUpdate(t, s, func(st *State) {
		*st = sample()
		kept = st.Digests["900000000000000002"]
	})
	kept.Topics[0] = "changed after Update"
	if got := current(s).Digests["900000000000000002"].Topics[0]; got != "Iran" {
		t.Errorf("topic: got %q; want %q", got, "Iran")
	}
}

func TestFailedUpdateChangesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	s := mustOpen(t, path)
	mustUpdate(t, s, func(st *State) { *st = sample() })
	mustUpdate(t, s, func(st *State) { st.Digests["900000000000000002"].LastPosted = "2025-04-17" })
	want := current(s)
	files := readAll(t, dir)

	refused := errors.New("refused")
	err := s.Update(func(st *State) error {
		st.Digests["900000000000000002"].Enabled = true
		delete(st.Feeds, "https://example.com/rss")
		return refused
	})
	if !errors.Is(err, refused) {
		t.Fatalf("Update: got %v; want fn's error", err)
	}
	if got := current(s); !reflect.DeepEqual(got, want) {
		t.Errorf("in memory: got %+v; want %+v", got, want)
	}
	if got := readAll(t, dir); !reflect.DeepEqual(got, files) {
		t.Errorf("files: got %q; want %q", got, files)
	}
}

func TestFailedSaveChangesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s := mustOpen(t, filepath.Join(dir, "state.json"))
	mustUpdate(t, s, func(st *State) { *st = sample() })
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	err := s.Update(func(st *State) error { st.Feeds = nil; return nil })
	if err == nil {
		t.Fatal("Update saved into a removed directory")
	}
	if got, want := current(s), sample(); !reflect.DeepEqual(got, want) {
		t.Errorf("after a failed save: got %+v; want %+v", got, want)
	}
}

// TestConcurrentUpdates is meant for go test -race.
func TestConcurrentUpdates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := mustOpen(t, path)
	const writers, each = 8, 10
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				err := s.Update(func(st *State) error {
					f := st.Feeds["https://example.com/rss"]
					if f == nil {
						f = &Feed{URL: "https://example.com/rss"}
						st.Feeds[f.URL] = f
					}
					f.Articles++
					st.Digests[fmt.Sprint(w)] = &Digest{ChannelID: fmt.Sprint(w), Topics: []string{fmt.Sprint(i)}}
					return nil
				})
				if err != nil {
					t.Error(err)
				}
			}
		})
		wg.Go(func() {
			for range each {
				s.View(func(st State) {
					for _, d := range st.Digests {
						_ = d.Topics[0]
					}
				})
			}
		})
	}
	wg.Wait()
	for _, s := range []*Store{s, mustOpen(t, path)} {
		st := current(s)
		if got := st.Feeds["https://example.com/rss"].Articles; got != writers*each {
			t.Errorf("articles: got %d; want %d", got, writers*each)
		}
		if got := len(st.Digests); got != writers {
			t.Errorf("digests: got %d; want %d", got, writers)
		}
	}
}

// readAll is the contents of every file in dir, by name.
func readAll(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = string(data)
	}
	return files
}
