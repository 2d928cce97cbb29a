package bot

import (
	"context"
	"errors"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/commands"
)

// mentionTag matches a user mention in message content: <@ID> or <@!ID>.
var mentionTag = regexp.MustCompile(`<@!?(\d+)>`)

// onMessage answers "@newsbot what's new about Macron?" in a channel, and any
// direct message, with the /news answer as a reply. It ignores its own
// messages and other bots', so that two bots can never talk in a loop.
func (b *Bot) onMessage(s *discordgo.Session, m *discordgo.MessageCreate) {
	if m.Author == nil || m.Author.Bot || s.State.User == nil || m.Author.ID == s.State.User.ID {
		return
	}
	me := s.State.User.ID
	if m.GuildID != "" && !mentions(m.Message, me) {
		return
	}
	if !b.begin() {
		return
	}
	defer b.end("message")
	start := time.Now()
	defer func() { b.metrics.Answered("mention", time.Since(start).Seconds()) }()
	log := b.log.With("mention", m.ID, "user", m.Author.ID, "guild", m.GuildID)
	ctx, cancel := answerContext()
	defer cancel()

	if ok, _ := b.cooldown.allow(m.Author.ID); !ok {
		log.Info("mention ignored: user over the cooldown")
		return
	}
	if ok, _ := b.channels.allow(m.ChannelID); !ok {
		log.Info("mention ignored: channel over the cooldown")
		return
	}
	question := strings.TrimSpace(mentionTag.ReplaceAllStringFunc(m.Content, func(tag string) string {
		if mentionTag.FindStringSubmatch(tag)[1] == me {
			return ""
		}
		return tag
	}))
	var r reply
	// A mention that asks nothing ("@newsbot hi") gets the help; one with
	// only dates ("what happened yesterday?") gets that day's news.
	if err := b.answeringMention(ctx, func() (err error) {
		r, err = b.answer(ctx, commands.Request{Question: question, Aliases: b.cfg.Aliases, Now: b.now()}, m.Author.ID)
		if errors.Is(err, commands.ErrNoSubject) {
			r, err = reply{embed: helpEmbed()}, nil
		}
		return err
	}); err != nil {
		r = reply{embed: &discordgo.MessageEmbed{Description: escape(b.forUser(err, "mention", m.ID)), Color: colour}}
	}
	b.send(m.Message, r, log)
}

// mentions reports whether a message mentions the user with ID id.
func mentions(m *discordgo.Message, id string) bool {
	for _, u := range m.Mentions {
		if u != nil && u.ID == id {
			return true
		}
	}
	return false
}

// send posts a reply to a message without pinging its author or anyone else,
// once: its nonce is made from the message it answers. It has time of its
// own, since the answer may have used up its own.
func (b *Bot) send(to *discordgo.Message, r reply, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), restTimeout)
	defer cancel()
	msg := r.message()
	msg.Reference = to.SoftReference()
	err := b.sendOnce(ctx, to.ChannelID, nonceOf("reply", to.ID), msg)
	if err != nil {
		log.Warn("could not reply", "err", err)
	}
}
