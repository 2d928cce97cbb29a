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
		{
			Name:        "stats",
			Description: "What newsbot has indexed, who is in the news this week, and how it is doing",
		},
		{
			Name:        "trend",
			Description: "A chart of how much a topic is in the news, day by day",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "topic", Description: "A topic or a name; several separated by commas share the chart", Required: true, MaxLength: maxTopic},
				{Type: discordgo.ApplicationCommandOptionInteger, Name: "days", Description: "How many days back (7-365, default 30)", MinValue: &minDays, MaxValue: 365},
			},
		},
		{
			Name:                     "digest",
			Description:              "The daily digest of top stories posted in a channel",
			DefaultMemberPermissions: &manageServer,
			Contexts:                 &guildOnly,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "set", Description: "Post a digest every day in a channel", Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionChannel, Name: "channel", Description: "Where to post it", Required: true, ChannelTypes: []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews}},
					{Type: discordgo.ApplicationCommandOptionString, Name: "time", Description: "When, on a 24-hour clock, like 07:30", Required: true, MaxLength: 5},
					{Type: discordgo.ApplicationCommandOptionString, Name: "timezone", Description: "The clock's timezone, like Europe/Paris or America/New_York", Required: true, MaxLength: 64},
					{Type: discordgo.ApplicationCommandOptionString, Name: "topics", Description: "Only stories on these topics, separated by commas", MaxLength: 300},
				}},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "off", Description: "Stop a channel's digest", Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionChannel, Name: "channel", Description: "The channel (this one if not given)", ChannelTypes: []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews}},
				}},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "show", Description: "The digests of this server"},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "preview", Description: "Today's digest for this channel, shown only to you"},
			},
		},
		{
			Name:                     "feeds",
			Description:              "The news feeds newsbot reads",
			DefaultMemberPermissions: &manageServer,
			Contexts:                 &guildOnly,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "add", Description: "Read a new RSS or Atom feed", Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionString, Name: "url", Description: "The feed's address", Required: true, MaxLength: 500},
				}},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "list", Description: "The feeds and how they are doing"},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "remove", Description: "Stop reading a feed", Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionString, Name: "url", Description: "The feed's address, as /feeds list shows it", Required: true, MaxLength: 500},
				}},
			},
		},
	}
}

// minDays is the shortest period /trend draws.
var minDays = 7.0

// manageServer is the permission the admin commands ask for by default;
// the handlers check it again, since a server can change the default.
var manageServer int64 = discordgo.PermissionManageGuild

// guildOnly keeps the admin commands out of direct messages.
var guildOnly = []discordgo.InteractionContextType{discordgo.InteractionContextGuild}

// helpText explains the bot in a few lines.
const helpText = `newsbot answers questions about the news from the articles it has indexed. Every sentence of a summary is quoted from an article and followed by its source number.

**/news** topic:what happened with oil prices last week? · a summary with its sources; ask as you would a person, or add since:7d (also 2w, 24h or 2025-04-01)
**/who** name:Witkoff · the same, about a person (names autocomplete)
**/latest** topic:Iran count:10 · the newest articles, on everything or on a topic
**/trend** topic:Witkoff, Rubio · a chart of how much they are in the news
**/stats** · what newsbot has indexed and who is in the news this week
**/digest** set channel:#news time:07:30 timezone:Europe/Paris · the day's top stories every morning (also off, show, preview; server managers)
**/feeds** add url:https://example.com/rss · read a news feed while the bot runs (also list, remove; server managers)
**@newsbot** what's new about Macron? · mention the bot in a channel, or write to it directly

When nothing matches, newsbot says so and suggests what might: it never makes up an answer.`
