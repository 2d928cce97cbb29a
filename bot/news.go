package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"

	"newsbot/commands"
)

// newsCommand is /news: what the news says about a topic.
func newsCommand() slashCommand {
	return slashCommand{
		definition: &discordgo.ApplicationCommand{
			Name:        "news",
			Description: "What the news says about a topic: a short summary with its sources",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "topic", Description: "A topic or a name, e.g. Iran talks", Required: true, MaxLength: commands.MaxSubjectLength},
				sinceOption(),
			},
		},
		help: "topic:what happened with oil prices last week? · a summary with its sources; ask as you would a person, or add since:7d (also 2w, 24h or 2025-04-01); asked again, it marks what is new since",
		search: func(b *Bot, asker string, opts map[string]option) (func(context.Context) (reply, error), error) {
			return b.ask(asker, opts["topic"].text(), opts)
		},
	}
}

// whoCommand is /who: /news about a person, whose name autocompletes.
func whoCommand() slashCommand {
	return slashCommand{
		definition: &discordgo.ApplicationCommand{
			Name:        "who",
			Description: "What the news says about a person",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "name", Description: "The person, e.g. Witkoff", Required: true, Autocomplete: true, MaxLength: commands.MaxSubjectLength},
				sinceOption(),
			},
		},
		help: "name:Witkoff · the same, about a person (names autocomplete)",
		search: func(b *Bot, asker string, opts map[string]option) (func(context.Context) (reply, error), error) {
			return b.ask(asker, opts["name"].text(), opts)
		},
	}
}

// ask is the work of answering asker's question, since the date its since
// option gives.
func (b *Bot) ask(asker, question string, opts map[string]option) (func(context.Context) (reply, error), error) {
	since, err := commands.ParseSince(opts["since"].text(), b.now())
	if err != nil {
		return nil, userMessage(upperFirst(err.Error()) + ".")
	}
	req := commands.Request{Question: question, Since: since, Aliases: b.cfg.Aliases, Now: b.now()}
	return func(ctx context.Context) (reply, error) { return b.answer(ctx, req, asker) }, nil
}

// answer asks asker's question and renders the answer, with a button for
// more sources when there are more, and what is new since asker last asked
// about its subject.
func (b *Bot) answer(ctx context.Context, req commands.Request, asker string) (reply, error) {
	ans, err := commands.Ask(ctx, b.news, req)
	if err != nil {
		return reply{}, err
	}
	if ans.Found == 0 {
		return answerReply(ans), nil
	}
	return b.sinceAsked(ctx, ans, req, asker), nil
}
