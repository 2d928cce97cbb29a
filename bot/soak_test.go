package bot

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/discordtest"
)

// The soak: 32 questions in flight from 200 users in 10 channels; soakMix is
// one round of 20, mostly /news and /who, some of everything else.
const (
	soakParallel, soakUsers, soakChannels = 32, 200, 10
	soakSlack                             = 10        // goroutines that may come and go
	soakHeapMax                           = 20 << 20  // see TestSoak
	soakBucketsMax                        = 256 << 10 // rate-limit buckets kept: none per interaction, within sampling noise
)

var (
	soakMix      = strings.Fields("news news news news news news news who who who who latest latest autocomplete autocomplete more more help mention mention")
	soakTopics   = []string{"Witkoff", "Macron", "Rubio", "Iran", "tariffs", "Zelensky", "Zorblax"}
	soakNames    = []string{"Steve Witkoff", "Emmanuel Macron", "Marco Rubio", "Volodymyr Zelensky", "Zorblax"}
	soakPrefixes = []string{"wit", "mac", "ru", "zel", "", "zorb"}
	soakMore     = []string{"more:5:5:0:Witkoff", "more:5:5:0:Ukraine", "more:5:5:0:Iran"}
)

// TestSoak sends 10,000 interactions and mentions through the fake Discord,
// 32 at a time, drops the gateway or sends op 7 every 1,000, and checks that
// each was answered exactly once and in time, and that the bot holds no more
// goroutines or memory at the end than after a warm-up. Answers queue at one
// per CPU, so it takes a minute or two on two cores (more on a busy machine)
// and runs only when asked; NEWSBOT_SOAK_N sets a smaller count:
//
//	NEWSBOT_SOAK=1 go test -run TestSoak -v -timeout 20m ./bot/
//
// The fake keeps every request and event, so the heap grows with the run by
// design; the heap profile weighs that part, and the rest is the bot's. Past
// the warm-up its caches are full (the sentence cache holds the ~22 sample
// bodies, the cooldowns the 200 users), so 20 MB is room for GC noise and
// catches any leak of 2 KB an interaction. A smaller leak in one known place
// is checked on its own: discordgo's rate limiter keeps a bucket for every
// key it was asked for, and InteractionRespond asks for one per interaction.
func TestSoak(t *testing.T) {
	if testing.Short() || os.Getenv("NEWSBOT_SOAK") != "1" {
		t.Skip("a soak of a minute or more: run with NEWSBOT_SOAK=1")
	}
	n, err := strconv.Atoi(cmp.Or(os.Getenv("NEWSBOT_SOAK_N"), "10000"))
	if err != nil || n < 2 {
		t.Fatalf("NEWSBOT_SOAK_N=%q: want a count of at least 2", os.Getenv("NEWSBOT_SOAK_N"))
	}
	warm := min(500, n/2)
	defer func(rate int) { runtime.MemProfileRate = rate }(runtime.MemProfileRate)
	runtime.MemProfileRate = 16 << 10 // fine enough to weigh the fake's share within a MB

	fake := discordtest.New(t)
	rel := newRelay(t, fake.URL())
	h := startWith(t, fake, botOptions{config: func(c *Config) {
		c.APIURL = rel.url
		c.Cooldown, c.ChannelCooldown = 1_000_000, 1_000_000 // nobody is told to slow down
	}})
	run := &soakRun{h: h, relay: rel, sent: make([]soakSent, n)}
	ctx, stopWatch := context.WithCancel(context.Background())
	defer stopWatch()
	go run.watchStalls(ctx)

	// The warm-up fills the caches and the connection pools; the pauses to
	// measure are not part of the run's time.
	elapsed := run.send(t, 0, warm)
	before := run.usage(t)
	elapsed += run.send(t, warm, n)
	after := run.usage(t)

	late, refused := run.check(t)
	stats := fake.Stats()
	mb := func(b int64) float64 { return float64(b) / (1 << 20) }
	ms := func(d int64) time.Duration { return time.Duration(d).Round(time.Millisecond) }
	growth := (after.live - before.live) - (after.records - before.records)
	t.Logf("%d interactions in %s: %.0f a second, %d in flight; the process stalled for up to %s",
		n, elapsed.Round(time.Second), float64(n)/elapsed.Seconds(), soakParallel, ms(run.stall.Load()))
	t.Logf("gateway: %d drops, %d op 7, %d resumes (the slowest %s after), %d identifies; callbacks: %d late (10062), %d refused (400, as 40060); %d waits for an answer timed out",
		run.drops.Load(), run.reconnects.Load(), stats.Resumes, ms(run.slowestResume.Load()), stats.Identifies, late, refused, run.timeouts.Load())
	t.Logf("goroutines %d → %d; heap in use %.1f → %.1f MB, live %.1f → %.1f MB, of which the fake's records and the log %.1f → %.1f MB",
		before.goroutines, after.goroutines, mb(before.inuse), mb(after.inuse), mb(before.live), mb(after.live), mb(before.records), mb(after.records))
	t.Logf("the bot's growth: %.1f MB (%.0f bytes an interaction), of which discordgo's rate-limit buckets %.1f MB",
		mb(growth), float64(growth)/float64(n-warm), mb(after.buckets-before.buckets))

	if late > 0 {
		t.Errorf("%d callbacks came after Discord's 3 s deadline (a stall of the whole process, as on a busy machine, makes them late too)", late)
	}
	if want := int(run.drops.Load() + run.reconnects.Load()); stats.Resumes != want || stats.Identifies != 1 {
		t.Errorf("%d resumes and %d identifies; want %d resumes and 1 identify (a new session loses events)", stats.Resumes, stats.Identifies, want)
	}
	if after.goroutines > before.goroutines+soakSlack {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines after warm-up, %d at the end:\n%s", before.goroutines, after.goroutines, buf[:runtime.Stack(buf, true)])
	}
	if growth > soakHeapMax {
		t.Errorf("the bot's heap grew by %.1f MB; want under %.0f MB", mb(growth), mb(soakHeapMax))
	}
	if b := after.buckets - before.buckets; b > soakBucketsMax {
		t.Errorf("discordgo's rate limiter grew by %.1f MB over %d interactions: InteractionRespond keys a bucket by the callback URL, "+
			"unique to each interaction, and the limiter never drops one; want under %.2f MB", mb(b), n-warm, mb(soakBucketsMax))
	}
}

// soakRun is one soak: what was sent, and what happened meanwhile.
type soakRun struct {
	h                    *harness
	relay                *relay
	sent                 []soakSent // by number
	drops, reconnects    atomic.Int32
	timeouts             atomic.Int32 // senders that waited 30 s for an answer in vain
	slowestResume, stall atomic.Int64 // nanoseconds
}

// soakSent is one interaction (with its token) or mention (without).
type soakSent struct {
	kind string
	discordtest.Sent
	at time.Time
}

// send sends numbers from up to to from soakParallel senders, each after the
// answer to its previous one. At number 500 of every thousand, the sender
// whose turn it is disturbs the gateway and waits for the resume; the others
// go on, and what the fake dispatches meanwhile it replays on the resume.
func (r *soakRun) send(t *testing.T, from, to int) time.Duration {
	start := time.Now()
	var next atomic.Int64
	next.Store(int64(from))
	var wg sync.WaitGroup
	for range soakParallel {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < to; i = int(next.Add(1) - 1) {
				if i%1000 == 500 {
					r.disturb(t, i)
				}
				r.sent[i] = r.ask(i)
				if !r.relay.wait(cmp.Or(r.sent[i].Token, r.sent[i].ID), 30*time.Second) {
					r.timeouts.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return time.Since(start)
}

// disturb drops the gateway, or every third time sends op 7, and waits until
// the bot has resumed.
func (r *soakRun) disturb(t *testing.T, i int) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	fake, start := r.h.fake, time.Now()
	var err error
	if (i/1000)%3 == 1 {
		r.reconnects.Add(1)
		err = fake.SendReconnect(ctx)
	} else {
		r.drops.Add(1)
		err = fake.DropConnections(ctx)
	}
	if want := int(r.drops.Load() + r.reconnects.Load()); err == nil {
		_, err = fake.WaitStats(ctx, func(s discordtest.Stats) bool { return s.Resumes >= want })
	}
	if err != nil {
		t.Errorf("disturb the gateway before interaction %d: %v", i, err)
	}
	if d := int64(time.Since(start)); d > r.slowestResume.Load() {
		r.slowestResume.Store(d) // one sender disturbs at a time
	}
}

// ask sends interaction or mention number i of the mix.
func (r *soakRun) ask(i int) soakSent {
	user := discordtest.User{ID: fmt.Sprintf("61%016d", i%soakUsers), Username: fmt.Sprintf("reader%d", i%soakUsers)}
	channel := fmt.Sprintf("7000000000000000%02d", 1+i%soakChannels)
	pick := func(list []string) string { return list[(i/len(soakMix)+i)%len(list)] }
	text := func(name, value string) discordtest.CommandOption {
		return discordtest.CommandOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: value}
	}
	s := soakSent{kind: soakMix[i%len(soakMix)], at: time.Now()}
	spec := discordtest.InteractionSpec{Name: s.kind, User: user, ChannelID: channel}
	switch s.kind {
	case "news":
		spec.Options = []discordtest.CommandOption{text("topic", pick(soakTopics))}
	case "who":
		spec.Options = []discordtest.CommandOption{text("name", pick(soakNames))}
	case "latest":
		spec.Options = []discordtest.CommandOption{{Name: "count", Type: discordgo.ApplicationCommandOptionInteger, Value: 1 + i%10}}
		if i%2 == 1 {
			spec.Options = append(spec.Options, text("topic", pick(soakTopics)))
		}
	case "autocomplete":
		spec.Type, spec.Name = discordgo.InteractionApplicationCommandAutocomplete, "who"
		spec.Options = []discordtest.CommandOption{text("name", pick(soakPrefixes))}
		spec.Options[0].Focused = true
	case "more":
		spec.Type, spec.Name, spec.CustomID = discordgo.InteractionMessageComponent, "", pick(soakMore)
	case "mention":
		s.Sent = r.h.fake.SendMessage(discordtest.MessageSpec{Author: user, ChannelID: channel, Mentions: []discordtest.User{discordtest.BotUser()},
			Content: "<@" + discordtest.AppID + "> what's new about " + pick(soakTopics) + "?"})
		return s
	}
	s.Sent = r.h.fake.SendInteraction(spec)
	return s
}

// watchStalls records the longest gap between ticks of a 10 ms ticker: on a
// busy machine the whole process can stop for a second or more, which makes
// callbacks late whatever the bot does, and the report should say so.
func (r *soakRun) watchStalls(ctx context.Context) {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for last := time.Now(); ; last = time.Now() {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if d := int64(time.Since(last)); d > r.stall.Load() {
				r.stall.Store(d)
			}
		}
	}
}

// soakUsage is what the process holds while the bot is idle.
type soakUsage struct {
	goroutines       int
	inuse, live      int64 // HeapInuse and HeapAlloc after a collection
	records, buckets int64 // of live: the fake's records and the log; discordgo's rate-limit buckets
}

// usage measures once the gateway has settled and the last answers are done.
// Idle keep-alive connections are a pool whose size varies from moment to
// moment (up to 32 of the bot's to the relay, three goroutines each with the
// relay's end), not growth, so every pool is closed first: the bot's, the
// relay's and the default one. A connection still open after that is in use,
// or leaked.
func (r *soakRun) usage(t *testing.T) soakUsage {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := r.h.fake.WaitHeartbeat(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	r.h.bot.session.Client.CloseIdleConnections()
	http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	r.relay.transport.CloseIdleConnections()
	for last := -1; last != runtime.NumGoroutine(); time.Sleep(200 * time.Millisecond) {
		last = runtime.NumGoroutine()
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	// The fake's records hold headers that net/http parsed for it: the relay,
	// the only other server here, keeps none.
	held := heldBy("newsbot/bot/discordtest.", "net/http.(*conn).readRequest", "newsbot/bot.(*syncBuffer).Write",
		"discordgo.(*Session).InteractionRespond")
	return soakUsage{goroutines: runtime.NumGoroutine(), inuse: int64(ms.HeapInuse), live: int64(ms.HeapAlloc),
		records: held[0] + held[1] + held[2], buckets: held[3]}
}

// heldBy estimates, for each name, the heap in use by allocations made under
// a function whose name contains it, from the heap profile's samples scaled
// as pprof scales them, as of the last collection.
func heldBy(names ...string) []int64 {
	n, ok := runtime.MemProfile(nil, false)
	var recs []runtime.MemProfileRecord
	for !ok {
		recs = make([]runtime.MemProfileRecord, n+100)
		n, ok = runtime.MemProfile(recs, false)
	}
	sums := make([]int64, len(names))
	for _, rec := range recs[:n] {
		if rec.InUseBytes() == 0 {
			continue
		}
		avg := float64(rec.AllocBytes) / float64(rec.AllocObjects)
		inuse := int64(float64(rec.InUseBytes()) / (1 - math.Exp(-avg/float64(runtime.MemProfileRate))))
		seen := make([]bool, len(names))
		for frames, more := runtime.CallersFrames(rec.Stack()), true; more; {
			var f runtime.Frame
			f, more = frames.Next()
			for j, name := range names {
				if !seen[j] && strings.Contains(f.Function, name) {
					seen[j], sums[j] = true, sums[j]+inuse
				}
			}
		}
	}
	return sums
}

// check counts, from the fake's own records, the answers to everything sent:
// an interaction must have exactly one accepted callback, deferred unless it
// is /help or autocomplete (a refusal is not deferred), and a deferred one
// exactly one successful edit of @original (or followup); a mention exactly
// one reply. It returns the callbacks the fake refused as late (404, 10062)
// and as a second answer (400, 40060).
func (r *soakRun) check(t *testing.T) (late, refused int) {
	accepted, deferred, finals, replies := map[string]int{}, map[string]bool{}, map[string]int{}, map[string]int{}
	for _, cb := range r.h.fake.Callbacks() {
		accepted[cb.InteractionID]++
		deferred[cb.InteractionID] = cb.Type == discordgo.InteractionResponseDeferredChannelMessageWithSource
	}
	for _, req := range r.h.fake.Requests() {
		p := strings.Split(req.Path, "/")
		switch callback := req.Method == "POST" && p[1] == "interactions"; {
		case callback && req.Status == http.StatusNotFound:
			late++
		case callback && req.Status == http.StatusBadRequest:
			refused++
		case p[1] == "webhooks" && req.Status == http.StatusOK && (req.Method == "PATCH" || req.Method == "POST" && len(p) == 4):
			finals[p[3]]++ // by token
		}
	}
	for _, m := range r.h.fake.Messages() {
		if m.Source == discordtest.SourceChannel && m.Reference != nil {
			replies[m.Reference.MessageID]++
		}
	}
	var wrong []string
	for i, s := range r.sent {
		got, edits := "", finals[s.Token]
		switch {
		case s.kind == "mention":
			if replies[s.ID] != 1 {
				got = fmt.Sprintf("%d replies", replies[s.ID])
			}
		case accepted[s.ID] != 1:
			got = fmt.Sprintf("%d accepted callbacks", accepted[s.ID])
		case deferred[s.ID] != (s.kind != "help" && s.kind != "autocomplete"):
			got = fmt.Sprintf("deferred %t: refused, or answered the wrong way", deferred[s.ID])
		case edits > 1 || deferred[s.ID] != (edits == 1):
			got = fmt.Sprintf("deferred, then %d edits or followups", edits)
		}
		if got != "" {
			wrong = append(wrong, fmt.Sprintf("%d (%s %s, sent %s): %s", i, s.kind, s.ID, s.at.Format("15:04:05.000"), got))
		}
	}
	if len(wrong) > 0 {
		lines := strings.Split(strings.TrimSpace(r.h.logs.String()), "\n")
		t.Errorf("%d of %d not answered exactly once; the first:\n%s\nthe log's end:\n%s", len(wrong), len(r.sent),
			strings.Join(wrong[:min(10, len(wrong))], "\n"), strings.Join(lines[max(0, len(lines)-40):], "\n"))
	}
	return late, refused
}

// relay is a REST proxy between the bot and the fake. It tells each sender
// when its interaction or mention has had its last answer, so that the test
// keeps 32 in flight without the fake's WaitRequest, which scans every
// request so far on every change and would make the soak quadratic.
type relay struct {
	url       *url.URL
	transport *http.Transport
	answered  sync.Map // interaction token, or ID of a message replied to → chan struct{} (1)
}

func newRelay(t *testing.T, target string) *relay {
	r := &relay{transport: http.DefaultTransport.(*http.Transport).Clone()}
	r.transport.MaxIdleConnsPerHost = 2 * soakParallel // the relay's own hop does not churn connections
	to, _ := url.Parse(target)
	proxy := httputil.NewSingleHostReverseProxy(to)
	proxy.Transport = r
	srv := httptest.NewServer(proxy)
	t.Cleanup(srv.Close)
	r.url, _ = url.Parse(srv.URL)
	return r
}

// RoundTrip forwards a request to the fake and signals whose last answer it
// was. Calls that discordgo retries (429, 5xx) are not last answers.
func (r *relay) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	resp, err := r.transport.RoundTrip(req)
	if err != nil || resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
		return resp, err
	}
	var sent struct {
		Type      discordgo.InteractionResponseType `json:"type"`
		Reference *discordgo.MessageReference       `json:"message_reference"`
	}
	json.Unmarshal(body, &sent)
	key := ""
	switch p := strings.Split(strings.TrimPrefix(req.URL.Path, "/api/v9/"), "/"); {
	case req.Method == "POST" && p[0] == "interactions" && len(p) == 4:
		if resp.StatusCode != http.StatusNoContent || sent.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
			key = p[2] // answered in the callback, or refused: nothing follows
		}
	case p[0] == "webhooks" && len(p) >= 3 && (req.Method == "PATCH" || req.Method == "POST"):
		key = p[2]
	case req.Method == "POST" && p[0] == "channels" && sent.Reference != nil:
		key = sent.Reference.MessageID
	}
	if key != "" {
		select {
		case r.done(key) <- struct{}{}:
		default: // a second answer: check reports it
		}
	}
	return resp, err
}

// done is where key's answer is signalled, before or after its sender waits.
func (r *relay) done(key string) chan struct{} {
	ch, _ := r.answered.LoadOrStore(key, make(chan struct{}, 1))
	return ch.(chan struct{})
}

// wait reports whether key got its last answer within d, and forgets it.
func (r *relay) wait(key string, d time.Duration) bool {
	defer r.answered.Delete(key)
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-r.done(key):
		return true
	case <-timer.C:
		return false
	}
}
