package bot

import (
	"context"
	"errors"
	"fmt"
	"html"
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
	"newsbot/commands"
	"newsbot/index/news"
)

// wire is a news feed whose items the test writes, one story each.
type wire struct {
	*httptest.Server
	mu    sync.Mutex
	items [][2]string // title, text
}

func newWire(t *testing.T) *wire {
	w := &wire{items: [][2]string{{"Harbour opens its new quay", "The city's harbour opened a new quay for cargo ships on Monday, after two years of building work by the port authority."}}}
	w.Server = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.mu.Lock()
		items := append([][2]string(nil), w.items...)
		w.mu.Unlock()
		rw.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(rw, `<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title><link>https://wire.example/</link>`)
		for i, it := range items {
			fmt.Fprintf(rw, `<item><title>%s</title><link>https://wire.example/%d</link><description>%s</description></item>`, html.EscapeString(it[0]), i, html.EscapeString(it[1]))
		}
		fmt.Fprint(rw, `</channel></rss>`)
	}))
	t.Cleanup(w.Close)
	return w
}

// client reaches the wire and nothing else.
func (w *wire) client() *http.Client {
	var d net.Dialer
	return &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		if addr != w.Listener.Addr().String() {
			return nil, errors.New("tests reach no other host")
		}
		return d.DialContext(ctx, network, addr)
	}}}
}

// Stories the wire sends, each its own story: they share no words but the
// topic's.
var (
	iranTalks    = [2]string{"Iran agrees to nuclear talks in Vienna", "Iran said on Tuesday it would send negotiators to Vienna next month for talks with European diplomats about uranium enrichment limits."}
	iranFootball = [2]string{"Iran football squad beats Japan", "Iran's national football squad beat Japan two goals to one in Tehran, with a late penalty from the captain deciding the qualifier."}
	iranOil      = [2]string{"Iran raises crude exports to Asia", "Iran shipped more crude to refiners in China and India during November, tanker tracking firms reported, despite sanctions."}
	iranQuake    = [2]string{"Earthquake shakes southern Iran", "A strong earthquake struck southern Iran near Bandar Abbas overnight, damaging buildings in several villages, rescuers said."}
	iranElection = [2]string{"Iran sets date for presidential election", "Iran's interior ministry set the presidential election for June, and candidates may register from early April."}
	iranRial     = [2]string{"Iran's rial falls to record low", "The rial fell to a record low against the dollar in Tehran's currency exchanges, traders said, as inflation stays high."}
	ferryStrike  = [2]string{"Harbour ferry strike ends", "Ferry crews in the harbour ended their strike after the operator agreed to a pay rise of four percent this year."}
)

// followBot runs a bot that reads the wire, with the clock the test moves.
type followBot struct {
	*harness
	wire  *wire
	clock *fakeClock
	store state.Keeper
}

// startFollowBot runs a bot reading the wire, with perHour alerts a channel,
// until the test ends or stop, and waits for its first poll.
func startFollowBot(t *testing.T, fake *discordtest.Server, w *wire, clock *fakeClock, store state.Keeper, lib Library, perHour int) (*followBot, func() error) {
	t.Helper()
	h := &harness{fake: fake, logs: &syncBuffer{}}
	var stop func() error
	h.bot, stop = runBot(t, fake, botOptions{library: lib, store: store, now: clock.Now, client: w.client(), config: func(c *Config) {
		c.Tick = 10 * time.Millisecond
		c.Feeds = []string{w.URL + "/wire.xml"}
		c.AlertsPerHour = perHour
	}}, h.logs)
	stop = sync.OnceValue(stop) // at the end of the test, unless the test stopped it
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	fb := &followBot{harness: h, wire: w, clock: clock, store: store}
	fb.waitArticles(t, 1) // the back catalogue
	return fb, stop
}

// articles is how many articles the bot took from the wire.
func (fb *followBot) articles() int {
	n := 0
	fb.store.View(func(s state.State) {
		if f := s.Feeds[fb.wire.URL+"/wire.xml"]; f != nil && f.Primed {
			n = max(1, f.Articles)
		}
	})
	return n
}

func (fb *followBot) waitArticles(t *testing.T, want int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); fb.articles() < want; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the wire's articles: %d; want %d\n%s", fb.articles(), want, fb.logs)
		}
	}
}

// publish puts stories on the wire, moves the clock past the next poll and
// waits for the bot to take them, and for the alerts that follow.
func (fb *followBot) publish(t *testing.T, stories ...[2]string) {
	t.Helper()
	before := fb.articles()
	fb.wire.mu.Lock()
	fb.wire.items = append(fb.wire.items, stories...)
	fb.wire.mu.Unlock()
	fb.clock.Set(fb.clock.Now().Add(20 * time.Minute))
	fb.waitArticles(t, before+len(stories))
	time.Sleep(300 * time.Millisecond) // the alerts of the round
}

// await waits up to 5 s for cond: for what the alerts of a round post, which
// a loaded machine may take longer than publish waits to send.
func await(cond func() bool) {
	for deadline := time.Now().Add(5 * time.Second); !cond() && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
}

// awaitPosts waits for at least n posts in a channel that contain text,
// and returns those there are.
func (fb *followBot) awaitPosts(channelID, text string, n int) []discordtest.Message {
	await(func() bool { return len(fb.posts(channelID, text)) >= n })
	return fb.posts(channelID, text)
}

// posts are the bot's messages in a channel that contain text.
func (fb *followBot) posts(channelID, text string) []discordtest.Message {
	var out []discordtest.Message
	for _, m := range fb.fake.Messages() {
		if m.Source == discordtest.SourceChannel && m.ChannelID == channelID && strings.Contains(m.Content+"\n"+embedText(m), text) {
			out = append(out, m)
		}
	}
	return out
}

// A followed topic's new stories are posted once each, without the
// excluded ones, and not again by a bot restarted on the same state.
func TestFollowAlertsOnceAcrossRestart(t *testing.T) {
	fake, w, lib, store := discordtest.New(t), newWire(t), feedIndex(t), mustStore(t)
	clock := &fakeClock{t: time.Date(2025, 12, 2, 9, 0, 0, 0, time.UTC)}
	fb, stop := startFollowBot(t, fake, w, clock, store, lib, 5)

	resp := fb.callbackBody(t, fb.admin("follow", "add", map[string]any{"topic": "Iran -football"}))
	if resp.Data == nil || !strings.Contains(resp.Data.Content, "each new story on **Iran** (without football)") || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Fatalf("/follow add: %s", mustJSON(t, resp))
	}
	plain := fb.fake.SendInteraction(discordtest.InteractionSpec{Name: "follow", Options: []discordtest.CommandOption{{Name: "add", Type: discordgo.ApplicationCommandOptionSubCommand,
		Options: []discordtest.CommandOption{{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: "Iran"}}}}})
	if resp := fb.callbackBody(t, plain); !strings.Contains(resp.Data.Content, "Only members with the Manage Server permission") {
		t.Errorf("/follow add in a channel by a plain member: %q", resp.Data.Content)
	}
	fb.publish(t, iranTalks, iranFootball, ferryStrike)
	alerts := fb.awaitPosts(discordtest.ChannelID, "New on **Iran**", 1)
	if len(alerts) != 1 || !strings.Contains(embedText(alerts[0]), "Vienna") {
		t.Fatalf("alerts after the first stories: %d (%q); want the Vienna talks alone\n%s", len(alerts), messagesText(alerts), fb.logs)
	}
	if m := alerts[0]; m.AllowedMentions == nil || len(m.AllowedMentions.Parse) != 0 {
		t.Errorf("an alert may ping: allowed mentions %+v", m.AllowedMentions)
	}
	if n := len(fb.posts(discordtest.ChannelID, "football")); n != 0 {
		t.Errorf("%d posts about the excluded football", n)
	}

	if err := stop(); err != nil {
		t.Fatal(err)
	}
	fb, _ = startFollowBot(t, fake, w, clock, store, lib, 5)
	fb.publish(t, iranOil)
	if n := len(fb.awaitPosts(discordtest.ChannelID, "crude", 1)); n != 1 {
		t.Errorf("the story after the restart was posted %d times; want once\n%s", n, fb.logs)
	}
	if n := len(fb.posts(discordtest.ChannelID, "Vienna")); n != 1 {
		t.Errorf("the Vienna talks were posted %d times across a restart; want once\n%s", n, fb.logs)
	}

	list := fb.callbackBody(t, fb.admin("follow", "list", nil))
	if !strings.Contains(list.Data.Content, "<#"+discordtest.ChannelID+">: **Iran** (without football)") {
		t.Errorf("/follow list: %q", list.Data.Content)
	}
	removed := fb.callbackBody(t, fb.admin("follow", "remove", map[string]any{"topic": "iran"}))
	if !strings.Contains(removed.Data.Content, "No longer followed: **Iran**") {
		t.Errorf("/follow remove: %q", removed.Data.Content)
	}
	fb.publish(t, iranQuake)
	if n := len(fb.posts(discordtest.ChannelID, "earthquake")); n != 0 {
		t.Errorf("a story of a topic no longer followed was posted")
	}
}

// messagesText is the text of messages, for a test's error.
func messagesText(ms []discordtest.Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Content+" "+embedText(m))
	}
	return out
}

// More new stories than a channel may get in an hour are gathered into one
// message; the next hour has room again.
func TestFollowAlertsGatheredNotFlooded(t *testing.T) {
	fake, w := discordtest.New(t), newWire(t)
	clock := &fakeClock{t: time.Date(2025, 12, 2, 9, 0, 0, 0, time.UTC)}
	fb, _ := startFollowBot(t, fake, w, clock, mustStore(t), feedIndex(t), 2)
	fb.callbackBody(t, fb.admin("follow", "add", map[string]any{"topic": "Iran"}))
	fb.publish(t, iranTalks, iranFootball, iranOil, iranQuake, iranElection)
	alone, gathered := fb.awaitPosts(discordtest.ChannelID, "New on **Iran**", 1), fb.awaitPosts(discordtest.ChannelID, "more new stories", 1)
	if len(alone) != 1 || len(gathered) != 1 || !strings.Contains(gathered[0].Content, "And 4 more new stories on **Iran**") {
		t.Fatalf("%d alerts alone and %d gathered (%q); want 1 and 1 of 4 stories\n%s", len(alone), len(gathered), messagesText(append(alone, gathered...)), fb.logs)
	}
	fb.publish(t, iranRial) // 20 minutes later: the hour's two posts are spent
	if n := len(fb.posts(discordtest.ChannelID, "rial")); n != 0 {
		t.Errorf("%d posts beyond the hour's two", n)
	}
	fb.publish(t, ferryStrike) // 40 minutes later: the rial's story waited
	fb.publish(t, [2]string{"Tide tables for December", "The port authority published its tide tables for December, with the highest tides around the full moon."})
	if n := len(fb.awaitPosts(discordtest.ChannelID, "rial", 1)); n != 1 {
		t.Errorf("the story that waited for room was posted %d times; want once, in the next hour\n%s", n, fb.logs)
	}
}

// follow sends a subcommand of /follow as user, a plain member.
func (fb *followBot) follow(sub string, user discordtest.User, opts ...discordtest.CommandOption) discordtest.Sent {
	return fb.fake.SendInteraction(discordtest.InteractionSpec{Name: "follow", User: user,
		Options: []discordtest.CommandOption{{Name: sub, Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts}}})
}

// dmPosts are the bot's messages in a user's direct messages containing text.
func (fb *followBot) dmPosts(userID, text string) []discordtest.Message {
	if ch := fb.fake.DMChannel(userID); ch != "" {
		return fb.posts(ch, text)
	}
	return nil
}

// A private follow's alerts go to its user's direct messages. A user whose
// direct messages are closed is told once, in a reply only they see, and
// their follow is paused: when asking, or on their next command after an
// alert could not reach them. A paused follow is not tried again.
func TestFollowPrivately(t *testing.T) {
	fake, w := discordtest.New(t), newWire(t)
	clock := &fakeClock{t: time.Date(2025, 12, 2, 9, 0, 0, 0, time.UTC)}
	fb, _ := startFollowBot(t, fake, w, clock, mustStore(t), feedIndex(t), 5)
	alice := discordtest.User{ID: discordtest.UserID, Username: "alice"}
	bob := discordtest.User{ID: "600000000000000002", Username: "bob"}
	fake.CloseDMs(bob.ID)
	topic := discordtest.CommandOption{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: "Iran"}
	private := discordtest.CommandOption{Name: "private", Type: discordgo.ApplicationCommandOptionBoolean, Value: true}

	if m := fb.response(t, fb.follow("add", alice, topic, private)); !strings.HasPrefix(m.Content, "You follow **Iran**") || m.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("/follow add private:true: %q (flags %d)", m.Content, m.Flags)
	}
	if n := len(fb.dmPosts(alice.ID, "You follow **Iran**")); n != 1 {
		t.Errorf("%d greetings in alice's direct messages; want 1", n)
	}
	if m := fb.response(t, fb.follow("add", bob, topic, private)); !strings.Contains(m.Content, "cannot send you direct messages, so your follow of **Iran** is paused") {
		t.Errorf("/follow add private:true with DMs closed: %q", m.Content)
	}
	// In a direct message with the bot, a follow is private without asking.
	carol := discordtest.User{ID: "600000000000000003", Username: "carol"}
	inDM := fake.SendInteraction(discordtest.InteractionSpec{Name: "follow", User: carol, DM: true,
		Options: []discordtest.CommandOption{{Name: "add", Type: discordgo.ApplicationCommandOptionSubCommand, Options: []discordtest.CommandOption{topic}}}})
	if m := fb.response(t, inDM); !strings.HasPrefix(m.Content, "You follow **Iran**") {
		t.Errorf("/follow add in a direct message: %q", m.Content)
	}

	fb.publish(t, iranTalks)
	await(func() bool { return len(fb.dmPosts(alice.ID, "Vienna")) > 0 && len(fb.dmPosts(carol.ID, "Vienna")) > 0 })
	if n := len(fb.dmPosts(alice.ID, "Vienna")); n != 1 {
		t.Errorf("alice got the Vienna talks %d times; want once\n%s", n, fb.logs)
	}
	if n := len(fb.posts(discordtest.ChannelID, "Vienna")); n != 0 {
		t.Errorf("a private follow posted in the channel")
	}
	if n := len(fb.dmPosts(carol.ID, "Vienna")); n != 1 {
		t.Errorf("carol got the Vienna talks %d times; want once", n)
	}

	// alice closes her direct messages: the next alert fails, and she is
	// told once, after her next command whose followup goes through.
	fake.CloseDMs(alice.ID)
	fb.publish(t, iranOil)
	sendsToAlice := func() int {
		n := 0
		for _, r := range fake.Requests() {
			if r.Method == "POST" && r.Path == "/channels/"+fake.DMChannel(alice.ID)+"/messages" && r.Status == http.StatusForbidden {
				n++
			}
		}
		return n
	}
	await(func() bool { return sendsToAlice() > 0 })
	refused := sendsToAlice()
	if refused != 1 {
		t.Errorf("%d refused posts to alice; want the one alert", refused)
	}
	told := func(sent discordtest.Sent) bool {
		fb.callback(t, sent)
		found := func() bool {
			for _, m := range fake.Messages() {
				if m.InteractionID == sent.ID && m.Source == discordtest.SourceFollowup && strings.Contains(m.Content, "your follows of **Iran** are paused") && m.Flags&discordgo.MessageFlagsEphemeral != 0 {
					return true
				}
			}
			return false
		}
		for deadline := time.Now().Add(time.Second); !found() && time.Now().Before(deadline); {
			time.Sleep(10 * time.Millisecond)
		}
		return found()
	}
	// The first telling is lost: Discord refuses the followup. (An Unknown
	// Webhook is tried again, as Discord may not know the interaction yet.)
	fake.Fail("POST /webhooks/*/*", 1, discordtest.APIError{Status: http.StatusForbidden, Code: 50001, Message: "Missing Access"})
	if told(fb.follow("list", alice)) {
		t.Error("alice was told in a followup Discord refused")
	}
	if !told(fb.follow("list", alice)) {
		t.Errorf("alice was not told that her follow is paused after the first telling was lost\n%s", fb.logs)
	}
	if told(fb.follow("list", alice)) {
		t.Error("alice was told twice that her follow is paused")
	}
	if told(fb.follow("list", bob)) {
		t.Error("bob, told when he asked, was told again")
	}
	fb.publish(t, iranQuake)
	if n := sendsToAlice(); n != refused {
		t.Errorf("a paused follow was tried again: %d refused posts to alice", n)
	}
	list := fb.callbackBody(t, fb.follow("list", alice))
	if !strings.Contains(list.Data.Content, "Your direct messages: **Iran** · paused: newsbot cannot send you direct messages") {
		t.Errorf("/follow list: %q", list.Data.Content)
	}
}

// What a follow remembers is bounded: by age, and by count, oldest first.
func TestForgetAlerts(t *testing.T) {
	now := time.Date(2025, 12, 2, 9, 0, 0, 0, time.UTC)
	f := &state.Follow{Alerted: map[string]time.Time{"old": now.Add(-alertMemory - time.Minute)}}
	for i := range maxAlerted + 10 {
		f.Alerted[fmt.Sprint(i)] = now.Add(time.Duration(i-maxAlerted-10) * time.Minute)
	}
	s := &state.State{Follows: map[string]*state.Follow{"k": f}, AlertsPosted: map[string][]time.Time{
		"gone": {now.Add(-2 * time.Hour)}, "kept": {now.Add(-2 * time.Hour), now.Add(-59 * time.Minute)},
	}}
	forgetAlerts(s, now)
	if _, ok := f.Alerted["old"]; ok || len(f.Alerted) != maxAlerted {
		t.Errorf("%d articles remembered (the old one: %v); want %d, not the old one", len(f.Alerted), ok, maxAlerted)
	}
	for i := range 10 {
		if _, ok := f.Alerted[fmt.Sprint(i)]; ok {
			t.Errorf("article %d, among the oldest, is remembered", i)
		}
	}
	if _, ok := s.AlertsPosted["gone"]; ok || len(s.AlertsPosted["kept"]) != 1 {
		t.Errorf("posts counted: %v; want only kept's last", s.AlertsPosted)
	}
}

// A follow with min_sources posts a story when it first has that many
// sources, and not before.
func TestFollowMinSources(t *testing.T) {
	fake, w := discordtest.New(t), newWire(t)
	clock := &fakeClock{t: time.Date(2025, 12, 2, 9, 0, 0, 0, time.UTC)}
	fb, _ := startFollowBot(t, fake, w, clock, mustStore(t), feedIndex(t), 5)
	resp := fb.callbackBody(t, fb.admin("follow", "add", map[string]any{"topic": "Vienna", "min_sources": 2}))
	if !strings.Contains(resp.Data.Content, "when it has 2 sources") {
		t.Fatalf("/follow add min_sources:2: %q", resp.Data.Content)
	}
	fb.publish(t, iranTalks)
	if n := len(fb.posts(discordtest.ChannelID, "Vienna")); n != 0 {
		t.Fatalf("a story with one source was posted (%d posts)", n)
	}
	fb.publish(t, [2]string{"Iran confirms nuclear talks in Vienna", "Iran confirmed on Wednesday that its negotiators will meet European diplomats in Vienna next month for talks on uranium enrichment limits."})
	posts := fb.awaitPosts(discordtest.ChannelID, "New on **Vienna**", 1)
	if len(posts) != 1 || !strings.Contains(embedText(posts[0]), "2 sources") {
		t.Errorf("posts once the story has 2 sources: %q; want one, saying 2 sources\n%s", messagesText(posts), fb.logs)
	}
}

// The follows of a channel that is gone are paused, not tried for good.
func TestFollowPausedWhenTheChannelIsGone(t *testing.T) {
	fake, w := discordtest.New(t), newWire(t)
	clock := &fakeClock{t: time.Date(2025, 12, 2, 9, 0, 0, 0, time.UTC)}
	fb, _ := startFollowBot(t, fake, w, clock, mustStore(t), feedIndex(t), 5)
	fb.callbackBody(t, fb.admin("follow", "add", map[string]any{"topic": "Iran"}))
	posts := "POST /channels/" + discordtest.ChannelID + "/messages"
	fake.Fail(posts, 1, discordtest.APIError{Status: http.StatusNotFound, Code: 10003, Message: "Unknown Channel"})
	fb.publish(t, iranTalks)
	await(func() bool {
		paused := false
		fb.store.View(func(s state.State) {
			for _, f := range s.Follows {
				paused = f.Paused != ""
			}
		})
		return paused
	})
	fb.publish(t, iranOil)
	tried := 0
	for _, r := range fake.Requests() {
		if discordtest.Matches(posts)(r) {
			tried++
		}
	}
	if tried != 1 {
		t.Errorf("%d posts tried in a channel that is gone; want 1", tried)
	}
	list := fb.callbackBody(t, fb.admin("follow", "list", nil))
	if !strings.Contains(list.Data.Content, "**Iran** · paused: the channel is gone") {
		t.Errorf("/follow list: %q", list.Data.Content)
	}
}

// A gathered alert names every topic in bold, each escaped alone.
func TestGatheredAlertMessage(t *testing.T) {
	story := func(title string) commands.Story {
		return commands.Story{Title: title, Sources: []news.Article{{ID: title, Title: title}}}
	}
	m := alertMessage(alertPost{topics: []string{"Iran", "oil_prices"}, stories: []commands.Story{story("One"), story("Two")}})
	if want := `And 2 more new stories on **Iran**, **oil\_prices**, gathered so as not to flood:`; m.Content != want {
		t.Errorf("content %q; want %q", m.Content, want)
	}
	if len(m.Embeds) != 1 || !strings.Contains(m.Embeds[0].Description, "**1.** One") || m.AllowedMentions == nil || len(m.AllowedMentions.Parse) != 0 {
		t.Errorf("gathered alert: %s", mustJSON(t, m))
	}
}
