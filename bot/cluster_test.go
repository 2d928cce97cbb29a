package bot

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"newsbot/bot/discordtest"
	"newsbot/bot/state"
	"newsbot/index/stream/natstest"
)

// Two processes, each a shard of its own, share their state through NATS:
// both run the digest loop, and the day's digest is posted once.
func TestClusterDigestPostedOnce(t *testing.T) {
	url := natstest.Start(t)
	shared := func() state.Keeper {
		conn, err := nats.Connect(url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(conn.Close)
		s, err := state.OpenShared(context.Background(), conn, 1, filepath.Join(t.TempDir(), "state.json"), slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	first, second := shared(), shared()
	if err := first.Update(func(s *state.State) error {
		s.Digests[discordtest.ChannelID] = &state.Digest{GuildID: discordtest.GuildID, ChannelID: discordtest.ChannelID, Time: "07:30", Timezone: "Europe/Paris", Enabled: true}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{t: paris(t, "2025-04-18", "07:31")}
	fake := discordtest.New(t)
	shard := func(id int) func(*Config) {
		return func(c *Config) { c.Tick, c.ShardID, c.ShardCount = 10*time.Millisecond, id, 2 }
	}
	h := startWith(t, fake, botOptions{now: clock.Now, store: first, config: shard(0)})
	startWith(t, fake, botOptions{now: clock.Now, store: second, config: shard(1)})
	if n := h.waitDigests(1); n != 1 {
		t.Errorf("%d digest messages posted by two processes; want 1", n)
	}
	var record state.Digest
	second.View(func(s state.State) { record = *s.Digests[discordtest.ChannelID] })
	if record.LastPosted != "2025-04-18" {
		t.Errorf("the shared state after posting: %+v", record)
	}
}
