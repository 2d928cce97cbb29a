package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/commands"
)

// timelineCommand is /timeline: how a topic developed, story by story.
func timelineCommand() slashCommand {
	return slashCommand{
		definition: &discordgo.ApplicationCommand{
			Name:        "timeline",
			Description: "How a topic developed: its stories, oldest first, with how many outlets told each",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "topic", Description: "A topic or a name, e.g. Piedmont", Required: true, MaxLength: commands.MaxSubjectLength},
			},
		},
		help: "topic:Witkoff · the topic's stories in the order they happened",
		search: func(b *Bot, _ string, opts map[string]option) (func(context.Context) (reply, error), error) {
			req := commands.Request{Question: opts["topic"].text(), Aliases: b.cfg.Aliases, Now: b.now()}
			return func(ctx context.Context) (reply, error) {
				tl, err := commands.MakeTimeline(ctx, b.news, req)
				return reply{embed: timelineEmbed(tl)}, err
			}, nil
		},
	}
}

// maxHeadline bounds a headline in a list: a wire title fits whole.
const maxHeadline = 120

// timelineEmbed lists a timeline's stories, a line each: the day, the
// headline (a link to its first source when it has one) and its coverage.
func timelineEmbed(tl commands.Timeline) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{Title: "Timeline: " + escape(tl.Topic), Color: colour}
	if len(tl.Entries) == 0 {
		e.Description = fmt.Sprintf("No dated news about “%s”.", escape(tl.Topic))
		return fit(e)
	}
	var lines []string
	for _, entry := range tl.Entries {
		title := truncate(escape(entry.Title), maxHeadline)
		if link := safeLink(entry.Sources[0].URL); link != "" {
			title = "[" + title + "](" + link + ")"
		}
		lines = append(lines, fmt.Sprintf("**%s** · %s · %s", entry.Date.Format(time.DateOnly), title, commands.Coverage(entry.Sources)))
	}
	e.Description = strings.Join(lines, "\n")
	e.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("%d of %d stories, from %s · newsbot", len(tl.Entries), tl.Stories, commands.Articles(tl.Found))}
	return fit(e)
}
