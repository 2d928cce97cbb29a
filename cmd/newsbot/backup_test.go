package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"newsbot/bot/discordtest"
	"newsbot/bot/state"
)

// A backup of a data directory nobody serves from restores into another,
// with the same articles and state; a folder that a backup stopped halfway
// left is refused, and changes nothing.
func TestBackupAndRestore(t *testing.T) {
	data := mustIndexSamples(t)
	setDigestIn(t, data)
	backup := filepath.Join(t.TempDir(), "backup")
	out, stderr, err := runNewsbot(t, nil, "backup", "--data", data, backup)
	if err != nil || !strings.HasPrefix(out, "backed up ") {
		t.Fatalf("backup: %v\n%s%s", err, out, stderr)
	}
	if _, _, err := runNewsbot(t, nil, "backup", "--data", data, backup); err == nil || !strings.Contains(err.Error(), "is not empty") {
		t.Errorf("a backup over another: %v; want it refused", err)
	}

	restored := filepath.Join(t.TempDir(), "new", "data") // as on a new machine
	if out, stderr, err := runNewsbot(t, nil, "restore", "--data", restored, backup); err != nil || !strings.HasPrefix(out, "restored ") {
		t.Fatalf("restore: %v\n%s%s", err, out, stderr)
	}
	if got, want := articleIDs(t, restored), articleIDs(t, data); !slices.Equal(got, want) {
		t.Errorf("restored %d articles; want the %d backed up", len(got), len(want))
	}
	if got := digestIn(t, restored); got != "07:30" {
		t.Errorf("restored state has the digest at %q; want 07:30", got)
	}

	partial := filepath.Join(t.TempDir(), "partial")
	if err := os.CopyFS(partial, os.DirFS(backup)); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(partial, manifestFile))
	before := articleIDs(t, restored)
	_, _, err = runNewsbot(t, nil, "restore", "--data", restored, partial)
	if err == nil || !strings.Contains(err.Error(), "not a whole backup") || !strings.Contains(err.Error(), "nothing was changed") {
		t.Errorf("restoring a partial backup: %v; want it refused", err)
	}
	if after := articleIDs(t, restored); !slices.Equal(after, before) {
		t.Errorf("the refused restore changed the index: %d articles, was %d", len(after), len(before))
	}
}

// A backup asked for while the bot serves is written by the bot, during a
// feed's ingest, and restores to an index that holds every article indexed
// before it began, with the state as it was.
func TestBackupWhileServing(t *testing.T) {
	data := mustIndexSamples(t)
	setDigestIn(t, data)
	before := articleIDs(t, data)
	var asked sync.Once
	polled := make(chan struct{})
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer asked.Do(func() { close(polled) }) // the feed is read: its ingest begins
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Tides</title>`)
		for i := range 4000 {
			fmt.Fprintf(w, `<item><title>Tide report %d</title><guid>tide-%d</guid><pubDate>%s</pubDate><description>The tide report number %d says the water will be high at noon and low in the evening, the harbour office said.</description></item>`,
				i, i, time.Now().Add(-time.Duration(i)*time.Minute).Format(time.RFC1123Z), i)
		}
		io.WriteString(w, `</channel></rss>`)
	}))
	defer feed.Close()

	fake := discordtest.New(t)
	env := map[string]string{"DISCORD_TOKEN": testToken, "DISCORD_API_URL": fake.URL(), "NEWSBOT_DATA": data,
		"NEWSBOT_FEEDS": feed.URL + "/tides.xml", "NEWSBOT_TRUSTED_NETWORKS": "127.0.0.1"}
	var stdout, stderr lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, func(k string) string { return env[k] }, &stdout, &stderr) }()
	defer cancel()
	select {
	case <-polled:
	case <-time.After(30 * time.Second):
		t.Fatalf("the feed was never read\n%s", stderr.String())
	}
	backup := filepath.Join(t.TempDir(), "backup")
	if out, errOut, err := runNewsbot(t, map[string]string{"NEWSBOT_DATA": data}, "backup", backup); err != nil || !strings.HasPrefix(out, "backed up ") {
		t.Fatalf("backup while serving: %v\n%s%s\n%s", err, out, errOut, stderr.String())
	}
	if !strings.Contains(stderr.String(), "msg=\"backup written\"") {
		t.Errorf("the serving process did not write the backup:\n%s", stderr.String())
	}
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(stderr.String(), "msg=\"feed polled\"") && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
	live := articleIDs(t, data)

	restored := t.TempDir()
	if _, errOut, err := runNewsbot(t, nil, "restore", "--data", restored, backup); err != nil {
		t.Fatalf("restore: %v\n%s", err, errOut)
	}
	got := articleIDs(t, restored)
	t.Logf("the backup holds %d articles: the %d from before and %d of the feed's; the index had %d once the feed was in", len(got), len(before), len(got)-len(before), len(live))
	for _, id := range before {
		if _, found := slices.BinarySearch(got, id); !found {
			t.Fatalf("the restored index lacks %s, indexed before the backup began", id)
		}
	}
	if got := digestIn(t, restored); got != "07:30" {
		t.Errorf("restored state has the digest at %q; want 07:30", got)
	}
}

// setDigestIn sets a digest in the state file of the data directory.
func setDigestIn(t *testing.T, data string) {
	t.Helper()
	store, err := state.Open(filepath.Join(data, "state.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Update(func(s *state.State) error {
		s.Digests[discordtest.ChannelID] = &state.Digest{GuildID: discordtest.GuildID, ChannelID: discordtest.ChannelID, Time: "07:30", Timezone: "UTC", Enabled: true}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// digestIn is the time of the test channel's digest in the state file of the
// data directory.
func digestIn(t *testing.T, data string) string {
	t.Helper()
	store, err := state.Open(filepath.Join(data, "state.json"))
	if err != nil {
		t.Fatal(err)
	}
	var clock string
	store.View(func(s state.State) {
		if d := s.Digests[discordtest.ChannelID]; d != nil {
			clock = d.Time
		}
	})
	return clock
}
