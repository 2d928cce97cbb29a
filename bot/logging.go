package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bwmarrin/discordgo"
)

// discordgoLog receives discordgo's own log lines. discordgo has one global
// Logger, so it is installed once and routes to the logger of the newest bot.
var discordgoLog struct {
	once   sync.Once
	logger atomic.Pointer[slog.Logger]
	token  atomic.Pointer[string]
}

// routeDiscordgoLogs sends discordgo's log lines to log, at matching levels,
// with the token blanked out should discordgo ever print a payload holding it.
func routeDiscordgoLogs(log *slog.Logger, token string) {
	discordgoLog.logger.Store(log.With("component", "discordgo"))
	discordgoLog.token.Store(&token)
	discordgoLog.once.Do(func() {
		discordgo.Logger = func(level, _ int, format string, a ...any) {
			msg := fmt.Sprintf(format, a...)
			if t := discordgoLog.token.Load(); t != nil && *t != "" {
				msg = strings.ReplaceAll(msg, *t, "[token]")
			}
			discordgoLog.logger.Load().Log(context.Background(), slogLevel(level), msg)
		}
	})
}

func slogLevel(discordgoLevel int) slog.Level {
	switch discordgoLevel {
	case discordgo.LogError:
		return slog.LevelError
	case discordgo.LogWarning:
		return slog.LevelWarn
	case discordgo.LogInformational:
		return slog.LevelInfo
	}
	return slog.LevelDebug
}
