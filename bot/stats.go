package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"newsbot/bot/state"
	"newsbot/index/news"
)

// statsCommand is /stats: what newsbot has indexed and how it is doing.
func statsCommand() slashCommand {
	return slashCommand{
		definition: &discordgo.ApplicationCommand{Name: "stats", Description: "What newsbot has indexed, who is in the news this week, and how it is doing"},
		help:       "· what newsbot has indexed and who is in the news this week",
		search: func(b *Bot, _ string, _ map[string]option) (func(context.Context) (reply, error), error) {
			return func(ctx context.Context) (reply, error) {
				e, err := b.statsEmbed(ctx)
				return reply{embed: e}, err
			}, nil
		},
	}
}

// statsEmbed describes the bot: what it has indexed, where from, who is in
// the news this week, with NEWSBOT_KEEP how long it keeps articles and the
// oldest kept, and how long it has been answering.
func (b *Bot) statsEmbed(ctx context.Context) (*discordgo.MessageEmbed, error) {
	st, err := b.news.Stats(ctx)
	if err != nil {
		return nil, err
	}
	now := b.now()
	week, err := b.news.PeopleInTheNews(ctx, now.AddDate(0, 0, -7), 5)
	if err != nil {
		return nil, err
	}
	var feeds, failing int
	b.state.View(func(s state.State) {
		for _, f := range s.Feeds {
			feeds++
			if f.Failures > 0 {
				failing++
			}
		}
	})
	articles := thousands(st.Articles)
	if !st.Oldest.IsZero() {
		articles += fmt.Sprintf(", dated %s to %s", st.Oldest.Format(time.DateOnly), st.Newest.Format(time.DateOnly))
	}
	feedHealth := fmt.Sprintf("%d read", feeds)
	if failing > 0 {
		feedHealth += fmt.Sprintf(", %d failing (see /feeds list)", failing)
	}
	fields := []*discordgo.MessageEmbedField{
		{Name: "Articles", Value: articles, Inline: true},
		{Name: "Sources", Value: countList(st.Sources, "files only"), Inline: true},
		{Name: "Feeds", Value: feedHealth, Inline: true},
		{Name: "In the news this week", Value: countList(week, "nobody: no articles in the last 7 days")},
	}
	if b.cfg.Keep > 0 {
		fields = append(fields, &discordgo.MessageEmbedField{Name: "Kept", Value: b.keptField(st)})
	}
	fields = append(fields, &discordgo.MessageEmbedField{Name: "Up", Value: fmt.Sprintf("%s, %d answers served", ago(now, b.startedAt(now)), b.metrics.Served()), Inline: true})
	return fit(&discordgo.MessageEmbed{Title: "newsbot", Color: colour, Fields: fields}), nil
}

// thousands writes n with a comma between thousands: 18,889.
func thousands(n int) string {
	return message.NewPrinter(language.English).Sprintf("%d", n)
}

// countList shows names with their counts, or none when there are none.
func countList(counts []news.Count, none string) string {
	if len(counts) == 0 {
		return none
	}
	parts := make([]string, len(counts))
	for i, c := range counts {
		parts[i] = fmt.Sprintf("%s (%s)", escape(c.Name), thousands(c.Articles))
	}
	return strings.Join(parts, ", ")
}

// startedAt is when the bot started; now when it is still starting.
func (b *Bot) startedAt(now time.Time) time.Time {
	if t := b.started.Load(); t != nil {
		return *t
	}
	return now
}
