package bot

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/discordtest"
)

// httpHarness is a bot taking interactions over HTTP, with a fake Discord for
// its REST calls.
type httpHarness struct {
	fake *discordtest.Server
	srv  *httptest.Server
	key  ed25519.PrivateKey
	now  time.Time
	logs *syncBuffer
}

func startHTTPBot(t *testing.T) *httpHarness {
	t.Helper()
	ix, err := sampleIndex()
	if err != nil {
		t.Fatal(err)
	}
	return startHTTPBotOn(t, ix)
}

// startHTTPBotOn is startHTTPBot answering from library.
func startHTTPBotOn(t *testing.T, library Library) *httpHarness {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	fake := discordtest.New(t)
	base, _ := url.Parse(fake.URL())
	h := &httpHarness{fake: fake, key: priv, now: time.Now(), logs: &syncBuffer{}}
	cfg := Config{Token: testToken, APIURL: base, ShardCount: 1, Cooldown: 100, CooldownWindow: time.Minute,
		ChannelCooldown: 1000, ChannelWindow: time.Minute, PublicKey: pub}
	// Searches take a moment, as they do against a real index: the test
	// relays the first response to the fake before the answer is edited in,
	// where Discord would have it at once.
	b := New(cfg, delayed{library, 300 * time.Millisecond}, mustStore(t), slog.New(slog.NewTextHandler(h.logs, nil)))
	b.now = func() time.Time { return h.now }
	if _, err := b.newSession(); err != nil {
		t.Fatal(err)
	}
	h.srv = httptest.NewServer(b.InteractionsHandler())
	t.Cleanup(h.srv.Close)
	return h
}

// post sends body to the bot signed as Discord signs it, at the given
// timestamp, and returns the status and the response body.
func (h *httpHarness) post(t *testing.T, body []byte, stamp time.Time, sign bool) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest("POST", h.srv.URL, bytes.NewReader(body))
	ts := fmt.Sprint(stamp.Unix())
	req.Header.Set("X-Signature-Timestamp", ts)
	if sign {
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(h.key, append([]byte(ts), body...))))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// relay gives the fake the bot's HTTP response as the interaction's callback,
// which is what Discord does with it.
func (h *httpHarness) relay(t *testing.T, sent discordtest.Sent, response []byte) {
	t.Helper()
	u := "https://discord.com/api/v9/interactions/" + sent.ID + "/" + sent.Token + "/callback"
	resp, err := h.fake.Client().Post(u, "application/json", bytes.NewReader(response))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("the fake refused the relayed response: %d", resp.StatusCode)
	}
}

func TestHTTPInteractionsRefuseBadRequests(t *testing.T) {
	h := startHTTPBot(t)
	ping := []byte(`{"id":"1","application_id":"900000000000000001","type":1,"token":"t","version":1}`)
	tests := []struct {
		name   string
		body   []byte
		stamp  time.Time
		sign   bool
		status int
	}{
		{"ping", ping, h.now, true, http.StatusOK},
		{"unsigned", ping, h.now, false, http.StatusUnauthorized},
		{"replayed ten minutes later", ping, h.now.Add(-10 * time.Minute), true, http.StatusUnauthorized},
		{"from the future", ping, h.now.Add(10 * time.Minute), true, http.StatusUnauthorized},
		{"too large", bytes.Repeat([]byte(" "), maxInteractionBody+1), h.now, true, http.StatusRequestEntityTooLarge},
		{"not JSON", []byte("hello"), h.now, true, http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := h.post(t, tt.body, tt.stamp, tt.sign)
			if status != tt.status {
				t.Errorf("status %d (%s); want %d", status, body, tt.status)
			}
			if tt.name == "ping" && strings.TrimSpace(string(body)) != `{"type":1}` {
				t.Errorf("PING answered %s; want {\"type\":1}", body)
			}
		})
	}
	// A signature of other bytes is refused too.
	req, _ := http.NewRequest("POST", h.srv.URL, bytes.NewReader(ping))
	ts := fmt.Sprint(h.now.Unix())
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(h.key, []byte(ts+"something else"))))
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a signature over other bytes: %v, %v; want 401", resp.StatusCode, err)
	}
}

func TestHTTPInteractionsAnswerLikeTheGateway(t *testing.T) {
	h := startHTTPBot(t)
	payload, sent := h.fake.NewInteraction(discordtest.InteractionSpec{Name: "news",
		Options: []discordtest.CommandOption{{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: "Witkoff"}}})
	status, body := h.post(t, payload, h.now, true)
	var first discordgo.InteractionResponse
	if err := json.Unmarshal(body, &first); err != nil || status != 200 || first.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("first response %d %s; want a deferral", status, body)
	}
	h.relay(t, sent, body)
	if _, err := h.fake.WaitRequest(context.Background(), func(r discordtest.Request) bool {
		return r.Method == "PATCH" && strings.Contains(r.Path, sent.Token) && r.Status == 200
	}); err != nil {
		t.Fatalf("no answer edited in: %v\n%s", err, h.logs)
	}
	var answer discordtest.Message
	for _, m := range h.fake.Messages() {
		if m.InteractionID == sent.ID {
			answer = m
		}
	}
	if len(answer.Embeds) != 1 || answer.Embeds[0].Title != "Witkoff: 7 articles" || len(answer.Embeds[0].Fields) != 5 {
		t.Errorf("answer %s; want the same embed as through the gateway", mustJSON(t, answer.Embeds))
	}

	// Autocomplete and help answer in the HTTP response itself.
	payload, _ = h.fake.NewInteraction(discordtest.InteractionSpec{Type: discordgo.InteractionApplicationCommandAutocomplete, Name: "who",
		Options: []discordtest.CommandOption{{Name: "name", Type: discordgo.ApplicationCommandOptionString, Value: "mac", Focused: true}}})
	if _, body := h.post(t, payload, h.now, true); !strings.Contains(string(body), `"name":"Emmanuel Macron"`) {
		t.Errorf("autocomplete answered %s", body)
	}
	payload, _ = h.fake.NewInteraction(discordtest.InteractionSpec{Name: "help"})
	if _, body := h.post(t, payload, h.now, true); !strings.Contains(string(body), `"flags":64`) || !strings.Contains(string(body), "/news") {
		t.Errorf("help answered %s", body)
	}
}

// Discord may take in the HTTP response that defers an answer after the
// answer is ready: the bot waits for the interaction's webhook to exist
// rather than losing the answer.
func TestHTTPAnswerWaitsForDiscordToTakeTheResponse(t *testing.T) {
	h := startHTTPBot(t)
	payload, sent := h.fake.NewInteraction(discordtest.InteractionSpec{Name: "news",
		Options: []discordtest.CommandOption{{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: "Witkoff"}}})
	_, body := h.post(t, payload, h.now, true)
	time.Sleep(400 * time.Millisecond) // the answer is ready by now
	h.relay(t, sent, body)
	edit, err := h.fake.WaitRequest(context.Background(), func(r discordtest.Request) bool {
		return r.Method == "PATCH" && strings.Contains(r.Path, sent.Token) && r.Status == http.StatusOK
	})
	if err != nil {
		t.Fatalf("the answer was not edited in once Discord knew the interaction: %v\n%s", err, h.logs)
	}
	if !strings.Contains(string(edit.Body), "Witkoff: 7 articles") {
		t.Errorf("the answer: %s", edit.Body)
	}
}
