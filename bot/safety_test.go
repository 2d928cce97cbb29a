package bot

import (
	"regexp"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/discordtest"
)

// TestHostileArticleIsQuotedHarmlessly asks about an article whose text holds
// @everyone, @here, user and role mentions, a masked link, bare links and
// markdown.
func TestHostileArticleIsQuotedHarmlessly(t *testing.T) {
	h := startBot(t, nil, nil)
	check := func(t *testing.T, text string, allowed *discordgo.MessageAllowedMentions) {
		t.Helper()
		if !strings.Contains(text, "Quuxville") {
			t.Fatalf("the answer does not quote the article:\n%s", text)
		}
		for _, bad := range []*regexp.Regexp{
			regexp.MustCompile(`@(everyone|here)`),                     // a mention Discord would highlight
			regexp.MustCompile(`[^\\]\[click[^\\]*[^\\]\]\(`),          // a masked link
			regexp.MustCompile(`https?://`),                            // a bare link
			regexp.MustCompile(`[^\\]<@&?\d`),                          // a user or role mention
			regexp.MustCompile(`(^|[^\\*])\*\*bold\*\*|[^\\]_italics`), // the article's own formatting
		} {
			if loc := bad.FindStringIndex(text); loc != nil {
				t.Errorf("answer holds %q, which Discord would act on:\n%s", text[loc[0]:loc[1]], text)
			}
		}
		if allowed == nil || allowed.Parse == nil || len(allowed.Parse) != 0 || allowed.RepliedUser || len(allowed.Users)+len(allowed.Roles) != 0 {
			t.Errorf("allowed_mentions %s; want nothing allowed", mustJSON(t, allowed))
		}
	}
	t.Run("news", func(t *testing.T) {
		msg := h.response(t, h.command("news", map[string]any{"topic": "Quuxville"}))
		check(t, embedText(msg), msg.AllowedMentions)
	})
	t.Run("mention", func(t *testing.T) {
		m := h.reply(t, h.fake.SendMessage(discordtest.MessageSpec{Content: "<@" + discordtest.AppID + "> Quuxville", Mentions: []discordtest.User{discordtest.BotUser()}}))
		check(t, embedText(discordtest.Message{Embeds: m.Embeds}), m.AllowedMentions)
	})
}
