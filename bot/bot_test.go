package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/discordtest"
	"newsbot/bot/state"
	"newsbot/index"
	"newsbot/index/ingest"
)

// testToken has the shape of a bot token for the fake's application.
const testToken = "OTAwMDAwMDAwMDAwMDAwMDAx.GxYzAb.abcdefghijklmnopqrstuvwxyz0123456789AB"

// sampleIndex is an index of the sample articles and of testdata/hostile.txt, built
// once for all the tests of the package.
var sampleIndex = sync.OnceValues(func() (*index.Index, error) {
	dir, err := os.MkdirTemp("", "newsbot-bot-")
	if err != nil {
		return nil, err
	}
	ix, err := index.Open(dir)
	if err != nil {
		return nil, err
	}
	files, err := ingest.ListFiles([]string{"../testdata/articles", "testdata/hostile.txt"})
	if err != nil {
		return nil, err
	}
	_, err = ix.Ingest(context.Background(), ingest.ReadFiles(context.Background(), files), nil)
	return ix, err
})

func TestMain(m *testing.M) {
	code := m.Run()
	if ix, err := sampleIndex(); err == nil {
		ix.Close()
		os.RemoveAll(ix.Dir())
	}
	os.Exit(code)
}

// syncBuffer collects log output written from many goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// harness is a bot running against a fake Discord.
type harness struct {
	fake *discordtest.Server
	bot  *Bot
	logs *syncBuffer
}

// startBot runs a bot against a fresh fake Discord until the test ends, and
// waits until it has registered its commands. change adjusts the config.
func startBot(t *testing.T, searcher Library, change func(*Config)) *harness {
	t.Helper()
	return startWith(t, discordtest.New(t), botOptions{library: searcher, config: change})
}

// botOptions are what a test may change in the bot it runs.
type botOptions struct {
	library Library          // the sample index when nil
	config  func(*Config)    // adjusts the test config
	now     func() time.Time // the clock; time.Now when nil
	store   state.Keeper     // a fresh state file when nil
	client  *http.Client     // for feeds: one that may reach the test's loopback servers
}

// startWith runs a bot on fake until the test ends.
func startWith(t *testing.T, fake *discordtest.Server, opts botOptions) *harness {
	t.Helper()
	h := &harness{fake: fake, logs: &syncBuffer{}}
	var stop func() error
	h.bot, stop = runBot(t, fake, opts, h.logs)
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	return h
}

// runBot starts a bot on fake and waits until it has registered its commands.
// stop cancels it and returns what Run returned; it also checks that the token
// never reached the logs.
func runBot(t *testing.T, fake *discordtest.Server, opts botOptions, logs *syncBuffer) (b *Bot, stop func() error) {
	t.Helper()
	if opts.library == nil {
		ix, err := sampleIndex()
		if err != nil {
			t.Fatal(err)
		}
		opts.library = ix
	}
	if opts.store == nil {
		opts.store = mustStore(t)
	}
	base, _ := url.Parse(fake.URL())
	cfg := Config{Token: testToken, GuildID: discordtest.GuildID, APIURL: base, ShardCount: 1, Cooldown: 100, CooldownWindow: time.Minute,
		ChannelCooldown: 1000, ChannelWindow: time.Minute,
		DigestGrace: 2 * time.Hour, PollInterval: 15 * time.Minute, Tick: time.Hour, AlertsPerHour: 5}
	if opts.config != nil {
		opts.config(&cfg)
	}
	b = New(cfg, opts.library, opts.store, slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if opts.now != nil {
		b.now = opts.now
	}
	if opts.client != nil {
		b.fetcher.Client = opts.client
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	stop = func() error {
		// discordgo v0.29.0 reconnects by itself when closed before its
		// first heartbeat; a real bot never stops that fast.
		ctx, cancelWait := context.WithTimeout(context.Background(), 5*time.Second)
		fake.WaitHeartbeat(ctx)
		cancelWait()
		cancel()
		defer func() {
			if strings.Contains(logs.String(), cfg.Token) {
				t.Error("the token appears in the logs")
			}
		}()
		select {
		case err := <-done:
			return err
		case <-time.After(15 * time.Second):
			return errors.New("the bot did not stop within 15 s")
		}
	}
	register := discordtest.Matches("PUT /applications/*/guilds/*/commands")
	if cfg.GuildID == "" {
		register = discordtest.Matches("PUT /applications/*/commands")
	}
	if _, err := fake.WaitRequest(context.Background(), register); err != nil {
		stop()
		t.Fatalf("the bot did not register its commands: %v\nlogs:\n%s", err, logs)
	}
	return b, stop
}

// mustStore opens a state file in a temporary directory.
func mustStore(t *testing.T) *state.Store {
	t.Helper()
	store, err := state.Open(filepath.Join(t.TempDir(), "state.json"))
	if err != nil {
		t.Fatal(err)
	}
	return store
}

// command sends a slash command with string or integer options.
func (h *harness) command(name string, opts map[string]any) discordtest.Sent {
	spec := discordtest.InteractionSpec{Name: name}
	for k, v := range opts {
		typ := discordgo.ApplicationCommandOptionString
		if _, ok := v.(int); ok {
			typ = discordgo.ApplicationCommandOptionInteger
		}
		spec.Options = append(spec.Options, discordtest.CommandOption{Name: k, Type: typ, Value: v})
	}
	return h.fake.SendInteraction(spec)
}

// response waits for the message that answers the interaction, as last
// edited, and returns it.
func (h *harness) response(t *testing.T, sent discordtest.Sent) discordtest.Message {
	t.Helper()
	_, err := h.fake.WaitRequest(context.Background(), func(r discordtest.Request) bool {
		return r.Method == "PATCH" && strings.Contains(r.Path, "/"+sent.Token+"/messages/@original") && r.Status == 200
	})
	if err != nil {
		t.Fatalf("no answer to interaction %s: %v\nlogs:\n%s", sent.ID, err, h.logs)
	}
	var last discordtest.Message
	for _, m := range h.fake.Messages() {
		if m.InteractionID == sent.ID {
			last = m
		}
	}
	return last
}

// callback waits for the first response to an interaction.
func (h *harness) callback(t *testing.T, sent discordtest.Sent) discordtest.Request {
	t.Helper()
	r, err := h.fake.WaitRequest(context.Background(), func(r discordtest.Request) bool {
		return r.Method == "POST" && strings.HasPrefix(r.Path, "/interactions/"+sent.ID+"/")
	})
	if err != nil {
		t.Fatalf("no callback for interaction %s: %v\nlogs:\n%s", sent.ID, err, h.logs)
	}
	return r
}

// callbackBody decodes the first response to an interaction.
func (h *harness) callbackBody(t *testing.T, sent discordtest.Sent) discordgo.InteractionResponse {
	t.Helper()
	var resp discordgo.InteractionResponse
	if err := h.callback(t, sent).Decode(&resp); err != nil {
		t.Fatal(err)
	}
	return resp
}

// embedText is all the text of a message's embeds.
func embedText(m discordtest.Message) string {
	var b strings.Builder
	for _, e := range m.Embeds {
		b.WriteString(e.Title + "\n" + e.Description + "\n")
		for _, f := range e.Fields {
			b.WriteString(f.Name + "\n" + f.Value + "\n")
		}
		if e.Footer != nil {
			b.WriteString(e.Footer.Text + "\n")
		}
	}
	return b.String()
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
