// Command payloads writes, as JSON, the messages the bot sends for a fixed set
// of questions, a digest, the alerts of a followed topic and a trend chart of
// the bundled sample articles (or
// of another index): what a member of a server sees, for golden tests and for
// rendering as Discord does (see render/README.md).
//
//	go run ./cmd/payloads > /tmp/payloads.json
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"newsbot/bot"
	"newsbot/commands"
	"newsbot/commands/trend"
	"newsbot/index"
	"newsbot/index/ingest"
)

func main() {
	data := flag.String("data", "", "an index to answer from; the bundled samples, indexed in a temporary folder, by default")
	flag.Parse()
	if err := run(context.Background(), *data, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "payloads:", err)
		os.Exit(1)
	}
}

// now is the day the questions are asked on: the day after the newest sample.
var now = time.Date(2025, 5, 1, 9, 0, 0, 0, time.UTC)

// questions are the answers shown: a name, a topic, a question with a date
// and "latest", a date alone, a misspelling, a surname, nothing found, the
// newest news, the earliest on a subject, two people few articles name
// together.
var questions = []string{
	"Witkoff",
	"Iran talks",
	"what's the latest on Ukraine in April?",
	"what happened on 26 April?",
	"tariffs",
	"Zorblax",
	"any news on Witkoff in February?",
	"what's new?",
	"when was Witkoff first reported?",
	"any news on Kellogg and Rubio?",
}

func run(ctx context.Context, data string, w io.Writer) error {
	if data == "" {
		dir, err := os.MkdirTemp("", "newsbot-payloads-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		data = dir
	}
	fresh := !index.Exists(data)
	ix, err := index.Open(data)
	if err != nil {
		return err
	}
	defer ix.Close()
	if fresh {
		files, err := ingest.ListFiles([]string{samplesDir()})
		if err != nil {
			return err
		}
		if _, err := ix.Ingest(ctx, ingest.ReadFiles(ctx, files), nil); err != nil {
			return err
		}
	}
	aliases, err := commands.LoadAliases("")
	if err != nil {
		return err
	}
	var asked []bot.Asked
	for _, q := range questions {
		asked = append(asked, bot.Asked{Name: "/news " + q, Request: commands.Request{Question: q, Aliases: aliases, Now: now}})
	}
	day := time.Date(2025, 4, 17, 0, 0, 0, 0, time.UTC)
	shown, err := bot.Preview(ctx, ix, bot.Showcase{
		Asked:         asked,
		Digest:        commands.DigestRequest{From: day, To: day.AddDate(0, 0, 2)},
		DigestHeading: "Daily digest, 17-18 April 2025",
		Follow:        "Iran",
		Trend:         trend.Request{Topics: "Witkoff, Iran, tariffs", Days: 30, Until: now, Aliases: aliases},
	})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(shown)
}

// samplesDir is the bundled sample articles, found from the working
// directory up: the repository's root, this command's folder, its render
// folder.
func samplesDir() string {
	dir, err := os.Getwd()
	for err == nil {
		if _, statErr := os.Stat(filepath.Join(dir, "go.mod")); statErr == nil {
			return filepath.Join(dir, "testdata", "articles")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return filepath.Join("testdata", "articles")
}
