package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/discordtest"
	"newsbot/index/news"
)

// delayed is a Library whose every search takes a while, so that the order
// in which queued answers are computed shows.
type delayed struct {
	Library
	by time.Duration
}

func (d delayed) Search(ctx context.Context, q news.Query) (news.Results, error) {
	time.Sleep(d.by)
	return d.Library.Search(ctx, q)
}

// TestMentionFloodDoesNotStarveCommands floods the channel with mentions and
// then sends /news: it is answered long before the mentions are.
func TestMentionFloodDoesNotStarveCommands(t *testing.T) {
	ix, err := sampleIndex()
	if err != nil {
		t.Fatal(err)
	}
	h := startBot(t, delayed{ix, 20 * time.Millisecond}, nil)
	const flood = 30
	for i := range flood {
		h.fake.SendMessage(discordtest.MessageSpec{
			Content:  "<@" + discordtest.AppID + "> Witkoff",
			Mentions: []discordtest.User{discordtest.BotUser()},
			Author:   discordtest.User{ID: fmt.Sprint(610000000000000000 + i), Username: fmt.Sprint("user", i)},
		})
	}
	time.Sleep(50 * time.Millisecond) // the flood is queued
	sent := h.command("news", map[string]any{"topic": "Macron"})
	edit, err := h.fake.WaitRequest(context.Background(), func(r discordtest.Request) bool {
		return r.Method == "PATCH" && strings.Contains(r.Path, sent.Token) && r.Status == 200
	})
	if err != nil {
		t.Fatal(err)
	}
	before := 0
	for _, r := range h.fake.Requests() {
		if r.Method == "POST" && strings.HasPrefix(r.Path, "/channels/") && r.At.Before(edit.At) {
			before++
		}
	}
	if before > flood/3 {
		t.Errorf("%d of %d mentions were answered before the slash command; want it near the front", before, flood)
	}
}

func TestChannelCooldown(t *testing.T) {
	h := startBot(t, nil, func(c *Config) { c.ChannelCooldown, c.ChannelWindow = 3, time.Minute })
	for i := range 3 {
		spec := discordtest.InteractionSpec{Name: "news", User: discordtest.User{ID: fmt.Sprint(620000000000000000 + i), Username: "u"},
			Options: []discordtest.CommandOption{{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: "Rubio"}}}
		if resp := h.callbackBody(t, h.fake.SendInteraction(spec)); resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
			t.Fatalf("request %d refused: %s", i+1, mustJSON(t, resp))
		}
	}
	spec := discordtest.InteractionSpec{Name: "news", User: discordtest.User{ID: "620000000000000009", Username: "fresh"},
		Options: []discordtest.CommandOption{{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: "Rubio"}}}
	resp := h.callbackBody(t, h.fake.SendInteraction(spec))
	if resp.Data == nil || !strings.HasPrefix(resp.Data.Content, "This channel is asking a lot") || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("a fourth user in the same channel: %s; want an ephemeral refusal", mustJSON(t, resp))
	}
}
