package bot

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/commands"
)

// moreSources starts the custom ID of a "More sources" button. The ID carries
// the whole query as it was read, "page:NEXT:SHOWN:SINCE:UNTIL:ORDER:SUBJECT"
// (where the next page begins among the matches, how many sources were
// listed, the period asked about in Unix seconds, 0 for an open end, n for
// the newest first or r for relevance), so that the button works for anyone,
// at any time, after restarts, without the bot keeping state. Buttons of
// earlier versions, "more:NEXT:SHOWN:SINCE:SUBJECT", still work.
const (
	moreSources    = "page"
	oldMoreSources = "more"
)

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
	order := "r"
	switch {
	case ans.Reading.Newest:
		order = "n"
	case ans.Reading.Oldest:
		order = "o"
	}
	p := ans.Reading.Period
	id := fmt.Sprintf("%s:%d:%d:%d:%d:%s:%s", moreSources, ans.Next, shown, unixOr0(p.Since), unixOr0(p.Until), order, ans.Subject)
	if len(id) > maxCustomID {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: fmt.Sprintf("More sources (%s not shown)", commands.Articles(ans.Found-ans.Next)), Style: discordgo.SecondaryButton, CustomID: id},
	}}}
}

func unixOr0(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

func timeOrZero(unix int64) time.Time {
	if unix == 0 {
		return time.Time{}
	}
	return time.Unix(unix, 0).UTC()
}

// parseMore reads a "More sources" custom ID.
func parseMore(id string) (req commands.Request, next, shown int, ok bool) {
	if rest, old := strings.CutPrefix(id, oldMoreSources+":"); old {
		id = fmt.Sprintf("%s:%s", moreSources, rest)
		if parts := strings.SplitN(id, ":", 5); len(parts) == 5 {
			id = strings.Join(append(parts[:4], "0", "r", parts[4]), ":")
		}
	}
	parts := strings.SplitN(id, ":", 7)
	if len(parts) != 7 || parts[0] != moreSources {
		return req, 0, 0, false
	}
	next, err1 := strconv.Atoi(parts[1])
	shown, err2 := strconv.Atoi(parts[2])
	since, err3 := strconv.ParseInt(parts[3], 10, 64)
	until, err4 := strconv.ParseInt(parts[4], 10, 64)
	if errors.Join(err1, err2, err3, err4) != nil || next < 0 || shown < 0 || parts[6] == "" || !slices.Contains([]string{"n", "o", "r"}, parts[5]) {
		return req, 0, 0, false
	}
	req.Question, req.Newest, req.Oldest = parts[6], parts[5] == "n", parts[5] == "o"
	req.Since, req.Until = timeOrZero(since), timeOrZero(until)
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
