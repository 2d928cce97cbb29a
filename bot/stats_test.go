package bot

import (
	"strings"
	"testing"
	"time"

	"newsbot/bot/discordtest"
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
