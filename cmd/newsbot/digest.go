package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"newsbot/commands"
	"newsbot/index"
)

// digest runs "newsbot digest": the top stories of one day, as the bot posts
// them each morning.
func (e env) digest(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("digest", flag.ContinueOnError)
	data := fs.String("data", "", "data directory")
	date := fs.String("date", "", "the day, YYYY-MM-DD (default: today, UTC)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	stories := fs.Int("stories", commands.DefaultStories, "how many stories")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usageError{fmt.Sprintf("digest: unexpected %q", strings.Join(rest, " "))}
	}
	day := e.now().UTC().Truncate(24 * time.Hour)
	if *date != "" {
		d, err := time.Parse(time.DateOnly, *date)
		if err != nil {
			return usageError{fmt.Sprintf("digest: --date %q: want YYYY-MM-DD", *date)}
		}
		day = d
	}
	if *stories < 1 || *stories > 50 {
		return usageError{fmt.Sprintf("digest: --stories %d: give 1 to 50", *stories)}
	}
	ix, err := e.openForAnswers(ctx, e.dataDir(*data))
	if err != nil {
		return err
	}
	defer ix.Close()
	aliases, err := e.aliases()
	if err != nil {
		return err
	}
	d, err := commands.MakeDigest(ctx, ix, commands.DigestRequest{From: day, To: day.AddDate(0, 0, 1), Stories: *stories, Aliases: aliases})
	if err != nil {
		return err
	}
	if len(d.Stories) == 0 {
		e.hintNewest(ctx, ix, day, "--date")
	}
	if *asJSON {
		return writeDigestJSON(e.stdout, day, d)
	}
	writeDigestText(e.stdout, day, d)
	return nil
}

// jsonDigest is the --json contract of "newsbot digest".
type jsonDigest struct {
	Date    string      `json:"date"`
	Stories []jsonStory `json:"stories"`
}

type jsonStory struct {
	Title   string          `json:"title"`
	Summary []string        `json:"summary"`
	Outlets int             `json:"outlets"`
	Sources []jsonReference `json:"sources"`
}

type jsonReference struct {
	Title string `json:"title"`
	Date  string `json:"date"`
	URL   string `json:"url"`
	Path  string `json:"path"`
}

func writeDigestJSON(w io.Writer, day time.Time, d commands.Digest) error {
	out := jsonDigest{Date: day.Format(time.DateOnly), Stories: []jsonStory{}}
	for _, s := range d.Stories {
		story := jsonStory{Title: s.Title, Summary: s.Summary, Outlets: commands.Outlets(s.Sources), Sources: []jsonReference{}}
		for _, a := range s.Sources {
			story.Sources = append(story.Sources, jsonReference{Title: a.Title, Date: dateOf(a), URL: a.URL, Path: a.Path})
		}
		out.Stories = append(out.Stories, story)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func writeDigestText(w io.Writer, day time.Time, d commands.Digest) {
	if len(d.Stories) == 0 {
		fmt.Fprintf(w, "No news on %s.\n", day.Format("Monday 2 January 2006"))
		return
	}
	stories := "stories"
	if len(d.Stories) == 1 {
		stories = "story"
	}
	fmt.Fprintf(w, "News of %s: %d %s from %s\n", day.Format("Monday 2 January 2006"), len(d.Stories), stories, commands.Articles(d.Articles))
	for i, s := range d.Stories {
		fmt.Fprintf(w, "\n%d. %s", i+1, s.Title)
		if len(s.Sources) > 1 {
			fmt.Fprintf(w, " (%s)", commands.Coverage(s.Sources))
		}
		fmt.Fprintln(w)
		for _, sentence := range s.Summary {
			fmt.Fprintf(w, "   %s\n", sentence)
		}
		for _, a := range s.Sources {
			fmt.Fprintf(w, "   - %s: %s\n", a.Title, location(a))
		}
	}
}

// hintNewest says, on stderr, which day to ask for when the period asked for
// begins after the newest article: an archive's news is not today's.
func (e env) hintNewest(ctx context.Context, ix *index.Index, from time.Time, flag string) {
	st, err := ix.Stats(ctx)
	if err != nil || st.Newest.IsZero() || !st.Newest.Before(from) {
		return
	}
	newest := st.Newest.Format(time.DateOnly)
	fmt.Fprintf(e.stderr, "The newest article is dated %s: try %s %s.\n", newest, flag, newest)
}
