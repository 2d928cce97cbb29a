package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"newsbot/bot/discordtest"
	"newsbot/index"
	"newsbot/index/ingest"
)

// sampleCopy is an index of the sample articles of the test's own, which it
// may change.
func sampleCopy(t *testing.T) *index.Index {
	t.Helper()
	ix, err := index.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	files, err := ingest.ListFiles([]string{"../testdata/articles"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Ingest(context.Background(), ingest.ReadFiles(context.Background(), files), nil); err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestRetentionPrunesDaily(t *testing.T) {
	ix := sampleCopy(t) // 21 articles, dated 2025-03-25 to 2025-04-30, one a day at most
	clock := &fakeClock{t: time.Date(2025, 4, 30, 12, 0, 0, 0, time.UTC)}
	h := startWith(t, discordtest.New(t), botOptions{library: ix, now: clock.Now, config: func(c *Config) {
		c.Tick = 10 * time.Millisecond
		c.Keep = 30 * 24 * time.Hour
	}})
	const pruned = "deleted the articles older than NEWSBOT_KEEP"
	waitLogs := func(want int) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); strings.Count(h.logs.String(), pruned) < want && time.Now().Before(deadline); {
			time.Sleep(10 * time.Millisecond)
		}
		waitTicks()
		if got := strings.Count(h.logs.String(), pruned); got != want {
			t.Fatalf("%d prunes; want %d:\n%s", got, want, h.logs)
		}
	}
	stats := func(want ...string) {
		t.Helper()
		text := embedText(h.response(t, h.command("stats", nil)))
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("/stats lacks %q:\n%s", w, text)
			}
		}
	}

	// At start: the two articles of March before the 31st go.
	waitLogs(1)
	if !strings.Contains(h.logs.String(), "keep=30d before=2025-03-31 deleted=2 kept=19 oldest=2025-04-01") {
		t.Errorf("the log does not say what went:\n%s", h.logs)
	}
	stats("Articles\n19, dated 2025-04-01 to 2025-04-30", "Kept\n30 days, older articles are deleted daily; the oldest article kept is from 2025-04-01")

	// Later the same day, nothing more; after midnight, the next day's.
	clock.Set(time.Date(2025, 4, 30, 23, 59, 0, 0, time.UTC))
	waitLogs(1)
	clock.Set(time.Date(2025, 5, 2, 0, 1, 0, 0, time.UTC))
	waitLogs(2)
	if !strings.Contains(h.logs.String(), "before=2025-04-02 deleted=1 kept=18 oldest=2025-04-02") {
		t.Errorf("the log does not say what went:\n%s", h.logs)
	}
	stats("Articles\n18, dated 2025-04-02 to 2025-04-30", "the oldest article kept is from 2025-04-02")
	if since, err := ix.KeptSince(); err != nil || !since.Equal(time.Date(2025, 4, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("the index keeps since %v, %v; want 2025-04-02", since, err)
	}
}

func TestNoRetentionByDefault(t *testing.T) {
	ix := sampleCopy(t)
	clock := &fakeClock{t: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	h := startWith(t, discordtest.New(t), botOptions{library: ix, now: clock.Now, config: func(c *Config) { c.Tick = 10 * time.Millisecond }})
	text := embedText(h.response(t, h.command("stats", nil)))
	if !strings.Contains(text, "Articles\n21, dated 2025-03-25") || strings.Contains(text, "Kept") || strings.Contains(h.logs.String(), "NEWSBOT_KEEP") {
		t.Errorf("without NEWSBOT_KEEP, articles went or /stats speaks of keeping:\n%s\n%s", text, h.logs)
	}
}

func TestFeedsAddLeavesOutPrunedArticles(t *testing.T) {
	feeds := newFeedServer(t)
	clock := &fakeClock{t: time.Date(2025, 5, 17, 12, 0, 0, 0, time.UTC)} // keeping from 17 April
	h := startWith(t, discordtest.New(t), botOptions{library: feedIndex(t), now: clock.Now, client: feeds.client(), config: func(c *Config) { c.Keep = 30 * 24 * time.Hour }})
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(h.logs.String(), "before=2025-04-17 deleted=0") && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	added := h.response(t, h.admin("feeds", "add", map[string]any{"url": feeds.URL + "/rss2.xml"}))
	// Of its five items, those of 15 and 16 April are older than the index
	// keeps; those of the 17th and the undated one go in (the fifth is
	// empty, so rejected).
	if want := "Added Harbour City Herald: 2 articles from its back catalogue are in the index (not announced as news), and 2 older than the 30 days newsbot keeps were left out; "; !strings.HasPrefix(added.Content, want) {
		t.Errorf("/feeds add: %q; want %q…", added.Content, want)
	}
}
