package bot

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/discordtest"
	"newsbot/bot/state"
	"newsbot/index"
	"newsbot/index/news"
)

// feedServer serves the feed fixtures of package index, a feed that only
// grows when the test says so, and a feed that never answers. It records the
// conditional headers each request carried.
type feedServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests []*http.Request
	extra    []string // items added to /live.xml, undated
	down     bool     // /flaky.xml answers 503 while set
	hang     chan struct{}
}

func newFeedServer(t *testing.T) *feedServer {
	fs := &feedServer{hang: make(chan struct{})}
	files := http.FileServer(http.Dir("../index/feeds/testdata/feeds"))
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.mu.Lock()
		fs.requests = append(fs.requests, r.Clone(context.Background()))
		extra, down := append([]string(nil), fs.extra...), fs.down
		fs.mu.Unlock()
		switch r.URL.Path {
		case "/hang.xml":
			select {
			case <-fs.hang:
			case <-r.Context().Done():
			}
		case "/flaky.xml":
			if down {
				http.Error(w, "maintenance", http.StatusServiceUnavailable)
				return
			}
			r.URL.Path = "/rss2.xml"
			files.ServeHTTP(w, r)
		case "/live.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Live Wire</title><link>https://live.example/</link>`)
			for i, title := range append([]string{"An undated story from the back catalogue"}, extra...) {
				fmt.Fprintf(w, `<item><title>%s</title><link>https://live.example/%d</link><description>%s. %s</description></item>`, title, i, title, strings.Repeat("More words about it. ", 5))
			}
			fmt.Fprint(w, `</channel></rss>`)
		default:
			files.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(func() { close(fs.hang); fs.Close() })
	return fs
}

// client reaches the feed server and nothing else: the feeds' items link
// to pages on hosts that do not exist, which a test must not look up.
func (fs *feedServer) client() *http.Client {
	var d net.Dialer
	return &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		if addr != fs.Listener.Addr().String() {
			return nil, errors.New("tests reach no other host")
		}
		return d.DialContext(ctx, network, addr)
	}}}
}

// requestsFor returns the requests for path so far.
func (fs *feedServer) requestsFor(path string) []*http.Request {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	var out []*http.Request
	for _, r := range fs.requests {
		if r.URL.Path == path {
			out = append(out, r)
		}
	}
	return out
}

// feedIndex is a fresh, empty index for a test that reads feeds.
func feedIndex(t *testing.T) *index.Index {
	t.Helper()
	ix, err := index.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func TestFeedsAddListRemove(t *testing.T) {
	feeds := newFeedServer(t)
	store := mustStore(t)
	h := startWith(t, discordtest.New(t), botOptions{library: feedIndex(t), store: store, client: feeds.client()})

	added := h.response(t, h.admin("feeds", "add", map[string]any{"url": feeds.URL + "/rss2.xml"}))
	if !strings.HasPrefix(added.Content, "Added Harbour City Herald: ") || added.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Fatalf("/feeds add: %q", added.Content)
	}
	refused := h.response(t, h.admin("feeds", "add", map[string]any{"url": feeds.URL + "/not-a-feed.html"}))
	if !strings.Contains(refused.Content, "not a feed: the server sent an HTML page") {
		t.Errorf("/feeds add of a web page: %q", refused.Content)
	}
	again := h.response(t, h.admin("feeds", "add", map[string]any{"url": feeds.URL + "/rss2.xml"}))
	if !strings.Contains(again.Content, "already reads") {
		t.Errorf("/feeds add twice: %q", again.Content)
	}
	list := h.callbackBody(t, h.admin("feeds", "list", nil))
	if !strings.Contains(list.Data.Content, "`"+feeds.URL+"/rss2.xml`: last read just now, ") || strings.Contains(list.Data.Content, "not-a-feed") {
		t.Errorf("/feeds list: %q", list.Data.Content)
	}
	removed := h.callbackBody(t, h.admin("feeds", "remove", map[string]any{"url": feeds.URL + "/rss2.xml"}))
	if !strings.HasPrefix(removed.Data.Content, "newsbot no longer reads") {
		t.Errorf("/feeds remove: %q", removed.Data.Content)
	}
	store.View(func(s state.State) {
		if len(s.Feeds) != 0 {
			t.Errorf("feeds left after remove: %v", s.Feeds)
		}
	})
	member := h.fake.SendInteraction(discordtest.InteractionSpec{Name: "feeds", Options: []discordtest.CommandOption{{Name: "add", Type: discordgo.ApplicationCommandOptionSubCommand,
		Options: []discordtest.CommandOption{{Name: "url", Type: discordgo.ApplicationCommandOptionString, Value: feeds.URL + "/atom.xml"}}}}})
	if resp := h.callbackBody(t, member); !strings.Contains(resp.Data.Content, "Only members with the Manage Server permission") {
		t.Errorf("/feeds add by a plain member: %q", resp.Data.Content)
	}
}

func TestFeedPolling(t *testing.T) {
	feeds := newFeedServer(t)
	store := mustStore(t)
	clock := &fakeClock{t: time.Date(2025, 4, 20, 12, 0, 0, 0, time.UTC)}
	client := feeds.client()
	client.Timeout = 300 * time.Millisecond
	ix := feedIndex(t)
	h := startWith(t, discordtest.New(t), botOptions{library: ix, store: store, now: clock.Now, client: client, config: func(c *Config) {
		c.Tick = 10 * time.Millisecond
		c.Feeds = []string{feeds.URL + "/rss2.xml", feeds.URL + "/live.xml", feeds.URL + "/missing.xml", feeds.URL + "/hang.xml"}
	}})
	feedState := func(path string) state.Feed {
		var f state.Feed
		store.View(func(s state.State) {
			if rec := s.Feeds[feeds.URL+path]; rec != nil {
				f = *rec
			}
		})
		return f
	}
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s did not happen\n%s", what, h.logs)
			}
		}
	}
	// The first round: the good feeds are read although one never answers.
	waitFor("the first round", func() bool {
		return feedState("/rss2.xml").Primed && feedState("/live.xml").Primed && feedState("/missing.xml").Failures == 1 && feedState("/hang.xml").Failures == 1
	})
	taken := feedState("/rss2.xml").Articles
	if taken == 0 || !strings.Contains(feedState("/missing.xml").LastError, "404") || !strings.Contains(feedState("/hang.xml").LastError, "did not answer") {
		t.Errorf("after the first round: rss2 %+v, missing %+v, hang %+v", feedState("/rss2.xml"), feedState("/missing.xml"), feedState("/hang.xml"))
	}
	failing := feedState("/missing.xml")
	if wait := failing.NextPoll.Sub(clock.Now()); wait < 27*time.Minute {
		t.Errorf("a failing feed is tried again in %s; want about twice the interval", wait)
	}

	// The next round, a poll interval later: nothing new in rss2.xml, asked
	// for with If-Modified-Since; one new story in live.xml.
	feeds.mu.Lock()
	feeds.extra = append(feeds.extra, "A fresh story about the harbour")
	feeds.mu.Unlock()
	clock.Set(clock.Now().Add(20 * time.Minute))
	waitFor("the second round", func() bool { return len(feeds.requestsFor("/rss2.xml")) >= 2 && feedState("/live.xml").Articles >= 2 })
	if got := feedState("/rss2.xml").Articles; got != taken {
		t.Errorf("polling again took %d more articles; want none", got-taken)
	}
	if r := feeds.requestsFor("/rss2.xml")[1]; r.Header.Get("If-Modified-Since") == "" && r.Header.Get("If-None-Match") == "" {
		t.Errorf("the second poll was not conditional: %v", r.Header)
	}

	// The back catalogue's undated story is not news; the story that came
	// later is, dated when it was first seen.
	res, err := ix.Search(context.Background(), news.Query{Since: clock.Now().Add(-24 * time.Hour), Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	var recent []string
	for _, m := range res.Matches {
		recent = append(recent, m.Article.Title)
	}
	if len(recent) != 1 || recent[0] != "A fresh story about the harbour" {
		t.Errorf("articles of the last day: %q; want only the story that arrived after the feed was added", recent)
	}
	list := h.callbackBody(t, h.admin("feeds", "list", nil))
	if !strings.Contains(list.Data.Content, "/missing.xml`: not read yet, failing (") {
		t.Errorf("/feeds list does not show the failing feed: %q", list.Data.Content)
	}
}

func TestEveryShardReadsItsFeeds(t *testing.T) {
	feeds := newFeedServer(t)
	ix := feedIndex(t)
	h := startWith(t, discordtest.New(t), botOptions{library: ix, client: feeds.client(), config: func(c *Config) {
		c.Tick = 10 * time.Millisecond
		c.ShardID, c.ShardCount = 1, 2 // with a NEWSBOT_DATA of its own
		c.Feeds = []string{feeds.URL + "/rss2.xml"}
	}})
	for deadline := time.Now().Add(5 * time.Second); len(feeds.requestsFor("/rss2.xml")) == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("shard 1 never read its feed\n%s", h.logs)
		}
	}
}

// A feed that fails for a day is told once in a channel that gets the
// digest, with the reason; once more when it works again; never per failure.
func TestFeedTroubleToldOnce(t *testing.T) {
	feeds := newFeedServer(t)
	store := mustStore(t)
	if err := store.Update(func(s *state.State) error {
		s.Digests[discordtest.ChannelID] = &state.Digest{GuildID: discordtest.GuildID, ChannelID: discordtest.ChannelID, Time: "07:30", Timezone: "UTC"}
		s.Digests[discordtest.ChannelID].Enabled = true
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{t: time.Date(2025, 4, 20, 12, 0, 0, 0, time.UTC)}
	flaky := feeds.URL + "/flaky.xml"
	h := startWith(t, discordtest.New(t), botOptions{library: feedIndex(t), store: store, now: clock.Now, client: feeds.client(), config: func(c *Config) {
		c.Tick = 10 * time.Millisecond
		c.Feeds = []string{flaky}
	}})
	polled := func() int { return len(feeds.requestsFor("/flaky.xml")) }
	told := func(what string) int {
		n := 0
		for _, r := range h.fake.Requests() {
			if r.Method == "POST" && r.Path == "/channels/"+discordtest.ChannelID+"/messages" && strings.Contains(string(r.Body), what) {
				n++
			}
		}
		return n
	}
	// Each step moves the clock past the feed's next poll and waits for it.
	step := func(by time.Duration) {
		t.Helper()
		before := polled()
		clock.Set(clock.Now().Add(by))
		for deadline := time.Now().Add(5 * time.Second); polled() == before; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the feed was not polled\n%s", h.logs)
			}
		}
		waitTicks()
	}
	for deadline := time.Now().Add(5 * time.Second); polled() == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the feed was never polled")
		}
	}
	waitTicks()
	feeds.mu.Lock()
	feeds.down = true
	feeds.mu.Unlock()
	step(2 * time.Hour)
	if n := told("has not been read for a day"); n != 0 {
		t.Errorf("told of trouble after 2 hours (%d messages)", n)
	}
	step(23 * time.Hour)
	step(25 * time.Hour)
	if n := told("has not been read for a day"); n != 1 || told("503") != 1 {
		t.Errorf("told of the trouble %d times (%d with the reason) over two failing days; want once, saying 503", n, told("503"))
	}
	feeds.mu.Lock()
	feeds.down = false
	feeds.mu.Unlock()
	step(25 * time.Hour)
	step(time.Hour)
	if n := told("works again"); n != 1 {
		t.Errorf("told of the recovery %d times; want once", n)
	}
}

// A feed failing for a week is no longer read, and newsbot says so once, in
// the operator's channel for a feed of NEWSBOT_FEEDS; /feeds add reads it
// again.
func TestFeedStoppedAfterAWeek(t *testing.T) {
	feeds := newFeedServer(t)
	const opsChannel = "700000000000000099"
	clock := &fakeClock{t: time.Date(2025, 4, 20, 12, 0, 0, 0, time.UTC)}
	flaky := feeds.URL + "/flaky.xml"
	h := startWith(t, discordtest.New(t), botOptions{library: feedIndex(t), now: clock.Now, client: feeds.client(), config: func(c *Config) {
		c.Tick = 10 * time.Millisecond
		c.Feeds = []string{flaky}
		c.OpsChannel = opsChannel
	}})
	h.response(t, h.fake.SendInteraction(discordtest.InteractionSpec{Name: "news", ChannelID: opsChannel, // a channel the fake knows
		Options: []discordtest.CommandOption{{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: "Witkoff"}}}))
	polled := func() int { return len(feeds.requestsFor("/flaky.xml")) }
	told := func(what string) (here, elsewhere int) {
		for _, r := range h.fake.Requests() {
			if r.Method == "POST" && strings.HasSuffix(r.Path, "/messages") && strings.Contains(string(r.Body), what) {
				if r.Path == "/channels/"+opsChannel+"/messages" {
					here++
				} else {
					elsewhere++
				}
			}
		}
		return here, elsewhere
	}
	waitPolls := func(n int) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); polled() < n; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the feed was not polled\n%s", h.logs)
			}
		}
		waitTicks()
	}
	waitPolls(1)
	feeds.mu.Lock()
	feeds.down = true
	feeds.mu.Unlock()
	for day := 0; day < 9; day++ { // the retries back off to one a day
		if here, _ := told("has stopped reading the feed"); here > 0 {
			break
		}
		before := polled()
		clock.Set(clock.Now().Add(27 * time.Hour))
		waitPolls(before + 1)
	}
	if here, elsewhere := told("has not been read for a day"); here != 1 || elsewhere != 0 {
		t.Errorf("the day's trouble told %d times in the operator's channel, %d elsewhere; want once there", here, elsewhere)
	}
	if here, elsewhere := told("has stopped reading the feed"); here != 1 || elsewhere != 0 {
		t.Errorf("the stop told %d times in the operator's channel, %d elsewhere; want once there\n%s", here, elsewhere, h.logs)
	}
	stopped := polled()
	clock.Set(clock.Now().Add(3 * 24 * time.Hour))
	waitTicks()
	if n := polled() - stopped; n != 0 {
		t.Errorf("a stopped feed was polled %d times more", n)
	}

	feeds.mu.Lock()
	feeds.down = false
	feeds.mu.Unlock()
	if added := h.response(t, h.admin("feeds", "add", map[string]any{"url": flaky})); strings.Contains(added.Content, "already") {
		t.Errorf("/feeds add of a stopped feed: %q; want it read again", added.Content)
	}
	before := polled()
	clock.Set(clock.Now().Add(time.Hour))
	if list := h.callbackBody(t, h.admin("feeds", "list", nil)); strings.Contains(list.Data.Content, "not read any more") {
		t.Errorf("/feeds list after reading it again: %q", list.Data.Content)
	}
	clock.Set(clock.Now().Add(17 * time.Hour))
	waitPolls(before + 1)
}
