package bot

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/commands"
)

// moreSources starts the custom ID of a "More sources" button. The ID carries
// the whole query, "more:NEXT:SHOWN:SINCE:SUBJECT" (where the next page begins
// among the matches, how many sources were listed, SINCE in Unix seconds, 0
// for none), so that the button works for anyone, at any time, after
// restarts, without the bot keeping state.
const moreSources = "more"

// moreButton returns a "More sources" button when the answer has sources
// beyond those shown, or nothing when it has not or the query does not fit in
// a custom ID.
func moreButton(ans commands.Answer) []discordgo.MessageComponent {
	if len(ans.Sources) == 0 {
		return nil
	}
	if ans.Next >= ans.Found {
		return nil
	}
	shown := ans.Sources[len(ans.Sources)-1].N
	var since int64
	if !ans.Since.IsZero() {
		since = ans.Since.Unix()
	}
	id := fmt.Sprintf("%s:%d:%d:%d:%s", moreSources, ans.Next, shown, since, ans.Subject)
	if len(id) > maxCustomID {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: fmt.Sprintf("More sources (%s not shown)", articles(ans.Found-ans.Next)), Style: discordgo.SecondaryButton, CustomID: id},
	}}}
}

// parseMore reads a "More sources" custom ID.
func parseMore(id string) (req commands.Request, next, shown int, ok bool) {
	parts := strings.SplitN(id, ":", 5)
	if len(parts) != 5 || parts[0] != moreSources {
		return req, 0, 0, false
	}
	next, err1 := strconv.Atoi(parts[1])
	shown, err2 := strconv.Atoi(parts[2])
	since, err3 := strconv.ParseInt(parts[3], 10, 64)
	if errors.Join(err1, err2, err3) != nil || next < 0 || shown < 0 || parts[4] == "" {
		return req, 0, 0, false
	}
	req.Question = parts[4]
	if since != 0 {
		req.Since = time.Unix(since, 0).UTC()
	}
	return req, next, shown, true
}

// button answers a click on "More sources" with the next page of sources,
// shown only to the person who clicked, so that paging does not fill the
// channel.
func (b *Bot) button(ic *discordgo.Interaction) {
	log := b.log.With("button", ic.MessageComponentData().CustomID, "user", userOf(ic).ID)
	req, next, shown, ok := parseMore(ic.MessageComponentData().CustomID)
	if !ok {
		b.respond(ic, ephemeralText("This button is from an older version of newsbot; ask again with /news."), log)
		return
	}
	if ok, wait := b.cooldown.allow(userOf(ic).ID); !ok {
		b.respond(ic, ephemeralText(slowDown(wait)), log)
		return
	}
	deferred := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
	}
	if !b.respond(ic, deferred, log) {
		return
	}
	ctx, cancel := answerContext()
	defer cancel()
	req.Aliases = b.cfg.Aliases
	var ans commands.Answer
	err := b.answering(ctx, func() (err error) {
		ans, err = commands.MoreSources(ctx, b.news, req, next, shown)
		return err
	})
	if err != nil {
		b.replaceWithError(ic, b.forUser(err, "button", moreSources), log)
		return
	}
	b.edit(ic, reply{embed: sourcesEmbed(ans), buttons: moreButton(ans)}, log)
}
