package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// slashCommand is everything about one slash command, in one place: what
// Discord registers, the line /help gives it, and how it is answered.
// Registration, /help and routing are all made from slashCommands.
type slashCommand struct {
	definition *discordgo.ApplicationCommand
	// help is the command's line in /help: an example and what it does.
	help string
	// search, for a command that searches the index, checks its options
	// and returns the work that answers asker (a user ID). Such a command
	// takes the user's and the channel's cooldowns, and is deferred at once
	// and its answer edited in, so that slow work never misses Discord's
	// 3-second deadline. A mistake in the options is an error shown at once.
	search func(b *Bot, asker string, opts map[string]option) (func(context.Context) (reply, error), error)
	// respond answers the other commands, at once: they read or change
	// the bot's settings, not the index.
	respond func(b *Bot, ic *discordgo.Interaction)
}

// slashCommands are newsbot's commands, in the order /help lists them.
func slashCommands() []slashCommand {
	return []slashCommand{newsCommand(), whoCommand(), latestCommand(), timelineCommand(), trendCommand(), statsCommand(), digestCommand(), followCommand(), feedsCommand(), forgetCommand(), helpCommand()}
}

// definitions are the slash commands newsbot registers.
func definitions() []*discordgo.ApplicationCommand {
	var defs []*discordgo.ApplicationCommand
	for _, c := range slashCommands() {
		defs = append(defs, c.definition)
	}
	return defs
}

// findCommand is the command of that name, if newsbot has one.
func findCommand(name string) (slashCommand, bool) {
	for _, c := range slashCommands() {
		if c.definition.Name == name {
			return c, true
		}
	}
	return slashCommand{}, false
}

// helpText explains the bot in a few lines: a line for each command, then
// mentions.
func helpText() string {
	lines := []string{"newsbot answers questions about the news from the articles it has indexed. Every sentence of a summary is quoted from an article and followed by its source number.", ""}
	for _, c := range slashCommands() {
		lines = append(lines, "**/"+c.definition.Name+"** "+c.help)
	}
	lines = append(lines,
		"**@newsbot** what's new about Macron? · mention the bot in a channel, or write to it directly",
		"",
		"When nothing matches, newsbot says so and suggests what might: it never makes up an answer.")
	return strings.Join(lines, "\n")
}

func helpEmbed() *discordgo.MessageEmbed {
	return &discordgo.MessageEmbed{Title: "newsbot", Description: helpText(), Color: colour}
}

// manageServer is the permission the admin commands ask for by default;
// the handlers check it again, since a server can change the default.
var manageServer int64 = discordgo.PermissionManageGuild

// guildOnly keeps the admin commands out of direct messages.
var guildOnly = []discordgo.InteractionContextType{discordgo.InteractionContextGuild}

// sinceOption is the option that limits an answer to recent news.
func sinceOption() *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "since", Description: "Only news since 7d, 2w, 24h or a date like 2025-04-01", MaxLength: 20}
}
