package bot

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
	"time"

	"newsbot/bot/discordtest"
	"newsbot/commands/trend"
)

func TestStatsCommand(t *testing.T) {
	clock := &fakeClock{t: time.Date(2025, 4, 30, 12, 0, 0, 0, time.UTC)}
	h := startWith(t, discordtest.New(t), botOptions{now: clock.Now})
	msg := h.response(t, h.command("stats", nil))
	text := embedText(msg)
	for _, want := range []string{
		"Articles\n22, dated 2025-03-25 to 2025-04-30", // the samples and the hostile article
		"Sources\nfiles only",
		"Feeds\n0 read",
		"Marco Rubio (1)", // in the news since 23 April
		"answers served",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/stats lacks %q:\n%s", want, text)
		}
	}
}

func TestTrendCommand(t *testing.T) {
	clock := &fakeClock{t: time.Date(2025, 4, 30, 12, 0, 0, 0, time.UTC)}
	h := startWith(t, discordtest.New(t), botOptions{now: clock.Now})
	sent := h.command("trend", map[string]any{"topic": "Witkoff, Macron", "days": 45})
	r, err := h.fake.WaitRequest(t.Context(), func(r discordtest.Request) bool {
		return r.Method == "PATCH" && strings.Contains(r.Path, sent.Token) && r.Status == 200
	})
	if err != nil {
		t.Fatalf("no chart: %v\n%s", err, h.logs)
	}
	if len(r.Parts) != 1 || r.Parts[0].Filename != "trend.png" {
		t.Fatalf("attachments %+v; want trend.png", r.Parts)
	}
	img, err := png.Decode(bytes.NewReader(r.Parts[0].Data))
	if err != nil || img.Bounds().Dx() != trend.ChartWidth || img.Bounds().Dy() != trend.ChartHeight {
		t.Errorf("the chart does not decode as a %dx%d PNG: %v", trend.ChartWidth, trend.ChartHeight, err)
	}
	msg := h.response(t, sent)
	want := "Witkoff: 7 articles in the last 45 days\nMacron: 5 articles in the last 45 days"
	if len(msg.Embeds) != 1 || msg.Embeds[0].Title != "In the news: Witkoff, Macron" || msg.Embeds[0].Description != want || msg.Embeds[0].Image == nil || msg.Embeds[0].Image.URL != "attachment://trend.png" {
		t.Errorf("embed %s; want the readings %q and the attached image", mustJSON(t, msg.Embeds), want)
	}
}
