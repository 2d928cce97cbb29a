package bot

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"newsbot/bot/discordtest"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestMetricsMove scrapes /metrics after a few interactions and finds the
// counters moved.
func TestMetricsMove(t *testing.T) {
	h := startBot(t, nil, nil)
	ops := httptest.NewServer(h.bot.OpsHandler())
	defer ops.Close()
	if status, body := get(t, ops.URL+"/healthz"); status != 200 || body != "ok\n" {
		t.Errorf("/healthz of a connected bot: %d %q", status, body)
	}
	h.response(t, h.command("news", map[string]any{"topic": "Witkoff"}))
	h.response(t, h.command("news", map[string]any{"topic": "Macron"}))
	h.reply(t, h.fake.SendMessage(discordtest.MessageSpec{Content: "<@" + discordtest.AppID + "> Rubio", Mentions: []discordtest.User{discordtest.BotUser()}}))

	var body string
	deadline := time.Now().Add(3 * time.Second)
	for ; time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		_, body = get(t, ops.URL+"/metrics")
		if metric(body, `newsbot_answers_total{command="mention"}`) == 1 {
			break
		}
	}
	for _, want := range []struct {
		series string
		least  float64
	}{
		{`newsbot_answers_total{command="news"}`, 2},
		{`newsbot_answers_total{command="mention"}`, 1},
		{`newsbot_answer_seconds_count{command="news"}`, 2},
		{`newsbot_discord_rest_responses_total{code="200"}`, 3},
		{`newsbot_discord_rest_responses_total{code="204"}`, 2},
	} {
		if got := metric(body, want.series); got < want.least {
			t.Errorf("%s = %v; want at least %v", want.series, got, want.least)
		}
	}
}

// metric reads one series' value from Prometheus's text format, or -1.
func metric(text, series string) float64 {
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(series) + ` (\S+)$`).FindStringSubmatch(text)
	if m == nil {
		return -1
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	return v
}

func TestHealthzWhenDisconnected(t *testing.T) {
	ix, err := sampleIndex()
	if err != nil {
		t.Fatal(err)
	}
	b := New(Config{}, ix, mustStore(t), slog.New(slog.DiscardHandler))
	ops := httptest.NewServer(b.OpsHandler())
	defer ops.Close()
	if status, body := get(t, ops.URL+"/healthz"); status != http.StatusServiceUnavailable || !strings.Contains(body, "not connected") {
		t.Errorf("/healthz of a bot never connected: %d %q; want 503", status, body)
	}
}

// behindBy is the sample index as a process that has n articles of the
// shared stream left to apply.
type behindBy struct {
	Library
	n uint64
}

func (b behindBy) Behind(context.Context) (uint64, error) { return b.n, nil }

func TestHealthzWhileCatchingUp(t *testing.T) {
	ix, err := sampleIndex()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		behind uint64
		status int
	}{{0, http.StatusOK}, {maxBehind, http.StatusOK}, {maxBehind + 1, http.StatusServiceUnavailable}} {
		b := New(Config{}, behindBy{ix, tt.behind}, mustStore(t), slog.New(slog.DiscardHandler))
		b.connected.Store(true)
		ops := httptest.NewServer(b.OpsHandler())
		status, body := get(t, ops.URL+"/healthz")
		_, metrics := get(t, ops.URL+"/metrics")
		ops.Close()
		if status != tt.status || tt.status != http.StatusOK && !strings.Contains(body, "catching up") {
			t.Errorf("/healthz %d behind: %d %q; want %d", tt.behind, status, body, tt.status)
		}
		if want := fmt.Sprintf("\nnewsbot_stream_behind %d\n", tt.behind); !strings.Contains(metrics, want) {
			t.Errorf("/metrics %d behind lacks %q", tt.behind, strings.TrimSpace(want))
		}
	}
}
