package bot

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/state"
	"newsbot/commands"
)

// How much newsbot remembers of what users asked, to say what is new since:
// each subject for askMemory after it was last asked, the latest
// maxAskedPerUser subjects of a user and the latest maxAsked of everyone.
// The state is written whole at each change (in cluster mode, as one NATS
// message), so it is kept small.
const (
	askMemory       = 30 * 24 * time.Hour
	maxAskedPerUser = 20
	maxAsked        = 2000
)

// recallAsked returns when asker last asked about subject, zero when they
// never did (within askMemory) or asked newsbot to forget, and records now
// as the last time.
func (b *Bot) recallAsked(asker, subject string, now time.Time) time.Time {
	key := strings.ToLower(subject)
	off := false
	b.state.View(func(s state.State) { off = s.Asked[asker] != nil && s.Asked[asker].Off })
	if asker == "" || key == "" || off {
		return time.Time{}
	}
	var last time.Time
	err := b.state.Update(func(s *state.State) error {
		last = time.Time{}
		a := s.Asked[asker]
		if a == nil {
			a = &state.Asked{}
			s.Asked[asker] = a
		}
		if a.Off {
			return nil // turned off meanwhile
		}
		if a.Subjects == nil {
			a.Subjects = map[string]time.Time{}
		}
		if at := a.Subjects[key]; now.Sub(at) <= askMemory {
			last = at
		}
		a.Subjects[key] = now.UTC()
		forgetAsked(s, now)
		return nil
	})
	if err != nil {
		b.log.Warn("could not record what was asked", "err", err)
	}
	return last
}

// forgetAsked drops the subjects asked more than askMemory ago, and the
// oldest beyond maxAskedPerUser for a user and maxAsked for everyone.
func forgetAsked(s *state.State, now time.Time) {
	type asked struct {
		user, subject string
		at            time.Time
	}
	var all []asked
	for user, a := range s.Asked {
		maps.DeleteFunc(a.Subjects, func(_ string, at time.Time) bool { return now.Sub(at) > askMemory })
		var mine []asked
		for subject, at := range a.Subjects {
			mine = append(mine, asked{user, subject, at})
		}
		slices.SortFunc(mine, func(x, y asked) int { return cmp.Or(y.at.Compare(x.at), strings.Compare(x.subject, y.subject)) })
		for _, old := range mine[min(len(mine), maxAskedPerUser):] {
			delete(a.Subjects, old.subject)
		}
		all = append(all, mine[:min(len(mine), maxAskedPerUser)]...)
		if len(a.Subjects) == 0 && !a.Off {
			delete(s.Asked, user)
		}
	}
	slices.SortFunc(all, func(x, y asked) int {
		return cmp.Or(y.at.Compare(x.at), strings.Compare(x.user+x.subject, y.user+y.subject))
	})
	for _, old := range all[min(len(all), maxAsked):] {
		delete(s.Asked[old.user].Subjects, old.subject)
		if a := s.Asked[old.user]; len(a.Subjects) == 0 && !a.Off {
			delete(s.Asked, old.user)
		}
	}
}

// sinceAsked is the reply to asker's answer, with what is new since they
// last asked about its subject, which it records as asked now.
func (b *Bot) sinceAsked(ctx context.Context, ans commands.Answer, req commands.Request, asker string) reply {
	last := b.recallAsked(asker, ans.Subject, req.Now)
	unseen := 0
	if !last.IsZero() && !slices.ContainsFunc(ans.Sources, func(s commands.Source) bool { return s.Article.Date.After(last) }) {
		// The sources shown are the most relevant: a newer article may
		// rank below them, and then something is new after all.
		q := commands.SubjectQuery(ans.Subject, req.Aliases)
		q.Since, q.Size, q.Light = last.Add(time.Nanosecond), 1, true
		if res, err := b.news.Search(ctx, q); err == nil {
			unseen = res.Total
		} else {
			b.log.Warn("could not count the articles since the last ask", "err", err)
		}
	}
	return newSinceAsked(ans, last, unseen)
}

// newSinceAsked is the reply to an answer asked about before, on last
// (zero for never): the sources dated after last are marked "new" and the
// sentences quoted from them lead the summary; when none is, a line above
// the answer says that nothing is new, or how many newer articles (unseen)
// rank below the sources shown.
func newSinceAsked(ans commands.Answer, last time.Time, unseen int) reply {
	if last.IsZero() {
		return answerReply(ans)
	}
	fresh := map[int]bool{}
	for _, s := range ans.Sources {
		if s.Article.Date.After(last) {
			fresh[s.N] = true
		}
	}
	when := last.Format("2 Jan")
	if len(fresh) == 0 {
		r := answerReply(ans)
		r.note = fmt.Sprintf("Nothing new on %s since you asked on %s.", escape(ans.Subject), when)
		if unseen > 0 {
			r.note = fmt.Sprintf("%s came since you asked on %s, below these sources: add since:%s to see them first.",
				commands.Articles(unseen), when, last.Format(time.DateOnly))
		}
		r.note = truncate(r.note, maxContent)
		return r
	}
	ans.Summary = slices.Clone(ans.Summary)
	slices.SortStableFunc(ans.Summary, func(x, y commands.Statement) int {
		return boolOrder(slices.ContainsFunc(y.Sources, func(n int) bool { return fresh[n] }), slices.ContainsFunc(x.Sources, func(n int) bool { return fresh[n] }))
	})
	r := answerReply(ans)
	for i, f := range r.embed.Fields {
		if n := ans.Sources[i].N; fresh[n] {
			prefix := fmt.Sprintf("[%d] ", n)
			f.Name = truncate(prefix+"new · "+strings.TrimPrefix(f.Name, prefix), maxFieldName)
		}
	}
	sources := "source"
	if len(fresh) > 1 {
		sources = "sources"
	}
	r.note = fmt.Sprintf("New since you asked on %s: %d %s, marked new.", when, len(fresh), sources)
	return r
}

// boolOrder compares two bools, false first.
func boolOrder(x, y bool) int {
	switch {
	case x == y:
		return 0
	case x:
		return 1
	}
	return -1
}

// forgetCommand is /forget: newsbot forgets what the user asked about, and
// remembers no more, or starts remembering again.
func forgetCommand() slashCommand {
	return slashCommand{
		definition: &discordgo.ApplicationCommand{
			Name:        "forget",
			Description: "Forget what you asked about, and remember no more (newsbot keeps it 30 days to say what is new)",
			Contexts:    &guildOrDM,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionBoolean, Name: "remember", Description: "Remember again, to say what is new since you asked"},
			},
		},
		help:    "· forget the subjects you asked about, which newsbot keeps for 30 days to mark what is new since, and keep none (remember:true to keep them again)",
		respond: func(b *Bot, ic *discordgo.Interaction) { b.answerForget(ic) },
	}
}

// answerForget answers /forget.
func (b *Bot) answerForget(ic *discordgo.Interaction) {
	user := userOf(ic).ID
	remember := options(ic.ApplicationCommandData().Options)["remember"].boolean()
	err := b.state.Update(func(s *state.State) error {
		if remember {
			delete(s.Asked, user)
		} else {
			s.Asked[user] = &state.Asked{Off: true}
		}
		return nil
	})
	msg := "newsbot has forgotten what you asked about, and keeps nothing more: its answers no longer say what is new since you asked. /forget remember:true turns that back on."
	switch {
	case err != nil:
		msg = b.forUser(err, "forget")
	case remember:
		msg = "newsbot keeps, for 30 days, when you ask about a subject, and its next answer on it marks what is new since. /forget stops that and forgets."
	}
	b.respond(ic, ephemeralText(msg), b.log)
}
