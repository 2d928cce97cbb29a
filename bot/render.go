package bot

import (
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/commands"
	"newsbot/index/feeds"
	"newsbot/index/news"
)

// Discord's limits on a message, in characters (see length).
const (
	maxContent     = 2000
	maxTitle       = 256
	maxDescription = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxEmbedsTotal = 6000
	maxCustomID    = 100
)

// Sizes newsbot keeps its parts to, well inside the limits, so that a whole
// answer reads at a glance.
const (
	maxStatement = 500
	maxExcerpt   = 400
	maxName      = 60  // a source's or file's name
	maxLink      = 512 // longer links are left out rather than cut
)

// colour is the embeds' accent: a blue that reads on dark and light themes.
const colour = 0x3b82f6

// noMentions lets no reply ping anyone: not @everyone, roles, users, nor the
// author of a message the bot replies to.
var noMentions = &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}, RepliedUser: false}

// answerEmbed renders an answer: the summary with its citations, then the
// first sources with their excerpts.
func answerEmbed(ans commands.Answer) *discordgo.MessageEmbed {
	if ans.Found == 0 {
		return nothingFoundEmbed(ans)
	}
	var summary strings.Builder
	if len(ans.Others) > 0 {
		fmt.Fprintf(&summary, "*Did you mean %s?*\n", escapeAll(ans.Others, " or "))
	}
	if ans.Reading.Differs(ans.Question) {
		fmt.Fprintf(&summary, "*Reading this as: %s*\n", escape(ans.Reading.String()))
	}
	for _, st := range ans.Summary {
		summary.WriteString(truncate(escape(st.Text), maxStatement))
		if !st.Day.IsZero() {
			fmt.Fprintf(&summary, " *(%s)*", st.Day.Format("Monday 2 January 2006"))
		}
		// A no-break space keeps a citation on its sentence's line.
		for _, n := range st.Sources {
			fmt.Fprintf(&summary, "\u00a0[%d]", n)
		}
		summary.WriteString("\n")
	}
	e := &discordgo.MessageEmbed{
		Title:       fmt.Sprintf("%s: %s", escape(ans.Subject), commands.Articles(ans.Found)),
		Description: summary.String(),
		Color:       colour,
		Fields:      sourceFields(ans.Sources),
		Footer:      &discordgo.MessageEmbedFooter{Text: sourcesFooter(ans)},
	}
	return fit(e)
}

// escapeAll escapes each of texts and joins them with sep.
func escapeAll(texts []string, sep string) string {
	escaped := make([]string, len(texts))
	for i, t := range texts {
		escaped[i] = escape(t)
	}
	return strings.Join(escaped, sep)
}

// sourcesEmbed renders a further page of an answer's sources.
func sourcesEmbed(ans commands.Answer) *discordgo.MessageEmbed {
	return fit(&discordgo.MessageEmbed{
		Title:  fmt.Sprintf("More sources on %s", escape(ans.Subject)),
		Color:  colour,
		Fields: sourceFields(ans.Sources),
		Footer: &discordgo.MessageEmbedFooter{Text: sourcesFooter(ans)},
	})
}

func nothingFoundEmbed(ans commands.Answer) *discordgo.MessageEmbed {
	var b strings.Builder
	b.WriteString(escape(ans.NothingFound()) + ".\n")
	if len(ans.Others) > 0 {
		fmt.Fprintf(&b, "*Did you mean %s?*\n", escapeAll(ans.Others, " or "))
	}
	for _, s := range ans.Suggestions {
		b.WriteString(escape(s) + "\n")
	}
	return fit(&discordgo.MessageEmbed{Title: "Nothing found", Description: b.String(), Color: colour})
}

// latestEmbed lists the newest articles.
func latestEmbed(l commands.Latest) *discordgo.MessageEmbed {
	title := "Latest news"
	if l.Topic != "" {
		title = "Latest on " + escape(l.Topic)
	}
	e := &discordgo.MessageEmbed{Title: title, Color: colour, Fields: sourceFields(l.Articles)}
	if len(l.Articles) == 0 {
		e.Description = "No articles found."
		if l.Topic != "" {
			e.Description = fmt.Sprintf("No articles about “%s”.", escape(l.Topic))
		}
	}
	return fit(e)
}

// sourceFields gives each source a field: its number and title, then its
// date and where to read it, then the excerpt as a quote.
func sourceFields(sources []commands.Source) []*discordgo.MessageEmbedField {
	var fields []*discordgo.MessageEmbedField
	for _, s := range sources {
		a := s.Article
		meta := []string{}
		if !a.Date.IsZero() {
			meta = append(meta, a.Date.Format(time.DateOnly))
		}
		if name := outlet(a); name != "" {
			meta = append(meta, truncate(escape(name), maxName))
		}
		if link := whereToRead(a); link != "" {
			meta = append(meta, link)
		}
		if len(meta) == 0 {
			meta = append(meta, "no date or link") // Discord refuses an empty field
		}
		value := strings.Join(meta, " · ")
		// Only the excerpt is shortened to fit: cutting the markup around
		// it would break a link or leave bold open.
		room := min(maxExcerpt, maxFieldValue-length(value)-len("\n> "))
		if x := excerptMarkdown(s.Excerpt, room); x != "" {
			value += "\n> " + x
		}
		fields = append(fields, &discordgo.MessageEmbedField{
			Name:  truncate(fmt.Sprintf("[%d] %s", s.N, escape(commands.Headline(a))), maxFieldName),
			Value: value,
		})
	}
	return fields
}

// whereToRead is a link to the article when it has a safe one, else "": the
// file an article was read from is the server's business, not the reader's.
func whereToRead(a news.Article) string {
	if link := safeLink(a.URL); link != "" {
		return fmt.Sprintf("[read](%s)", link)
	}
	return ""
}

// outlet names who published an article: its source (a feed's title), else
// its byline without the "By" ("Staff, Agencies"); "" when it says neither.
func outlet(a news.Article) string {
	if a.Source != "" {
		return a.Source
	}
	b := strings.TrimSpace(a.Byline)
	if rest, ok := strings.CutPrefix(b, "By "); ok {
		return rest
	}
	return b
}

// safeLink returns an http(s) URL in a form that cannot break out of a
// markdown link, or "" when the URL is not one.
func safeLink(raw string) string {
	u, ok := feeds.WebURL(raw)
	if !ok || u.User != nil {
		return ""
	}
	s := strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E", "\\", "%5C").Replace(u.String())
	if length(s) > maxLink {
		return ""
	}
	return s
}

// excerptMarkdown renders an excerpt's fragments escaped, with the matched
// words in bold, within max characters. It cuts between fragments or inside a
// plain one, so a bold pair is never left open.
func excerptMarkdown(fragments []commands.Fragment, max int) string {
	var b strings.Builder
	used := 0
	for _, f := range fragments {
		text := escape(strings.ReplaceAll(f.Text, "\n", " "))
		piece := text
		if f.Match {
			piece = "**" + text + "**"
		}
		if used+length(piece) > max {
			if !f.Match {
				b.WriteString(truncate(text, max-used))
			} else {
				b.WriteString(" " + ellipsis)
			}
			break
		}
		b.WriteString(piece)
		used += length(piece)
	}
	return b.String()
}

func sourcesFooter(ans commands.Answer) string {
	if len(ans.Sources) == 0 {
		return "newsbot"
	}
	first, last := ans.Sources[0].N, ans.Sources[len(ans.Sources)-1].N
	return fmt.Sprintf("Sources %d–%d of %d · newsbot", first, last, ans.Found)
}

// fit makes an embed respect Discord's limits: each part is cut to its own
// limit, and fields are dropped from the end until the whole is under the
// limit for all the embeds of a message.
func fit(e *discordgo.MessageEmbed) *discordgo.MessageEmbed {
	e.Title = truncate(e.Title, maxTitle)
	e.Description = truncate(e.Description, maxDescription)
	if e.Footer != nil {
		e.Footer.Text = truncate(e.Footer.Text, maxFooter)
	}
	if len(e.Fields) > maxFields {
		e.Fields = e.Fields[:maxFields]
	}
	for _, f := range e.Fields {
		f.Name = truncate(f.Name, maxFieldName)
		f.Value = truncate(f.Value, maxFieldValue) // a last resort: the fields are built to fit
	}
	for embedLength(e) > maxEmbedsTotal && len(e.Fields) > 0 {
		e.Fields = e.Fields[:len(e.Fields)-1]
	}
	if over := embedLength(e) - maxEmbedsTotal; over > 0 {
		e.Description = truncate(e.Description, length(e.Description)-over)
	}
	return e
}

// embedLength is what Discord counts towards the 6,000 characters of a
// message's embeds.
func embedLength(e *discordgo.MessageEmbed) int {
	n := length(e.Title) + length(e.Description)
	if e.Footer != nil {
		n += length(e.Footer.Text)
	}
	if e.Author != nil {
		n += length(e.Author.Name)
	}
	for _, f := range e.Fields {
		n += length(f.Name) + length(f.Value)
	}
	return n
}
