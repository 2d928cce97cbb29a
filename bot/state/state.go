// Package state keeps the bot's one state file, DATA/state.json: the daily-digest
// settings of each channel, the record of what was posted, and the feeds the bot
// polls with their health. It survives restarts and is never left half-written.
//
// # How a save keeps the file whole
//
// A save never writes into state.json itself. It writes the whole new state to a
// temporary file in the same directory (state.json.tmp-…), flushes that file to
// the disk with fsync, and then renames it over state.json. A rename within one
// directory swaps the name from the old file to the new one in a single step, so
// whoever opens state.json, during a save or after a crash or power cut, finds
// either the complete old file or the complete new one, never a mix of the two or
// a prefix of either. Last, the directory is fsynced so that the rename itself is
// on the disk before the save reports success. A crash before the rename leaves
// the old file as it was, plus a stray temporary file that the next Open removes.
//
// Just before the rename, the file about to be replaced becomes state.json.bak (a
// hard link, or a copy on file systems without links), itself staged under a
// temporary name and renamed into place. So from the second save on there is
// exactly one backup, the previous version, which was good: Open accepted it or
// a save wrote it. Should state.json be damaged anyway (a failing disk,
// a bad hand edit), Open refuses it with an error that says how to restore the
// backup, rather than starting empty and silently losing every setting.
//
// # One writer
//
// A Store assumes that it is the only writer of its file, in its own process and
// in any other, and takes no file lock. The index already allows one newsbot
// process per data directory (a second one stops when it cannot open the index),
// so open the index first and the state second.
package state

import (
	"maps"
	"slices"
	"strings"
	"time"
)

// Version is the format of the state file this package reads and writes. A file
// of any other version is refused rather than misread; a change to the format
// that old code would misread must change it.
const Version = 1

// State is everything the bot remembers between runs. It is plain data: View and
// Update hand out copies, so holding or changing one never touches the Store.
type State struct {
	Version int                `json:"version"`
	Digests map[string]*Digest `json:"digests"` // by channel ID
	Feeds   map[string]*Feed   `json:"feeds"`   // by feed URL
	// Follows are the topics followed, by FollowKey.
	Follows map[string]*Follow `json:"follows,omitempty"`
	// AlertsPosted are, by where alerts go (a channel ID, or "dm:" and a
	// user ID), the times of the alerts posted there lately: no more than a
	// set number go to one place in an hour.
	AlertsPosted map[string][]time.Time `json:"alerts_posted,omitempty"`
	// Asked is, by user ID, when each user last asked about each subject.
	Asked map[string]*Asked `json:"asked,omitempty"`
}

// Asked is what one user asked about lately, so that the next answer on a
// subject can say what is new since.
type Asked struct {
	// Subjects are when the user last asked about each subject (as
	// searched, in lower case).
	Subjects map[string]time.Time `json:"subjects,omitempty"`
	// Off is set when the user asked newsbot to forget and remember
	// nothing; Subjects is empty then.
	Off bool `json:"off,omitzero"`
}

// Digest is one channel's daily digest: when it is posted, on what, and what
// was posted already, so that a restart neither skips a day nor posts it twice.
type Digest struct {
	GuildID   string   `json:"guild_id"`
	ChannelID string   `json:"channel_id"`
	Time      string   `json:"time"`     // "HH:MM", on the channel's clock
	Timezone  string   `json:"timezone"` // IANA name, like "Europe/Paris"
	Topics    []string `json:"topics"`
	// Exclude are the topics whose stories the digest leaves out.
	Exclude []string `json:"exclude,omitempty"`
	Enabled bool     `json:"enabled"`

	// LastPosted is the channel-local date (YYYY-MM-DD) of the last digest
	// posted in full.
	LastPosted string `json:"last_posted"`
	// Attempted is the date a post was last started for, set before posting.
	// When it is later than LastPosted, newsbot stopped in the middle of that
	// post: the day is not posted again, since part of it may be in the channel.
	Attempted string `json:"attempted"`
	// Failures counts the days in a row on which posting failed, the last of
	// them FailedOn; a success resets it.
	Failures int    `json:"failures"`
	FailedOn string `json:"failed_on,omitzero"`
	// DisabledReason says why Enabled was turned off, when newsbot did it
	// itself (after repeated failures, say) rather than a user.
	DisabledReason string `json:"disabled_reason,omitzero"`

	UpdatedBy string    `json:"updated_by"` // the user ID of the last change
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// Feed is one feed the bot polls, with what it needs to poll politely
// (conditional requests, back-off) and to tell an admin how the feed is doing.
type Feed struct {
	URL     string    `json:"url"`
	AddedBy string    `json:"added_by"` // a user ID, or "NEWSBOT_FEEDS" for the setting
	AddedAt time.Time `json:"added_at,omitzero"`
	// AddedIn is the channel where /feeds add was asked: where newsbot says
	// when the feed is in trouble. Empty for NEWSBOT_FEEDS.
	AddedIn string `json:"added_in,omitzero"`

	ETag         string `json:"etag,omitzero"`
	LastModified string `json:"last_modified,omitzero"`

	LastPoll    time.Time `json:"last_poll,omitzero"`
	LastSuccess time.Time `json:"last_success,omitzero"`
	LastError   string    `json:"last_error,omitzero"`
	LastErrorAt time.Time `json:"last_error_at,omitzero"`
	Failures    int       `json:"failures"` // consecutive; a success resets it
	// TroubleTold is when newsbot said in a channel that the feed had
	// failed for a day; zero once it has said that it works again.
	TroubleTold time.Time `json:"trouble_told,omitzero"`
	// Disabled is when newsbot stopped reading the feed, after it had
	// failed for a week; /feeds add reads it again.
	Disabled time.Time `json:"disabled,omitzero"`
	Articles int       `json:"articles"` // articles taken from it in all
	// Primed is set by the first successful poll: the items it found were the
	// feed's back catalogue, indexed but not announced as news.
	Primed   bool      `json:"primed"`
	NextPoll time.Time `json:"next_poll,omitzero"`
}

// Follow is a topic followed in a channel, or by a user for themselves in
// direct messages: each new story about it is posted once, when it first has
// MinSources sources.
type Follow struct {
	// Topic is what the stories are about; Exclude are the topics whose
	// stories are left out (the words asked with a minus: "Iran -football").
	Topic   string   `json:"topic"`
	Exclude []string `json:"exclude,omitempty"`
	// MinSources is how many sources a story needs before it is posted.
	MinSources int `json:"min_sources"`
	// GuildID and ChannelID are where the follow was asked; alerts go to
	// the channel, or to UserID in direct messages when Private.
	GuildID   string    `json:"guild_id,omitzero"`
	ChannelID string    `json:"channel_id,omitzero"`
	UserID    string    `json:"user_id"`
	Private   bool      `json:"private,omitzero"`
	CreatedAt time.Time `json:"created_at"`
	// Alerted are the articles of the stories already posted (or claimed for
	// posting), by article ID, with when: a story with any of them was
	// told. Entries older than a few days are forgotten.
	Alerted map[string]time.Time `json:"alerted,omitempty"`
	// Paused says why newsbot stopped posting for this follow, such as a
	// user's direct messages being closed; PauseTold is set once the user
	// was told.
	Paused    string `json:"paused,omitzero"`
	PauseTold bool   `json:"pause_told,omitzero"`
}

// FollowKey is the key of a follow in State.Follows: one per channel, or
// per user for private follows, and topic (with its exclusions), whatever
// its case.
func FollowKey(f Follow) string {
	where := "channel:" + f.ChannelID
	if f.Private {
		where = "user:" + f.UserID
	}
	return where + "/" + TopicKey(f)
}

// TopicKey is a follow's topic with its exclusions, whatever its case:
// follows with the same TopicKey find the same stories.
func TopicKey(f Follow) string {
	topic := strings.ToLower(f.Topic)
	for _, x := range f.Exclude {
		topic += " -" + strings.ToLower(x)
	}
	return topic
}

// empty is the state of a data directory that has none yet.
func empty() State {
	return State{Version: Version, Digests: map[string]*Digest{}, Feeds: map[string]*Feed{}, Follows: map[string]*Follow{}, AlertsPosted: map[string][]time.Time{}, Asked: map[string]*Asked{}}
}

// clone is a deep copy of s, without nil entries. Digest.Topics and Exclude
// are the only references inside a Digest, Exclude and Alerted inside a
// Follow, Subjects inside an Asked; a Feed holds only values.
func (s State) clone() State {
	c := State{
		Version:      s.Version,
		Digests:      make(map[string]*Digest, len(s.Digests)),
		Feeds:        make(map[string]*Feed, len(s.Feeds)),
		Follows:      make(map[string]*Follow, len(s.Follows)),
		AlertsPosted: make(map[string][]time.Time, len(s.AlertsPosted)),
		Asked:        make(map[string]*Asked, len(s.Asked)),
	}
	for user, a := range s.Asked {
		if a != nil {
			c.Asked[user] = &Asked{Subjects: maps.Clone(a.Subjects), Off: a.Off}
		}
	}
	for key, f := range s.Follows {
		if f != nil {
			f2 := *f
			f2.Exclude, f2.Alerted = slices.Clone(f.Exclude), maps.Clone(f.Alerted)
			c.Follows[key] = &f2
		}
	}
	for where, times := range s.AlertsPosted {
		c.AlertsPosted[where] = slices.Clone(times)
	}
	for id, d := range s.Digests {
		if d != nil {
			d2 := *d
			d2.Topics, d2.Exclude = slices.Clone(d.Topics), slices.Clone(d.Exclude)
			c.Digests[id] = &d2
		}
	}
	for url, f := range s.Feeds {
		if f != nil {
			f2 := *f
			c.Feeds[url] = &f2
		}
	}
	return c
}
