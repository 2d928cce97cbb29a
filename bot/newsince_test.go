package bot

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/discordtest"
	"newsbot/bot/state"
	"newsbot/commands"
	"newsbot/index/news"
)

// The second answer on a subject marks the sources that came since the
// first, after a second feed poll, and leads with them; a third, with
// nothing new, says so above the answer. /forget forgets and stops that;
// what was asked is forgotten after 30 days anyway.
func TestNewSinceAsked(t *testing.T) {
	fake, w, store := discordtest.New(t), newWire(t), mustStore(t)
	clock := &fakeClock{t: time.Date(2025, 12, 2, 9, 0, 0, 0, time.UTC)}
	fb, _ := startFollowBot(t, fake, w, clock, store, feedIndex(t), 5)
	bob := discordtest.User{ID: "600000000000000002", Username: "bob"}
	ask := func(user discordtest.User) discordtest.Message {
		t.Helper()
		return fb.response(t, fake.SendInteraction(discordtest.InteractionSpec{Name: "news", User: user,
			Options: []discordtest.CommandOption{{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: "Iran"}}}))
	}
	fields := func(m discordtest.Message) string {
		var names []string
		for _, f := range m.Embeds[0].Fields {
			names = append(names, f.Name)
		}
		return strings.Join(names, "\n")
	}

	fb.publish(t, iranTalks)
	first := ask(discordtest.User{})
	if first.Content != "" || strings.Contains(fields(first), "new ·") {
		t.Errorf("the first answer says %q, sources %q; want no word of anything new", first.Content, fields(first))
	}
	ask(bob)

	fb.publish(t, iranOil)
	second := ask(discordtest.User{})
	if second.Content != "New since you asked on 2 Dec: 1 source, marked new." {
		t.Errorf("the second answer says %q", second.Content)
	}
	for _, f := range second.Embeds[0].Fields {
		if isNew := strings.Contains(f.Name, "] new · "); isNew != strings.Contains(f.Name, "crude") {
			t.Errorf("source %q marked new: %v; want only the story since the first answer", f.Name, isNew)
		}
	}
	if d := second.Embeds[0].Description; !strings.Contains(strings.SplitN(d, "\n", 2)[0], "crude") {
		t.Errorf("the summary does not lead with what is new:\n%s", d)
	}

	third := ask(discordtest.User{})
	if third.Content != "Nothing new on Iran since you asked on 2 Dec." || strings.Contains(fields(third), "new ·") {
		t.Errorf("the third answer says %q, sources %q; want nothing new", third.Content, fields(third))
	}
	fake.SendMessage(discordtest.MessageSpec{Content: "<@" + discordtest.AppID + "> what about Iran?", Mentions: []discordtest.User{discordtest.BotUser()}})
	if _, err := fake.WaitRequest(t.Context(), func(r discordtest.Request) bool {
		return r.Method == "POST" && r.Path == "/channels/"+discordtest.ChannelID+"/messages" && strings.Contains(string(r.Body), "Nothing new on Iran since you asked on 2 Dec.")
	}); err != nil {
		t.Errorf("the reply to a mention does not say nothing is new: %v\n%s", err, fb.logs)
	}

	forget := fb.callbackBody(t, fake.SendInteraction(discordtest.InteractionSpec{Name: "forget"}))
	if !strings.HasPrefix(forget.Data.Content, "newsbot has forgotten what you asked about") || forget.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("/forget: %q", forget.Data.Content)
	}
	store.View(func(s state.State) {
		if a := s.Asked[discordtest.UserID]; a == nil || !a.Off || len(a.Subjects) != 0 {
			t.Errorf("after /forget, newsbot keeps %+v", a)
		}
	})
	if m := ask(discordtest.User{}); m.Content != "" {
		t.Errorf("after /forget the answer says %q", m.Content)
	}

	clock.Set(clock.Now().Add(31 * 24 * time.Hour))
	if m := ask(bob); m.Content != "" {
		t.Errorf("31 days later the answer says %q; want what was asked forgotten", m.Content)
	}
}

// What newsbot keeps of what was asked is bounded per user and in all.
func TestForgetAsked(t *testing.T) {
	now := time.Date(2025, 12, 2, 9, 0, 0, 0, time.UTC)
	s := &state.State{Asked: map[string]*state.Asked{"off": {Off: true}, "old": {Subjects: map[string]time.Time{"iran": now.Add(-askMemory - time.Minute)}}}}
	for u := range maxAsked/maxAskedPerUser + 1 {
		a := &state.Asked{Subjects: map[string]time.Time{}}
		for i := range maxAskedPerUser + 5 {
			a.Subjects[fmt.Sprint(i)] = now.Add(-time.Duration(u*100+i) * time.Minute)
		}
		s.Asked[fmt.Sprint("user", u)] = a
	}
	forgetAsked(s, now)
	total := 0
	for user, a := range s.Asked {
		total += len(a.Subjects)
		if len(a.Subjects) > maxAskedPerUser {
			t.Errorf("%s: %d subjects kept; want at most %d", user, len(a.Subjects), maxAskedPerUser)
		}
		if _, ok := a.Subjects[fmt.Sprint(maxAskedPerUser)]; ok {
			t.Errorf("%s: an old subject beyond the %d latest is kept", user, maxAskedPerUser)
		}
	}
	if total != maxAsked {
		t.Errorf("%d subjects kept in all; want %d", total, maxAsked)
	}
	if _, ok := s.Asked["old"]; ok {
		t.Error("a subject asked 30 days ago is kept")
	}
	if a := s.Asked["off"]; a == nil || !a.Off {
		t.Error("a user's wish to be forgotten was itself forgotten")
	}
	if _, ok := s.Asked[fmt.Sprint("user", maxAsked/maxAskedPerUser)]; ok {
		t.Error("the user who asked longest ago is kept beyond the cap")
	}
}

// When the sources shown are all older than the last ask but newer articles
// rank below them, the answer says so instead of "nothing new".
func TestNewSinceAskedBelowTheSources(t *testing.T) {
	last := time.Date(2025, 12, 2, 9, 0, 0, 0, time.UTC)
	ans := commands.Answer{Subject: "Iran", Found: 9, Sources: []commands.Source{{N: 1, Article: news.Article{ID: "a", Title: "Old news", Date: last.Add(-time.Hour)}}}}
	tests := []struct {
		unseen int
		want   string
	}{
		{0, "Nothing new on Iran since you asked on 2 Dec."},
		{3, "3 articles came since you asked on 2 Dec, below these sources: add since:2025-12-02 to see them first."},
	}
	for _, tt := range tests {
		if got := newSinceAsked(ans, last, tt.unseen).note; got != tt.want {
			t.Errorf("with %d unseen: got %q; want %q", tt.unseen, got, tt.want)
		}
	}
	if got := newSinceAsked(ans, time.Time{}, 3).note; got != "" {
		t.Errorf("never asked before: got %q; want no note", got)
	}
}
