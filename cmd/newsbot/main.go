// Command newsbot indexes news articles and answers questions about them, on
// the command line and as a Discord bot. Run "newsbot help" for its commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"syscall"

	"github.com/joho/godotenv"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], environment(), os.Stdout, os.Stderr)
	stop()
	var usage usageError
	var help helpRequest
	switch {
	case errors.As(err, &help):
		fmt.Fprintln(os.Stdout, help)
	case errors.As(err, &usage):
		fmt.Fprintf(os.Stderr, "newsbot: %v\n", err)
		os.Exit(2)
	case err != nil:
		fmt.Fprintf(os.Stderr, "newsbot: %v\n", err)
		os.Exit(1)
	}
}

// environment returns a getenv that reads the process environment first and
// then ./.env, so that a real environment variable wins over the file.
func environment() func(string) string {
	dotenv, err := godotenv.Read(".env")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(os.Stderr, "newsbot: ignoring .env: %v\n", err)
	}
	return func(key string) string {
		if v, ok := os.LookupEnv(key); ok {
			return v
		}
		return dotenv[key]
	}
}
