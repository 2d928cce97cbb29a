package bot

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/discordtest"
	"newsbot/commands"
)

func TestRegistersCommands(t *testing.T) {
	for _, guild := range []string{discordtest.GuildID, ""} {
		t.Run("guild="+guild, func(t *testing.T) {
			h := startBot(t, nil, func(c *Config) { c.GuildID = guild })
			var names []string
			for _, c := range h.fake.Commands(guild) {
				names = append(names, c.Name)
			}
			slices.Sort(names)
			if want := []string{"digest", "feeds", "follow", "forget", "help", "latest", "news", "stats", "timeline", "trend", "who"}; !slices.Equal(names, want) {
				t.Errorf("registered %q; want %q", names, want)
			}
			other := discordtest.GuildID
			if guild != "" {
				other = ""
			}
			if n := len(h.fake.Commands(other)); n != 0 {
				t.Errorf("%d commands registered in %q too", n, other)
			}
		})
	}
}

func TestNewsDefersThenEdits(t *testing.T) {
	h := startBot(t, nil, nil)
	sent := h.command("news", map[string]any{"topic": "Witkoff"})
	cb := h.callback(t, sent)
	var first discordgo.InteractionResponse
	if err := cb.Decode(&first); err != nil {
		t.Fatal(err)
	}
	if first.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || cb.Status != 204 {
		t.Errorf("first response: type %d, status %d; want a deferral (5) accepted (204)", first.Type, cb.Status)
	}
	msg := h.response(t, sent)
	if len(msg.Embeds) != 1 {
		t.Fatalf("answer has %d embeds; want 1", len(msg.Embeds))
	}
	e := msg.Embeds[0]
	if e.Title != "Witkoff: 7 articles" {
		t.Errorf("title %q", e.Title)
	}
	lines := strings.Split(strings.TrimSpace(e.Description), "\n")
	if len(lines) < 2 || len(lines) > 5 {
		t.Errorf("summary has %d sentences; want 2-5:\n%s", len(lines), e.Description)
	}
	for _, l := range lines {
		if !regexp.MustCompile(`\[\d\]$`).MatchString(l) || !strings.Contains(l, "Witkoff") {
			t.Errorf("summary line %q does not name Witkoff and end with its citation", l)
		}
	}
	if len(e.Fields) != 5 || !strings.HasPrefix(e.Fields[0].Name, "[1] ") {
		t.Fatalf("got %d source fields, first %q; want 5 numbered sources", len(e.Fields), e.Fields[0].Name)
	}
	for _, f := range e.Fields {
		// Its date and who published it, never the file it was read from;
		// the excerpt is what the summary has not quoted yet, if anything.
		if !regexp.MustCompile(`^2025-04-\d\d · (Staff, Agencies|Newsbot Sample Desk)(\n> .*\*\*(Steve )?Witkoff('s)?\*\*.*)?$`).MatchString(f.Value) || strings.Contains(f.Value, ".txt") {
			t.Errorf("source %q: value %q lacks date or outlet, names a file, or has an excerpt without Witkoff in bold", f.Name, f.Value)
		}
	}
	if msg.AllowedMentions == nil || len(msg.AllowedMentions.Parse) != 0 {
		t.Errorf("allowed_mentions %s; want parse: []", mustJSON(t, msg.AllowedMentions))
	}
	if elapsed := cb.At.Sub(sentAt(t, h, sent)); elapsed > 3*time.Second {
		t.Errorf("deferred after %s; Discord allows 3 s", elapsed)
	}
}

// sentAt is when the fake dispatched an interaction: its first request's time
// is a fine upper bound, so take the earliest request about it.
func sentAt(t *testing.T, h *harness, sent discordtest.Sent) time.Time {
	t.Helper()
	for _, r := range h.fake.Requests() {
		if strings.Contains(r.Path, sent.ID) || strings.Contains(r.Path, sent.Token) {
			return r.At
		}
	}
	t.Fatal("no request about the interaction")
	return time.Time{}
}

func TestWhoAutocomplete(t *testing.T) {
	h := startBot(t, nil, nil)
	sent := h.fake.SendInteraction(discordtest.InteractionSpec{
		Type:    discordgo.InteractionApplicationCommandAutocomplete,
		Name:    "who",
		Options: []discordtest.CommandOption{{Name: "name", Type: discordgo.ApplicationCommandOptionString, Value: "wit", Focused: true}},
	})
	resp := h.callbackBody(t, sent)
	if resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult || resp.Data == nil {
		t.Fatalf("response type %d; want autocomplete result", resp.Type)
	}
	var names []string
	for _, c := range resp.Data.Choices {
		names = append(names, c.Name)
	}
	if len(names) == 0 || names[0] != "Steve Witkoff" || len(names) > 25 {
		t.Errorf("choices %q; want Steve Witkoff first, at most 25", names)
	}
}

func TestWhoAnswersAboutThePerson(t *testing.T) {
	h := startBot(t, nil, nil)
	msg := h.response(t, h.command("who", map[string]any{"name": "Emmanuel Macron"}))
	if got := msg.Embeds[0].Title; got != "Emmanuel Macron: 5 articles" {
		t.Errorf("title %q", got)
	}
}

func TestLatest(t *testing.T) {
	h := startBot(t, nil, nil)
	msg := h.response(t, h.command("latest", map[string]any{"count": 3}))
	fields := msg.Embeds[0].Fields
	if len(fields) != 3 {
		t.Fatalf("got %d articles; want 3", len(fields))
	}
	var dates []string
	for _, f := range fields {
		dates = append(dates, f.Value[:10])
	}
	if !slices.IsSortedFunc(dates, func(a, b string) int { return strings.Compare(b, a) }) || dates[0] != "2025-04-30" {
		t.Errorf("dates %q; want newest first, from 2025-04-30", dates)
	}
	msg = h.response(t, h.command("latest", map[string]any{"topic": "Iran"}))
	if got := msg.Embeds[0].Title; got != "Latest on Iran" || len(msg.Embeds[0].Fields) == 0 {
		t.Errorf("latest on Iran: title %q, %d articles", got, len(msg.Embeds[0].Fields))
	}
}

func TestMoreSourcesButton(t *testing.T) {
	h := startBot(t, nil, nil)
	first := h.response(t, h.command("news", map[string]any{"topic": "Ukraine"}))
	button := findButton(first.Components)
	if button == nil {
		t.Fatalf("no More sources button on an answer with more sources: %s", mustJSON(t, first.Components))
	}
	sent := h.fake.SendInteraction(discordtest.InteractionSpec{
		Type: discordgo.InteractionMessageComponent, CustomID: button.CustomID, MessageID: first.ID,
	})
	resp := h.callbackBody(t, sent)
	if resp.Data == nil || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("the next page is not ephemeral: %s", mustJSON(t, resp))
	}
	page := h.response(t, sent)
	fields := page.Embeds[0].Fields
	if len(fields) == 0 || !strings.HasPrefix(fields[0].Name, "[6] ") {
		t.Fatalf("next page starts %q; want source [6]", fields[0].Name)
	}
	if !strings.HasPrefix(page.Embeds[0].Footer.Text, "Sources 6–10 of ") {
		t.Errorf("footer %q", page.Embeds[0].Footer.Text)
	}
}

// A question is read the same in /news: the answer says how, and its More
// sources button pages through the same reading.
func TestNewsReadsTheQuestion(t *testing.T) {
	h := startBot(t, nil, nil)
	first := h.response(t, h.command("news", map[string]any{"topic": "what's the latest on Ukraine in April?"}))
	if len(first.Embeds) == 0 || !strings.Contains(first.Embeds[0].Description, "*Reading this as: Ukraine, April 2025, newest first*") {
		t.Fatalf("the answer does not say how it read the question: %s", mustJSON(t, first.Embeds))
	}
	button := findButton(first.Components)
	if button == nil {
		t.Fatalf("no More sources button: %s", mustJSON(t, first.Components))
	}
	page := h.response(t, h.fake.SendInteraction(discordtest.InteractionSpec{
		Type: discordgo.InteractionMessageComponent, CustomID: button.CustomID, MessageID: first.ID,
	}))
	if len(page.Embeds) == 0 || len(page.Embeds[0].Fields) == 0 {
		t.Fatalf("no next page: %s", mustJSON(t, page))
	}
	for _, f := range append(first.Embeds[0].Fields, page.Embeds[0].Fields...) {
		if !strings.Contains(f.Value, "2025-04-") {
			t.Errorf("source %q is not from April: %q", f.Name, f.Value)
		}
	}
}

// findButton returns the first button in rows, as the bot built them or as
// they came back decoded from JSON.
func findButton(rows []discordgo.MessageComponent) *discordgo.Button {
	for _, row := range rows {
		var inner []discordgo.MessageComponent
		switch r := row.(type) {
		case discordgo.ActionsRow:
			inner = r.Components
		case *discordgo.ActionsRow:
			inner = r.Components
		}
		for _, c := range inner {
			switch b := c.(type) {
			case discordgo.Button:
				return &b
			case *discordgo.Button:
				return b
			}
		}
	}
	return nil
}

func TestHelpAndMistakesAreEphemeral(t *testing.T) {
	h := startBot(t, nil, nil)
	tests := []struct {
		name string
		opts map[string]any
		says string
	}{
		{"help", nil, ""},
		{"news", map[string]any{"topic": "Witkoff", "since": "yesterday"}, `Since "yesterday": want a number of days`},
		{"news", map[string]any{"topic": "hello?"}, ""},
		{"frobnicate", nil, "does not know /frobnicate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sent := h.command(tt.name, tt.opts)
			if tt.name == "news" && tt.says == "" {
				// No subject is found only after deferring: the answer is
				// replaced by an ephemeral followup.
				r, err := h.fake.WaitRequest(context.Background(), func(r discordtest.Request) bool {
					return r.Method == "POST" && strings.Contains(r.Path, "/webhooks/") && strings.Contains(r.Path, sent.Token)
				})
				if err != nil {
					t.Fatal(err)
				}
				var p discordgo.WebhookParams
				r.Decode(&p)
				// With examples from the index's last week of news.
				people, _ := commands.PeopleToAskAbout(context.Background(), h.bot.news, 2)
				if p.Flags&discordgo.MessageFlagsEphemeral == 0 || len(people) == 0 ||
					!strings.Contains(p.Content, `Ask about a person or a topic, for example "`+people[0]+`"`) {
					t.Errorf("followup %s; want an ephemeral explanation with examples %q", mustJSON(t, p), people)
				}
				return
			}
			resp := h.callbackBody(t, sent)
			if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
				t.Errorf("response %s; want an ephemeral message", mustJSON(t, resp))
			}
			if !strings.Contains(resp.Data.Content+mustJSON(t, resp.Data.Embeds), tt.says) {
				t.Errorf("response %q does not say %q", resp.Data.Content, tt.says)
			}
		})
	}
}

func TestCooldown(t *testing.T) {
	h := startBot(t, nil, func(c *Config) { c.Cooldown, c.CooldownWindow = 2, time.Minute })
	for i := range 2 {
		if resp := h.callbackBody(t, h.command("news", map[string]any{"topic": "Rubio"})); resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
			t.Fatalf("request %d was not deferred: %s", i+1, mustJSON(t, resp))
		}
	}
	resp := h.callbackBody(t, h.command("news", map[string]any{"topic": "Rubio"}))
	if resp.Data == nil || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.HasPrefix(resp.Data.Content, "Slow down") {
		t.Errorf("third request: %s; want an ephemeral slow down", mustJSON(t, resp))
	}
	other := h.fake.SendInteraction(discordtest.InteractionSpec{Name: "news", User: discordtest.User{ID: "600000000000000002", Username: "bob"},
		Options: []discordtest.CommandOption{{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: "Rubio"}}})
	if resp := h.callbackBody(t, other); resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Errorf("another user was slowed down too: %s", mustJSON(t, resp))
	}
}

func TestGatewayIdentify(t *testing.T) {
	h := startBot(t, nil, func(c *Config) { c.ShardID, c.ShardCount = 1, 2 })
	ids := h.fake.Identifies()
	if len(ids) != 1 {
		t.Fatalf("%d identifies; want 1", len(ids))
	}
	if want := discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages; ids[0].Intents != want {
		t.Errorf("intents %d; want %d (no privileged ones)", ids[0].Intents, want)
	}
	if ids[0].Shard != [2]int{1, 2} {
		t.Errorf("shard %v; want [1 2]", ids[0].Shard)
	}
	if ids[0].Token != "Bot "+testToken {
		t.Error("the bot did not identify with its token")
	}
}

func TestAnswerEditedWhenTheFirstResponsesAnswerIsLost(t *testing.T) {
	h := startBot(t, nil, nil)
	// The deferral reaches Discord, but the bot gets a 502; discordgo sends
	// it again and Discord says it is acknowledged already (40060).
	h.fake.LoseReplies("POST /interactions/*/*/callback", 1, discordtest.APIError{Status: 502})
	msg := h.response(t, h.command("news", map[string]any{"topic": "Witkoff"}))
	if len(msg.Embeds) != 1 || !strings.HasPrefix(msg.Embeds[0].Title, "Witkoff") {
		t.Errorf("answer %s; want the answer on Witkoff\n%s", mustJSON(t, msg.Embeds), h.logs)
	}
}
