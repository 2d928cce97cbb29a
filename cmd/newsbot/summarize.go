package main

import (
	"flag"
	"fmt"

	"newsbot/commands"
	"newsbot/index/news"
)

// summarize runs "newsbot summarize": the n sentences that carry an article,
// one per line, in article order.
func (e env) summarize(args []string) error {
	fs := flag.NewFlagSet("summarize", flag.ContinueOnError)
	n := fs.Int("sentences", 3, "how many sentences")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return usageError{"summarize: give one article file"}
	}
	if *n < 1 {
		return usageError{fmt.Sprintf("summarize: --sentences %d: give at least 1", *n)}
	}
	a, err := news.ReadFile(files[0])
	if err != nil {
		return fmt.Errorf("summarize %s: %w", files[0], err)
	}
	for _, s := range commands.Summarize(a.Body, *n) {
		fmt.Fprintln(e.stdout, s)
	}
	return nil
}
