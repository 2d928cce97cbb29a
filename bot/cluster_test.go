package bot

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/nats-io/nats.go"

	"newsbot/bot/discordtest"
	"newsbot/bot/state"
	"newsbot/index"
	"newsbot/index/ingest"
	"newsbot/index/stream"
	"newsbot/index/stream/natstest"
)

// sharedState is a process's view of the state shared through the NATS
// server at url, with a state file of its own to import (none).
func sharedState(t *testing.T, url string) *state.Shared {
	t.Helper()
	conn, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(conn.Close)
	s, err := state.OpenShared(context.Background(), conn, 1, filepath.Join(t.TempDir(), "state.json"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Two processes, each a shard of its own, share their state through NATS:
// both run the digest loop, and the day's digest is posted once.
func TestClusterDigestPostedOnce(t *testing.T) {
	url := natstest.Start(t)
	first, second := sharedState(t, url), sharedState(t, url)
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

// An HTTP replica answers from its own index what another process added,
// once its index has followed the stream: here within seconds.
func TestClusterReplicaAnswersWhatAnotherAdded(t *testing.T) {
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	url := natstest.Start(t)
	open := func(node string) (*index.Index, *stream.Stream) {
		ix, err := index.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ix.Close() })
		s, err := stream.Open(ctx, stream.Config{URL: url, Node: node}, ix)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		return ix, s
	}
	_, elsewhere := open("ingester")
	replica, follow := open("replica")
	go follow.Follow(ctx, 50*time.Millisecond, func(err error) { t.Log(err) })

	h := startHTTPBotOn(t, replica)
	ask := func() discordtest.Message {
		payload, sent := h.fake.NewInteraction(discordtest.InteractionSpec{Name: "news",
			Options: []discordtest.CommandOption{{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: "Witkoff"}}})
		_, body := h.post(t, payload, h.now, true)
		h.relay(t, sent, body)
		if _, err := h.fake.WaitRequest(context.Background(), func(r discordtest.Request) bool {
			return r.Method == "PATCH" && strings.Contains(r.Path, sent.Token)
		}); err != nil {
			t.Fatalf("no answer edited in: %v\n%s", err, h.logs)
		}
		for _, m := range h.fake.Messages() {
			if m.InteractionID == sent.ID {
				return m
			}
		}
		t.Fatal("no answer")
		return discordtest.Message{}
	}
	if answer := ask(); len(answer.Embeds) != 1 || strings.Contains(answer.Embeds[0].Title, "articles") {
		t.Fatalf("before anything came in: %s; want nothing found", mustJSON(t, answer.Embeds))
	}
	if _, err := ingest.Run(ctx, elsewhere, ingest.Sources{Paths: []string{"../testdata/articles"}}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	var answer discordtest.Message
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if behind, err := follow.Behind(ctx); err == nil && behind == 0 {
			if answer = ask(); len(answer.Embeds) == 1 && answer.Embeds[0].Title == "Witkoff: 7 articles" {
				return
			}
		}
	}
	t.Errorf("the replica answered %s; want the 7 articles that came in through the other process", mustJSON(t, answer.Embeds))
}

// Two processes sharing their state that find a feed due at the same time
// poll it once between them: each claims it first, and one claim wins.
func TestClusterFeedClaimedOnce(t *testing.T) {
	url := natstest.Start(t)
	clock := &fakeClock{t: time.Date(2025, 4, 20, 12, 0, 0, 0, time.UTC)}
	feed := "https://news.example/rss"
	var bots []*Bot
	for range 2 {
		b := New(Config{}, nil, sharedState(t, url), slog.New(slog.DiscardHandler))
		b.now = clock.Now
		bots = append(bots, b)
	}
	if err := bots[0].state.Update(func(s *state.State) error {
		s.Feeds[feed] = &state.Feed{URL: feed, NextPoll: clock.Now()}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	claims := make(chan bool, 2)
	var wg sync.WaitGroup
	for _, b := range bots {
		wg.Go(func() { claims <- b.claimFeed(feed) })
	}
	wg.Wait()
	close(claims)
	won := 0
	for c := range claims {
		if c {
			won++
		}
	}
	if won != 1 {
		t.Errorf("%d processes claimed the due feed; want 1", won)
	}
	clock.Set(clock.Now().Add(feedLease + time.Second))
	if !bots[1].claimFeed(feed) {
		t.Error("a lease that ran out (its holder died polling) cannot be claimed again")
	}
}

// While NATS is away, the bot answers from its own index and posts no
// digest, since it cannot claim the day; once NATS is back, the day's digest
// is posted, once.
func TestClusterWhileNATSIsAway(t *testing.T) {
	nats := natstest.StartServer(t)
	store := sharedState(t, nats.URL())
	if err := store.Update(func(s *state.State) error {
		s.Digests[discordtest.ChannelID] = &state.Digest{GuildID: discordtest.GuildID, ChannelID: discordtest.ChannelID, Time: "07:30", Timezone: "Europe/Paris", Enabled: true}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	store.View(func(state.State) {}) // what a running bot has read before NATS went away
	nats.Stop()

	clock := &fakeClock{t: paris(t, "2025-04-18", "07:31")}
	h := startWith(t, discordtest.New(t), botOptions{now: clock.Now, store: store, config: func(c *Config) { c.Tick = 10 * time.Millisecond }})
	answer := h.response(t, h.command("news", map[string]any{"topic": "Witkoff"}))
	if len(answer.Embeds) == 0 || answer.Embeds[0].Title != "Witkoff: 7 articles" {
		t.Errorf("the answer while NATS is away: %s", mustJSON(t, answer.Embeds))
	}
	waitTicks()
	if n := len(h.digestPosts()); n != 0 {
		t.Fatalf("%d digests posted while NATS was away; want none until the day can be claimed", n)
	}
	nats.Start()
	if n := h.waitDigests(1); n != 1 {
		t.Errorf("%d digests posted once NATS was back; want 1", n)
	}
}
