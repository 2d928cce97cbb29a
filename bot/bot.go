package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/metrics"
	"newsbot/bot/state"
	"newsbot/commands"
	"newsbot/index/feeds"
	"newsbot/index/ingest"
	"newsbot/index/news"
)

// Timeouts of the bot's own work. Discord keeps an interaction's token for 15
// minutes, but an answer that takes more than a few seconds has failed anyway.
const (
	readyTimeout  = 30 * time.Second
	answerTimeout = 20 * time.Second
	drainTimeout  = 10 * time.Second
	restTimeout   = 20 * time.Second
)

// intents are all the gateway events the bot needs. Mentions and direct
// messages carry their content without the privileged MESSAGE_CONTENT intent.
const intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages

// Library is what the bot needs of the article index: answers, and a place to
// put what the feeds bring.
type Library interface {
	commands.Searcher
	ingest.Store
	Stats(ctx context.Context) (news.Stats, error)
	PeopleInTheNews(ctx context.Context, since time.Time, n int) ([]news.Count, error)
	// PruneBefore deletes the articles dated before a day, and keeps
	// older ones from coming back: for NEWSBOT_KEEP.
	PruneBefore(ctx context.Context, cutoff time.Time, progress func(deleted int)) (news.Pruned, error)
}

// Bot is newsbot on Discord.
type Bot struct {
	cfg     Config
	news    Library
	state   state.Keeper
	fetcher *feeds.Fetcher
	log     *slog.Logger
	now     func() time.Time

	session  *discordgo.Session
	cooldown *cooldown     // per user
	channels *cooldown     // per channel
	gate     commands.Gate // answers computed at once
	// mentions admits one mention's answer to the gate at a time: a flood
	// of mentions then never queues ahead of slash commands.
	mentions commands.Gate
	http     httpResponses // first responses owed to HTTP requests
	ready    chan struct{}
	readyOne sync.Once

	metrics   *metrics.Metrics
	started   atomic.Pointer[time.Time] // set by start; /stats may run before
	connected atomic.Bool               // to the gateway, or, over HTTP, ready for requests

	mu       sync.RWMutex // guards closing against new work
	closing  bool
	inflight sync.WaitGroup
	loops    sync.WaitGroup // the digest schedule, the feed poller and retention
}

// New makes a bot that answers from news and keeps its digest settings and
// feeds in store. It does not connect yet.
func New(cfg Config, news Library, store state.Keeper, log *slog.Logger) *Bot {
	b := &Bot{
		cfg:      cfg,
		news:     news,
		state:    store,
		fetcher:  &feeds.Fetcher{Logger: log.With("component", "feeds")},
		log:      log,
		now:      time.Now,
		ready:    make(chan struct{}),
		metrics:  metrics.New(),
		gate:     commands.NewGate(0),
		mentions: commands.NewGate(1),
	}
	if l, ok := news.(lagging); ok {
		b.metrics.Behind(func() (uint64, bool) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			n, err := l.Behind(ctx)
			return n, err == nil
		})
	}
	if len(cfg.TrustedNetworks) > 0 {
		b.fetcher.Client = feeds.NewClient(cfg.TrustedNetworks)
	}
	b.cooldown = newCooldown(cfg.Cooldown, cfg.CooldownWindow, func() time.Time { return b.now() })
	b.channels = newCooldown(cfg.ChannelCooldown, cfg.ChannelWindow, func() time.Time { return b.now() })
	return b
}

// Run connects to Discord, registers the commands and answers until ctx is
// cancelled. Then it stops taking new work, lets the answers in flight finish
// (for up to drainTimeout) and disconnects.
func (b *Bot) Run(ctx context.Context) error {
	s, err := b.newSession()
	if err != nil {
		return err
	}
	s.AddHandler(b.onReady)
	s.AddHandler(b.onInteraction)
	s.AddHandler(b.onMessage)
	s.AddHandler(func(*discordgo.Session, *discordgo.Resumed) { b.connected.Store(true) })
	s.AddHandler(func(*discordgo.Session, *discordgo.Disconnect) { b.connected.Store(false) })
	if err := s.Open(); err != nil {
		return b.connectError(err)
	}
	defer b.shutdown()
	ctx, cancel := context.WithCancel(ctx) // ends the loops before shutdown waits for them
	defer cancel()

	select {
	case <-b.ready:
	case <-ctx.Done():
		return nil
	case <-time.After(readyTimeout):
		return fmt.Errorf("Discord did not send READY within %s", readyTimeout)
	}
	app := s.State.User.ID
	if a := s.State.Application; a != nil && a.ID != "" {
		app = a.ID
	}
	if err := b.start(ctx, app); err != nil {
		return err
	}
	b.log.Info("ready", "user", s.State.User.Username, "shard", b.cfg.ShardID, "shards", b.cfg.ShardCount)
	<-ctx.Done()
	return nil
}

// connectError says why the bot could not reach Discord, and what to do
// when the token was refused.
func (b *Bot) connectError(err error) error {
	if status(err) == http.StatusUnauthorized {
		return fmt.Errorf("Discord refused the token (401 Unauthorized): check DISCORD_TOKEN, or reset the token in the Developer Portal (your application, Bot, Reset Token): %w", err)
	}
	return fmt.Errorf("connect to Discord at %s: %w", b.cfg.APIURL.Host, err)
}

// newSession makes the discordgo session, with REST sent to the configured
// API URL and discordgo's logs in the bot's.
func (b *Bot) newSession() (*discordgo.Session, error) {
	s, err := discordgo.New("Bot " + b.cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	routeDiscordgoLogs(b.log, b.cfg.Token)
	s.LogLevel = discordgo.LogWarning
	// Keep connections to Discord open for reuse: the default keeps two,
	// and every other request would pay for a new TLS handshake.
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = 32
	s.Client = &http.Client{Timeout: restTimeout, Transport: b.metrics.Transport(redirect{base: b.cfg.APIURL, next: transport})}
	s.Identify.Intents = intents
	s.ShardID, s.ShardCount = b.cfg.ShardID, b.cfg.ShardCount
	b.session = s
	return s, nil
}

// start registers the commands of application app and starts the digest
// schedule and the feed poller, once the bot can talk to Discord.
func (b *Bot) start(ctx context.Context, app string) error {
	started := b.now()
	b.started.Store(&started)
	if err := b.serveOps(ctx); err != nil {
		return err
	}
	if err := b.register(ctx, app); err != nil {
		if ctx.Err() != nil {
			return nil // stopped while registering
		}
		return err
	}
	// Every process runs both loops: alone, it has the digests and feeds of
	// its state file; in a cluster, the shared state's claims and leases
	// make one process post each digest and poll each feed.
	b.loop(ctx, "digests", b.postDueDigests)
	configured := false
	b.loop(ctx, "feeds", func(ctx context.Context) {
		if !configured { // again on the next tick, if the state is out of reach
			if err := b.addConfiguredFeeds(); err != nil {
				b.log.Error("could not add the feeds of NEWSBOT_FEEDS", "err", err)
				return
			}
			configured = true
		}
		b.pollDueFeeds(ctx)
	})
	if b.cfg.Keep > 0 {
		var prunedTo time.Time
		b.loop(ctx, "retention", func(ctx context.Context) { prunedTo = b.pruneOld(ctx, prunedTo) })
	}
	return nil
}

// loop runs work now and then on every tick until ctx is cancelled. The
// work in progress when it is cancelled is left to finish.
func (b *Bot) loop(ctx context.Context, name string, work func(context.Context)) {
	b.loops.Go(func() {
		ticker := time.NewTicker(b.cfg.Tick)
		defer ticker.Stop()
		for {
			func() {
				defer func() {
					if p := recover(); p != nil {
						b.log.Error("loop panicked", "loop", name, "panic", p, "stack", string(debug.Stack()))
					}
				}()
				work(ctx)
			}()
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
			}
		}
	})
}

func (b *Bot) onReady(s *discordgo.Session, r *discordgo.Ready) {
	b.connected.Store(true)
	b.log.Info("connected to the gateway", "session", r.SessionID, "guilds", len(r.Guilds))
	b.readyOne.Do(func() { close(b.ready) })
}

// register puts the slash commands in the configured server, or globally.
func (b *Bot) register(ctx context.Context, app string) error {
	cmds, err := b.session.ApplicationCommandBulkOverwrite(app, b.cfg.GuildID, definitions(), discordgo.WithContext(ctx))
	if err != nil {
		if status(err) == http.StatusForbidden && b.cfg.GuildID != "" {
			return fmt.Errorf("register slash commands in server %s: Discord said no; invite the bot to that server with the applications.commands scope, or check DISCORD_GUILD_ID: %w", b.cfg.GuildID, err)
		}
		return fmt.Errorf("register slash commands: %w", err)
	}
	where := "globally (they may take up to an hour to appear)"
	if b.cfg.GuildID != "" {
		where = "in server " + b.cfg.GuildID
	}
	b.log.Info("registered slash commands", "count", len(cmds), "where", where)
	return nil
}

// shutdown stops new work, waits for the work in flight and disconnects.
func (b *Bot) shutdown() {
	b.mu.Lock()
	b.closing = true
	b.mu.Unlock()
	b.log.Info("stopping: no new work, finishing the answers in flight")
	done := make(chan struct{})
	go func() {
		b.inflight.Wait()
		b.loops.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(drainTimeout):
		b.log.Warn("answers still running at shutdown were abandoned", "waited", drainTimeout)
	}
	if err := b.session.Close(); err != nil { // no-op without a gateway connection
		b.log.Warn("close the gateway connection", "err", err)
	}
	b.log.Info("disconnected")
}

// begin registers one piece of work, unless the bot is shutting down; the
// caller must call end when begin returned true.
func (b *Bot) begin() bool {
	b.mu.RLock()
	defer b.mu.RUnlock()
	if b.closing {
		return false
	}
	b.inflight.Add(1)
	return true
}

// end finishes a piece of work started with begin. A panic in a handler is
// logged with its stack and goes no further: one bad event must not take the
// bot down.
func (b *Bot) end(what string) {
	if p := recover(); p != nil {
		b.log.Error("handler panicked", "handler", what, "panic", p, "stack", string(debug.Stack()))
	}
	b.inflight.Done()
}

// answering runs one answer's work when its turn comes at the gate, so that a
// burst of questions is answered in order rather than all late. A panic in
// the work comes back as an error, with its stack for the log, so that the
// asker is told something went wrong instead of waiting for good.
func (b *Bot) answering(ctx context.Context, work func() error) (err error) {
	if err := b.gate.Enter(ctx); err != nil {
		return err
	}
	defer b.gate.Leave()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the answer panicked: %v\n%s", p, debug.Stack())
		}
	}()
	return work()
}

// answeringMention is answering for a mention, which first waits for the one
// turn mentions have.
func (b *Bot) answeringMention(ctx context.Context, work func() error) error {
	if err := b.mentions.Enter(ctx); err != nil {
		return err
	}
	defer b.mentions.Leave()
	return b.answering(ctx, work)
}

// answerContext bounds the work on one request. It does not derive from Run's
// context: work in flight at shutdown is allowed to finish.
func answerContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), answerTimeout)
}

// userMessage is an error whose text is meant for the user.
type userMessage string

func (m userMessage) Error() string { return string(m) }

// forUser turns an error into what to tell the user: the sentence itself for
// errors meant for users, with examples from the index for a question that
// named nothing (see askAbout), and a plain apology for anything else (which
// goes to the log in full).
func (b *Bot) forUser(err error, attrs ...any) string {
	var msg userMessage
	if errors.As(err, &msg) {
		return string(msg)
	}
	switch {
	case errors.Is(err, commands.ErrNoSubject):
		return b.askAbout()
	case errors.Is(err, commands.ErrTooLong):
		return upperFirst(commands.ErrTooLong.Error()) + "."
	}
	b.log.Error("answer failed", append(attrs, "err", err)...)
	return sorry
}

// askAbout tells someone whose question named nothing to look for what to
// ask, with two of the people most in the index's last week of news as
// examples: names of the news the bot holds, whatever its year.
func (b *Bot) askAbout() string {
	ctx, cancel := context.WithTimeout(context.Background(), examplesTimeout)
	defer cancel()
	msg := upperFirst(commands.ErrNoSubject.Error())
	people, err := commands.PeopleToAskAbout(ctx, b.news, 2)
	if err != nil {
		b.log.Warn("no examples to ask about", "err", err)
	}
	if len(people) > 0 {
		quoted := make([]string, len(people))
		for i, p := range people {
			quoted[i] = `"` + escape(p) + `"`
		}
		msg += ", for example " + strings.Join(quoted, " or ")
	}
	return msg + "."
}

// examplesTimeout bounds the look-up of examples for a question that named
// nothing: a count over a week of news, which takes milliseconds. It has
// time of its own, as the answer it replaces may have used up its own.
const examplesTimeout = 2 * time.Second

// sorry is what a user is told when newsbot fails them: the cause is in the log.
const sorry = "Sorry, something went wrong on newsbot's side while answering. Please try again in a minute."
