package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/schedule"
	"newsbot/bot/state"
	"newsbot/commands"
)

// maxPostFailures is on how many days in a row a digest may fail to post to
// a channel that is gone or forbids the bot before the digest is disabled:
// such a channel rarely comes back by itself, while a permission taken away
// for a moment must not end the digest.
const maxPostFailures = 3

// postDueDigests posts every digest that is due and records what it did, so
// that after a restart no day is posted twice.
func (b *Bot) postDueDigests(ctx context.Context) {
	var channels []string
	b.state.View(func(s state.State) {
		for id, d := range s.Digests {
			if d.Enabled {
				channels = append(channels, id)
			}
		}
	})
	slices.Sort(channels)
	for _, id := range channels {
		if ctx.Err() != nil {
			return
		}
		b.postIfDue(id)
	}
}

// postIfDue posts one channel's digest if it is due, skips it if it is too
// late, or does nothing. It reads the digest's settings afresh: a round of
// posting takes a while, and an admin may have changed or turned off a
// digest since the round began.
func (b *Bot) postIfDue(channelID string) {
	var d state.Digest
	b.state.View(func(s state.State) {
		if current := s.Digests[channelID]; current != nil {
			d = *current
		}
	})
	if !d.Enabled {
		return
	}
	log := b.log.With("digest", d.ChannelID, "guild", d.GuildID)
	clock, err1 := schedule.ParseClock(d.Time)
	loc, err2 := schedule.LoadZone(d.Timezone)
	if err := errors.Join(err1, err2); err != nil {
		log.Error("digest settings unreadable; fix them with /digest set", "err", err)
		return
	}
	now := b.now()
	decision := schedule.Decide(now, schedule.Due{Clock: clock, Location: loc, LastPosted: d.LastPosted, Attempted: d.Attempted, Grace: b.cfg.DigestGrace})
	switch decision.Action {
	case schedule.Wait:
		return
	case schedule.Skip:
		log.Info("digest skipped", "date", decision.Date, "reason", decision.Reason)
		b.metrics.Digest("skipped")
		b.recordDigest(d.ChannelID, func(d *state.Digest) { d.Attempted = decision.Date })
		return
	}
	// Post: the date is recorded as attempted first, so that a crash in the
	// middle of posting never leads to posting the day again; not if the
	// settings changed in the meantime.
	unchanged := false
	err := b.recordDigest(d.ChannelID, func(current *state.Digest) {
		unchanged = current.Enabled && current.Time == d.Time && current.Timezone == d.Timezone && current.Attempted == d.Attempted
		if unchanged {
			current.Attempted = decision.Date
		}
	})
	if err != nil || !unchanged {
		return
	}
	posted, err := b.postDigest(d, decision.Date, now)
	switch {
	case err == nil:
		log.Info("digest posted", "date", decision.Date, "messages", posted)
		b.metrics.Digest("posted")
		b.recordDigest(d.ChannelID, func(d *state.Digest) { d.LastPosted, d.Failures = decision.Date, 0 })
	case posted > 0 || errors.Is(err, errMaybeSent):
		// Part or all of the digest may be in the channel: posting it later
		// could repeat it, so the day stays attempted.
		log.Error("digest posted in part, or maybe not at all: not posting it again today", "date", decision.Date, "messages", posted, "err", err)
		b.metrics.Digest("failed")
		b.recordDigest(d.ChannelID, func(s *state.Digest) {
			if s.FailedOn != decision.Date { // the tries of one day are one failure
				s.Failures, s.FailedOn = s.Failures+1, decision.Date
			}
		})
	default:
		b.recordDigest(d.ChannelID, func(s *state.Digest) {
			if s.Attempted == decision.Date { // unless /digest set changed it meanwhile
				s.Attempted = d.Attempted // nothing was posted: try again while the grace lasts
			}
			if s.FailedOn == decision.Date {
				return // counted already: the tries of one day are one failure
			}
			s.Failures, s.FailedOn = s.Failures+1, decision.Date
			if s.Failures >= maxPostFailures && goneOrForbidden(err) {
				s.Enabled = false
				s.DisabledReason = fmt.Sprintf("posting failed on %d days in a row (%v); set it again with /digest set", s.Failures, err)
				log.Warn("digest disabled", "failures", s.Failures, "err", err)
			}
		})
		log.Warn("digest not posted", "date", decision.Date, "err", err)
		b.metrics.Digest("failed")
	}
}

// recordDigest changes one channel's digest record in the state file.
func (b *Bot) recordDigest(channelID string, change func(*state.Digest)) error {
	err := b.state.Update(func(s *state.State) error {
		if d := s.Digests[channelID]; d != nil {
			change(d)
		}
		return nil
	})
	if err != nil {
		b.log.Error("could not record the digest", "channel", channelID, "err", err)
	}
	return err
}

// postDigest posts the digest of the 24 hours before now in the channel and
// returns how many of its messages went out. Each message's nonce is made
// from the channel, the day and its place in the digest, so that Discord
// never makes one of them twice.
func (b *Bot) postDigest(d state.Digest, date string, now time.Time) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	digest, err := commands.MakeDigest(ctx, b.news, b.digestPeriod(now, d))
	if err != nil {
		return 0, err
	}
	msgs := digestMessages(digestHeading(date, d.Topics), digest)
	for i, m := range msgs {
		if err := b.sendOnce(ctx, d.ChannelID, nonceOf("digest", d.ChannelID, date, strconv.Itoa(i)), m); err != nil {
			return i, err
		}
	}
	return len(msgs), nil
}

// digestPeriod is the last 24 hours before now. Articles from files carry a
// day but no time, so the period starts at the beginning of that day: a
// morning digest includes yesterday's dated articles whole.
// Its stories are on the digest's topics, if any, and on none it excludes.
func (b *Bot) digestPeriod(now time.Time, d state.Digest) commands.DigestRequest {
	from := now.Add(-24 * time.Hour).UTC().Truncate(24 * time.Hour)
	return commands.DigestRequest{From: from, To: now, Topics: d.Topics, Exclude: d.Exclude, Aliases: b.cfg.Aliases}
}

func digestHeading(date string, topics []string) string {
	heading := "Daily digest"
	if d, err := time.Parse(time.DateOnly, date); err == nil {
		heading += " for " + d.Format("Monday 2 January 2006")
	}
	if len(topics) > 0 {
		heading += " on " + escape(strings.Join(topics, ", "))
	}
	return heading
}

// goneOrForbidden reports whether err says the channel no longer exists or
// the bot may not post in it.
func goneOrForbidden(err error) bool {
	return status(err) == http.StatusNotFound || status(err) == http.StatusForbidden
}

// digestCommand is /digest: the daily digests of a server's channels.
func digestCommand() slashCommand {
	return slashCommand{
		definition: &discordgo.ApplicationCommand{
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
					{Type: discordgo.ApplicationCommandOptionString, Name: "exclude", Description: "No stories on these topics, separated by commas, e.g. sport, celebrity", MaxLength: 300},
				}},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "off", Description: "Stop a channel's digest", Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionChannel, Name: "channel", Description: "The channel (this one if not given)", ChannelTypes: []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews}},
				}},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "show", Description: "The digests of this server"},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "preview", Description: "Today's digest for this channel, shown only to you"},
			},
		},
		help:    "set channel:#news time:07:30 timezone:Europe/Paris · the day's top stories every morning (also off, show, preview; server managers)",
		respond: func(b *Bot, ic *discordgo.Interaction) { b.answerDigestCommand(ic) },
	}
}

// answerDigestCommand answers /digest set, off, show and preview.
func (b *Bot) answerDigestCommand(ic *discordgo.Interaction) {
	sub := subcommand(ic)
	opts := options(sub.Options)
	if sub.Name != "preview" && sub.Name != "show" && !isAdmin(ic) {
		b.respond(ic, ephemeralText("Only members with the Manage Server permission can change the digest."), b.log)
		return
	}
	switch sub.Name {
	case "set":
		b.respond(ic, ephemeralText(b.setDigest(ic, opts)), b.log)
	case "off":
		b.respond(ic, ephemeralText(b.stopDigest(ic, opts)), b.log)
	case "show":
		b.respond(ic, ephemeralText(b.showDigests(ic.GuildID)), b.log)
	case "preview":
		b.previewDigest(ic)
	default:
		b.respond(ic, ephemeralText("newsbot does not know that; its commands may be out of date. Try /help."), b.log)
	}
}

// setDigest saves a channel's digest settings and says when it comes next.
func (b *Bot) setDigest(ic *discordgo.Interaction, opts map[string]option) string {
	clock, err := schedule.ParseClock(opts["time"].text())
	if err != nil {
		return upperFirst(err.Error()) + "."
	}
	loc, err := schedule.LoadZone(opts["timezone"].text())
	if err != nil {
		return upperFirst(err.Error()) + "."
	}
	topics, exclude := topicList(opts["topics"].text()), topicList(opts["exclude"].text())
	channel := opts["channel"].text()
	if missing := b.missingPermissions(channel); len(missing) > 0 {
		return fmt.Sprintf("newsbot cannot post the digest in <#%s>: it needs %s there. Give its role that in the channel's settings, or choose another channel.", channel, strings.Join(missing, ", "))
	}
	now := b.now()
	// The first digest is the next one: none that fell due before it was set
	// is posted late, even within the grace.
	missed := schedule.Previous(now, clock, loc).String()
	err = b.state.Update(func(s *state.State) error {
		d := &state.Digest{GuildID: ic.GuildID, ChannelID: channel, Time: clock.String(), Timezone: loc.String(),
			Topics: topics, Exclude: exclude, Enabled: true, UpdatedBy: userOf(ic).ID, UpdatedAt: now.UTC()}
		if old := s.Digests[channel]; old != nil {
			d.LastPosted, d.Attempted = old.LastPosted, old.Attempted
		}
		d.Attempted = max(d.Attempted, missed)
		if s.Digests == nil {
			s.Digests = map[string]*state.Digest{}
		}
		s.Digests[channel] = d
		return nil
	})
	if err != nil {
		return b.forUser(err, "digest", "set")
	}
	next := schedule.Next(now, clock, loc)
	msg := fmt.Sprintf("The daily digest will be posted in <#%s> at %s (%s), next on %s.", channel, clock, loc, next.In(loc).Format("Monday 2 January"))
	if len(topics) > 0 {
		msg += " Topics: " + escape(strings.Join(topics, ", ")) + "."
	}
	if len(exclude) > 0 {
		msg += " Left out: " + escape(strings.Join(exclude, ", ")) + "."
	}
	return msg
}

// digestPermissions are what the bot needs in a channel to post a digest.
var digestPermissions = []struct {
	bit  int64
	name string
}{
	{discordgo.PermissionViewChannel, "View Channel"},
	{discordgo.PermissionSendMessages, "Send Messages"},
	{discordgo.PermissionEmbedLinks, "Embed Links"},
}

// missingPermissions names the permissions for a digest that the bot lacks
// in channel, as the gateway's state tells: none when it cannot tell (in
// HTTP mode, or before the guild has arrived), and posting will say.
func (b *Bot) missingPermissions(channel string) []string {
	st := b.session.State
	if st == nil || st.User == nil {
		return nil
	}
	perms, err := st.UserChannelPermissions(st.User.ID, channel)
	if err != nil {
		return nil
	}
	var missing []string
	for _, p := range digestPermissions {
		if perms&p.bit == 0 {
			missing = append(missing, p.name)
		}
	}
	return missing
}

// topicList splits "Iran, trade talks" into topics, at most 10.
func topicList(text string) []string {
	var topics []string
	for _, t := range strings.Split(text, ",") {
		if t = strings.Join(strings.Fields(t), " "); t != "" && !slices.Contains(topics, t) && len(topics) < 10 {
			topics = append(topics, t)
		}
	}
	return topics
}

func (b *Bot) stopDigest(ic *discordgo.Interaction, opts map[string]option) string {
	channel := opts["channel"].text()
	if channel == "" {
		channel = ic.ChannelID
	}
	found := false
	err := b.state.Update(func(s *state.State) error {
		if d := s.Digests[channel]; d != nil && d.GuildID == ic.GuildID {
			found = true
			d.Enabled, d.DisabledReason, d.UpdatedBy, d.UpdatedAt = false, "", userOf(ic).ID, b.now().UTC()
		}
		return nil
	})
	switch {
	case err != nil:
		return b.forUser(err, "digest", "off")
	case !found:
		return fmt.Sprintf("<#%s> has no daily digest.", channel)
	}
	return fmt.Sprintf("The daily digest of <#%s> is off.", channel)
}

func (b *Bot) showDigests(guildID string) string {
	var lines []string
	b.state.View(func(s state.State) {
		for _, d := range s.Digests {
			if d.GuildID != guildID {
				continue
			}
			line := fmt.Sprintf("<#%s> at %s %s", d.ChannelID, d.Time, d.Timezone)
			if len(d.Topics) > 0 {
				line += ", on " + escape(strings.Join(d.Topics, ", "))
			}
			if len(d.Exclude) > 0 {
				line += ", without " + escape(strings.Join(d.Exclude, ", "))
			}
			switch {
			case !d.Enabled && d.DisabledReason != "":
				line += ": off, " + escape(d.DisabledReason)
			case !d.Enabled:
				line += ": off"
			case d.LastPosted != "":
				line += ", last posted " + d.LastPosted
			}
			lines = append(lines, line)
		}
	})
	if len(lines) == 0 {
		return "This server has no daily digest. Set one with /digest set."
	}
	slices.Sort(lines)
	return truncate("Daily digests:\n"+strings.Join(lines, "\n"), maxContent)
}

// previewDigest shows the asker the digest this channel would get now.
func (b *Bot) previewDigest(ic *discordgo.Interaction) {
	if !b.admit(ic, b.log) {
		return
	}
	deferred := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
	}
	if !b.respond(ic, deferred, b.log) {
		return
	}
	var settings state.Digest
	b.state.View(func(s state.State) {
		if d := s.Digests[ic.ChannelID]; d != nil {
			settings = *d
		}
	})
	ctx, cancel := answerContext()
	defer cancel()
	now := b.now()
	var digest commands.Digest
	err := b.answering(ctx, func() (err error) {
		digest, err = commands.MakeDigest(ctx, b.news, b.digestPeriod(now, settings))
		return err
	})
	if err != nil {
		b.replaceWithError(ic, b.forUser(err, "digest", "preview"), b.log)
		return
	}
	msgs := digestMessages("Preview: "+digestHeading(now.UTC().Format(time.DateOnly), settings.Topics), digest)
	first := msgs[0]
	content := first.Content
	if !b.editResponse(ic, &discordgo.WebhookEdit{Content: &content, Embeds: &first.Embeds, AllowedMentions: noMentions}, b.log) {
		return
	}
	send, cancelSend := context.WithTimeout(context.Background(), restTimeout)
	defer cancelSend()
	for _, m := range msgs[1:] {
		if err := b.followup(send, ic, &discordgo.WebhookParams{Embeds: m.Embeds, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions}); err != nil {
			b.log.Warn("could not send the preview", "err", err)
			return
		}
	}
}

// isAdmin reports whether the member who sent ic may change the bot's
// settings: Manage Server or Administrator. Discord's default permissions on
// the commands can be changed by a server, so this is checked here too.
func isAdmin(ic *discordgo.Interaction) bool {
	return ic.Member != nil && ic.Member.Permissions&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0
}

// subcommand is the subcommand an interaction names, or an empty option when
// it names none (a command registered by an older version).
func subcommand(ic *discordgo.Interaction) *discordgo.ApplicationCommandInteractionDataOption {
	if opts := ic.ApplicationCommandData().Options; len(opts) > 0 {
		return opts[0]
	}
	return &discordgo.ApplicationCommandInteractionDataOption{}
}
