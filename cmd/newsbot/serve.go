package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"

	"newsbot/bot"
	"newsbot/bot/state"
)

// serve runs "newsbot serve": the Discord bot, until SIGINT or SIGTERM, on the
// gateway or, with --http, taking Discord's signed interaction requests.
func (e env) serve(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	data := fs.String("data", "", "data directory")
	httpAddr := fs.String("http", "", "take interactions as HTTP requests on this address (like :8080) instead of the gateway")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usageError{fmt.Sprintf("serve: unexpected %q", strings.Join(rest, " "))}
	}
	cfg, err := bot.ConfigFromEnv(e.getenv)
	if err != nil {
		return err
	}
	if *httpAddr != "" && cfg.PublicKey == nil {
		return errors.New("serve --http needs DISCORD_PUBLIC_KEY: copy the public key from the General Information page of the developer portal")
	}
	log, err := e.logger()
	if err != nil {
		return err
	}
	dir := e.dataDir(*data)
	ix, cluster, err := e.openIndex(ctx, dir)
	if err != nil {
		return err
	}
	defer func() {
		if err := ix.Close(); err != nil {
			log.Error("close the index", "err", err)
		}
	}()
	if !ix.FindsFullNames() {
		log.Warn(olderIndex)
	}
	var library bot.Library = ix
	// The state second: the index's lock makes this process its only user,
	// or, in cluster mode, the bucket all the processes share.
	var store state.Keeper
	if cluster == nil {
		if store, err = state.Open(filepath.Join(dir, "state.json")); err != nil {
			return err
		}
	} else {
		defer cluster.Close()
		library = clustered{ix, cluster}
		if store, err = state.OpenShared(ctx, cluster.Conn(), cluster.Replicas(), filepath.Join(dir, "state.json"), log); err != nil {
			return err
		}
		go cluster.Follow(ctx, followEvery, func(err error) { log.Warn("could not apply the stream of articles", "err", err) })
	}
	if err := serveControl(ctx, dir, ix, store, e.now, log); err != nil {
		// The bot answers all the same; only backups need the socket.
		log.Warn("newsbot backup cannot reach this process: run it with the bot stopped", "err", err)
	}
	b := bot.New(cfg, library, store, log)
	if *httpAddr != "" {
		return b.RunHTTP(ctx, *httpAddr)
	}
	return b.Run(ctx)
}

// logger writes structured logs to stderr at the level NEWSBOT_LOG_LEVEL sets.
func (e env) logger() (*slog.Logger, error) {
	var level slog.Level
	if text := strings.TrimSpace(e.getenv("NEWSBOT_LOG_LEVEL")); text != "" {
		if err := level.UnmarshalText([]byte(text)); err != nil {
			return nil, fmt.Errorf("NEWSBOT_LOG_LEVEL %q: want debug, info, warn or error", text)
		}
	}
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level})), nil
}
