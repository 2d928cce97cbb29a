package bot

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"newsbot/commands"
	"newsbot/commands/trend"
)

// trendCommand is /trend: a chart of how much topics are in the news.
func trendCommand() slashCommand {
	minDays := float64(trend.MinDays)
	return slashCommand{
		definition: &discordgo.ApplicationCommand{
			Name:        "trend",
			Description: "A chart of how much a topic is in the news, day by day",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "topic", Description: "A topic or a name; several separated by commas share the chart", Required: true, MaxLength: commands.MaxSubjectLength},
				{Type: discordgo.ApplicationCommandOptionInteger, Name: "days", Description: fmt.Sprintf("How many days back (%d-%d, default %d)", trend.MinDays, trend.MaxDays, trend.DefaultDays), MinValue: &minDays, MaxValue: trend.MaxDays},
			},
		},
		help: "topic:Witkoff, Rubio · a chart of how much they are in the news",
		search: func(b *Bot, _ string, opts map[string]option) (func(context.Context) (reply, error), error) {
			topics, days := opts["topic"].text(), int(opts["days"].integer())
			return func(ctx context.Context) (reply, error) { return b.trendReply(ctx, topics, days) }, nil
		},
	}
}

// trendReply draws how much the topics were in the news over the last days
// and sums each up in a line.
func (b *Bot) trendReply(ctx context.Context, topics string, days int) (reply, error) {
	return trendReply(ctx, b.news, trend.Request{Topics: topics, Days: cmp.Or(days, trend.DefaultDays), Until: b.now(), Aliases: b.cfg.Aliases})
}

// trendReply is the reply to a trend request: its chart, attached, and a line
// on each topic.
func trendReply(ctx context.Context, news trend.Searcher, req trend.Request) (reply, error) {
	series, err := trend.Count(ctx, news, req)
	if err != nil {
		return reply{}, err
	}
	png, err := trend.Chart(series, trend.ChartWidth, trend.ChartHeight)
	if err != nil {
		return reply{}, err
	}
	var lines []string
	for _, s := range series {
		lines = append(lines, escape(trend.Reading(s)))
	}
	return reply{
		embed: fit(&discordgo.MessageEmbed{
			Title:       truncate(escape(trend.Title(series)), maxTitle),
			Description: strings.Join(lines, "\n"),
			Color:       colour,
			Image:       &discordgo.MessageEmbedImage{URL: "attachment://trend.png"},
		}),
		files: []*discordgo.File{{Name: "trend.png", ContentType: "image/png", Reader: bytes.NewReader(png)}},
	}, nil
}
