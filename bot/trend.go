package bot

import (
	"bytes"
	"cmp"
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"newsbot/commands/trend"
)

// Trend charts' size, and the period /trend draws unless asked otherwise.
// Discord shows an embed's image about 400 pixels wide: a chart not much
// wider keeps its type readable.
const (
	chartWidth, chartHeight = 520, 300
	defaultTrendDays        = 30
)

// trendReply draws how much the topics were in the news over the last days
// and sums each up in a line.
func (b *Bot) trendReply(ctx context.Context, topics string, days int) (reply, error) {
	return trendReply(ctx, b.news, trend.Request{Topics: topics, Days: cmp.Or(days, defaultTrendDays), Until: b.now(), Aliases: b.cfg.Aliases})
}

// trendReply is the reply to a trend request: its chart, attached, and a line
// on each topic.
func trendReply(ctx context.Context, news trend.Searcher, req trend.Request) (reply, error) {
	series, err := trend.Count(ctx, news, req)
	if err != nil {
		return reply{}, err
	}
	png, err := trend.Chart(series, chartWidth, chartHeight)
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
