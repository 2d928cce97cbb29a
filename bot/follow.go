package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/state"
	"newsbot/commands"
)

// maxFollows is the most topics one channel, or one user for themselves,
// may follow: each costs a search after every feed poll that brings news.
const maxFollows = 25

// guildOrDM lets a command be used in servers and in the bot's direct
// messages.
var guildOrDM = []discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}

// followCommand is /follow: topics whose new stories are posted as they
// arrive, in a channel or in the asker's direct messages. It has no default
// permission, as anyone may follow a topic for themselves; following one in
// a channel is checked for Manage Server.
func followCommand() slashCommand {
	least := 1.0
	topic := func(what string) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "topic", Description: what, Required: true, MaxLength: commands.MaxSubjectLength}
	}
	private := func(what string) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionBoolean, Name: "private", Description: what}
	}
	return slashCommand{
		definition: &discordgo.ApplicationCommand{
			Name:        "follow",
			Description: "Follow a topic: each new story about it is posted once, as it arrives",
			Contexts:    &guildOrDM,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "add", Description: "Follow a topic in this channel, or for yourself", Options: []*discordgo.ApplicationCommandOption{
					topic("A topic; leave out stories with a minus, e.g. Iran -football"),
					{Type: discordgo.ApplicationCommandOptionInteger, Name: "min_sources", Description: "Post a story once it has this many sources (1 if not given)", MinValue: &least, MaxValue: 10},
					private("In your direct messages instead of this channel"),
				}},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "list", Description: "The topics followed in this server, and yours"},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "remove", Description: "Stop following a topic", Options: []*discordgo.ApplicationCommandOption{
					topic("The topic, as /follow list shows it"),
					private("One you follow for yourself"),
				}},
			},
		},
		help:    "add topic:Iran -football · each new story on the topic posted here once, as it arrives (min_sources:2 waits for a second source; private:true in your direct messages; also list, remove; here: server managers)",
		respond: func(b *Bot, ic *discordgo.Interaction) { b.answerFollowCommand(ic) },
	}
}

// answerFollowCommand answers /follow add, list and remove.
func (b *Bot) answerFollowCommand(ic *discordgo.Interaction) {
	sub := subcommand(ic)
	opts := options(sub.Options)
	private := opts["private"].boolean() || ic.GuildID == "" // a DM has no channel to share
	if sub.Name != "list" && !private && !isAdmin(ic) {
		b.respond(ic, ephemeralText("Only members with the Manage Server permission can change what a channel follows. Add private:true for your own follows, in direct messages."), b.log)
		return
	}
	switch sub.Name {
	case "add":
		f, problem := b.followOf(ic, opts, private)
		switch {
		case problem != "":
			b.respond(ic, ephemeralText(problem), b.log)
		case private:
			b.addPrivateFollow(ic, f)
		default:
			b.respond(ic, ephemeralText(b.addFollow(f)), b.log)
		}
	case "list":
		b.respond(ic, ephemeralText(b.listFollows(ic)), b.log)
	case "remove":
		b.respond(ic, ephemeralText(b.removeFollow(ic, opts["topic"].text(), private)), b.log)
	default:
		b.respond(ic, ephemeralText("newsbot does not know that; its commands may be out of date. Try /help."), b.log)
	}
}

// followOf is the follow /follow add asks for, or what is wrong with it.
func (b *Bot) followOf(ic *discordgo.Interaction, opts map[string]option, private bool) (state.Follow, string) {
	topic, exclude := splitExclusions(opts["topic"].text())
	if len(commands.SubjectQuery(commands.Subject(topic, b.cfg.Aliases), b.cfg.Aliases).Words) == 0 {
		return state.Follow{}, "Give a topic to follow, like Iran, or Iran -football to leave out its football stories."
	}
	f := state.Follow{Topic: topic, Exclude: exclude, MinSources: int(max(1, min(10, opts["min_sources"].integer()))),
		GuildID: ic.GuildID, UserID: userOf(ic).ID, Private: private, CreatedAt: b.now().UTC()}
	if !private {
		f.ChannelID = ic.ChannelID
		if missing := b.missingPermissions(f.ChannelID); len(missing) > 0 {
			return state.Follow{}, fmt.Sprintf("newsbot cannot post in <#%s>: it needs %s there. Give its role that in the channel's settings, or follow the topic in another channel.", f.ChannelID, strings.Join(missing, ", "))
		}
	}
	return f, ""
}

// splitExclusions splits "Iran -football -cricket" into the topic, Iran,
// and the topics left out, football and cricket.
func splitExclusions(text string) (topic string, exclude []string) {
	var words []string
	for _, w := range strings.Fields(text) {
		if x, ok := strings.CutPrefix(w, "-"); ok && x != "" {
			if !slices.Contains(exclude, x) {
				exclude = append(exclude, x)
			}
			continue
		}
		words = append(words, w)
	}
	return strings.Join(words, " "), exclude
}

// saveFollow records f, or updates the follow of the same topic in the same
// place, keeping what it told already. It refuses a place's follow beyond
// maxFollows.
func (b *Bot) saveFollow(f state.Follow) error {
	key := state.FollowKey(f)
	return b.state.Update(func(s *state.State) error {
		if old := s.Follows[key]; old != nil {
			f.CreatedAt, f.Alerted = old.CreatedAt, old.Alerted
		} else {
			n := 0
			for _, other := range s.Follows {
				if alertPlace(*other) == alertPlace(f) {
					n++
				}
			}
			if n >= maxFollows {
				return userMessage(fmt.Sprintf("No more than %d topics can be followed there. Remove one with /follow remove first.", maxFollows))
			}
		}
		s.Follows[key] = &f
		return nil
	})
}

// addFollow follows a topic in the channel where it was asked.
func (b *Bot) addFollow(f state.Follow) string {
	if err := b.saveFollow(f); err != nil {
		return b.forUser(err, "follow", "add")
	}
	return fmt.Sprintf("newsbot will post each new story on %s in <#%s> once, %s. /follow remove topic:%s stops it.",
		followName(f), f.ChannelID, sourcesNeeded(f.MinSources), escape(f.Topic))
}

// addPrivateFollow follows a topic for the asker, and says so in their
// direct messages at once: when they are closed, the asker is told now, in
// the reply only they see, and the follow is paused until they ask again.
func (b *Bot) addPrivateFollow(ic *discordgo.Interaction, f state.Follow) {
	deferred := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
	}
	if !b.respond(ic, deferred, b.log) {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), restTimeout)
	defer cancel()
	msg := b.followPrivately(ctx, f)
	b.editResponse(ic, &discordgo.WebhookEdit{Content: &msg, AllowedMentions: noMentions}, b.log)
}

// followPrivately saves a private follow, greets its user in their direct
// messages and says how it went.
func (b *Bot) followPrivately(ctx context.Context, f state.Follow) string {
	if err := b.saveFollow(f); err != nil {
		return b.forUser(err, "follow", "add")
	}
	hello := fmt.Sprintf("You follow %s: newsbot sends each new story on it here once, %s. /follow remove topic:%s private:true stops it.",
		followName(f), sourcesNeeded(f.MinSources), escape(f.Topic))
	dm, err := b.session.UserChannelCreate(f.UserID, discordgo.WithContext(ctx))
	if err == nil {
		err = b.sendOnce(ctx, dm.ID, nonceOf("follow", state.FollowKey(f), f.CreatedAt.String()), &discordgo.MessageSend{Content: truncate(hello, maxContent), AllowedMentions: noMentions})
	}
	switch {
	case dmsClosed(err):
		key := state.FollowKey(f)
		if err := b.state.Update(func(s *state.State) error {
			if f := s.Follows[key]; f != nil {
				f.Paused, f.PauseTold = pausedForDMs, true
			}
			return nil
		}); err != nil {
			return b.forUser(err, "follow", "add")
		}
		return fmt.Sprintf("newsbot cannot send you direct messages, so your follow of %s is paused. Allow direct messages from this server's members (the server's Privacy Settings), then use /follow add again.", followName(f))
	case err != nil:
		return b.forUser(err, "follow", "add")
	}
	return truncate(hello, maxContent)
}

// tellPausedFollows tells a user, once, in a message only they see, that
// their private follows were paused because their direct messages are
// closed. It runs after each of their commands, which has been answered.
func (b *Bot) tellPausedFollows(ic *discordgo.Interaction) {
	user := userOf(ic).ID
	untold := func(f *state.Follow) bool { return f.Private && f.UserID == user && f.Paused != "" && !f.PauseTold }
	some := false
	b.state.View(func(s state.State) {
		for _, f := range s.Follows {
			some = some || untold(f)
		}
	})
	if !some {
		return
	}
	var topics []string
	err := b.state.Update(func(s *state.State) error {
		topics = nil
		for _, f := range s.Follows {
			if untold(f) {
				f.PauseTold = true
				topics = append(topics, followName(*f))
			}
		}
		return nil
	})
	if err != nil || len(topics) == 0 {
		return // told by another process meanwhile, or the next command tells
	}
	slices.Sort(topics)
	msg := fmt.Sprintf("newsbot could not send you direct messages, so your follows of %s are paused. Allow direct messages from this server's members (the server's Privacy Settings), then use /follow add again.", strings.Join(topics, ", "))
	ctx, cancel := context.WithTimeout(context.Background(), restTimeout)
	defer cancel()
	if err := b.followup(ctx, ic, &discordgo.WebhookParams{Content: truncate(msg, maxContent), Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions}); err != nil {
		b.log.Warn("could not tell a user their follows are paused; their next command will", "user", user, "err", err)
		if err := b.state.Update(func(s *state.State) error {
			for _, f := range s.Follows {
				if f.Private && f.UserID == user && f.Paused != "" {
					f.PauseTold = false
				}
			}
			return nil
		}); err != nil {
			b.log.Warn("could not record that a user was not told", "user", user, "err", err)
		}
	}
}

// followName is a follow's topic as the bot says it: **Iran** (without
// football).
func followName(f state.Follow) string {
	name := "**" + escape(f.Topic) + "**"
	if len(f.Exclude) > 0 {
		name += " (without " + escape(strings.Join(f.Exclude, ", ")) + ")"
	}
	return name
}

// sourcesNeeded says when a follow posts a story.
func sourcesNeeded(n int) string {
	if n <= 1 {
		return "as soon as it appears"
	}
	return fmt.Sprintf("when it has %d sources", n)
}

// removeFollow stops following a topic in the channel asked in, or for the
// asker: the follow of exactly that topic and exclusions, else every follow
// there of that topic.
func (b *Bot) removeFollow(ic *discordgo.Interaction, text string, private bool) string {
	topic, exclude := splitExclusions(text)
	place := state.Follow{Topic: topic, Exclude: exclude, ChannelID: ic.ChannelID, UserID: userOf(ic).ID, Private: private}
	var removed []string
	err := b.state.Update(func(s *state.State) error {
		removed = nil
		if f := s.Follows[state.FollowKey(place)]; f != nil {
			removed = append(removed, followName(*f))
			delete(s.Follows, state.FollowKey(place))
			return nil
		}
		for key, f := range s.Follows {
			if alertPlace(*f) == alertPlace(place) && strings.EqualFold(f.Topic, topic) {
				removed = append(removed, followName(*f))
				delete(s.Follows, key)
			}
		}
		return nil
	})
	switch {
	case err != nil:
		return b.forUser(err, "follow", "remove")
	case len(removed) == 0 && private:
		return fmt.Sprintf("You do not follow **%s**; /follow list shows what you follow.", escape(text))
	case len(removed) == 0:
		return fmt.Sprintf("<#%s> does not follow **%s**; /follow list shows what it follows.", ic.ChannelID, escape(text))
	}
	slices.Sort(removed)
	return "No longer followed: " + strings.Join(removed, ", ") + "."
}

// listFollows lists the follows of the server's channels and the asker's own.
func (b *Bot) listFollows(ic *discordgo.Interaction) string {
	user := userOf(ic).ID
	var lines []string
	b.state.View(func(s state.State) {
		for _, f := range s.Follows {
			var line string
			switch {
			case f.Private && f.UserID == user:
				line = "Your direct messages: " + followName(*f)
			case !f.Private && ic.GuildID != "" && f.GuildID == ic.GuildID:
				line = fmt.Sprintf("<#%s>: %s", f.ChannelID, followName(*f))
			default:
				continue
			}
			if f.MinSources > 1 {
				line += fmt.Sprintf(", from %d sources", f.MinSources)
			}
			if f.Paused != "" {
				line += " · paused: " + f.Paused
			}
			lines = append(lines, line)
		}
	})
	if len(lines) == 0 {
		return "Nothing is followed here. Follow a topic with /follow add."
	}
	slices.Sort(lines)
	return truncate("Followed:\n"+strings.Join(lines, "\n"), maxContent)
}
