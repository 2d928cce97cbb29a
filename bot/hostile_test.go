package bot

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/discordtest"
)

// TestHostileInput sends what people type to break bots, as /news topics,
// and checks that each gets a sensible answer that pings no one.
func TestHostileInput(t *testing.T) {
	h := startBot(t, nil, nil)
	tests := []struct {
		name  string
		topic string
		says  string // in the answer's text, or its first response
	}{
		{"a 10,000-character query", strings.Repeat("Witkoff and the talks ", 455), "more than a subject"},
		{"Bleve query syntax", `+title:x -* "`, "Nothing found"},
		{"a field query", "body:Witkoff", "Nothing found"},
		{"a regular expression", "/Wit.*off/", "Nothing found"},
		{"wildcards", "Wit* ?acron", "Nothing found"},
		{"control and zero-width characters", "Wit\u200bkoff\x07\u202e", "Witkoff: 7 articles"},
		{"right-to-left text", "ויטקוף ומקרון", "Nothing found"},
		{"emoji only", "🔥🔥🗞️", "Ask about a person or a topic"},
		{"@everyone as the topic", "@everyone", ""},
		{"an empty topic", "   ", "Ask about a person or a topic"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sent := h.command("news", map[string]any{"topic": tt.topic})
			text := h.answerText(t, sent)
			if !strings.Contains(text, tt.says) {
				t.Errorf("answer %q does not say %q", text, tt.says)
			}
			if regexp.MustCompile(`@(everyone|here)`).MatchString(text) {
				t.Errorf("answer holds a live mention: %q", text)
			}
		})
	}
}

// answerText waits for the whole answer to an interaction, whether an
// ephemeral first response, an edited deferral or an ephemeral followup, and
// returns its text; it fails if anything the bot sent could ping.
func (h *harness) answerText(t *testing.T, sent discordtest.Sent) string {
	t.Helper()
	resp := h.callbackBody(t, sent)
	if resp.Type == discordgo.InteractionResponseChannelMessageWithSource {
		if resp.Data.AllowedMentions == nil || len(resp.Data.AllowedMentions.Parse) != 0 {
			t.Errorf("response may ping: %s", mustJSON(t, resp.Data.AllowedMentions))
		}
		return resp.Data.Content + mustJSON(t, resp.Data.Embeds)
	}
	r, err := h.fake.WaitRequest(context.Background(), func(r discordtest.Request) bool {
		return strings.Contains(r.Path, sent.Token) && r.Status == 200 && (r.Method == "PATCH" || r.Method == "POST")
	})
	if err != nil {
		t.Fatalf("no answer: %v\n%s", err, h.logs)
	}
	var body struct {
		Content         string                            `json:"content"`
		Embeds          []*discordgo.MessageEmbed         `json:"embeds"`
		AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
	}
	if err := r.Decode(&body); err != nil {
		t.Fatal(err)
	}
	if body.AllowedMentions == nil || len(body.AllowedMentions.Parse) != 0 {
		t.Errorf("answer may ping: %s", mustJSON(t, body.AllowedMentions))
	}
	return body.Content + embedText(discordtest.Message{Embeds: body.Embeds})
}

func TestUnknownOptionsAndGuilds(t *testing.T) {
	h := startBot(t, nil, nil)
	extra := h.fake.SendInteraction(discordtest.InteractionSpec{Name: "news", Options: []discordtest.CommandOption{
		{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: "Macron"},
		{Name: "bogus", Type: discordgo.ApplicationCommandOptionString, Value: "@everyone"},
	}})
	if text := h.answerText(t, extra); !strings.Contains(text, "Macron: 5 articles") {
		t.Errorf("an unknown option: %q; want it ignored", text)
	}
	left := h.fake.SendInteraction(discordtest.InteractionSpec{Name: "news", GuildID: "800000000000000999", ChannelID: "700000000000000999",
		Options: []discordtest.CommandOption{{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: "Rubio"}}})
	if text := h.answerText(t, left); !strings.Contains(text, "Rubio: ") {
		t.Errorf("an interaction from a guild the bot is not in: %q; want it answered", text)
	}
}
