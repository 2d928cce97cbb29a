// Package discordtest is a fake Discord for tests. It serves the REST API
// under /api/v9 and the gateway websocket on loopback the way Discord does,
// so the real discordgo client, and the bot on top of it, can be tested end
// to end without a network or a real token.
//
// A test starts a Server, points a discordgo Session at it with Client,
// opens the session, then plays Discord's part: SendInteraction and
// SendMessage dispatch events, Requests, Messages and Callbacks show what
// the bot sent back, and RateLimit, Fail, DropConnections, SendReconnect and
// InvalidateSession inject the faults a real bot meets in production.
//
// Every REST request is also checked against Discord's own OpenAPI
// description of its API, ../shared/docs/discord-openapi.json beside the
// module, when the file is there: a request on an undocumented route, or
// with a body its schema forbids, is refused as Discord would refuse it and
// fails the test, since Discord's limits and types are easy to get wrong.
package discordtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// The IDs the fake uses unless a test asks for others. They are fixed so
// that golden files and log lines stay stable from run to run; the bot's
// user ID equals its application ID, as it does for every modern Discord app.
const (
	AppID     = "900000000000000001" // AppID is the application ID, also the bot user's ID.
	GuildID   = "800000000000000001" // GuildID is the one guild the bot is in.
	ChannelID = "700000000000000001" // ChannelID is the guild's text channel.
	// ReadOnlyChannelID is a text channel where the bot may read but not
	// post: its role is denied Send Messages there.
	ReadOnlyChannelID = "700000000000000002"
	UserID            = "600000000000000001" // UserID is alice, who sends events unless a spec names someone else.
)

// BotUser returns the user the bot logs in as; tests mention it in messages.
func BotUser() User { return User{ID: AppID, Username: "newsbot", Bot: true} }

// alice is the member who acts when a spec names no user.
var alice = User{ID: UserID, Username: "alice"}

// defaultWait bounds every wait whose context has no deadline, so that a
// test that forgot a timeout fails instead of hanging the whole run.
const defaultWait = 10 * time.Second

// Server is a fake Discord listening on 127.0.0.1. All its methods are safe
// for concurrent use; it closes itself when the test that created it ends.
type Server struct {
	t    errorReporter
	cfg  config
	api  *description // nil when the description is not on this machine
	ts   *httptest.Server
	base *url.URL
	ids  atomic.Int64 // last snowflake handed out

	sig     sync.Mutex
	changed chan struct{} // closed and replaced whenever state changes

	mu           sync.Mutex // guards the REST-side state below
	requests     []Request
	faults       []*fault
	channels     map[string]*channel
	messages     map[string]*Message
	order        []string // message IDs in creation order
	interactions map[string]*interaction
	byToken      map[string]*interaction
	callbacks    []Callback
	commands     map[string][]*discordgo.ApplicationCommand // by guild ID, "" for global
	dmsClosed    map[string]bool                            // users who take no DMs from the bot

	gw         sync.Mutex // guards the gateway state below and orders gateway writes
	closed     bool
	conns      map[*gatewayConn]bool
	sessions   map[string]*session
	identifies []Identify
	resumes    int
	heartbeats int
	wg         sync.WaitGroup // gateway sockets, which httptest does not track once hijacked

	closeOnce sync.Once
}

type config struct {
	heartbeat time.Duration
	deadline  time.Duration
}

// Option changes how the fake behaves; pass options to New.
type Option func(*config)

// WithHeartbeatInterval sets the heartbeat_interval sent in Hello. The
// default is Discord's 41.25s: discordgo sends its first heartbeat at once
// and the next only after an interval, and a short interval exposes a race
// in discordgo v0.29.0 where a heartbeat tick during Session.Close makes
// the closed session reconnect. discordgo reconnects when no ack came for
// five intervals.
func WithHeartbeatInterval(d time.Duration) Option {
	return func(c *config) { c.heartbeat = d }
}

// WithCallbackDeadline sets how long after dispatch an interaction can
// still be answered (Discord: 3s), so tests of the deadline run fast.
func WithCallbackDeadline(d time.Duration) Option {
	return func(c *config) { c.deadline = d }
}

// New starts a fake Discord on 127.0.0.1 and closes it when the test ends.
// Register the discordgo session's Close after calling New, so that the
// session goes first and does not see its gateway vanish, and call
// WaitHeartbeat before that Close: a discordgo v0.29.0 session closed
// before its first heartbeat reconnects by itself.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := start(t, "127.0.0.1:0", opts)
	if err != nil {
		t.Fatalf("discordtest: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// Start starts a fake Discord listening on addr (such as "127.0.0.1:8999")
// for a program rather than a test, like cmd/fakediscord: mistakes in its use
// go to report. The caller closes it.
func Start(addr string, report func(format string, args ...any), opts ...Option) (*Server, error) {
	return start(reporter(report), addr, opts)
}

// reporter adapts a printf-like function to what the fake reports mistakes to.
type reporter func(format string, args ...any)

func (r reporter) Errorf(format string, args ...any) { r(format, args...) }
func (r reporter) Logf(format string, args ...any)   { r(format, args...) }

// noDescriptionNotice says once per process that requests go unchecked.
var noDescriptionNotice sync.Once

func start(t errorReporter, addr string, opts []Option) (*Server, error) {
	cfg := config{heartbeat: 41250 * time.Millisecond, deadline: 3 * time.Second}
	for _, o := range opts {
		o(&cfg)
	}
	api, err := apiDescription()
	if errors.Is(err, errNoDescription) {
		noDescriptionNotice.Do(func() { t.Logf("discordtest: %v; requests are not checked against it", err) })
	} else if err != nil {
		return nil, err
	}
	s := &Server{
		t:       t,
		cfg:     cfg,
		api:     api,
		changed: make(chan struct{}),
		channels: map[string]*channel{
			ChannelID:         {id: ChannelID, guildID: GuildID, name: "general", kind: discordgo.ChannelTypeGuildText},
			ReadOnlyChannelID: {id: ReadOnlyChannelID, guildID: GuildID, name: "announcements", kind: discordgo.ChannelTypeGuildText, botDenied: discordgo.PermissionSendMessages},
		},
		messages:     map[string]*Message{},
		interactions: map[string]*interaction{},
		byToken:      map[string]*interaction{},
		commands:     map[string][]*discordgo.ApplicationCommand{},
		dmsClosed:    map[string]bool{},
		conns:        map[*gatewayConn]bool{},
		sessions:     map[string]*session{},
	}
	s.ids.Store(1_300_000_000_000_000_000)
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	s.ts = httptest.NewUnstartedServer(s.routes())
	s.ts.Listener.Close()
	s.ts.Listener = listener
	s.ts.Start()
	base, err := url.Parse(s.ts.URL)
	if err != nil {
		s.ts.Close()
		return nil, fmt.Errorf("parse own URL %q: %w", s.ts.URL, err)
	}
	s.base = base
	return s, nil
}

// errorReporter is where the fake reports a test's mistakes: the test itself,
// or a program's log.
type errorReporter interface {
	Errorf(format string, args ...any)
	Logf(format string, args ...any)
}

// URL returns the fake's base URL, like http://127.0.0.1:PORT, for a bot
// that takes the Discord API address as a setting.
func (s *Server) URL() string { return s.ts.URL }

// Client returns an HTTP client that sends every request for discord.com
// to the fake and refuses any other host, so a test can never reach the
// real Discord. Use it as a discordgo Session's Client.
func (s *Server) Client() *http.Client {
	return &http.Client{
		Transport: rewriteTransport{base: s.base, next: s.ts.Client().Transport},
		Timeout:   defaultWait,
	}
}

// Close closes every gateway socket and stops the server, waiting for its
// goroutines. It is safe to call more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.gw.Lock()
		s.closed = true
		for c := range s.conns {
			c.ws.Close()
		}
		s.gw.Unlock()
		s.ts.Close()
		s.wg.Wait()
	})
}

// newID returns a fresh snowflake; they increase like Discord's do.
func (s *Server) newID() string {
	return strconv.FormatInt(s.ids.Add(1), 10)
}

// notify wakes every waiter so it can check its condition again.
func (s *Server) notify() {
	s.sig.Lock()
	close(s.changed)
	s.changed = make(chan struct{})
	s.sig.Unlock()
}

// waitUntil returns when cond holds, or the context's error. A context
// without a deadline gets defaultWait.
func (s *Server) waitUntil(ctx context.Context, cond func() bool) error {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, defaultWait)
		defer cancel()
	}
	for {
		s.sig.Lock()
		ch := s.changed
		s.sig.Unlock()
		if cond() {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// errNotDiscord keeps tests off the network: the fake's client only talks
// to discord.com, and only through the fake.
var errNotDiscord = errors.New("discordtest: only discord.com is faked; refusing another host")

// rewriteTransport sends requests for discord.com to the fake. It is for
// tests only: the bot owns the transport it uses in production.
type rewriteTransport struct {
	base *url.URL
	next http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (rt rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host != "discord.com" && req.URL.Host != rt.base.Host {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, &url.Error{Op: req.Method, URL: req.URL.String(), Err: errNotDiscord}
	}
	r := req.Clone(req.Context())
	r.URL.Scheme = rt.base.Scheme
	r.URL.Host = rt.base.Host
	r.Host = ""
	return rt.next.RoundTrip(r)
}
