package bot

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/state"
	"newsbot/commands"
	"newsbot/index/news"
)

// How alerts of followed topics look back and remember.
const (
	// alertWindow is how far back a follow's stories are looked for: news
	// for a day or two.
	alertWindow = 48 * time.Hour
	// alertMemory is how long the articles of a story told are remembered:
	// longer than alertWindow, so that no story is told again.
	alertMemory = 4 * 24 * time.Hour
	// alertStories bounds the stories of one follow read in one round.
	alertStories = 50
	// maxAlerted bounds the articles told remembered per follow, the
	// oldest forgotten first, so that the state stays small: it is written
	// whole at each change, and in cluster mode it is one NATS message.
	maxAlerted = 300
)

// alertPost is one message of alerts: a new story of a follow, or several
// new stories of a place's follows gathered into one.
type alertPost struct {
	follow  state.Follow     // the first story's follow: where it goes
	topics  []string         // the topics of the stories
	stories []commands.Story // one, or several gathered
	nonce   string
}

// alertFollows posts the new stories of every topic followed, each once:
// what a post tells is claimed in the state before it is posted, and posted
// with a nonce, so that neither a restart nor a second process tells it
// again.
func (b *Bot) alertFollows(ctx context.Context) {
	now := b.now()
	follows := map[string]state.Follow{}
	b.state.View(func(s state.State) {
		for key, f := range s.Follows {
			if f.Paused == "" {
				follows[key] = *f
			}
		}
	})
	if len(follows) == 0 {
		return
	}
	found := map[string][]commands.Story{}
	about := map[string][]commands.Story{} // by topic: one search for the many places that follow it
	for _, key := range slices.Sorted(maps.Keys(follows)) {
		if ctx.Err() != nil {
			return
		}
		f := follows[key]
		topic := state.TopicKey(f)
		stories, ok := about[topic]
		if !ok {
			var err error
			if stories, err = b.storiesAbout(ctx, f, now); err != nil {
				b.log.Warn("could not look for the stories of a follow", "follow", key, "err", err)
				continue
			}
			about[topic] = stories
		}
		found[key] = newStories(f, stories)
	}
	posts, err := b.claimAlerts(found, now)
	if err != nil {
		b.log.Warn("could not record the alerts; they wait for the next round", "err", err)
		return
	}
	for _, p := range posts {
		b.postAlert(ctx, p)
	}
}

// storiesAbout are the stories of the last alertWindow about a follow's
// topic, without those it excludes.
func (b *Bot) storiesAbout(ctx context.Context, f state.Follow, now time.Time) ([]commands.Story, error) {
	// To is a minute ahead: an article dated now, by a poll a moment ago,
	// is in; a feed's clock may run a little ahead too.
	d, err := commands.MakeDigest(ctx, b.news, commands.DigestRequest{
		From: now.Add(-alertWindow), To: now.Add(time.Minute), Topics: []string{f.Topic}, Exclude: f.Exclude,
		Stories: alertStories, Aliases: b.cfg.Aliases,
	})
	return d.Stories, err
}

// newStories are the stories with enough sources for f, one of them since
// it began. Whether they were told already is for claimAlerts to say.
func newStories(f state.Follow, stories []commands.Story) []commands.Story {
	var out []commands.Story
	for _, s := range stories {
		if len(s.Sources) >= max(1, f.MinSources) && !s.Sources[len(s.Sources)-1].Date.Before(f.CreatedAt) {
			out = append(out, s)
		}
	}
	return out
}

// claimAlerts records, in one change of the state, which of the stories
// found are told and how, and returns the posts to make. Per place, no more
// than AlertsPerHour posts go out in an hour: when more stories are new,
// the last post gathers the rest; when the hour's posts are spent, the
// stories wait, unclaimed, for a round with room. It also forgets what was
// told more than alertMemory ago.
func (b *Bot) claimAlerts(found map[string][]commands.Story, now time.Time) ([]alertPost, error) {
	var posts []alertPost
	err := b.state.Update(func(s *state.State) error {
		posts = nil
		forgetAlerts(s, now)
		type candidate struct {
			key   string
			story commands.Story
		}
		byPlace := map[string][]candidate{}
		for _, key := range slices.Sorted(maps.Keys(found)) {
			f := s.Follows[key]
			if f == nil || f.Paused != "" {
				continue // removed or paused meanwhile
			}
			for _, st := range found[key] {
				if !told(*f, st) {
					byPlace[alertPlace(*f)] = append(byPlace[alertPlace(*f)], candidate{key, st})
				}
			}
		}
		for _, place := range slices.Sorted(maps.Keys(byPlace)) {
			room := b.cfg.AlertsPerHour - len(s.AlertsPosted[place])
			if room <= 0 {
				continue
			}
			// A story two follows of a place both found is told once there.
			var unique []candidate
			seen := map[string]bool{}
			for _, c := range byPlace[place] {
				claim(s.Follows[c.key], c.story, now)
				if id := c.story.Sources[0].ID; !seen[id] {
					seen[id] = true
					unique = append(unique, c)
				}
			}
			alone, gathered := unique, []candidate(nil)
			if len(unique) > room {
				alone, gathered = unique[:room-1], unique[room-1:]
			}
			for _, c := range alone {
				f := *s.Follows[c.key]
				posts = append(posts, alertPost{follow: f, topics: []string{f.Topic}, stories: []commands.Story{c.story},
					nonce: nonceOf("alert", c.key, c.story.Sources[0].ID)})
			}
			if len(gathered) > 0 {
				p := alertPost{follow: *s.Follows[gathered[0].key]}
				ids := []string{"alerts", place}
				for _, c := range gathered {
					if t := s.Follows[c.key].Topic; !slices.Contains(p.topics, t) {
						p.topics = append(p.topics, t)
					}
					p.stories = append(p.stories, c.story)
					ids = append(ids, c.story.Sources[0].ID)
				}
				p.nonce = nonceOf(ids...)
				posts = append(posts, p)
			}
			for range len(alone) + min(1, len(gathered)) {
				s.AlertsPosted[place] = append(s.AlertsPosted[place], now.UTC())
			}
		}
		return nil
	})
	return posts, err
}

// forgetAlerts drops the articles told longer than alertMemory ago, or
// beyond maxAlerted, and the posts of more than an hour ago, which count no
// more.
func forgetAlerts(s *state.State, now time.Time) {
	for _, f := range s.Follows {
		maps.DeleteFunc(f.Alerted, func(_ string, at time.Time) bool { return now.Sub(at) > alertMemory })
		if extra := len(f.Alerted) - maxAlerted; extra > 0 {
			ids := slices.SortedFunc(maps.Keys(f.Alerted), func(a, b string) int { return f.Alerted[a].Compare(f.Alerted[b]) })
			for _, id := range ids[:extra] {
				delete(f.Alerted, id)
			}
		}
	}
	for place, times := range s.AlertsPosted {
		times = slices.DeleteFunc(times, func(at time.Time) bool { return now.Sub(at) >= time.Hour })
		if len(times) == 0 {
			delete(s.AlertsPosted, place)
		} else {
			s.AlertsPosted[place] = times
		}
	}
}

// told reports whether a story was told for f: one of its articles was in a
// story told before, which has grown since.
func told(f state.Follow, st commands.Story) bool {
	return slices.ContainsFunc(st.Sources, func(a news.Article) bool { _, ok := f.Alerted[a.ID]; return ok })
}

// claim records a story's articles as told for f.
func claim(f *state.Follow, st commands.Story, now time.Time) {
	if f.Alerted == nil {
		f.Alerted = map[string]time.Time{}
	}
	for _, a := range st.Sources {
		f.Alerted[a.ID] = now.UTC()
	}
}

// alertPlace is where a follow's alerts go, as state.AlertsPosted counts them.
func alertPlace(f state.Follow) string {
	if f.Private {
		return "dm:" + f.UserID
	}
	return f.ChannelID
}

// postAlert posts one message of alerts. A user whose direct messages are
// closed has their private follows paused, and is told on their next
// command; the follows of a channel that is gone are paused too. The alert
// is not tried again.
func (b *Bot) postAlert(ctx context.Context, p alertPost) {
	log := b.log.With("place", alertPlace(p.follow), "stories", len(p.stories))
	channel := p.follow.ChannelID
	if p.follow.Private {
		dm, err := b.session.UserChannelCreate(p.follow.UserID, discordgo.WithContext(ctx))
		if err != nil {
			log.Warn("could not open the direct messages for an alert", "err", err)
			return
		}
		channel = dm.ID
	}
	err := b.sendOnce(ctx, channel, p.nonce, alertMessage(p))
	switch {
	case err == nil:
		b.metrics.Alert("posted")
	case p.follow.Private && dmsClosed(err):
		log.Info("the user's direct messages are closed: their follows are paused")
		b.metrics.Alert("paused")
		b.pauseFollows(func(f state.Follow) bool { return f.Private && f.UserID == p.follow.UserID }, pausedForDMs)
	case !p.follow.Private && status(err) == http.StatusNotFound:
		// A channel deleted never comes back; one the bot may not post in
		// may (its alerts, counted in the hour's, are tried a few an hour).
		log.Info("the channel is gone: its follows are paused")
		b.metrics.Alert("paused")
		b.pauseFollows(func(f state.Follow) bool { return !f.Private && f.ChannelID == p.follow.ChannelID }, "the channel is gone")
	default:
		log.Warn("could not post an alert", "err", err)
		b.metrics.Alert("failed")
	}
}

// alertMessage is a post of alerts: one story in full, as the digest tells
// its top story, or stories gathered by title.
func alertMessage(p alertPost) *discordgo.MessageSend {
	topics := "**" + escapeAll(p.topics, "**, **") + "**"
	if len(p.stories) == 1 {
		s := p.stories[0]
		return &discordgo.MessageSend{
			Content:         truncate("New on "+topics+":", maxContent),
			Embeds:          []*discordgo.MessageEmbed{storyEmbed(escape(s.Title), s)},
			AllowedMentions: noMentions,
		}
	}
	return &discordgo.MessageSend{
		Content:         truncate(fmt.Sprintf("And %d more new stories on %s, gathered so as not to flood:", len(p.stories), topics), maxContent),
		Embeds:          []*discordgo.MessageEmbed{alsoEmbed("More new stories", 1, p.stories)},
		AllowedMentions: noMentions,
	}
}

// dmsClosed reports Discord's refusal to deliver a direct message (code
// 50007): the user turned off DMs from the server's members, or blocked the
// bot.
func dmsClosed(err error) bool {
	var rest *discordgo.RESTError
	return errors.As(err, &rest) && rest.Message != nil && rest.Message.Code == discordgo.ErrCodeCannotSendMessagesToThisUser
}

// pausedForDMs is why a private follow is paused when its user's direct
// messages are closed.
const pausedForDMs = "newsbot cannot send you direct messages"

// pauseFollows pauses the follows whose alerts cannot reach their place,
// saying why.
func (b *Bot) pauseFollows(unreachable func(state.Follow) bool, why string) {
	err := b.state.Update(func(s *state.State) error {
		for _, f := range s.Follows {
			if unreachable(*f) && f.Paused == "" {
				f.Paused, f.PauseTold = why, false
			}
		}
		return nil
	})
	if err != nil {
		b.log.Warn("could not pause the follows that cannot be delivered", "why", why, "err", err)
	}
}
