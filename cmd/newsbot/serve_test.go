package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/discordtest"
)

const testToken = "OTAwMDAwMDAwMDAwMDAwMDAx.GxYzAb.abcdefghijklmnopqrstuvwxyz0123456789AB"

// lockedBuffer is a bytes.Buffer safe for the bot's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeAgainstFakeDiscord runs "newsbot serve" as a server owner would,
// with DISCORD_API_URL pointing at a fake Discord, and asks it questions.
func TestServeAgainstFakeDiscord(t *testing.T) {
	fake := discordtest.New(t)
	env := map[string]string{
		"DISCORD_TOKEN":    testToken,
		"DISCORD_API_URL":  fake.URL(),
		"DISCORD_GUILD_ID": discordtest.GuildID,
		"NEWSBOT_DATA":     mustIndexSamples(t),
	}
	var stdout, stderr lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, func(k string) string { return env[k] }, &stdout, &stderr) }()
	defer func() {
		cancel() // what SIGINT and SIGTERM do through signal.NotifyContext
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop within 15 s of the signal")
		}
		if strings.Contains(stderr.String(), testToken) {
			t.Error("the token is in the log")
		}
		if !strings.Contains(stderr.String(), "msg=disconnected") {
			t.Errorf("the log does not show a clean stop:\n%s", stderr.String())
		}
	}()
	if _, err := fake.WaitRequest(context.Background(), discordtest.Matches("PUT /applications/*/guilds/*/commands")); err != nil {
		t.Fatalf("no commands registered: %v\n%s", err, stderr.String())
	}

	sent := fake.SendInteraction(discordtest.InteractionSpec{Name: "news", Options: []discordtest.CommandOption{{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: "Witkoff"}}})
	if _, err := fake.WaitRequest(context.Background(), func(r discordtest.Request) bool {
		return r.Method == "PATCH" && strings.Contains(r.Path, sent.Token) && r.Status == 200
	}); err != nil {
		t.Fatalf("/news was not answered: %v\n%s", err, stderr.String())
	}
	mention := fake.SendMessage(discordtest.MessageSpec{Content: "<@" + discordtest.AppID + "> what's new about Macron?", Mentions: []discordtest.User{discordtest.BotUser()}})
	if _, err := fake.WaitRequest(context.Background(), func(r discordtest.Request) bool {
		return r.Method == "POST" && strings.HasSuffix(r.Path, "/messages") && strings.Contains(string(r.Body), mention.ID)
	}); err != nil {
		t.Fatalf("the mention was not answered: %v", err)
	}
	var answers []string
	for _, m := range fake.Messages() {
		if m.Author.ID == discordtest.AppID && len(m.Embeds) > 0 {
			answers = append(answers, m.Embeds[0].Title)
		}
	}
	if len(answers) != 2 || answers[0] != "Witkoff: 7 articles" || answers[1] != "Macron: 5 articles" {
		t.Errorf("the bot answered %q", answers)
	}
}

// TestServeRefusesBadTokensOffline checks that a missing or malformed token
// stops serve with one sentence before it calls anything.
func TestServeRefusesBadTokensOffline(t *testing.T) {
	fake := discordtest.New(t)
	for _, token := range []string{"", "not-a-token", "Bot abc.def"} {
		_, _, err := runNewsbot(t, map[string]string{"DISCORD_TOKEN": token, "DISCORD_API_URL": fake.URL(), "NEWSBOT_DATA": t.TempDir()}, "serve")
		if err == nil || strings.Count(err.Error(), ". ") > 1 || !strings.Contains(err.Error(), "DISCORD_TOKEN") {
			t.Errorf("token %q: err = %v; want one sentence about DISCORD_TOKEN", token, err)
		}
		if token != "" && strings.Contains(err.Error(), token) {
			t.Errorf("the error repeats the token: %v", err)
		}
	}
	if n := len(fake.Requests()); n != 0 {
		t.Errorf("serve made %d requests with a bad token; want none", n)
	}
}

// TestServeHTTPInteractions runs "newsbot serve --http" and sends it a signed
// PING and a /help, as Discord would.
func TestServeHTTPInteractions(t *testing.T) {
	fake := discordtest.New(t)
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	env := map[string]string{
		"DISCORD_TOKEN": testToken, "DISCORD_API_URL": fake.URL(), "DISCORD_PUBLIC_KEY": hex.EncodeToString(pub),
		"NEWSBOT_DATA": mustIndexSamples(t),
	}
	var stdout, stderr lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--http", addr}, func(k string) string { return env[k] }, &stdout, &stderr)
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve --http: %v", err)
		}
	}()
	if _, err := fake.WaitRequest(context.Background(), discordtest.Matches("PUT /applications/*/commands")); err != nil {
		t.Fatalf("no commands registered: %v\n%s", err, stderr.String())
	}
	post := func(body []byte) string {
		t.Helper()
		for range 50 { // the listener may not be up yet
			ts := fmt.Sprint(time.Now().Unix())
			req, _ := http.NewRequest("POST", "http://"+addr, bytes.NewReader(body))
			req.Header.Set("X-Signature-Timestamp", ts)
			req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				time.Sleep(20 * time.Millisecond)
				continue
			}
			defer resp.Body.Close()
			out, _ := io.ReadAll(resp.Body)
			return string(out)
		}
		t.Fatal("the interactions endpoint never answered")
		return ""
	}
	if got := strings.TrimSpace(post([]byte(`{"id":"1","application_id":"900000000000000001","type":1,"token":"t","version":1}`))); got != `{"type":1}` {
		t.Errorf("PING: %s", got)
	}
	help, _ := fake.NewInteraction(discordtest.InteractionSpec{Name: "help"})
	if got := post(help); !strings.Contains(got, "/news") {
		t.Errorf("/help: %s", got)
	}
}

func TestServeHTTPNeedsPublicKey(t *testing.T) {
	_, _, err := runNewsbot(t, map[string]string{"DISCORD_TOKEN": testToken, "NEWSBOT_DATA": t.TempDir()}, "serve", "--http", ":0")
	if err == nil || !strings.Contains(err.Error(), "DISCORD_PUBLIC_KEY") {
		t.Errorf("err = %v; want it to ask for DISCORD_PUBLIC_KEY", err)
	}
}
