package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"

	"newsbot/commands"
)

// Asked is a question put to the bot, as /news or a mention would put it.
type Asked struct {
	Name    string // what the preview calls it
	Request commands.Request
}

// Shown is one message the bot would post, with what it answers.
type Shown struct {
	Name    string                 `json:"name"`
	Message *discordgo.MessageSend `json:"message"`
}

// Preview renders the bot's replies to questions and its digest of a day
// exactly as it sends them to Discord, without Discord: for people to look
// at (rendered like Discord does) and for golden tests of what users see.
func Preview(ctx context.Context, news commands.Searcher, asked []Asked, digest commands.DigestRequest, heading string) ([]Shown, error) {
	var out []Shown
	for _, a := range asked {
		ans, err := commands.Ask(ctx, news, a.Request)
		if err != nil {
			return nil, err
		}
		out = append(out, Shown{a.Name, answerReply(ans).message()})
	}
	d, err := commands.MakeDigest(ctx, news, digest)
	if err != nil {
		return nil, err
	}
	for _, m := range digestMessages(heading, d) {
		out = append(out, Shown{"digest: " + heading, m})
	}
	return out, nil
}
