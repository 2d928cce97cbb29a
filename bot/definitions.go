package bot

import "github.com/bwmarrin/discordgo"

// maxTopic bounds what a user may type as a topic or name: a subject is a few
// words, and Discord enforces the limit before the bot sees the text.
const maxTopic = 200

// definitions are the slash commands newsbot registers.
func definitions() []*discordgo.ApplicationCommand {
	minCount, maxTopicLen := 1.0, maxTopic
	return []*discordgo.ApplicationCommand{
		{
			Name:        "news",
			Description: "What the news says about a topic: a short summary with its sources",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "topic", Description: "A topic or a name, e.g. Iran talks", Required: true, MaxLength: maxTopicLen},
				{Type: discordgo.ApplicationCommandOptionString, Name: "since", Description: "Only news since 7d, 2w, 24h or a date like 2025-04-01", MaxLength: 20},
			},
		},
		{
			Name:        "who",
			Description: "What the news says about a person",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "name", Description: "The person, e.g. Witkoff", Required: true, Autocomplete: true, MaxLength: maxTopicLen},
				{Type: discordgo.ApplicationCommandOptionString, Name: "since", Description: "Only news since 7d, 2w, 24h or a date like 2025-04-01", MaxLength: 20},
			},
		},
		{
			Name:        "latest",
			Description: "The newest articles, on everything or on a topic",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "topic", Description: "Only articles on this topic", MaxLength: maxTopicLen},
				{Type: discordgo.ApplicationCommandOptionInteger, Name: "count", Description: "How many articles (1-10, default 5)", MinValue: &minCount, MaxValue: 10},
			},
		},
		{
			Name:        "help",
			Description: "What newsbot does and how to ask it",
		},
	}
}

// helpText explains the bot in a few lines.
const helpText = `newsbot answers questions about the news from the articles it has indexed. Every sentence of a summary is quoted from an article and followed by its source number.

**/news** topic:Iran talks · a summary with its sources; add since:7d for recent news only
**/who** name:Witkoff · the same, about a person (names autocomplete)
**/latest** · the newest articles; add a topic or a count
**@newsbot** what's new about Macron? · mention the bot in a channel, or write to it directly

When nothing matches, newsbot says so and suggests what might: it never makes up an answer.`
