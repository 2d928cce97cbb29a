package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// usageError is a mistake in the command line: main exits with status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// helpRequest is a command's help, asked for with --help: main prints it on
// standard output and exits with status 0.
type helpRequest string

func (h helpRequest) Error() string { return string(h) }

const usage = `newsbot indexes news articles and answers questions about them.

Usage:
  newsbot index [--data DIR] PATH...                 add article files and directories
  newsbot ask [--data DIR] [--json] [--since 7d|2025-04-01] [--limit N] QUESTION...
  newsbot summarize [--sentences N] FILE             the key sentences of one article
  newsbot digest [--data DIR] [--date YYYY-MM-DD] [--json] [--stories N]  the top stories of a day
  newsbot trend [--data DIR] [--days N] [--until YYYY-MM-DD] --out FILE.png TOPIC[, TOPIC...]
  newsbot timeline [--data DIR] [--json] TOPIC       a topic's stories, oldest first
  newsbot eval [--corpus DIR] [--data DIR] [--questions FILE]  quality figures on ../shared/corpus
  newsbot bench [--corpus DIR]... [--data DIR] [--generate N] [--json]  speed and memory figures
  newsbot prune --older-than 365d [--data DIR]       delete the articles older than that
  newsbot serve [--data DIR] [--http ADDR]           run the Discord bot
  newsbot backup [--data DIR] FOLDER                 a whole copy of the index and the state, also while serving
  newsbot restore [--data DIR] FOLDER                put a backup back (with the bot stopped)
  newsbot reindex [--data DIR]                       rebuild an older newsbot's index from the text it holds

The data directory is --data, else $NEWSBOT_DATA, else ./data. Settings are read
from the environment and from ./.env. "newsbot COMMAND --help" lists a command's
flags.
`

// env holds what every subcommand gets from main.
type env struct {
	getenv         func(string) string
	stdout, stderr io.Writer
	now            func() time.Time
	// self is the newsbot program, which bench runs as a new process.
	self func() (string, error)
}

// run is newsbot's whole program: main only hands it the process's arguments,
// environment and output.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdout: stdout, stderr: stderr, now: time.Now, self: os.Executable}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageError{"no command given"}
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "index":
		return e.index(ctx, rest)
	case "ask":
		return e.ask(ctx, rest)
	case "summarize":
		return e.summarize(rest)
	case "digest":
		return e.digest(ctx, rest)
	case "eval":
		return e.eval(ctx, rest)
	case "trend":
		return e.trend(ctx, rest)
	case "timeline":
		return e.timeline(ctx, rest)
	case "bench":
		return e.bench(ctx, rest)
	case "backup":
		return e.backup(ctx, rest)
	case "restore":
		return e.restore(ctx, rest)
	case "reindex":
		return e.reindex(ctx, rest)
	case "prune":
		return e.prune(ctx, rest)
	case "serve":
		return e.serve(ctx, rest)
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return usageError{fmt.Sprintf("unknown command %q", cmd)}
	}
}

// parseFlags parses flags that may come before, between or after the
// positional arguments ("ask Witkoff --json"), and returns the positional ones.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			return nil, helpRequest(fmt.Sprintf("Flags of newsbot %s:\n%s", fs.Name(), flagHelp(fs)))
		} else if err != nil {
			return nil, usageError{fmt.Sprintf("%s: %v\nFlags of newsbot %s:\n%s", fs.Name(), err, fs.Name(), flagHelp(fs))}
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// flagHelp lists the flags of fs with their meaning and defaults.
func flagHelp(fs *flag.FlagSet) string {
	var b strings.Builder
	fs.SetOutput(&b)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	return strings.TrimRight(b.String(), "\n")
}

// dataDir is where the index and state live: the --data flag, else
// $NEWSBOT_DATA, else ./data.
func (e env) dataDir(flagValue string) string {
	for _, dir := range []string{flagValue, e.getenv("NEWSBOT_DATA")} {
		if dir = strings.TrimSpace(dir); dir != "" {
			return dir
		}
	}
	return "data"
}
