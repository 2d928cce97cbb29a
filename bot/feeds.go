package bot

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/state"
	"newsbot/index/feeds"
	"newsbot/index/ingest"
)

// Feed polling limits: how many feeds are read at once, and the longest wait
// between two tries of a failing feed.
const (
	feedWorkers = 4
	maxBackoff  = 24 * time.Hour
)

// feedLease is how long a process may take to poll a feed it claimed before
// another may claim it. A poll is cut off at pollLimit, well within the
// lease, so that a slow site is never polled by two processes at once.
const (
	feedLease = 10 * time.Minute
	pollLimit = 8 * time.Minute
)

// fromSetting marks the feeds that come from NEWSBOT_FEEDS.
const fromSetting = "NEWSBOT_FEEDS"

// addConfiguredFeeds makes sure every feed of NEWSBOT_FEEDS is polled.
func (b *Bot) addConfiguredFeeds() error {
	return b.state.Update(func(s *state.State) error {
		for _, u := range b.cfg.Feeds {
			if s.Feeds == nil {
				s.Feeds = map[string]*state.Feed{}
			}
			if s.Feeds[u] == nil {
				s.Feeds[u] = &state.Feed{URL: u, AddedBy: fromSetting, AddedAt: b.now().UTC()}
			}
		}
		return nil
	})
}

// pollDueFeeds reads the feeds whose turn has come, a few at a time, so that a
// slow feed does not hold up the others.
func (b *Bot) pollDueFeeds(ctx context.Context) {
	now := b.now()
	var due []state.Feed
	b.state.View(func(s state.State) {
		for _, f := range s.Feeds {
			if !f.NextPoll.After(now) && f.Disabled.IsZero() {
				due = append(due, *f)
			}
		}
	})
	slices.SortFunc(due, func(a, b state.Feed) int { return a.NextPoll.Compare(b.NextPoll) })
	work := make(chan state.Feed)
	var workers sync.WaitGroup
	var added atomic.Int64
	for range min(feedWorkers, len(due)) {
		workers.Go(func() {
			for f := range work {
				if b.claimFeed(f.URL) {
					poll, cancel := context.WithTimeout(ctx, pollLimit)
					added.Add(int64(b.pollFeed(poll, f)))
					cancel()
				}
			}
		})
	}
	for _, f := range due {
		if ctx.Err() != nil {
			break
		}
		work <- f
	}
	close(work)
	workers.Wait()
	if added.Load() > 0 && ctx.Err() == nil {
		b.alertFollows(ctx) // the new articles may be new stories of a topic followed
	}
}

// claimFeed takes a due feed for a lease of feedLease, when it is about to
// be polled, and reports whether this process got it: in a cluster, another
// process sees it claimed and leaves it; if this one dies polling, the lease
// runs out and another takes the feed.
func (b *Bot) claimFeed(url string) bool {
	now := b.now()
	claimed := false
	err := b.state.Update(func(s *state.State) error {
		claimed = false
		if f := s.Feeds[url]; f != nil && !f.NextPoll.After(now) && f.Disabled.IsZero() {
			f.NextPoll, claimed = now.Add(feedLease).UTC(), true
		}
		return nil
	})
	if err != nil {
		b.log.Warn("could not claim the feed", "feed", url, "err", err)
		return false
	}
	return claimed
}

// pollFeed reads one feed, adds its new items to the index, records how it
// went and returns how many articles it added. The first poll of a feed reads its back catalogue: its undated items
// get no date, so that they never appear in a digest as today's news.
func (b *Bot) pollFeed(ctx context.Context, f state.Feed) int {
	log := b.log.With("feed", f.URL)
	now := b.now()
	firstSeen := now
	if !f.Primed {
		firstSeen = time.Time{}
	}
	res, err := b.fetcher.Fetch(ctx, feeds.FetchRequest{URL: f.URL, ETag: f.ETag, LastModified: f.LastModified, Known: b.news.Known}, firstSeen)
	var report ingest.Result
	if err == nil && !res.NotModified {
		report, err = ingest.Run(ctx, b.news, ingest.Sources{Items: res.Feed.Items}, ingest.Options{})
	}
	if ctx.Err() != nil {
		return 0 // stopping: the next run polls it again
	}
	b.metrics.FeedPolled(report.Added, err)
	if err != nil {
		log.Warn("feed poll failed", "failures", f.Failures+1, "err", err)
	} else if report.Added > 0 || len(report.Rejected) > 0 || report.TooOld > 0 {
		log.Info("feed polled", "added", report.Added, "duplicates", report.Duplicates, "rejected", len(report.Rejected), "older_than_kept", report.TooOld)
	}
	var tell *feedNews // what to say in a channel about the feed, if anything
	recorded := b.state.Update(func(s *state.State) error {
		tell = nil
		rec := s.Feeds[f.URL]
		if rec == nil {
			return nil // removed meanwhile
		}
		rec.LastPoll = now.UTC()
		if err != nil {
			rec.Failures++
			rec.LastError, rec.LastErrorAt = err.Error(), now.UTC()
			rec.NextPoll = now.Add(jitter(backoff(b.cfg.PollInterval, rec.Failures))).UTC()
			switch failing := now.Sub(cmp.Or(rec.LastSuccess, rec.AddedAt)); {
			case failing >= disableAfter:
				rec.Disabled = now.UTC()
				tell = &feedNews{*rec, b.feedChannel(*s, *rec), feedDisabled}
			case rec.TroubleTold.IsZero() && failing >= troubleAfter:
				rec.TroubleTold = now.UTC()
				tell = &feedNews{*rec, b.feedChannel(*s, *rec), feedTroubled}
			}
			return nil
		}
		if !rec.TroubleTold.IsZero() {
			tell = &feedNews{*rec, b.feedChannel(*s, *rec), feedRecovered}
			rec.TroubleTold = time.Time{}
		}
		rec.Failures, rec.LastSuccess, rec.Primed = 0, now.UTC(), true
		rec.Articles += report.Added
		if !res.NotModified {
			rec.ETag, rec.LastModified = res.ETag, res.LastModified
		}
		rec.NextPoll = now.Add(jitter(b.cfg.PollInterval)).UTC()
		return nil
	})
	if recorded != nil {
		log.Warn("could not record the poll", "err", recorded)
		return report.Added // and not tell: the next poll, recorded, will
	}
	if tell != nil {
		b.tellFeedNews(ctx, *tell)
	}
	return report.Added
}

// troubleAfter is how long a feed fails before newsbot says so in a channel:
// a site down for an hour is no news, one down for a day needs someone.
// After disableAfter, newsbot stops reading it: a site gone for a week is
// gone, and asking it every day helps nobody.
const (
	troubleAfter = 24 * time.Hour
	disableAfter = 7 * 24 * time.Hour
)

// feedNews is what newsbot says in a channel about a feed.
type feedNews struct {
	feed      state.Feed
	channelID string
	kind      feedNewsKind
}

type feedNewsKind string

const (
	feedTroubled  feedNewsKind = "troubled"  // failing for a day
	feedDisabled  feedNewsKind = "disabled"  // failing for a week, and no longer read
	feedRecovered feedNewsKind = "recovered" // read again after it was told troubled
)

// feedChannel is where to tell about a feed: the channel it was added in;
// for a feed of NEWSBOT_FEEDS, the operator's NEWSBOT_OPS_CHANNEL or, when
// the bot sends digests to one server only, that server's digest channel;
// else none (the log says it all the same).
func (b *Bot) feedChannel(s state.State, f state.Feed) string {
	if f.AddedIn != "" {
		return f.AddedIn
	}
	if b.cfg.OpsChannel != "" {
		return b.cfg.OpsChannel
	}
	guilds, first := map[string]bool{}, ""
	for _, id := range slices.Sorted(maps.Keys(s.Digests)) {
		if d := s.Digests[id]; d.Enabled {
			guilds[d.GuildID] = true
			first = cmp.Or(first, id)
		}
	}
	if len(guilds) != 1 {
		return "" // several servers: none of them owns the setting's feeds
	}
	return first
}

// tellFeedNews posts one message about a feed's trouble, its end or its
// recovery, once: its nonce is made from the feed, the time the trouble was
// told and what is told.
func (b *Bot) tellFeedNews(ctx context.Context, n feedNews) {
	if n.channelID == "" {
		return
	}
	var msg string
	switch n.kind {
	case feedTroubled:
		msg = fmt.Sprintf("The feed %s has not been read for a day: %s. newsbot keeps trying, less often; check the address, or stop reading it with /feeds remove.",
			code(n.feed.URL), escape(n.feed.LastError))
	case feedDisabled:
		msg = fmt.Sprintf("newsbot has stopped reading the feed %s: it has not been read for a week (%s). When the site works again, /feeds add reads it again; or take it off the list with /feeds remove.",
			code(n.feed.URL), escape(n.feed.LastError))
	case feedRecovered:
		msg = fmt.Sprintf("The feed %s works again.", code(n.feed.URL))
	}
	nonce := nonceOf("feed", n.feed.URL, n.feed.TroubleTold.Format(time.RFC3339), string(n.kind))
	if err := b.sendOnce(ctx, n.channelID, nonce, &discordgo.MessageSend{Content: truncate(msg, maxContent), AllowedMentions: noMentions}); err != nil {
		b.log.Warn("could not tell about the feed", "feed", n.feed.URL, "channel", n.channelID, "err", err)
	}
}

// backoff doubles the wait after each failure in a row, up to a day, so that a
// broken feed is not hammered and a recovered one is back soon enough.
func backoff(interval time.Duration, failures int) time.Duration {
	d := interval
	for range failures {
		if d >= maxBackoff/2 {
			return maxBackoff
		}
		d *= 2
	}
	return d
}

// jitter spreads polls over ±10% of d, so that feeds added together do not
// stay in step, and several bots do not hit a site at the same second.
func jitter(d time.Duration) time.Duration {
	spread := int64(d) / 10
	if spread <= 0 {
		return d
	}
	return d - time.Duration(spread) + time.Duration(rand.Int64N(2*spread))
}

// feedsCommand is /feeds: the feeds newsbot reads.
func feedsCommand() slashCommand {
	return slashCommand{
		definition: &discordgo.ApplicationCommand{
			Name:                     "feeds",
			Description:              "The news feeds newsbot reads",
			DefaultMemberPermissions: &manageServer,
			Contexts:                 &guildOnly,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "add", Description: "Read a new RSS or Atom feed", Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionString, Name: "url", Description: "The feed's address", Required: true, MaxLength: 500},
				}},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "list", Description: "The feeds and how they are doing"},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "remove", Description: "Stop reading a feed", Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionString, Name: "url", Description: "The feed's address, as /feeds list shows it", Required: true, MaxLength: 500},
				}},
			},
		},
		help:    "add url:https://example.com/rss · read a news feed while the bot runs (also list, remove; server managers)",
		respond: func(b *Bot, ic *discordgo.Interaction) { b.answerFeedsCommand(ic) },
	}
}

// answerFeedsCommand answers /feeds add, list and remove.
func (b *Bot) answerFeedsCommand(ic *discordgo.Interaction) {
	sub := subcommand(ic)
	opts := options(sub.Options)
	if sub.Name != "list" && !isAdmin(ic) {
		b.respond(ic, ephemeralText("Only members with the Manage Server permission can change the feeds."), b.log)
		return
	}
	switch sub.Name {
	case "list":
		b.respond(ic, ephemeralText(b.listFeeds()), b.log)
	case "remove":
		b.respond(ic, ephemeralText(b.removeFeed(opts["url"].text())), b.log)
	case "add":
		deferred := &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
		}
		if !b.respond(ic, deferred, b.log) {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		msg := truncate(b.addFeed(ctx, ic, opts["url"].text()), maxContent)
		b.editResponse(ic, &discordgo.WebhookEdit{Content: &msg, AllowedMentions: noMentions}, b.log)
	default:
		b.respond(ic, ephemeralText("newsbot does not know that; its commands may be out of date. Try /help."), b.log)
	}
}

// addFeed reads a feed once, so that a wrong address is reported at once,
// and adds it to those polled. Its items are the back catalogue.
func (b *Bot) addFeed(ctx context.Context, ic *discordgo.Interaction, raw string) string {
	u, ok := feeds.WebURL(raw)
	if !ok {
		return "Give the feed's full address, starting with https://."
	}
	feedURL := u.String()
	var known *state.Feed
	b.state.View(func(s state.State) { known = s.Feeds[feedURL] })
	if known != nil && known.Disabled.IsZero() {
		return fmt.Sprintf("newsbot already reads %s.", code(feedURL))
	}
	res, err := b.fetcher.Fetch(ctx, feeds.FetchRequest{URL: feedURL}, time.Time{})
	if err != nil {
		b.log.Info("feed refused", "feed", feedURL, "err", err)
		if errors.Is(err, feeds.ErrNotFeed) {
			return upperFirst(escape(err.Error()))
		}
		return fmt.Sprintf("Could not read that feed: %s. Check the address and try again.", escape(err.Error()))
	}
	report, err := ingest.Run(ctx, b.news, ingest.Sources{Items: res.Feed.Items}, ingest.Options{})
	if err != nil {
		return b.forUser(err, "feeds", "add")
	}
	now := b.now()
	err = b.state.Update(func(s *state.State) error {
		if s.Feeds == nil {
			s.Feeds = map[string]*state.Feed{}
		}
		articles := report.Added
		if old := s.Feeds[feedURL]; old != nil { // a feed read again after newsbot had stopped
			articles += old.Articles
		}
		s.Feeds[feedURL] = &state.Feed{
			URL: feedURL, AddedBy: userOf(ic).ID, AddedAt: now.UTC(), AddedIn: ic.ChannelID, ETag: res.ETag, LastModified: res.LastModified,
			LastPoll: now.UTC(), LastSuccess: now.UTC(), Articles: articles, Primed: true,
			NextPoll: now.Add(jitter(b.cfg.PollInterval)).UTC(),
		}
		return nil
	})
	if err != nil {
		return b.forUser(err, "feeds", "add")
	}
	title := res.Feed.Title
	if title == "" {
		title = feedURL
	}
	var tooOld string
	if report.TooOld > 0 {
		kept := "the articles newsbot keeps"
		if b.cfg.Keep > 0 {
			kept = "the " + days(b.cfg.Keep) + " newsbot keeps"
		}
		tooOld = fmt.Sprintf(", and %d older than %s were left out", report.TooOld, kept)
	}
	return fmt.Sprintf("Added %s: %d articles from its back catalogue are in the index (not announced as news)%s; new ones arrive every %s or so.", escape(title), report.Added, tooOld, b.cfg.PollInterval)
}

func (b *Bot) removeFeed(raw string) string {
	raw = strings.TrimSpace(raw)
	found, setting := false, false
	err := b.state.Update(func(s *state.State) error {
		if f := s.Feeds[raw]; f != nil {
			found, setting = true, f.AddedBy == fromSetting
			if !setting {
				delete(s.Feeds, raw)
			}
		}
		return nil
	})
	switch {
	case err != nil:
		return b.forUser(err, "feeds", "remove")
	case !found:
		return fmt.Sprintf("newsbot does not read %s; /feeds list shows what it reads.", code(raw))
	case setting:
		return fmt.Sprintf("%s comes from the NEWSBOT_FEEDS setting: remove it there and restart newsbot.", code(raw))
	}
	return fmt.Sprintf("newsbot no longer reads %s. What it took from it stays in the index.", code(raw))
}

// listFeeds says how each feed is doing.
func (b *Bot) listFeeds() string {
	var feeds []state.Feed
	b.state.View(func(s state.State) {
		for _, f := range s.Feeds {
			feeds = append(feeds, *f)
		}
	})
	if len(feeds) == 0 {
		return "newsbot reads no feeds. Add one with /feeds add, or list them in NEWSBOT_FEEDS."
	}
	slices.SortFunc(feeds, func(a, b state.Feed) int { return strings.Compare(a.URL, b.URL) })
	var lines []string
	for _, f := range feeds {
		health := "not read yet"
		if !f.LastSuccess.IsZero() {
			health = "last read " + ago(b.now(), f.LastSuccess)
		}
		switch {
		case !f.Disabled.IsZero():
			health += fmt.Sprintf(", **not read any more** since %s, after a week of failures (last error: %s); /feeds add reads it again", ago(b.now(), f.Disabled), escape(f.LastError))
		case f.Failures > 0:
			health += fmt.Sprintf(", failing (%d in a row; last error %s: %s)", f.Failures, ago(b.now(), f.LastErrorAt), escape(f.LastError))
		}
		lines = append(lines, fmt.Sprintf("%s: %s, %d articles taken", code(f.URL), health, f.Articles))
	}
	return truncate("Feeds:\n"+strings.Join(lines, "\n"), maxContent)
}

// ago says how long before now t was, roughly.
func ago(now, t time.Time) string {
	d := now.Sub(t).Round(time.Minute)
	if d < time.Minute {
		return "just now"
	}
	return strings.TrimSuffix(d.String(), "0s") + " ago"
}
