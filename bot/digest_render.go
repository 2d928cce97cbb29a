package bot

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"newsbot/commands"
)

// maxEmbeds is the most embeds Discord takes in one message.
const maxEmbeds = 10

// digestMessages renders a digest as messages to post in order: a heading,
// then one embed per story, as many to a message as Discord's limits allow. A
// period without news is one line.
func digestMessages(heading string, d commands.Digest) []*discordgo.MessageSend {
	if len(d.Stories) == 0 {
		return []*discordgo.MessageSend{{Content: truncate(heading+": no news in this period.", maxContent), AllowedMentions: noMentions}}
	}
	stories := "stories"
	if len(d.Stories) == 1 {
		stories = "story"
	}
	content := truncate(fmt.Sprintf("**%s**: %d %s from %s", heading, len(d.Stories), stories, commands.Articles(d.Articles)), maxContent)
	var embeds []*discordgo.MessageEmbed
	for i, s := range d.Stories[:min(fullStories, len(d.Stories))] {
		if i > 0 {
			s.Summary = s.Summary[:min(1, len(s.Summary))] // short, below the top story
		}
		embeds = append(embeds, storyEmbed(fmt.Sprintf("%d. %s", i+1, escape(s.Title)), s))
	}
	if len(d.Stories) > fullStories {
		embeds = append(embeds, alsoEmbed("Also in the news", fullStories+1, d.Stories[fullStories:]))
	}
	var msgs []*discordgo.MessageSend
	current := &discordgo.MessageSend{Content: content, AllowedMentions: noMentions}
	used := 0
	for _, e := range embeds {
		if len(current.Embeds) == maxEmbeds || used+embedLength(e) > maxEmbedsTotal {
			msgs = append(msgs, current)
			current, used = &discordgo.MessageSend{AllowedMentions: noMentions}, 0
		}
		current.Embeds = append(current.Embeds, e)
		used += embedLength(e)
	}
	return append(msgs, current)
}

// fullStories is how many stories a digest tells with their summary and
// sources, the top one with two sentences, the others with one; the rest are
// listed by title, so that a day's digest fits in a couple of screens.
const fullStories = 5

// alsoEmbed lists stories under a title, numbered from first, by title (a
// link to the lead article when it has one) and count of sources, while they
// fit, then "and N more": the stories after a digest's full ones, say.
func alsoEmbed(heading string, first int, stories []commands.Story) *discordgo.MessageEmbed {
	var b strings.Builder
	for i, s := range stories {
		title := truncate(escape(s.Title), maxName*2)
		if len(s.Sources) > 0 {
			if link := safeLink(s.Sources[0].URL); link != "" {
				title = fmt.Sprintf("[%s](%s)", title, link)
			}
		}
		line := fmt.Sprintf("**%d.** %s", first+i, title)
		if len(s.Sources) > 1 {
			line += " · " + commands.Coverage(s.Sources)
		}
		more := fmt.Sprintf("and %d more", len(stories)-i)
		if length(b.String())+length(line)+length("\n"+more) > maxDescription {
			b.WriteString(more)
			break
		}
		b.WriteString(line + "\n")
	}
	return fit(&discordgo.MessageEmbed{Title: heading, Description: b.String(), Color: colour})
}

// storyEmbed renders one story under title, escaped already (a link to the
// lead article when it has one): its summary, and its sources.
func storyEmbed(title string, s commands.Story) *discordgo.MessageEmbed {
	var b strings.Builder
	for _, sentence := range s.Summary {
		b.WriteString(truncate(escape(sentence), maxStatement) + " ")
	}
	b.WriteString("\n")
	if len(s.Sources) > 1 {
		b.WriteString(commands.Coverage(s.Sources) + ": ")
	}
	// Sources are added while they fit, never cut in the middle of a link.
	listed := 0
	for _, a := range s.Sources {
		// Who published it, else its title; a link when there is one. A
		// source that would only repeat the story's title says nothing.
		name, link := outlet(a), safeLink(a.URL)
		if name == "" {
			name = commands.Headline(a)
		}
		if name == s.Title && link == "" {
			continue
		}
		ref := truncate(escape(name), maxName)
		if link != "" {
			ref = fmt.Sprintf("[%s](%s)", ref, link)
		}
		if listed++; listed > 1 {
			ref = " · " + ref
		}
		if length(b.String())+length(ref)+length(" …") > maxDescription {
			b.WriteString(" " + ellipsis)
			break
		}
		b.WriteString(ref)
	}
	e := &discordgo.MessageEmbed{
		Title:       title,
		Description: b.String(),
		Color:       colour,
	}
	if len(s.Sources) > 0 {
		e.URL = safeLink(s.Sources[0].URL)
	}
	return fit(e)
}
