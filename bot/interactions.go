package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/commands"
)

// onInteraction answers slash commands, autocomplete and buttons.
func (b *Bot) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	if !b.begin() {
		return
	}
	defer b.end("interaction")
	start := time.Now()
	switch ic.Type {
	case discordgo.InteractionApplicationCommand:
		b.command(ic.Interaction)
		b.metrics.Answered(ic.ApplicationCommandData().Name, time.Since(start).Seconds())
		b.tellPausedFollows(ic.Interaction)
	case discordgo.InteractionApplicationCommandAutocomplete:
		b.autocomplete(ic.Interaction)
		b.metrics.Answered("autocomplete", time.Since(start).Seconds())
	case discordgo.InteractionMessageComponent:
		b.button(ic.Interaction)
		b.metrics.Answered("more", time.Since(start).Seconds())
	}
}

// command answers a slash command, as its entry in slashCommands says.
func (b *Bot) command(ic *discordgo.Interaction) {
	data := ic.ApplicationCommandData()
	log := b.log.With("command", data.Name, "user", userOf(ic).ID, "guild", ic.GuildID)
	c, ok := findCommand(data.Name)
	if !ok {
		b.respond(ic, ephemeralText(fmt.Sprintf("newsbot does not know /%s: its commands may be out of date; try /help.", data.Name)), log)
		return
	}
	if c.respond != nil {
		c.respond(b, ic)
		return
	}
	if !b.admit(ic, log) {
		return
	}
	work, err := c.search(b, userOf(ic).ID, options(data.Options))
	if err != nil {
		b.respond(ic, ephemeralText(err.Error()), log)
		return
	}
	deferred := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if !b.respond(ic, deferred, log) {
		return
	}
	ctx, cancel := answerContext()
	defer cancel()
	var reply reply
	err = b.answering(ctx, func() (err error) {
		reply, err = work(ctx)
		return err
	})
	if err != nil {
		b.replaceWithError(ic, b.forUser(err, "command", data.Name), log)
		return
	}
	b.edit(ic, reply, log)
}

// admit applies the user's and the channel's cooldowns to a command that
// searches, and tells the user when it is refused.
func (b *Bot) admit(ic *discordgo.Interaction, log *slog.Logger) bool {
	if ok, wait := b.cooldown.allow(userOf(ic).ID); !ok {
		b.respond(ic, ephemeralText(slowDown(wait)), log)
		return false
	}
	if ok, wait := b.channels.allow(ic.ChannelID); !ok {
		b.respond(ic, ephemeralText(fmt.Sprintf("This channel is asking a lot: newsbot takes its next question in %d s.", int(wait.Seconds()+0.999))), log)
		return false
	}
	return true
}

// reply is what an answer puts in a message.
type reply struct {
	note    string // a line above the embed, such as "Nothing new since you asked"
	embed   *discordgo.MessageEmbed
	buttons []discordgo.MessageComponent
	files   []*discordgo.File // attachments, like a chart
}

// answerReply is the reply to a question: the answer and, when it has more
// sources than it shows, a button for them.
func answerReply(ans commands.Answer) reply {
	return reply{embed: answerEmbed(ans), buttons: moreButton(ans)}
}

// message is a reply as a message to post, which pings no one.
func (r reply) message() *discordgo.MessageSend {
	return &discordgo.MessageSend{Content: r.note, Embeds: []*discordgo.MessageEmbed{r.embed}, Components: r.buttons, AllowedMentions: noMentions}
}

// autocomplete suggests people for /who's name as it is typed.
func (b *Bot) autocomplete(ic *discordgo.Interaction) {
	var typed string
	for _, o := range ic.ApplicationCommandData().Options {
		if o.Focused {
			typed, _ = o.Value.(string)
		}
	}
	ctx, cancel := answerContext()
	defer cancel()
	names, err := commands.PeopleNamed(ctx, b.news, typed)
	if err != nil {
		b.log.Error("autocomplete", "err", err)
	}
	choices := make([]*discordgo.ApplicationCommandOptionChoice, 0, len(names))
	for _, n := range names {
		n = truncate(n, 100)
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: n, Value: n})
	}
	b.respond(ic, &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	}, b.log.With("autocomplete", typed))
}

// respond sends the first response to an interaction and reports whether it
// went through, or may have: a try that timed out or met a 5xx may have
// reached Discord, and its repeat by discordgo is then refused as already
// acknowledged. A late response (Discord's "Unknown interaction") is logged:
// nothing else can be done with that interaction.
func (b *Bot) respond(ic *discordgo.Interaction, resp *discordgo.InteractionResponse, log *slog.Logger) bool {
	if resp.Data != nil {
		resp.Data.AllowedMentions = noMentions
	}
	if b.takeHTTPResponse(ic.ID, resp) {
		return true
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	err := b.interactionRespond(ctx, ic, resp)
	switch {
	case err == nil, alreadyAcknowledged(err):
		return true // a try whose answer was lost got there
	case refused(err):
		log.Warn("could not respond to the interaction", "err", err)
		return false
	}
	// Discord may have the response: go on, and the edit will tell.
	log.Warn("the response to the interaction may not have arrived", "err", err)
	return true
}

// edit puts the answer into the deferred response.
func (b *Bot) edit(ic *discordgo.Interaction, r reply, log *slog.Logger) {
	edit := &discordgo.WebhookEdit{
		Embeds:          &[]*discordgo.MessageEmbed{r.embed},
		Components:      &r.buttons,
		Files:           r.files,
		AllowedMentions: noMentions,
	}
	if len(r.buttons) == 0 {
		edit.Components = &[]discordgo.MessageComponent{}
	}
	if r.note != "" {
		edit.Content = &r.note
	}
	b.editResponse(ic, edit, log)
}

// editResponse puts edit into the deferred response and reports whether it
// went through. It has time of its own, as the answer's may be spent by the
// time the answer is ready. When Discord refuses the edit, the asker gets an
// apology in its place rather than "newsbot is thinking..." for good.
func (b *Bot) editResponse(ic *discordgo.Interaction, edit *discordgo.WebhookEdit, log *slog.Logger) bool {
	ctx, cancel := context.WithTimeout(context.Background(), restTimeout)
	defer cancel()
	err := b.responseEdit(ctx, ic, edit)
	if err == nil {
		return true
	}
	log.Warn("could not send the answer", "err", err)
	if refused(err) {
		b.replaceWithError(ic, sorry, log)
	}
	return false
}

// replaceWithError swaps a deferred public response for an ephemeral error:
// only the asker needs to see that something went wrong. It has time of its
// own: the error is often that the answer ran out of time.
func (b *Bot) replaceWithError(ic *discordgo.Interaction, msg string, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), restTimeout)
	defer cancel()
	if err := b.responseDelete(ctx, ic); err != nil {
		log.Warn("could not remove the deferred response", "err", err)
	}
	err := b.followup(ctx, ic, &discordgo.WebhookParams{
		Content:         truncate(msg, maxContent),
		Flags:           discordgo.MessageFlagsEphemeral,
		AllowedMentions: noMentions,
	})
	if err != nil {
		log.Warn("could not send the error", "err", err)
	}
}

func ephemeral(e *discordgo.MessageEmbed) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}, Flags: discordgo.MessageFlagsEphemeral},
	}
}

func ephemeralText(msg string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: truncate(msg, maxContent), Flags: discordgo.MessageFlagsEphemeral},
	}
}

func slowDown(wait time.Duration) string {
	return fmt.Sprintf("Slow down a little: you can ask again in %d s.", int(wait.Seconds()+0.999))
}

// userOf is who sent an interaction: a member in a server, a user in a DM.
func userOf(ic *discordgo.Interaction) *discordgo.User {
	if ic.Member != nil && ic.Member.User != nil {
		return ic.Member.User
	}
	if ic.User != nil {
		return ic.User
	}
	return &discordgo.User{}
}

// option is a command option's value.
type option struct{ value any }

func (o option) text() string {
	s, _ := o.value.(string)
	return strings.TrimSpace(s)
}

func (o option) boolean() bool {
	v, _ := o.value.(bool)
	return v
}

func (o option) integer() int64 {
	f, _ := o.value.(float64) // JSON numbers
	return int64(f)
}

func options(opts []*discordgo.ApplicationCommandInteractionDataOption) map[string]option {
	m := make(map[string]option, len(opts))
	for _, o := range opts {
		m[o.Name] = option{o.Value}
	}
	return m
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
