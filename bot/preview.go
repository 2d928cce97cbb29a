package bot

import (
	"context"
	"io"

	"github.com/bwmarrin/discordgo"

	"newsbot/commands"
	"newsbot/commands/trend"
)

// Asked is a question put to the bot, as /news or a mention would put it.
type Asked struct {
	Name    string // what the preview calls it
	Request commands.Request
}

// Showcase is what a preview shows: answers to questions, a digest under its
// heading, the alerts of a followed topic when Follow names one, and a trend
// chart when Trend names topics.
type Showcase struct {
	Asked         []Asked
	Digest        commands.DigestRequest
	DigestHeading string
	// Follow is a topic followed in a channel: the alerts of the digest's
	// period on it are shown, its top story alone and the next ones
	// gathered, as when the hour's posts run out.
	Follow string
	Trend  trend.Request
}

// Shown is one message the bot would post, with what it answers and the
// files it attaches (a chart).
type Shown struct {
	Name    string                 `json:"name"`
	Message *discordgo.MessageSend `json:"message"`
	Files   []ShownFile            `json:"files,omitempty"`
}

// ShownFile is an attachment as posted; Data is base64 in JSON.
type ShownFile struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Data        []byte `json:"data"`
}

// Preview renders the bot's replies to questions, its digest of a period and
// a trend chart exactly as it sends them to Discord, without Discord: for
// people to look at what users see, and for golden tests.
func Preview(ctx context.Context, news Library, show Showcase) ([]Shown, error) {
	var out []Shown
	for _, a := range show.Asked {
		ans, err := commands.Ask(ctx, news, a.Request)
		if err != nil {
			return nil, err
		}
		out = append(out, Shown{Name: a.Name, Message: answerReply(ans).message()})
	}
	d, err := commands.MakeDigest(ctx, news, show.Digest)
	if err != nil {
		return nil, err
	}
	for _, m := range digestMessages(show.DigestHeading, d) {
		out = append(out, Shown{Name: "digest: " + show.DigestHeading, Message: m})
	}
	if show.Follow != "" {
		req := show.Digest
		req.Topics, req.Exclude = []string{show.Follow}, nil
		fd, err := commands.MakeDigest(ctx, news, req)
		if err != nil {
			return nil, err
		}
		topics := []string{show.Follow}
		if len(fd.Stories) > 0 {
			out = append(out, Shown{Name: "/follow " + show.Follow + ": an alert", Message: alertMessage(alertPost{topics: topics, stories: fd.Stories[:1]})})
		}
		if len(fd.Stories) > 2 { // a gathered post has two stories at least
			out = append(out, Shown{Name: "/follow " + show.Follow + ": alerts gathered", Message: alertMessage(alertPost{topics: topics, stories: fd.Stories[1:]})})
		}
	}
	if show.Trend.Topics == "" {
		return out, nil
	}
	r, err := trendReply(ctx, news, show.Trend)
	if err != nil {
		return nil, err
	}
	shown := Shown{Name: "/trend " + show.Trend.Topics, Message: r.message()}
	for _, f := range r.files {
		data, err := io.ReadAll(f.Reader)
		if err != nil {
			return nil, err
		}
		shown.Files = append(shown.Files, ShownFile{f.Name, f.ContentType, data})
	}
	return append(out, shown), nil
}
