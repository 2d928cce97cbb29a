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
)

// timeline runs "newsbot timeline": how a topic developed, story by story,
// oldest first.
func (e env) timeline(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("timeline", flag.ContinueOnError)
	data := fs.String("data", "", "data directory")
	asJSON := fs.Bool("json", false, "print one JSON object")
	words, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	topic := strings.Join(words, " ")
	if strings.TrimSpace(topic) == "" {
		return usageError{"timeline: give a topic: newsbot timeline Witkoff"}
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
	tl, err := commands.MakeTimeline(ctx, ix, commands.Request{Question: topic, Aliases: aliases, Now: e.now()})
	if err != nil {
		return questionError(ctx, ix, "timeline", err)
	}
	if *asJSON {
		return writeTimelineJSON(e.stdout, tl)
	}
	writeTimelineText(e.stdout, tl)
	return nil
}

// jsonTimeline is the --json contract of "newsbot timeline".
type jsonTimeline struct {
	Topic   string              `json:"topic"`
	Entries []jsonTimelineEntry `json:"entries"`
}

type jsonTimelineEntry struct {
	Date    string          `json:"date"`
	Title   string          `json:"title"`
	Outlets int             `json:"outlets"`
	Sources []jsonReference `json:"sources"`
}

func writeTimelineJSON(w io.Writer, tl commands.Timeline) error {
	out := jsonTimeline{Topic: tl.Topic, Entries: []jsonTimelineEntry{}}
	for _, entry := range tl.Entries {
		e := jsonTimelineEntry{Date: entry.Date.Format(time.DateOnly), Title: entry.Title, Outlets: entry.Outlets, Sources: []jsonReference{}}
		for _, a := range entry.Sources {
			e.Sources = append(e.Sources, jsonReference{Title: a.Title, Date: dateOf(a), URL: a.URL, Path: a.Path})
		}
		out.Entries = append(out.Entries, e)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func writeTimelineText(w io.Writer, tl commands.Timeline) {
	if len(tl.Entries) == 0 {
		fmt.Fprintf(w, "No dated news on %q.\n", tl.Topic)
		return
	}
	fmt.Fprintf(w, "%s: %d of %d stories, from %s\n", tl.Topic, len(tl.Entries), tl.Stories, commands.Articles(tl.Found))
	for _, entry := range tl.Entries {
		fmt.Fprintf(w, "%s  %s  (%s)\n", entry.Date.Format(time.DateOnly), entry.Title, commands.Coverage(entry.Sources))
	}
}
