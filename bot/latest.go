package bot

import (
	"context"
	"fmt"

	"github.com/bwmarrin/discordgo"

	"newsbot/commands"
)

// latestCommand is /latest: the newest articles, on everything or a topic.
func latestCommand() slashCommand {
	minCount := 1.0
	return slashCommand{
		definition: &discordgo.ApplicationCommand{
			Name:        "latest",
			Description: "The newest articles, on everything or on a topic",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "topic", Description: "Only articles on this topic", MaxLength: commands.MaxSubjectLength},
				{Type: discordgo.ApplicationCommandOptionInteger, Name: "count", Description: fmt.Sprintf("How many articles (1-%d, default %d)", commands.MaxLatest, commands.DefaultSources), MinValue: &minCount, MaxValue: commands.MaxLatest},
			},
		},
		help: "topic:Iran count:10 · the newest articles, on everything or on a topic",
		search: func(b *Bot, _ string, opts map[string]option) (func(context.Context) (reply, error), error) {
			req := commands.Request{Question: opts["topic"].text(), Sources: int(opts["count"].integer()), Aliases: b.cfg.Aliases, Now: b.now()}
			return func(ctx context.Context) (reply, error) {
				latest, err := commands.NewestArticles(ctx, b.news, req)
				return reply{embed: latestEmbed(latest)}, err
			}, nil
		},
	}
}
