package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot"
	"newsbot/bot/discordtest"
	"newsbot/index/stream/natstest"
)

// Three "newsbot serve" processes on one NATS, as an operator runs them: two
// gateway shards of a two-shard bot and one replica taking interactions over
// HTTP. 2,000 files come in through the first shard's node, a feed through
// the second shard, and the replica is killed with SIGKILL while it applies
// them, then started again. Afterwards all three indexes hold the same
// articles, each due digest was posted once though all three ran the digest
// loop, and each process answered /news with articles that came in through
// the others. Then the same on a 3-node NATS cluster that loses a node in the
// middle.
func TestClusterServeProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds newsbot, runs three bots and waits for a digest's minute")
	}
	exe := buildNewsbot(t)
	t.Run("one NATS server", func(t *testing.T) {
		t.Parallel()
		runClusterScenario(t, exe, natstest.Start(t), nil)
	})
	t.Run("3-node cluster losing a node", func(t *testing.T) {
		t.Parallel()
		cluster := natstest.StartCluster(t, 3)
		runClusterScenario(t, exe, cluster.URL(), func() {
			t.Log("stopping NATS server 2 of 3")
			cluster.Servers[1].Shutdown()
		})
	})
}

// otherGuildID is a server on shard 0 of 2: discordtest.GuildID is on shard 1.
const otherGuildID = "800000000004194305"

// runClusterScenario runs the scenario of TestClusterServeProcesses on the
// NATS servers at natsURL; middle, when set, runs while the 2,000 files are
// being published.
func runClusterScenario(t *testing.T, exe, natsURL string, middle func()) {
	fake := discordtest.New(t)
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, ferryFeed(time.Now()))
	}))
	t.Cleanup(feed.Close)
	replicas := "1"
	if strings.Count(natsURL, ",") == 2 {
		replicas = "3"
	}
	base := append(os.Environ(),
		"DISCORD_TOKEN="+testToken, "DISCORD_API_URL="+fake.URL(), "DISCORD_PUBLIC_KEY="+hex.EncodeToString(pub),
		"NEWSBOT_NATS_URL="+natsURL, "NEWSBOT_NATS_REPLICAS="+replicas, "NEWSBOT_TRUSTED_NETWORKS=127.0.0.1",
		"NEWSBOT_LOG_LEVEL=debug")
	shard := func(id int) []string {
		return append(slices.Clone(base), "DISCORD_SHARD_ID="+strconv.Itoa(id), "DISCORD_SHARD_COUNT=2")
	}
	dirs := map[string]string{"shard 0": t.TempDir(), "shard 1": t.TempDir(), "replica": t.TempDir()}
	replicaAddr := freeAddr(t)
	serve := func(name string) *botProcess {
		args := []string{"serve", "--data", dirs[name]}
		env := base
		switch name {
		case "shard 0":
			env = shard(0)
		case "shard 1":
			env = shard(1)
		case "replica":
			args = append(args, "--http", replicaAddr)
		}
		return startBot(t, exe, name, env, args...)
	}
	replica := &httpReplica{addr: replicaAddr, key: priv, fake: fake}

	// The first shard and the replica start on an empty stream. The digests
	// of a channel on each shard are set through the shard and the replica,
	// for the next minute, so that they fall due while the processes run.
	first, third := serve("shard 0"), serve("replica")
	first.waitHealthy(t)
	third.waitHealthy(t)
	at := digestTime(time.Now())
	setDigest := func(guild, channel string, send func(discordtest.InteractionSpec) discordtest.Message) {
		t.Helper()
		answer := send(discordtest.InteractionSpec{Name: "digest", GuildID: guild, ChannelID: channel, Permissions: discordgo.PermissionManageGuild,
			Options: []discordtest.CommandOption{{Name: "set", Type: discordgo.ApplicationCommandOptionSubCommand, Options: []discordtest.CommandOption{
				{Name: "channel", Type: discordgo.ApplicationCommandOptionChannel, Value: channel},
				{Name: "time", Type: discordgo.ApplicationCommandOptionString, Value: at.Format("15:04")},
				{Name: "timezone", Type: discordgo.ApplicationCommandOptionString, Value: "UTC"}}}}})
		if !strings.Contains(answer.Content, "The daily digest will be posted") {
			t.Fatalf("/digest set in %s: %q", channel, answer.Content)
		}
	}
	const channel0, channel1 = "700000000000000010", discordtest.ChannelID
	setDigest(otherGuildID, channel0, func(s discordtest.InteractionSpec) discordtest.Message { return askGateway(t, fake, s) })
	setDigest(discordtest.GuildID, channel1, replica.ask(t))

	// 2,000 files through the second shard's node, before it serves; the
	// replica is killed while it applies them, and started again.
	src := writeHarbourFiles(t, 2000)
	indexed := make(chan error, 1)
	go func() {
		cmd := exec.Command(exe, "index", "--data", dirs["shard 1"], src)
		cmd.Env = shard(1)
		out, err := cmd.CombinedOutput()
		if err == nil && !bytes.HasPrefix(out, []byte("added 2000,")) {
			err = fmt.Errorf("unexpected report: %s", out)
		} else if err != nil {
			err = fmt.Errorf("%w: %s", err, out)
		}
		indexed <- err
	}()
	if middle != nil {
		middle()
	}
	if !waitApplying(t, dirs["replica"]) {
		t.Log("the replica had applied nothing when it was killed")
	}
	third.kill(t)
	if err := <-indexed; err != nil {
		t.Fatalf("newsbot index: %v", err)
	}
	third = serve("replica")
	second := serve("shard 1")

	// A feed through the first shard, in its server.
	added := askGateway(t, fake, discordtest.InteractionSpec{Name: "feeds", GuildID: otherGuildID, ChannelID: channel0, Permissions: discordgo.PermissionManageGuild,
		Options: []discordtest.CommandOption{{Name: "add", Type: discordgo.ApplicationCommandOptionSubCommand, Options: []discordtest.CommandOption{
			{Name: "url", Type: discordgo.ApplicationCommandOptionString, Value: feed.URL + "/ferry.xml"}}}}})
	if !strings.Contains(added.Content, "3 articles") {
		t.Fatalf("/feeds add: %q", added.Content)
	}
	processes := []*botProcess{first, second, third}
	for _, p := range processes {
		p.waitApplied(t)
	}

	// Each shard answers its own server with what came in through the
	// others; the replica answers both.
	news := func(guild, topic string) discordtest.InteractionSpec {
		return discordtest.InteractionSpec{Name: "news", GuildID: guild, ChannelID: map[string]string{otherGuildID: channel0, discordtest.GuildID: channel1}[guild],
			Options: []discordtest.CommandOption{{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: topic}}}
	}
	for _, tt := range []struct {
		who   string
		ask   func(discordtest.InteractionSpec) discordtest.Message
		spec  discordtest.InteractionSpec
		title string
	}{
		{"shard 0 on the files", func(s discordtest.InteractionSpec) discordtest.Message { return askGateway(t, fake, s) }, news(otherGuildID, "harbour"), "harbour: 2000 articles"},
		{"shard 1 on the feed", func(s discordtest.InteractionSpec) discordtest.Message { return askGateway(t, fake, s) }, news(discordtest.GuildID, "ferry"), "ferry: 3 articles"},
		{"the replica on the files", replica.ask(t), news(discordtest.GuildID, "harbour"), "harbour: 2000 articles"},
		{"the replica on the feed", replica.ask(t), news(otherGuildID, "ferry"), "ferry: 3 articles"},
	} {
		if answer := tt.ask(tt.spec); len(answer.Embeds) == 0 || answer.Embeds[0].Title != tt.title {
			t.Errorf("%s: %q %s; want %q", tt.who, answer.Content, embedTitles(answer), tt.title)
		}
	}

	// The digests fall due while all three run the digest loop; a second
	// post would come within a tick of each process after that.
	time.Sleep(time.Until(at.Add(bot.DefaultTick + 5*time.Second)))
	for _, ch := range []string{channel0, channel1} {
		if n := digestPosts(fake, ch); n != 1 {
			t.Errorf("channel %s got %d digest posts; want 1", ch, n)
		}
	}

	for _, p := range processes {
		p.stop(t)
	}
	want := articleIDs(t, dirs["shard 0"])
	if len(want) != 2003 {
		t.Errorf("shard 0's index holds %d articles; want the 2,000 files and the feed's 3", len(want))
	}
	for _, name := range []string{"shard 1", "replica"} {
		if got := articleIDs(t, dirs[name]); !slices.Equal(got, want) {
			t.Errorf("%s's index holds %d articles; want shard 0's %d, the same ones", name, len(got), len(want))
		}
	}
}

// digestTime is a time for a digest that falls due while the test runs: the
// next minute that is at least 20 s away, so that setting it is not too late.
func digestTime(now time.Time) time.Time {
	return now.Add(20 * time.Second).Truncate(time.Minute).Add(time.Minute).UTC()
}

// digestPosts counts the digests posted in channel. It counts requests:
// the fake, like Discord, would merge a repeat carrying the same nonce.
func digestPosts(fake *discordtest.Server, channel string) int {
	n := 0
	for _, r := range fake.Requests() {
		if r.Method == "POST" && r.Path == "/channels/"+channel+"/messages" && bytes.Contains(r.Body, []byte("Daily digest")) {
			n++
		}
	}
	return n
}

// embedTitles lists the titles of a message's embeds.
func embedTitles(m discordtest.Message) []string {
	var titles []string
	for _, e := range m.Embeds {
		titles = append(titles, e.Title)
	}
	return titles
}

// writeHarbourFiles writes n article files about a harbour, dated in April
// 2025, into a new folder.
func writeHarbourFiles(t *testing.T, n int) string {
	t.Helper()
	src := t.TempDir()
	for i := range n {
		text := fmt.Sprintf(" date 2025-04-%02d Harbour story number %d\n\nThe harbour council met on the %dth and talked about item %d at length. ", 1+i%28, i, i%28+1, i)
		text += strings.Repeat(fmt.Sprintf("Officials said item %d would be decided later. ", i), 20)
		if err := os.WriteFile(filepath.Join(src, fmt.Sprintf("%05d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return src
}

// ferryFeed is an RSS feed of three ferry stories published just before now.
func ferryFeed(now time.Time) string {
	var items strings.Builder
	for i, what := range []string{"is delayed by fog", "resumes its crossings", "gets a new captain"} {
		fmt.Fprintf(&items, `<item><title>The island ferry %s</title><link>https://ferry.example/news/%d</link><guid>ferry-%d</guid><pubDate>%s</pubDate>
<description>The island ferry %s, the operator said on Monday. Passengers were told to check the timetable before they travel to the island.</description></item>`,
			what, i, i, now.Add(-time.Duration(i+1)*time.Hour).Format(time.RFC1123Z), what)
	}
	return `<?xml version="1.0"?><rss version="2.0"><channel><title>Island Gazette</title><link>https://ferry.example/</link>` + items.String() + `</channel></rss>`
}

// askGateway sends an interaction over the gateway, to the shard of its
// server, and returns the bot's answer once it is in.
func askGateway(t *testing.T, fake *discordtest.Server, spec discordtest.InteractionSpec) discordtest.Message {
	t.Helper()
	sent := fake.SendInteraction(spec)
	return answerTo(t, fake, sent, spec)
}

// answerTo waits for the bot's answer to an interaction: its response, or
// the deferred response edited in.
func answerTo(t *testing.T, fake *discordtest.Server, sent discordtest.Sent, spec discordtest.InteractionSpec) discordtest.Message {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := fake.WaitRequest(ctx, func(r discordtest.Request) bool {
		return r.Status/100 == 2 && (r.Method == "PATCH" && strings.Contains(r.Path, sent.Token) ||
			r.Method == "POST" && strings.Contains(r.Path, "/interactions/"+sent.ID+"/") && !bytes.Contains(r.Body, []byte(`"type":5`)))
	}); err != nil {
		t.Fatalf("/%s %v in server %s (interaction %s) was not answered: %v", spec.Name, spec.Options, spec.GuildID, sent.ID, err)
	}
	for _, m := range fake.Messages() {
		if m.InteractionID == sent.ID {
			return m
		}
	}
	t.Fatalf("interaction %s: no message", sent.ID)
	return discordtest.Message{}
}

// httpReplica is a newsbot taking interactions over HTTP, as Discord sends
// them: signed, and its response relayed as the interaction's callback.
type httpReplica struct {
	addr string
	key  ed25519.PrivateKey
	fake *discordtest.Server
}

func (h *httpReplica) ask(t *testing.T) func(discordtest.InteractionSpec) discordtest.Message {
	return func(spec discordtest.InteractionSpec) discordtest.Message {
		t.Helper()
		payload, sent := h.fake.NewInteraction(spec)
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		req, _ := http.NewRequest("POST", "http://"+h.addr, bytes.NewReader(payload))
		req.Header.Set("X-Signature-Timestamp", ts)
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(h.key, append([]byte(ts), payload...))))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		callback := "https://discord.com/api/v9/interactions/" + sent.ID + "/" + sent.Token + "/callback"
		relayed, err := h.fake.Client().Post(callback, "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		relayed.Body.Close()
		if relayed.StatusCode != http.StatusNoContent {
			t.Fatalf("the fake refused the replica's response %s: %d", body, relayed.StatusCode)
		}
		return answerTo(t, h.fake, sent, spec)
	}
}

// botProcess is a running "newsbot serve", with /healthz and /metrics on a
// port of its own.
type botProcess struct {
	name string
	cmd  *exec.Cmd
	ops  string
	log  *lockedBuffer
	done chan struct{}
}

func startBot(t *testing.T, exe, name string, env []string, args ...string) *botProcess {
	t.Helper()
	p := &botProcess{name: name, ops: freeAddr(t), log: &lockedBuffer{}, done: make(chan struct{})}
	p.cmd = exec.Command(exe, args...)
	p.cmd.Env = append(slices.Clone(env), "NEWSBOT_HTTP="+p.ops)
	p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.done
		if t.Failed() {
			t.Logf("log of %s:\n%s", p.name, lastLines(p.log.String(), 40))
		}
	})
	return p
}

// waitHealthy waits for /healthz to answer 200: connected, and at most a
// batch behind the stream.
func (p *botProcess) waitHealthy(t *testing.T) {
	t.Helper()
	p.waitFor(t, "/healthz", "ok")
}

// waitApplied waits until the process has applied the whole stream.
func (p *botProcess) waitApplied(t *testing.T) {
	t.Helper()
	p.waitFor(t, "/metrics", "\nnewsbot_stream_behind 0\n")
}

func (p *botProcess) waitFor(t *testing.T, path, want string) {
	t.Helper()
	var last string
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		select {
		case <-p.done:
			t.Fatalf("%s exited: %v", p.name, p.cmd.ProcessState)
		default:
		}
		resp, err := http.Get("http://" + p.ops + path)
		if err != nil {
			last = err.Error()
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if last = string(body); resp.StatusCode == http.StatusOK && strings.Contains(last, want) {
			return
		}
	}
	t.Fatalf("%s: %s never showed %q; last: %s", p.name, path, strings.TrimSpace(want), lastLines(last, 5))
}

// kill stops the process with SIGKILL, as a crash or an OOM killer would.
func (p *botProcess) kill(t *testing.T) {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// stop stops the process with SIGTERM, as a supervisor would, and checks
// that it stopped cleanly.
func (p *botProcess) stop(t *testing.T) {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(20 * time.Second):
		t.Fatalf("%s did not stop within 20 s of SIGTERM", p.name)
	}
	if !p.cmd.ProcessState.Success() {
		t.Errorf("%s stopped with %v", p.name, p.cmd.ProcessState)
	}
}

// freeAddr is a loopback address nobody listens on now, and that it has not
// handed out before: a process given one may not have bound it yet when the
// next asks, and the kernel hands the same port out again ("bind: address
// already in use" in a replica started after a shard).
func freeAddr(t *testing.T) string {
	t.Helper()
	handedOut.Lock()
	defer handedOut.Unlock()
	for {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		if !handedOut.addrs[addr] {
			handedOut.addrs[addr] = true
			return addr
		}
	}
}

// handedOut are the addresses freeAddr has handed out.
var handedOut = struct {
	sync.Mutex
	addrs map[string]bool
}{addrs: map[string]bool{}}

// lastLines is the end of a log, n lines at most.
func lastLines(text string, n int) string {
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
