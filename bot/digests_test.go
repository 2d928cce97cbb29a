package bot

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/discordtest"
	"newsbot/bot/state"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func paris(t *testing.T, date string, clock string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	at, err := time.ParseInLocation("2006-01-02 15:04", date+" "+clock, loc)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

// admin sends a subcommand of /digest, /feeds or /follow as a member with
// Manage Server.
func (h *harness) admin(command, sub string, opts map[string]any) discordtest.Sent {
	var options []discordtest.CommandOption
	for k, v := range opts {
		typ := discordgo.ApplicationCommandOptionString
		if _, ok := v.(int); ok {
			typ = discordgo.ApplicationCommandOptionInteger
		}
		if k == "channel" {
			typ = discordgo.ApplicationCommandOptionChannel
		}
		options = append(options, discordtest.CommandOption{Name: k, Type: typ, Value: v})
	}
	return h.fake.SendInteraction(discordtest.InteractionSpec{
		Name:        command,
		Options:     []discordtest.CommandOption{{Name: sub, Type: discordgo.ApplicationCommandOptionSubCommand, Options: options}},
		Permissions: discordgo.PermissionManageGuild,
	})
}

// digestPosts are the digest messages posted in the test channel so far.
func (h *harness) digestPosts() []discordtest.Request {
	var posts []discordtest.Request
	for _, r := range h.fake.Requests() {
		if r.Method == "POST" && r.Path == "/channels/"+discordtest.ChannelID+"/messages" && strings.Contains(string(r.Body), "Daily digest") {
			posts = append(posts, r)
		}
	}
	return posts
}

// waitTicks lets the bot's loops run a few times: long enough to see that
// nothing happens, too short to wait for something on a busy machine.
func waitTicks() { time.Sleep(150 * time.Millisecond) }

// waitDigests waits up to 10 s for want digests in the test channel, then a
// few ticks more for any extra one, and returns how many there are.
func (h *harness) waitDigests(want int) int {
	for deadline := time.Now().Add(10 * time.Second); len(h.digestPosts()) < want && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	waitTicks()
	return len(h.digestPosts())
}

// setDigest configures the test channel's digest and checks the answer.
func (h *harness) setDigest(t *testing.T, clock, zone string) {
	t.Helper()
	resp := h.callbackBody(t, h.admin("digest", "set", map[string]any{"channel": discordtest.ChannelID, "time": clock, "timezone": zone}))
	if resp.Data == nil || !strings.Contains(resp.Data.Content, "The daily digest will be posted") {
		t.Fatalf("/digest set: %s", mustJSON(t, resp))
	}
}

func TestDigestPostedOnceAtLocalTime(t *testing.T) {
	clock := &fakeClock{t: paris(t, "2025-04-18", "07:00")}
	store := mustStore(t)
	fast := func(c *Config) { c.Tick = 10 * time.Millisecond }
	h := startWith(t, discordtest.New(t), botOptions{now: clock.Now, store: store, config: fast})
	h.setDigest(t, "07:30", "Europe/Paris")

	clock.Set(paris(t, "2025-04-18", "07:29"))
	waitTicks()
	if n := len(h.digestPosts()); n != 0 {
		t.Fatalf("%d digests posted before 07:30", n)
	}
	clock.Set(paris(t, "2025-04-18", "07:30"))
	if _, err := h.fake.WaitRequest(context.Background(), func(r discordtest.Request) bool {
		return strings.Contains(string(r.Body), "Daily digest for Friday 18 April 2025")
	}); err != nil {
		t.Fatalf("no digest at 07:30: %v\n%s", err, h.logs)
	}
	clock.Set(paris(t, "2025-04-18", "09:00"))
	waitTicks()
	first := h.digestPosts()
	if len(first) == 0 || !strings.Contains(string(first[0].Body), "Paris talks") {
		t.Errorf("the digest of 18 April does not tell of the Paris talks: %s", first[0].Body)
	}
	var head struct {
		AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
	}
	first[0].Decode(&head)
	if head.AllowedMentions == nil || len(head.AllowedMentions.Parse) != 0 {
		t.Errorf("the digest may ping: %s", mustJSON(t, head.AllowedMentions))
	}
	var record state.Digest
	store.View(func(s state.State) { record = *s.Digests[discordtest.ChannelID] })
	if record.LastPosted != "2025-04-18" {
		t.Errorf("state after posting: %+v", record)
	}

	// A restart later that day posts nothing more.
	t.Run("restart after posting", func(t *testing.T) {
		clock.Set(paris(t, "2025-04-18", "08:00"))
		again := startWith(t, discordtest.New(t), botOptions{now: clock.Now, store: store, config: fast})
		waitTicks()
		if n := len(again.digestPosts()); n != 0 {
			t.Errorf("a restart posted the day's digest again (%d messages)", n)
		}
	})
}

func TestDigestAfterRestart(t *testing.T) {
	tests := []struct {
		name   string
		now    string // when the bot starts, 2025-04-18 in Paris
		posted bool
	}{
		{"down at the time, back within the grace", "08:45", true},
		{"back after the grace", "10:00", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := mustStore(t)
			err := store.Update(func(s *state.State) error {
				s.Digests = map[string]*state.Digest{discordtest.ChannelID: {GuildID: discordtest.GuildID, ChannelID: discordtest.ChannelID,
					Time: "07:30", Timezone: "Europe/Paris", Enabled: true, LastPosted: "2025-04-17", Attempted: "2025-04-17"}}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			clock := &fakeClock{t: paris(t, "2025-04-18", tt.now)}
			h := startWith(t, discordtest.New(t), botOptions{now: clock.Now, store: store, config: func(c *Config) { c.Tick = 10 * time.Millisecond }})
			want := 1
			if !tt.posted { // wait for the decision instead
				want = 0
				for deadline := time.Now().Add(10 * time.Second); !strings.Contains(h.logs.String(), "digest skipped") && time.Now().Before(deadline); {
					time.Sleep(10 * time.Millisecond)
				}
			}
			if got := h.waitDigests(want) == 1; got != tt.posted {
				t.Errorf("posted: %d digests; want posted %v\n%s", len(h.digestPosts()), tt.posted, h.logs)
			}
			if !tt.posted && !strings.Contains(h.logs.String(), "digest skipped") {
				t.Errorf("no log line for the skipped day:\n%s", h.logs)
			}
		})
	}
}

func TestDigestOnDSTDay(t *testing.T) {
	// On 30 March 2025 Paris skips from 02:00 to 03:00: a 02:30 digest is
	// posted at 03:00 local time, 01:00 UTC, once.
	clock := &fakeClock{t: time.Date(2025, 3, 29, 12, 0, 0, 0, time.UTC)}
	h := startWith(t, discordtest.New(t), botOptions{now: clock.Now, config: func(c *Config) { c.Tick = 10 * time.Millisecond }})
	h.setDigest(t, "02:30", "Europe/Paris")
	clock.Set(time.Date(2025, 3, 30, 0, 59, 0, 0, time.UTC))
	waitTicks()
	if n := len(h.digestPosts()); n != 0 {
		t.Fatalf("%d digests posted before 03:00 local", n)
	}
	clock.Set(time.Date(2025, 3, 30, 1, 0, 0, 0, time.UTC))
	if n := h.waitDigests(1); n != 1 {
		t.Fatalf("%d digests at 03:00 local; want 1", n)
	}
	clock.Set(time.Date(2025, 3, 30, 2, 30, 0, 0, time.UTC))
	if n := h.waitDigests(1); n != 1 {
		t.Errorf("%d digests on the DST day; want 1, at 03:00 local", n)
	}
}

func TestDigestToAChannelThatIsGone(t *testing.T) {
	clock := &fakeClock{t: paris(t, "2025-04-18", "07:00")}
	store := mustStore(t)
	h := startWith(t, discordtest.New(t), botOptions{now: clock.Now, store: store, config: func(c *Config) { c.Tick = 10 * time.Millisecond }})
	h.setDigest(t, "07:30", "Europe/Paris")
	h.fake.Fail("POST /channels/*/messages", 10000, discordtest.APIError{Status: 404, Code: 10003, Message: "Unknown Channel"})
	var record state.Digest
	for day := range maxPostFailures {
		date := fmt.Sprintf("2025-04-%d", 18+day)
		clock.Set(paris(t, date, "07:31"))
		for deadline := time.Now().Add(10 * time.Second); record.FailedOn != date && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			store.View(func(s state.State) { record = *s.Digests[discordtest.ChannelID] })
		}
		waitTicks() // more tries on the same day
		store.View(func(s state.State) { record = *s.Digests[discordtest.ChannelID] })
		if record.Failures != day+1 || record.Enabled != (day+1 < maxPostFailures) {
			t.Fatalf("after the 404s of %s: %+v; want %d failures, one a day, and disabled on day %d", date, record, day+1, maxPostFailures)
		}
	}
	if !strings.Contains(record.DisabledReason, "Unknown Channel") {
		t.Errorf("disabled with the reason %q; want the error", record.DisabledReason)
	}
	if !strings.Contains(h.logs.String(), "digest disabled") {
		t.Errorf("no log line:\n%s", h.logs)
	}
	msg := h.response(t, h.command("news", map[string]any{"topic": "Witkoff"}))
	if len(msg.Embeds) != 1 {
		t.Error("the bot stopped answering")
	}
}

func TestDigestTurnedOffDuringARound(t *testing.T) {
	// Two digests fall due together; while the first is held up by a rate
	// limit, an admin turns the second off. It must not be posted.
	const other = "700000000000000009" // sorts after the test channel
	clock := &fakeClock{t: paris(t, "2025-04-18", "07:00")}
	store := mustStore(t)
	err := store.Update(func(s *state.State) error {
		s.Digests = map[string]*state.Digest{}
		for _, id := range []string{discordtest.ChannelID, other} {
			s.Digests[id] = &state.Digest{GuildID: discordtest.GuildID, ChannelID: id, Time: "07:30", Timezone: "Europe/Paris", Enabled: true, Attempted: "2025-04-17"}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fake := discordtest.New(t)
	fake.RateLimit("POST /channels/"+discordtest.ChannelID+"/messages", 1, time.Second)
	h := startWith(t, fake, botOptions{now: clock.Now, store: store, config: func(c *Config) { c.Tick = 10 * time.Millisecond }})
	clock.Set(paris(t, "2025-04-18", "07:30"))
	if _, err := fake.WaitRequest(context.Background(), discordtest.Matches("POST /channels/"+discordtest.ChannelID+"/messages")); err != nil {
		t.Fatal(err)
	}
	store.Update(func(s *state.State) error { s.Digests[other].Enabled = false; return nil })
	if n := h.waitDigests(1); n != 1 {
		t.Fatalf("%d digests in the test channel; want 1", n)
	}
	waitTicks()
	for _, r := range fake.Requests() {
		if strings.Contains(r.Path, other) {
			t.Errorf("the digest turned off during the round was posted: %s %s", r.Method, r.Path)
		}
	}
}

func TestDigestCommands(t *testing.T) {
	clock := &fakeClock{t: paris(t, "2025-04-18", "09:00")}
	h := startWith(t, discordtest.New(t), botOptions{now: clock.Now})
	tests := []struct {
		name string
		sent func() discordtest.Sent
		says string
	}{
		{"not an admin", func() discordtest.Sent {
			return h.fake.SendInteraction(discordtest.InteractionSpec{Name: "digest", Options: []discordtest.CommandOption{{Name: "set", Type: discordgo.ApplicationCommandOptionSubCommand,
				Options: []discordtest.CommandOption{{Name: "channel", Type: discordgo.ApplicationCommandOptionChannel, Value: discordtest.ChannelID}, {Name: "time", Type: discordgo.ApplicationCommandOptionString, Value: "07:30"}, {Name: "timezone", Type: discordgo.ApplicationCommandOptionString, Value: "Europe/Paris"}}}}})
		}, "Only members with the Manage Server permission"},
		{"bad time", func() discordtest.Sent {
			return h.admin("digest", "set", map[string]any{"channel": discordtest.ChannelID, "time": "25:00", "timezone": "Europe/Paris"})
		}, `Time "25:00": want HH:MM on a 24-hour clock, like 07:30`},
		{"bad zone", func() discordtest.Sent {
			return h.admin("digest", "set", map[string]any{"channel": discordtest.ChannelID, "time": "07:30", "timezone": "Paris"})
		}, `Timezone "Paris": want an IANA name like Europe/Paris`},
		{"a channel the bot cannot post in", func() discordtest.Sent {
			return h.admin("digest", "set", map[string]any{"channel": discordtest.ReadOnlyChannelID, "time": "07:30", "timezone": "Europe/Paris"})
		}, "newsbot cannot post the digest in <#" + discordtest.ReadOnlyChannelID + ">: it needs Send Messages there."},
		{"set after today's time", func() discordtest.Sent {
			return h.admin("digest", "set", map[string]any{"channel": discordtest.ChannelID, "time": "07:30", "timezone": "Europe/Paris", "topics": "Iran, Witkoff", "exclude": "sport, celebrity"})
		}, "at 07:30 (Europe/Paris), next on Saturday 19 April. Topics: Iran, Witkoff. Left out: sport, celebrity."},
		{"show", func() discordtest.Sent { return h.admin("digest", "show", nil) }, "at 07:30 Europe/Paris, on Iran, Witkoff, without sport, celebrity"},
		{"off", func() discordtest.Sent { return h.admin("digest", "off", nil) }, "is off"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := h.callbackBody(t, tt.sent())
			if resp.Data == nil || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(resp.Data.Content, tt.says) {
				t.Errorf("got %s; want an ephemeral answer saying %q", mustJSON(t, resp.Data), tt.says)
			}
		})
	}
	preview := h.admin("digest", "preview", nil)
	msg := h.response(t, preview)
	if !strings.HasPrefix(msg.Content, "**Preview: Daily digest for Friday 18 April 2025") || msg.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("preview: %q, flags %d", msg.Content, msg.Flags)
	}
}

func TestDigestPostedOnceWhenDiscordsAnswerIsLost(t *testing.T) {
	tests := []struct {
		name   string
		lost   int  // answers lost, each after Discord made the message
		posted bool // whether the bot knows it posted
	}{
		{"lost once: tried again, and Discord keeps one", 1, true},
		{"lost every time: the day is not tried again", 100, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &fakeClock{t: paris(t, "2025-04-18", "07:00")}
			store := mustStore(t)
			fake := discordtest.New(t)
			h := startWith(t, fake, botOptions{now: clock.Now, store: store, config: func(c *Config) { c.Tick = 10 * time.Millisecond }})
			h.setDigest(t, "07:30", "Europe/Paris")
			fake.LoseReplies("POST /channels/*/messages", tt.lost, discordtest.APIError{Status: http.StatusGatewayTimeout})
			clock.Set(paris(t, "2025-04-18", "07:31"))
			var record state.Digest
			for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
				store.View(func(s state.State) { record = *s.Digests[discordtest.ChannelID] })
				if record.LastPosted == "2025-04-18" || record.Failures > 0 {
					break
				}
			}
			waitTicks()
			headings := 0
			for _, m := range fake.Messages() {
				if strings.Contains(m.Content, "Daily digest for Friday 18 April 2025") {
					headings++
				}
			}
			if headings != 1 {
				t.Errorf("the channel holds the digest %d times; want once\n%s", headings, h.logs)
			}
			if got := record.LastPosted == "2025-04-18"; got != tt.posted {
				t.Errorf("state %+v: recorded as posted %v; want %v", record, got, tt.posted)
			}
			if !tt.posted && !strings.Contains(h.logs.String(), "not posting it again today") {
				t.Errorf("no log line says the digest may be in the channel:\n%s", h.logs)
			}
		})
	}
}

func TestNewDigestDoesNotPostTheOneItMissed(t *testing.T) {
	// Set at 00:30 for 23:30: yesterday's 23:30 is within the 2-hour grace,
	// but the channel had no digest then.
	clock := &fakeClock{t: paris(t, "2025-04-19", "00:30")}
	h := startWith(t, discordtest.New(t), botOptions{now: clock.Now, config: func(c *Config) { c.Tick = 10 * time.Millisecond }})
	h.setDigest(t, "23:30", "Europe/Paris")
	waitTicks()
	if n := len(h.digestPosts()); n != 0 {
		t.Errorf("%d digest messages posted at once for a digest set a moment ago; want the first at 23:30", n)
	}
	clock.Set(paris(t, "2025-04-19", "23:30"))
	if _, err := h.fake.WaitRequest(context.Background(), func(r discordtest.Request) bool {
		return strings.Contains(string(r.Body), "Daily digest for Saturday 19 April 2025")
	}); err != nil {
		t.Fatalf("no digest at 23:30: %v\n%s", err, h.logs)
	}
}
