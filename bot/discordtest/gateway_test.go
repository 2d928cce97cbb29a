package discordtest_test

import (
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/discordtest"
)

func TestHandshakePopulatesState(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := newSession(t, srv)
	guilds := collect[*discordgo.GuildCreate](s)
	mustOpen(t, srv, s)

	if u := s.State.User; u == nil || u.ID != discordtest.AppID || u.Username != "newsbot" || !u.Bot {
		t.Fatalf("State.User = %+v; want the bot user %s", u, discordtest.AppID)
	}
	if app := s.State.Application; app == nil || app.ID != discordtest.AppID {
		t.Errorf("State.Application = %+v; want ID %s", app, discordtest.AppID)
	}
	g := mustReceive(t, guilds)
	if g.ID != discordtest.GuildID || g.Unavailable || len(g.Channels) != 2 {
		t.Errorf("GUILD_CREATE = %+v; want guild %s with two channels", g.Guild, discordtest.GuildID)
	}
	for _, ch := range []string{discordtest.ChannelID, discordtest.ReadOnlyChannelID} {
		if _, err := s.State.Channel(ch); err != nil {
			t.Errorf("State.Channel(%s): %v", ch, err)
		}
	}
	// discordgo works out the bot's permissions from the roles and overwrites.
	for ch, canSend := range map[string]bool{discordtest.ChannelID: true, discordtest.ReadOnlyChannelID: false} {
		perms, err := s.State.UserChannelPermissions(discordtest.AppID, ch)
		if err != nil || (perms&discordgo.PermissionSendMessages != 0) != canSend || perms&discordgo.PermissionViewChannel == 0 {
			t.Errorf("the bot's permissions in %s: %b, %v; want Send Messages %v", ch, perms, err, canSend)
		}
	}

	ids := srv.Identifies()
	if len(ids) != 1 {
		t.Fatalf("got %d identifies; want 1", len(ids))
	}
	wantIntents := discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if id := ids[0]; id.Token != testToken || id.Intents != wantIntents || id.Shard != [2]int{0, 1} {
		t.Errorf("identify = %+v; want token %q, intents %d, shard [0 1]", id, testToken, wantIntents)
	}
	if err := srv.WaitHeartbeat(ctx(t)); err != nil {
		t.Fatal(err)
	}
	if st := srv.Stats(); st.Connections != 1 || st.Heartbeats < 1 || st.Resumes != 0 {
		t.Errorf("stats = %+v; want 1 connection, a heartbeat, no resume", st)
	}
}

// TestHeartbeatsAreAcked shortens the heartbeat interval and checks the
// session stays on its first socket: without acks discordgo would
// reconnect after five intervals. It does not run in parallel, and the
// interval leaves a second for a stall of the race detector on a busy machine.
func TestHeartbeatsAreAcked(t *testing.T) {
	srv := discordtest.New(t, discordtest.WithHeartbeatInterval(200*time.Millisecond))
	s := newSession(t, srv)
	// A heartbeat tick during Close makes discordgo v0.29.0 reconnect a
	// closed session; with short intervals that is likely, so turn it off.
	s.ShouldReconnectOnError = false
	s.LogLevel = discordgo.LogError - 1 // the tick during Close is logged as an error; expected here
	mustOpen(t, srv, s)
	st, err := srv.WaitStats(ctx(t), func(st discordtest.Stats) bool { return st.Heartbeats >= 12 })
	if err != nil {
		t.Fatal(err)
	}
	if st.Connections != 1 || st.Identifies != 1 || st.Resumes != 0 {
		t.Errorf("stats = %+v; want the first connection still up", st)
	}
}

func TestInteractionCreateDecodes(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := newSession(t, srv)
	got := collect[*discordgo.InteractionCreate](s)
	mustOpen(t, srv, s)
	posted, err := s.ChannelMessageSendComplex(discordtest.ChannelID, &discordgo.MessageSend{
		Content: "headlines",
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{CustomID: "more", Label: "More"},
		}}},
	})
	if err != nil {
		t.Fatalf("post the message to click on: %v", err)
	}

	tests := []struct {
		name  string
		spec  discordtest.InteractionSpec
		check func(t *testing.T, i *discordgo.InteractionCreate)
	}{{
		name: "command with options",
		spec: discordtest.InteractionSpec{Name: "news", Options: []discordtest.CommandOption{
			{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: "Witkoff"},
			{Name: "days", Type: discordgo.ApplicationCommandOptionInteger, Value: 7},
		}},
		check: func(t *testing.T, i *discordgo.InteractionCreate) {
			d := i.ApplicationCommandData()
			if d.Name != "news" || len(d.Options) != 2 || d.Options[0].StringValue() != "Witkoff" || d.Options[1].IntValue() != 7 {
				t.Errorf("data = %+v; want news topic=Witkoff days=7", d)
			}
			if i.Member == nil || i.Member.User.ID != discordtest.UserID || i.GuildID != discordtest.GuildID || i.ChannelID != discordtest.ChannelID {
				t.Errorf("member %+v in guild %q channel %q; want alice in %s/%s", i.Member, i.GuildID, i.ChannelID, discordtest.GuildID, discordtest.ChannelID)
			}
			if i.Member.Permissions&discordgo.PermissionSendMessages == 0 || i.AppPermissions != discordgo.PermissionAll {
				t.Errorf("permissions member %d app %d; want a member's and all", i.Member.Permissions, i.AppPermissions)
			}
		},
	}, {
		name: "autocomplete",
		spec: discordtest.InteractionSpec{Type: discordgo.InteractionApplicationCommandAutocomplete, Name: "news", Options: []discordtest.CommandOption{
			{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: "Mac", Focused: true},
		}},
		check: func(t *testing.T, i *discordgo.InteractionCreate) {
			d := i.ApplicationCommandData()
			if i.Type != discordgo.InteractionApplicationCommandAutocomplete || len(d.Options) != 1 || !d.Options[0].Focused || d.Options[0].StringValue() != "Mac" {
				t.Errorf("type %v data %+v; want autocomplete with focused topic=Mac", i.Type, d)
			}
		},
	}, {
		name: "button on a bot message",
		spec: discordtest.InteractionSpec{Type: discordgo.InteractionMessageComponent, CustomID: "more", MessageID: posted.ID},
		check: func(t *testing.T, i *discordgo.InteractionCreate) {
			if d := i.MessageComponentData(); d.CustomID != "more" || d.ComponentType != discordgo.ButtonComponent {
				t.Errorf("data = %+v; want button more", d)
			}
			if i.Message == nil || i.Message.ID != posted.ID || i.Message.Content != "headlines" || len(i.Message.Components) != 1 {
				t.Errorf("message = %+v; want the posted %s with its button", i.Message, posted.ID)
			}
		},
	}, {
		name: "command in a DM",
		spec: discordtest.InteractionSpec{Name: "news", DM: true},
		check: func(t *testing.T, i *discordgo.InteractionCreate) {
			if i.GuildID != "" || i.Member != nil || i.User == nil || i.User.ID != discordtest.UserID || i.ChannelID == "" {
				t.Errorf("guild %q member %+v user %+v channel %q; want alice's DM", i.GuildID, i.Member, i.User, i.ChannelID)
			}
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sent := srv.SendInteraction(tt.spec)
			i := mustReceive(t, got)
			if i.ID != sent.ID || i.Token != sent.Token || i.AppID != discordtest.AppID || i.Version != 1 {
				t.Errorf("id %q token %q app %q version %d; want %q %q %q 1", i.ID, i.Token, i.AppID, i.Version, sent.ID, sent.Token, discordtest.AppID)
			}
			tt.check(t, i)
		})
	}
}

func TestMessageCreateDecodes(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := newSession(t, srv)
	got := collect[*discordgo.MessageCreate](s)
	mustOpen(t, srv, s)

	tests := []struct {
		name      string
		spec      discordtest.MessageSpec
		wantGuild string
	}{
		{"mention in a guild", discordtest.MessageSpec{
			Content:  "<@" + discordtest.AppID + "> what's new about Macron?",
			Mentions: []discordtest.User{discordtest.BotUser()},
		}, discordtest.GuildID},
		{"DM", discordtest.MessageSpec{Content: "digest please", DM: true}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sent := srv.SendMessage(tt.spec)
			m := mustReceive(t, got)
			if m.ID != sent.ID || m.Content != tt.spec.Content || m.GuildID != tt.wantGuild || m.ChannelID == "" {
				t.Errorf("message %s %q in guild %q channel %q; want %s %q in guild %q", m.ID, m.Content, m.GuildID, m.ChannelID, sent.ID, tt.spec.Content, tt.wantGuild)
			}
			if m.Author == nil || m.Author.ID != discordtest.UserID || m.Author.Bot {
				t.Errorf("author = %+v; want alice", m.Author)
			}
			if m.Timestamp.IsZero() || time.Since(m.Timestamp) > time.Minute {
				t.Errorf("timestamp = %v; want about now", m.Timestamp)
			}
			if len(m.Mentions) != len(tt.spec.Mentions) {
				t.Fatalf("got %d mentions; want %d", len(m.Mentions), len(tt.spec.Mentions))
			}
			for i, u := range m.Mentions {
				if u.ID != tt.spec.Mentions[i].ID || u.Bot != tt.spec.Mentions[i].Bot {
					t.Errorf("mention %d = %+v; want %+v", i, u, tt.spec.Mentions[i])
				}
			}
		})
	}
}

// TestGatewayRecovery disturbs an open session the ways Discord does and
// checks the bot comes back the right way and misses no event.
func TestGatewayRecovery(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		disturb     func(*discordtest.Server, *testing.T) error
		reidentify  bool // a new session, so events sent meanwhile are lost, as on Discord
		wantResumes int
	}{
		{"dropped socket resumes", func(srv *discordtest.Server, t *testing.T) error { return srv.DropConnections(ctx(t)) }, false, 1},
		{"op 7 reconnect resumes", func(srv *discordtest.Server, t *testing.T) error { return srv.SendReconnect(ctx(t)) }, false, 1},
		{"op 9 identifies again", func(srv *discordtest.Server, t *testing.T) error { return srv.InvalidateSession(ctx(t), false) }, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := discordtest.New(t)
			s := newSession(t, srv)
			got := collect[*discordgo.MessageCreate](s)
			mustOpen(t, srv, s)
			if err := tt.disturb(srv, t); err != nil {
				t.Fatal(err)
			}
			if tt.reidentify {
				if _, err := srv.WaitStats(ctx(t), func(st discordtest.Stats) bool { return st.Identifies == 2 }); err != nil {
					t.Fatal(err)
				}
			}
			missed := srv.SendMessage(discordtest.MessageSpec{Content: "sent while away"})
			if m := mustReceive(t, got); m.ID != missed.ID {
				t.Errorf("first message after the fault = %s; want %s", m.ID, missed.ID)
			}
			if err := srv.WaitHeartbeat(ctx(t)); err != nil {
				t.Fatal(err)
			}
			later := srv.SendMessage(discordtest.MessageSpec{Content: "sent after"})
			if m := mustReceive(t, got); m.ID != later.ID {
				t.Errorf("message after recovery = %s; want %s", m.ID, later.ID)
			}
			wantIdentifies := 1
			if tt.reidentify {
				wantIdentifies = 2
			}
			if st := srv.Stats(); st.Resumes != tt.wantResumes || st.Identifies != wantIdentifies || st.Connections != 1 {
				t.Errorf("stats = %+v; want %d resumes, %d identifies, 1 connection", st, tt.wantResumes, wantIdentifies)
			}
		})
	}
}

func TestShardsGetTheirGuilds(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	var got [2]<-chan *discordgo.MessageCreate
	for id := range got {
		s := newSession(t, srv)
		s.ShardID, s.ShardCount = id, 2
		got[id] = collect[*discordgo.MessageCreate](s)
		mustOpen(t, srv, s)
	}
	// GuildID is on shard 1: (GuildID >> 22) % 2 == 1. DMs go to shard 0.
	guild := srv.SendMessage(discordtest.MessageSpec{Content: "guild"})
	dm := srv.SendMessage(discordtest.MessageSpec{Content: "dm", DM: true})
	if m := mustReceive(t, got[1]); m.ID != guild.ID {
		t.Errorf("shard 1 got %s; want the guild message %s", m.ID, guild.ID)
	}
	if m := mustReceive(t, got[0]); m.ID != dm.ID {
		t.Errorf("shard 0 got %s; want the DM %s", m.ID, dm.ID)
	}
	select {
	case m := <-got[0]:
		t.Errorf("shard 0 also got %s %q", m.ID, m.Content)
	case m := <-got[1]:
		t.Errorf("shard 1 also got %s %q", m.ID, m.Content)
	case <-time.After(100 * time.Millisecond):
	}
	for i, id := range srv.Identifies() {
		if id.Shard[1] != 2 {
			t.Errorf("identify %d shard = %v; want a count of 2", i, id.Shard)
		}
	}
}

// TestCloseLeavesNoGoroutines runs a whole session, reconnect included,
// then checks that nothing is left running. It is not parallel, so the
// goroutine count is its own.
func TestCloseLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	t.Run("session", func(t *testing.T) {
		srv := discordtest.New(t)
		s := newSession(t, srv)
		got := collect[*discordgo.MessageCreate](s)
		mustOpen(t, srv, s)
		if err := srv.DropConnections(ctx(t)); err != nil {
			t.Fatal(err)
		}
		srv.SendMessage(discordtest.MessageSpec{Content: "hello"})
		mustReceive(t, got)
		if _, err := s.ChannelMessageSend(discordtest.ChannelID, "hi"); err != nil {
			t.Fatal(err)
		}
	})
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		var stacks strings.Builder
		pprof.Lookup("goroutine").WriteTo(&stacks, 1)
		t.Errorf("%d goroutines left running; want at most %d:\n%s", n, before, stacks.String())
	}
}
