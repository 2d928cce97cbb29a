package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"newsbot/commands/trend"
)

// trend runs "newsbot trend": the /trend chart, written to a PNG file, and
// its reading printed.
func (e env) trend(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("trend", flag.ContinueOnError)
	data := fs.String("data", "", "data directory")
	out := fs.String("out", "", "the PNG file to write")
	days := fs.Int("days", trend.DefaultDays, fmt.Sprintf("how many days back, %d to %d", trend.MinDays, trend.MaxDays))
	until := fs.String("until", "", "the last day, YYYY-MM-DD (default: today, UTC)")
	width := fs.Int("width", trend.ChartWidth, "the chart's width in pixels")
	height := fs.Int("height", trend.ChartHeight, "the chart's height in pixels")
	words, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	topics := strings.Join(words, " ")
	switch {
	case *out == "":
		return usageError{"trend: give the PNG file to write with --out"}
	case strings.TrimSpace(topics) == "":
		return usageError{`trend: give a topic, or several separated by commas: newsbot trend --out w.png "Witkoff, Rubio"`}
	case *days < trend.MinDays || *days > trend.MaxDays:
		return usageError{fmt.Sprintf("trend: --days %d: give %d to %d", *days, trend.MinDays, trend.MaxDays)}
	}
	last := e.now()
	if *until != "" {
		if last, err = time.Parse(time.DateOnly, *until); err != nil {
			return usageError{fmt.Sprintf("trend: --until %q: want YYYY-MM-DD", *until)}
		}
	}
	aliases, err := e.aliases()
	if err != nil {
		return err
	}
	ix, err := e.openForAnswers(ctx, e.dataDir(*data))
	if err != nil {
		return err
	}
	defer ix.Close()
	series, err := trend.Count(ctx, ix, trend.Request{Topics: topics, Days: *days, Until: last, Aliases: aliases})
	if err != nil {
		return err
	}
	png, err := trend.Chart(series, *width, *height)
	if err != nil {
		return usageError{"trend: " + err.Error()}
	}
	if err := os.WriteFile(*out, png, 0o644); err != nil {
		return err
	}
	found := false
	for _, s := range series {
		fmt.Fprintln(e.stdout, trend.Reading(s))
		found = found || slices.ContainsFunc(s.Days, func(d trend.Day) bool { return d.Articles > 0 })
	}
	if !found {
		e.hintNewest(ctx, ix, last.UTC().AddDate(0, 0, -*days), "--until")
	}
	fmt.Fprintf(e.stdout, "chart written to %s\n", *out)
	return nil
}
