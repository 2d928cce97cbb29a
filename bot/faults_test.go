package bot

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/discordtest"
	"newsbot/index/news"
)

func TestRateLimitedEditIsWaitedOut(t *testing.T) {
	h := startBot(t, nil, nil)
	h.fake.RateLimit("PATCH /webhooks/*/*/messages/@original", 1, 300*time.Millisecond)
	sent := h.command("news", map[string]any{"topic": "Witkoff"})
	msg := h.response(t, sent)
	if len(msg.Embeds) != 1 || !strings.HasPrefix(msg.Embeds[0].Title, "Witkoff") {
		t.Fatalf("answer after the 429: %s", mustJSON(t, msg.Embeds))
	}
	var edits []discordtest.Request
	for _, r := range h.fake.Requests() {
		if r.Method == "PATCH" && strings.Contains(r.Path, sent.Token) {
			edits = append(edits, r)
		}
	}
	if len(edits) != 2 || edits[0].Status != 429 || edits[1].Status != 200 {
		t.Fatalf("edits: %d; want a 429 then a 200", len(edits))
	}
	if wait := edits[1].At.Sub(edits[0].At); wait < 250*time.Millisecond {
		t.Errorf("retried after %s; want the 300 ms retry_after waited out", wait)
	}
}

func TestServerErrorOnEditIsRetried(t *testing.T) {
	h := startBot(t, nil, nil)
	h.fake.Fail("PATCH /webhooks/*/*/messages/@original", 1, discordtest.APIError{Status: 502, Message: "Bad Gateway"})
	msg := h.response(t, h.command("news", map[string]any{"topic": "Witkoff"}))
	if len(msg.Embeds) != 1 {
		t.Fatalf("no answer after a 502")
	}
}

func TestResumesAfterTheGatewayDrops(t *testing.T) {
	h := startBot(t, nil, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.fake.WaitHeartbeat(ctx); err != nil {
		t.Fatal(err)
	}
	if err := h.fake.DropConnections(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := h.fake.WaitStats(ctx, func(s discordtest.Stats) bool { return s.Resumes >= 1 && s.Connections == 1 }); err != nil {
		t.Fatalf("the bot did not resume: %v\nlogs:\n%s", err, h.logs)
	}
	msg := h.response(t, h.command("news", map[string]any{"topic": "Macron"}))
	if len(msg.Embeds) != 1 || !strings.HasPrefix(msg.Embeds[0].Title, "Macron") {
		t.Errorf("answer after resuming: %s", mustJSON(t, msg.Embeds))
	}
	if n := h.fake.Stats().Identifies; n != 1 {
		t.Errorf("the bot identified %d times; want once, then a resume", n)
	}
}

func TestReconnectRequest(t *testing.T) {
	h := startBot(t, nil, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.fake.WaitHeartbeat(ctx); err != nil {
		t.Fatal(err)
	}
	if err := h.fake.SendReconnect(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := h.fake.WaitStats(ctx, func(s discordtest.Stats) bool { return s.Resumes >= 1 && s.Connections == 1 }); err != nil {
		t.Fatalf("the bot did not reconnect: %v", err)
	}
	h.response(t, h.command("news", map[string]any{"topic": "Rubio"}))
}

// failing is a Searcher whose index has broken.
type failing struct{ Library }

func (failing) Search(context.Context, news.Query) (news.Results, error) {
	return news.Results{}, errors.New("disk on fire")
}

// panicking is a Searcher with a bug.
type panicking struct{ Library }

func (panicking) Search(context.Context, news.Query) (news.Results, error) {
	var m map[string]int
	m["boom"]++
	return news.Results{}, nil
}

func TestFailureIsEphemeralAndLogged(t *testing.T) {
	ix, err := sampleIndex()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		library Library
		fault   func(*discordtest.Server)
		logged  string
	}{
		{"the index fails", failing{ix}, nil, "disk on fire"},
		{"the answer panics", panicking{ix}, nil, "assignment to entry in nil map"},
		{"Discord refuses the answer", ix, func(f *discordtest.Server) {
			f.Fail("PATCH /webhooks/*/*/messages/@original", 1, discordtest.APIError{Status: 400, Code: 50035, Message: "Invalid Form Body"})
		}, "Invalid Form Body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := startBot(t, tt.library, nil)
			if tt.fault != nil {
				tt.fault(h.fake)
			}
			checkApology(t, h, h.command("news", map[string]any{"topic": "Witkoff"}), tt.logged)
		})
	}
}

// checkApology checks that the deferred answer to sent was replaced by an
// ephemeral apology, and that the cause is in the log.
func checkApology(t *testing.T, h *harness, sent discordtest.Sent, cause string) {
	t.Helper()
	r, err := h.fake.WaitRequest(context.Background(), func(r discordtest.Request) bool {
		return r.Method == "POST" && strings.HasPrefix(r.Path, "/webhooks/") && strings.Contains(r.Path, sent.Token)
	})
	if err != nil {
		t.Fatal(err)
	}
	var p discordgo.WebhookParams
	if err := r.Decode(&p); err != nil {
		t.Fatal(err)
	}
	if p.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(p.Content, "try again") || strings.Contains(p.Content, cause) {
		t.Errorf("error followup %s; want an ephemeral apology without internals", mustJSON(t, p))
	}
	deleted := false
	for _, r := range h.fake.Requests() {
		deleted = deleted || (r.Method == "DELETE" && strings.Contains(r.Path, sent.Token+"/messages/@original"))
	}
	if !deleted {
		t.Error("the public deferred response was left behind")
	}
	if !strings.Contains(h.logs.String(), cause) {
		t.Errorf("the cause is not in the log:\n%s", h.logs)
	}
}

// TestShutdownLeavesNoGoroutines runs a bot, answers once, stops it and
// checks that every goroutine it started has ended.
func TestShutdownLeavesNoGoroutines(t *testing.T) {
	if _, err := sampleIndex(); err != nil { // build the shared index outside the count
		t.Fatal(err)
	}
	before := runtime.NumGoroutine()
	t.Run("bot", func(t *testing.T) {
		h := startBot(t, nil, nil)
		h.response(t, h.command("news", map[string]any{"topic": "Witkoff"}))
	})
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if after := runtime.NumGoroutine(); after > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines before, %d after:\n%s", before, after, buf[:runtime.Stack(buf, true)])
	}
}

func TestStopFinishesWorkInFlight(t *testing.T) {
	slow := &slowSearcher{release: make(chan struct{})}
	ix, err := sampleIndex()
	if err != nil {
		t.Fatal(err)
	}
	slow.Library = ix
	fake := discordtest.New(t)
	logs := &syncBuffer{}
	_, stop := runBot(t, fake, botOptions{library: slow}, logs)
	sent := fake.SendInteraction(discordtest.InteractionSpec{Name: "news", Options: []discordtest.CommandOption{{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: "Witkoff"}}})
	if _, err := fake.WaitRequest(context.Background(), discordtest.Matches("POST /interactions/*/*/callback")); err != nil {
		t.Fatal(err)
	}
	stopped := make(chan error)
	go func() { stopped <- stop() }()
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(logs.String(), "stopping:") && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond) // the answer is still searching
	}
	late := fake.SendInteraction(discordtest.InteractionSpec{Name: "news", Options: []discordtest.CommandOption{{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: "Rubio"}}})
	close(slow.release)
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	var answered, lateSeen bool
	for _, r := range fake.Requests() {
		answered = answered || (r.Method == "PATCH" && strings.Contains(r.Path, sent.Token))
		lateSeen = lateSeen || strings.Contains(r.Path, late.ID)
	}
	if !answered {
		t.Error("the answer in flight at shutdown was not sent")
	}
	if lateSeen {
		t.Error("a command that arrived during shutdown was taken")
	}
}

// slowSearcher holds every search until release is closed.
type slowSearcher struct {
	Library
	release chan struct{}
}

func (s *slowSearcher) Search(ctx context.Context, q news.Query) (news.Results, error) {
	<-s.release
	return s.Library.Search(ctx, q)
}

func TestLateCallbackIsLoggedAndDropped(t *testing.T) {
	fake := discordtest.New(t, discordtest.WithCallbackDeadline(time.Nanosecond))
	ix, err := sampleIndex()
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	_, stop := runBot(t, fake, botOptions{library: ix}, logs)
	defer stop()
	sent := fake.SendInteraction(discordtest.InteractionSpec{Name: "news", Options: []discordtest.CommandOption{{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: "Witkoff"}}})
	cb, err := fake.WaitRequest(context.Background(), discordtest.Matches("POST /interactions/*/*/callback"))
	if err != nil {
		t.Fatal(err)
	}
	if cb.Status != 404 {
		t.Fatalf("the fake answered the late callback with %d; want 404", cb.Status)
	}
	deadline := time.Now().Add(2 * time.Second)
	for !strings.Contains(logs.String(), "could not respond to the interaction") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(logs.String(), "Unknown interaction") {
		t.Errorf("the late callback is not in the log:\n%s", logs)
	}
	for _, r := range fake.Requests() {
		if strings.HasPrefix(r.Path, "/webhooks/") && strings.Contains(r.Path, sent.Token) {
			t.Errorf("the bot went on with an interaction it could not acknowledge: %s %s", r.Method, r.Path)
		}
	}
}

func TestStartFailuresSayWhatToDo(t *testing.T) {
	ix, err := sampleIndex()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		fault func(*discordtest.Server)
		says  string
	}{
		{"token refused", func(f *discordtest.Server) {
			f.Fail("GET /gateway", 1, discordtest.APIError{Status: http.StatusUnauthorized, Message: "401: Unauthorized"})
		}, "Discord refused the token (401 Unauthorized): check DISCORD_TOKEN"},
		{"not invited with the commands scope", func(f *discordtest.Server) {
			f.Fail("PUT /applications/*/guilds/*/commands", 1, discordtest.APIError{Status: http.StatusForbidden, Code: 50001, Message: "Missing Access"})
		}, "invite the bot to that server with the applications.commands scope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := discordtest.New(t)
			tt.fault(fake)
			base, _ := url.Parse(fake.URL())
			// A port for the health endpoint, free once this listener closes.
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			ops := l.Addr().String()
			l.Close()
			cfg := Config{Token: testToken, GuildID: discordtest.GuildID, APIURL: base, ShardCount: 1, Cooldown: 100, CooldownWindow: time.Minute,
				ChannelCooldown: 1000, ChannelWindow: time.Minute, DigestGrace: 2 * time.Hour, PollInterval: 15 * time.Minute, Tick: time.Hour, OpsAddr: ops}
			var logs syncBuffer
			b := New(cfg, ix, mustStore(t), slog.New(slog.NewTextHandler(&logs, nil)))
			err = b.Run(context.Background())
			if err == nil || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("Run: %v; want an error saying %q", err, tt.says)
			}
			if resp, err := http.Get("http://" + ops + "/healthz"); err == nil {
				resp.Body.Close()
				t.Errorf("the health endpoint still answers after Run failed")
			}
		})
	}
}
