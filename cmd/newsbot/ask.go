package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"newsbot/commands"
	"newsbot/index"
	"newsbot/index/news"
	"newsbot/index/stream"
)

// samplesDir holds the bundled sample articles. When "ask" finds no index, it
// builds one from them (if run from the repository), so that a fresh clone
// answers at once.
const samplesDir = "testdata/articles"

// ask runs "newsbot ask": the answer the bot gives, as text or as JSON.
func (e env) ask(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	data := fs.String("data", "", "data directory")
	asJSON := fs.Bool("json", false, "print one JSON object")
	since := fs.String("since", "", "only articles since 7d, 2w, 24h or a date like 2025-04-01")
	limit := fs.Int("limit", commands.DefaultSources, "how many sources to list")
	today := fs.String("now", "", `the day "today", "yesterday" and "last week" count from, like 1987-10-21, for an archive; the clock's by default`)
	words, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	question := strings.Join(words, " ")
	if strings.TrimSpace(question) == "" {
		return usageError{`ask: give a question, a name or a topic, for example: newsbot ask "Witkoff"`}
	}
	if *limit < 1 || *limit > 100 {
		return usageError{fmt.Sprintf("ask: --limit %d: give a number of sources from 1 to 100", *limit)}
	}
	now := e.now()
	if *today != "" {
		if now, err = time.Parse(time.DateOnly, *today); err != nil {
			return usageError{fmt.Sprintf("ask: --now %q: give a day like 1987-10-21", *today)}
		}
		now = now.Add(12 * time.Hour) // the middle of that day
	}
	from, err := commands.ParseSince(*since, now)
	if err != nil {
		return usageError{"ask: " + err.Error()}
	}
	ix, err := e.openForAnswers(ctx, e.dataDir(*data))
	if err != nil {
		return err
	}
	defer ix.Close()
	if n, err := ix.Count(); err == nil && n == 0 {
		return fmt.Errorf("the index in %s is empty: add articles with: newsbot index --data %s PATH", e.dataDir(*data), e.dataDir(*data))
	}
	aliases, err := e.aliases()
	if err != nil {
		return err
	}
	ans, err := commands.Ask(ctx, ix, commands.Request{Question: question, Since: from, Sources: *limit, Aliases: aliases, Now: now})
	if err != nil {
		return questionError(ctx, ix, "ask", err)
	}
	if *asJSON {
		return writeJSON(e.stdout, ans)
	}
	writeText(e.stdout, ans)
	return nil
}

// aliases are the other spellings of names: the shipped list and the file
// NEWSBOT_ALIASES names.
func (e env) aliases() (commands.Aliases, error) {
	return commands.LoadAliases(e.getenv("NEWSBOT_ALIASES"))
}

// questionError is a question that is no subject (none, or a paragraph) as
// a usage error of command, with a person in the index's last week of news
// to ask about instead, or any other error as it is.
func questionError(ctx context.Context, nr commands.Newsroom, command string, err error) error {
	switch {
	case errors.Is(err, commands.ErrNoSubject):
		msg := command + ": " + err.Error()
		// Without examples when the index cannot tell: the question's
		// mistake is what to say.
		if people, _ := commands.PeopleToAskAbout(ctx, nr, 1); len(people) > 0 {
			msg += fmt.Sprintf(", for example: newsbot %s %q", command, people[0])
		}
		return usageError{msg}
	case errors.Is(err, commands.ErrTooLong):
		return usageError{command + ": " + err.Error()}
	}
	return err
}

// openForAnswers opens the index for a command that answers once (see
// openIndex).
func (e env) openForAnswers(ctx context.Context, dir string) (*index.Index, error) {
	ix, cluster, err := e.openIndex(ctx, dir)
	if cluster != nil {
		cluster.Close()
	}
	return ix, err
}

// openIndex opens the index. In cluster mode it first applies what the
// stream of articles holds that the index has not seen, and returns the
// stream too; otherwise it builds the index from the sample articles when
// there is none yet and the samples are at hand, and says that it did.
func (e env) openIndex(ctx context.Context, dir string) (*index.Index, *stream.Stream, error) {
	fresh := !index.Exists(dir)
	ix, err := index.Open(dir)
	if err != nil {
		return nil, nil, err
	}
	cluster, err := e.joinCluster(ctx, ix, dir)
	if err != nil {
		ix.Close()
		return nil, nil, err
	}
	if cluster != nil {
		return ix, cluster, nil
	}
	if _, err := os.Stat(samplesDir); !fresh || err != nil {
		return ix, nil, nil
	}
	fmt.Fprintf(e.stderr, "No index in %s yet: building one from the sample articles in %s.\n", dir, samplesDir)
	if _, err := e.ingest(ctx, ix, ix, []string{samplesDir}, e.stderr); err != nil {
		ix.Close()
		return nil, nil, err
	}
	return ix, nil, nil
}

// writeText prints an answer for people: the summary with its citations, then
// the numbered sources with their excerpts.
func writeText(w io.Writer, ans commands.Answer) {
	if ans.Found == 0 {
		fmt.Fprintf(w, "%s.\n", ans.NothingFound())
		if len(ans.Others) > 0 {
			fmt.Fprintf(w, "Did you mean %s?\n", strings.Join(ans.Others, " or "))
		}
		for _, s := range ans.Suggestions {
			fmt.Fprintln(w, s)
		}
		return
	}
	fmt.Fprintf(w, "%s: %s\n", ans.Subject, commands.Articles(ans.Found))
	if ans.Reading.Differs(ans.Question) {
		fmt.Fprintf(w, "Reading this as: %s\n", ans.Reading)
	}
	if len(ans.Others) > 0 {
		fmt.Fprintf(w, "Did you mean %s?\n", strings.Join(ans.Others, " or "))
	}
	fmt.Fprintln(w)
	for _, s := range ans.Summary {
		text := s.Text
		if !s.Day.IsZero() {
			text += " (" + s.Day.Format("Monday 2 January 2006") + ")"
		}
		fmt.Fprintf(w, "%s %s\n", text, citations(s.Sources))
	}
	fmt.Fprintln(w, "\nSources")
	for _, s := range ans.Sources {
		title := commands.Headline(s.Article)
		if d := dateOf(s.Article); d != "" {
			title += " (" + d + ")"
		}
		fmt.Fprintf(w, "[%d] %s\n    %s\n", s.N, title, location(s.Article))
		if x := excerptText(s.Excerpt); x != "" {
			fmt.Fprintf(w, "    %s\n", x)
		}
	}
}

// jsonAnswer is the --json contract, for scripts and checks.
type jsonAnswer struct {
	Question    string          `json:"question"`
	Subject     string          `json:"subject"`
	Found       int             `json:"found"`
	Summary     []jsonStatement `json:"summary"`
	Sources     []jsonSource    `json:"sources"`
	Suggestions []string        `json:"suggestions,omitempty"`
	DidYouMean  []string        `json:"did_you_mean,omitempty"`
	Reading     jsonReading     `json:"reading"`
}

// jsonReading is how the question was read; since and until are dates
// (until excluded), empty when open.
type jsonReading struct {
	Subject string   `json:"subject"`
	Since   string   `json:"since"`
	Until   string   `json:"until"`
	Dropped []string `json:"dropped"`
	Order   string   `json:"order"`
}

type jsonStatement struct {
	Text    string `json:"text"`
	Sources []int  `json:"sources"`
	// Day is the date a relative day in the sentence means ("on Friday").
	Day string `json:"day,omitempty"`
}

type jsonSource struct {
	N       int    `json:"n"`
	ID      string `json:"id"`
	Title   string `json:"title"`
	Date    string `json:"date"`
	URL     string `json:"url"`
	Path    string `json:"path"`
	Excerpt string `json:"excerpt"`
}

// dateOr is d as YYYY-MM-DD, or "" for none.
func dateOr(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

func writeJSON(w io.Writer, ans commands.Answer) error {
	out := jsonAnswer{
		Question:    ans.Question,
		Subject:     ans.Subject,
		Found:       ans.Found,
		Summary:     []jsonStatement{},
		Sources:     []jsonSource{},
		Suggestions: ans.Suggestions,
		DidYouMean:  ans.Others,
		Reading: jsonReading{
			Subject: ans.Reading.Subject, Since: dateOr(ans.Reading.Period.Since), Until: dateOr(ans.Reading.Period.Until),
			Dropped: append([]string{}, ans.Reading.Dropped...), Order: ans.Reading.Order(),
		},
	}
	for _, s := range ans.Summary {
		out.Summary = append(out.Summary, jsonStatement{Text: s.Text, Sources: s.Sources, Day: dateOr(s.Day)})
	}
	for _, s := range ans.Sources {
		a := s.Article
		out.Sources = append(out.Sources, jsonSource{
			N: s.N, ID: a.ID, Title: a.Title, Date: dateOf(a), URL: a.URL, Path: a.Path,
			Excerpt: excerptText(s.Excerpt),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// excerptText renders an excerpt with the matched words in **bold**.
func excerptText(fragments []commands.Fragment) string {
	var b strings.Builder
	for _, f := range fragments {
		if f.Match {
			b.WriteString("**" + f.Text + "**")
		} else {
			b.WriteString(f.Text)
		}
	}
	return b.String()
}

func citations(sources []int) string {
	parts := make([]string, len(sources))
	for i, n := range sources {
		parts[i] = fmt.Sprintf("[%d]", n)
	}
	return strings.Join(parts, "")
}

func dateOf(a news.Article) string {
	if a.Date.IsZero() {
		return ""
	}
	return a.Date.Format(time.DateOnly)
}

// location is where to read an article: its link, else its file.
func location(a news.Article) string {
	if a.URL != "" {
		return a.URL
	}
	return displayPath(a.Path)
}
