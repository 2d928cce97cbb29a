package bot

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestConfigFromEnv(t *testing.T) {
	good := map[string]string{"DISCORD_TOKEN": testToken}
	with := func(k, v string) map[string]string {
		m := map[string]string{"DISCORD_TOKEN": testToken}
		m[k] = v
		return m
	}
	tests := []struct {
		name string
		env  map[string]string
		says string // "" for no error
	}{
		{"defaults", good, ""},
		{"Bot prefix", map[string]string{"DISCORD_TOKEN": "Bot " + testToken}, ""},
		{"no token", map[string]string{}, "DISCORD_TOKEN is not set"},
		{"blank token", map[string]string{"DISCORD_TOKEN": "  "}, "DISCORD_TOKEN is not set"},
		{"not a token", map[string]string{"DISCORD_TOKEN": "hunter2"}, "does not look like a Discord bot token"},
		{"two parts", map[string]string{"DISCORD_TOKEN": "OTAwMDAwMDAwMDAwMDAwMDAx.abcdefghijklmnopqrstuvwxyz"}, "does not look like"},
		{"first part not an ID", map[string]string{"DISCORD_TOKEN": "aGVsbG8gd29ybGQgaGVsbG8.GxYzAb.abcdefghijklmnopqrstuvwxyz0123456789AB"}, "does not look like"},
		{"bad guild", with("DISCORD_GUILD_ID", "my server"), "is not a server ID"},
		{"bad API URL", with("DISCORD_API_URL", "discord.com"), "is not an http(s) URL"},
		{"shard without count", with("DISCORD_SHARD_ID", "1"), "set both"},
		{"shard out of range", map[string]string{"DISCORD_TOKEN": testToken, "DISCORD_SHARD_ID": "2", "DISCORD_SHARD_COUNT": "2"}, "0 <= ID < COUNT"},
		{"bad cooldown", with("NEWSBOT_COOLDOWN", "fast"), "like 5/30s"},
		{"bad ops channel", with("NEWSBOT_OPS_CHANNEL", "#ops"), "is not a channel ID"},
		{"bad trusted network", with("NEWSBOT_TRUSTED_NETWORKS", "10.0.0.0/8, intranet"), `"intranet" is neither a network`},
		{"alerts per hour not a number", with("NEWSBOT_ALERTS_PER_HOUR", "many"), "want a number from 1 to 60, like 5"},
		{"no alerts per hour", with("NEWSBOT_ALERTS_PER_HOUR", "0"), "want a number from 1 to 60"},
		{"bad keep", with("NEWSBOT_KEEP", "1 year"), `NEWSBOT_KEEP "1 year": want a number of days like 365d, or hours like 720h, of at least a day; or leave it empty`},
		{"keep under a day", with("NEWSBOT_KEEP", "90m"), "of at least a day"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := ConfigFromEnv(func(k string) string { return tt.env[k] })
			if tt.says == "" {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				if cfg.Token != testToken || cfg.APIURL.String() != DefaultAPIURL || cfg.ShardCount != 1 || cfg.Cooldown != 5 || cfg.CooldownWindow != 30*time.Second || cfg.AlertsPerHour != 5 {
					t.Errorf("config %+v", cfg)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.says) {
				t.Fatalf("err = %v; want it to say %q", err, tt.says)
			}
			if tok := tt.env["DISCORD_TOKEN"]; len(tok) > 4 && strings.Contains(err.Error(), strings.TrimSpace(tok)) {
				t.Errorf("the error repeats the token: %v", err)
			}
		})
	}
	cfg, err := ConfigFromEnv(func(k string) string { return with("NEWSBOT_TRUSTED_NETWORKS", "10.1.0.0/16 192.168.1.20,fd00::/8")[k] })
	if want := "[10.1.0.0/16 192.168.1.20/32 fd00::/8]"; err != nil || fmt.Sprint(cfg.TrustedNetworks) != want {
		t.Errorf("trusted networks %v, err %v; want %s", cfg.TrustedNetworks, err, want)
	}
	for text, want := range map[string]time.Duration{"": 0, "365d": 365 * 24 * time.Hour, "720h": 720 * time.Hour} {
		cfg, err := ConfigFromEnv(func(k string) string { return with("NEWSBOT_KEEP", text)[k] })
		if err != nil || cfg.Keep != want {
			t.Errorf("NEWSBOT_KEEP %q: keep %v, err %v; want %v", text, cfg.Keep, err, want)
		}
	}
	if _, err := ConfigFromEnv(func(string) string { return "" }); !errors.Is(err, ErrNoToken) {
		t.Errorf("err = %v; want ErrNoToken", err)
	}
}

func TestCooldownWindow(t *testing.T) {
	now := time.Date(2025, 4, 17, 12, 0, 0, 0, time.UTC)
	c := newCooldown(2, 30*time.Second, func() time.Time { return now })
	for i, step := range []struct {
		user  string
		after time.Duration
		ok    bool
	}{
		{"alice", 0, true}, {"alice", time.Second, true}, {"alice", time.Second, false},
		{"bob", 0, true},
		{"alice", 28 * time.Second, true}, // the first request left the window
		{"alice", 0, false},
	} {
		now = now.Add(step.after)
		if ok, wait := c.allow(step.user); ok != step.ok || (!ok && wait <= 0) {
			t.Errorf("step %d (%s): allowed %v, wait %s; want %v", i, step.user, ok, wait, step.ok)
		}
	}
}
