package bot

import "github.com/bwmarrin/discordgo"

// helpCommand is /help: every command with an example.
func helpCommand() slashCommand {
	return slashCommand{
		definition: &discordgo.ApplicationCommand{Name: "help", Description: "What newsbot does and how to ask it"},
		help:       "· this list",
		respond:    func(b *Bot, ic *discordgo.Interaction) { b.respond(ic, ephemeral(helpEmbed()), b.log) },
	}
}
