package bot

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"newsbot/commands"
	"newsbot/index/feeds"
	"newsbot/index/retention"
)

// Config is what the bot needs to connect.
type Config struct {
	// Token is the bot token from Discord's developer portal, without "Bot ".
	Token string
	// GuildID, when set, registers the commands in that server only, where
	// they update at once (for development); otherwise they are global.
	GuildID string
	// APIURL is where REST calls and the gateway lookup go: Discord itself by
	// default, a REST proxy in production, a fake in tests.
	APIURL *url.URL
	// ShardID and ShardCount split the servers among several processes.
	ShardID, ShardCount int
	// Cooldown allows each user this many requests per CooldownWindow.
	Cooldown       int
	CooldownWindow time.Duration
	// ChannelCooldown allows each channel this many per ChannelWindow, so
	// that many users together cannot flood one channel either.
	ChannelCooldown int
	ChannelWindow   time.Duration
	// DigestGrace is how late a digest may still be posted after newsbot
	// was down at its time.
	DigestGrace time.Duration
	// Feeds are the feeds to poll from the setting, besides those added with
	// /feeds add.
	Feeds []string
	// PollInterval is how often each feed is read, give or take a tenth.
	PollInterval time.Duration
	// Tick is how often the bot looks for due digests and feeds, and for a
	// new day to prune the index to.
	Tick time.Duration
	// AlertsPerHour is the most alerts of followed topics posted in one
	// channel, or one user's direct messages, in an hour; beyond it the new
	// stories are gathered into one message.
	AlertsPerHour int
	// Keep, when not zero, is how long articles are kept: older ones are
	// deleted once a day (see retention.Cutoff).
	Keep time.Duration
	// Aliases are other spellings of names, applied to every question.
	Aliases commands.Aliases
	// PublicKey verifies the interactions Discord sends over HTTP (RunHTTP).
	PublicKey ed25519.PublicKey
	// OpsAddr, when set, is where /healthz and /metrics are served.
	OpsAddr string
	// OpsChannel is where newsbot tells about the feeds of NEWSBOT_FEEDS
	// (failing, stopped, working again), which belong to no one server.
	OpsChannel string
	// TrustedNetworks are private networks feeds may be read from: the
	// operator's own news servers. Any other address that is not public is
	// refused, since anyone allowed /feeds add could name one.
	TrustedNetworks []netip.Prefix
}

// DefaultTick is how often a serving bot looks for due digests and feeds.
const DefaultTick = 30 * time.Second

// DefaultAPIURL is Discord's own API.
const DefaultAPIURL = "https://discord.com"

// ErrNoToken means DISCORD_TOKEN is not set.
var ErrNoToken = errors.New("DISCORD_TOKEN is not set: put the bot token from the Discord developer portal (Bot page) in .env or the environment")

// ConfigFromEnv reads and checks the bot's settings before anything touches the
// network, so that a mistake gets one clear sentence. Errors never contain the
// token.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	token := strings.TrimSpace(getenv("DISCORD_TOKEN"))
	token = strings.TrimPrefix(token, "Bot ")
	if token == "" {
		return Config{}, ErrNoToken
	}
	if !tokenShaped(token) {
		return Config{}, errors.New("DISCORD_TOKEN does not look like a Discord bot token (three dot-separated parts, the first the bot's ID in base64): copy it again from the Bot page of the developer portal")
	}
	cfg := Config{Token: token, GuildID: strings.TrimSpace(getenv("DISCORD_GUILD_ID"))}
	if cfg.GuildID != "" && !snowflake(cfg.GuildID) {
		return Config{}, fmt.Errorf("DISCORD_GUILD_ID %q is not a server ID: right-click the server with Developer Mode on and Copy Server ID", cfg.GuildID)
	}
	raw := strings.TrimSpace(getenv("DISCORD_API_URL"))
	if raw == "" {
		raw = DefaultAPIURL
	}
	u, ok := feeds.WebURL(raw)
	if !ok {
		return Config{}, fmt.Errorf("DISCORD_API_URL %q is not an http(s) URL like %s", raw, DefaultAPIURL)
	}
	cfg.APIURL = u
	var err error
	if cfg.ShardID, cfg.ShardCount, err = shards(getenv("DISCORD_SHARD_ID"), getenv("DISCORD_SHARD_COUNT")); err != nil {
		return Config{}, err
	}
	if cfg.Cooldown, cfg.CooldownWindow, err = cooldownSetting("NEWSBOT_COOLDOWN", getenv("NEWSBOT_COOLDOWN"), "5/30s"); err != nil {
		return Config{}, err
	}
	if cfg.ChannelCooldown, cfg.ChannelWindow, err = cooldownSetting("NEWSBOT_CHANNEL_COOLDOWN", getenv("NEWSBOT_CHANNEL_COOLDOWN"), "20/60s"); err != nil {
		return Config{}, err
	}
	if cfg.DigestGrace, err = duration(getenv, "NEWSBOT_DIGEST_GRACE", 2*time.Hour, time.Minute, 23*time.Hour); err != nil {
		return Config{}, err
	}
	if cfg.PollInterval, err = duration(getenv, "NEWSBOT_POLL", 15*time.Minute, time.Minute, 7*24*time.Hour); err != nil {
		return Config{}, err
	}
	if cfg.AlertsPerHour, err = number(getenv, "NEWSBOT_ALERTS_PER_HOUR", 5, 1, 60); err != nil {
		return Config{}, err
	}
	if cfg.Keep, err = retention.Parse(getenv("NEWSBOT_KEEP")); err != nil {
		return Config{}, fmt.Errorf("NEWSBOT_KEEP %w; or leave it empty to keep every article", err)
	}
	if cfg.Feeds, err = feedList(getenv("NEWSBOT_FEEDS")); err != nil {
		return Config{}, err
	}
	if cfg.Aliases, err = commands.LoadAliases(strings.TrimSpace(getenv("NEWSBOT_ALIASES"))); err != nil {
		return Config{}, fmt.Errorf("NEWSBOT_ALIASES: %w", err)
	}
	if key := strings.TrimSpace(getenv("DISCORD_PUBLIC_KEY")); key != "" {
		raw, err := hex.DecodeString(key)
		if err != nil || len(raw) != ed25519.PublicKeySize {
			return Config{}, errors.New("DISCORD_PUBLIC_KEY is not a public key: copy the 64 hexadecimal characters from the General Information page of the developer portal")
		}
		cfg.PublicKey = raw
	}
	cfg.OpsAddr = strings.TrimSpace(getenv("NEWSBOT_HTTP"))
	if cfg.OpsChannel = strings.TrimSpace(getenv("NEWSBOT_OPS_CHANNEL")); cfg.OpsChannel != "" && !snowflake(cfg.OpsChannel) {
		return Config{}, fmt.Errorf("NEWSBOT_OPS_CHANNEL %q is not a channel ID: right-click the channel with Developer Mode on and Copy Channel ID", cfg.OpsChannel)
	}
	if cfg.TrustedNetworks, err = networks(getenv("NEWSBOT_TRUSTED_NETWORKS")); err != nil {
		return Config{}, err
	}
	cfg.Tick = DefaultTick
	return cfg, nil
}

// duration reads a setting like "2h" or "15m" within [least, most].
func duration(getenv func(string) string, name string, def, least, most time.Duration) (time.Duration, error) {
	text := strings.TrimSpace(getenv(name))
	if text == "" {
		return def, nil
	}
	d, err := time.ParseDuration(text)
	if err != nil || d < least || d > most {
		return 0, fmt.Errorf("%s %q: want a duration from %s to %s, like %s", name, text, least, most, def)
	}
	return d, nil
}

// networks reads NEWSBOT_TRUSTED_NETWORKS: networks like 10.1.0.0/16, or
// single addresses, separated by commas or spaces.
func networks(text string) ([]netip.Prefix, error) {
	var prefixes []netip.Prefix
	for _, field := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ' ' }) {
		p, err := netip.ParsePrefix(field)
		if addr, err2 := netip.ParseAddr(field); err != nil && err2 == nil {
			p, err = addr.Prefix(addr.BitLen())
		}
		if err != nil {
			return nil, fmt.Errorf("NEWSBOT_TRUSTED_NETWORKS: %q is neither a network like 10.1.0.0/16 nor an address", field)
		}
		prefixes = append(prefixes, p.Masked())
	}
	return prefixes, nil
}

// number reads a setting that is a whole number within [least, most].
func number(getenv func(string) string, name string, def, least, most int) (int, error) {
	text := strings.TrimSpace(getenv(name))
	if text == "" {
		return def, nil
	}
	n, err := strconv.Atoi(text)
	if err != nil || n < least || n > most {
		return 0, fmt.Errorf("%s %q: want a number from %d to %d, like %d", name, text, least, most, def)
	}
	return n, nil
}

// feedList reads NEWSBOT_FEEDS: feed URLs separated by commas or spaces.
func feedList(text string) ([]string, error) {
	var urls []string
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' }) {
		if _, ok := feeds.WebURL(f); !ok {
			return nil, fmt.Errorf("NEWSBOT_FEEDS: %q is not an http(s) URL", f)
		}
		urls = append(urls, f)
	}
	return urls, nil
}

// cooldownSetting reads a setting like "5/30s": five requests per 30 seconds.
func cooldownSetting(name, s, def string) (int, time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		s = def
	}
	countText, windowText, _ := strings.Cut(s, "/")
	n, err1 := strconv.Atoi(countText)
	window, err2 := time.ParseDuration(windowText)
	if err1 != nil || err2 != nil || n < 1 || window <= 0 {
		return 0, 0, fmt.Errorf("%s %q: want requests per time, like %s", name, s, def)
	}
	return n, window, nil
}

// tokenShaped reports whether token has the shape of a bot token: three
// base64url parts, the first of which decodes to the bot's numeric ID.
func tokenShaped(token string) bool {
	parts := strings.Split(token, ".")
	if len(parts) != 3 || len(parts[0]) < 16 || len(parts[1]) < 4 || len(parts[2]) < 20 {
		return false
	}
	for _, p := range parts {
		if strings.Trim(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
			return false
		}
	}
	id, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[0], "="))
	return err == nil && snowflake(string(id))
}

// snowflake reports whether s is a Discord ID: a positive decimal number.
func snowflake(s string) bool {
	n, err := strconv.ParseUint(s, 10, 64)
	return err == nil && n > 0
}

func shards(idText, countText string) (id, count int, err error) {
	idText, countText = strings.TrimSpace(idText), strings.TrimSpace(countText)
	if idText == "" && countText == "" {
		return 0, 1, nil
	}
	id, err1 := strconv.Atoi(idText)
	count, err2 := strconv.Atoi(countText)
	if err1 != nil || err2 != nil || count < 1 || id < 0 || id >= count {
		return 0, 0, fmt.Errorf("DISCORD_SHARD_ID %q and DISCORD_SHARD_COUNT %q: set both, with 0 <= ID < COUNT", idText, countText)
	}
	return id, count, nil
}
