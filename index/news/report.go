package news

import "time"

// Candidate is one item offered to an ingest by a source (an article file,
// a feed item): an article, or the reason the item at Origin, a path or a
// link, could not be read.
type Candidate struct {
	Origin  string
	Article Article
	Err     error
}

// Rejection is an item that was not indexed and why.
type Rejection struct {
	Origin string
	Reason error
}

// Report counts what Ingest did. Updated articles replaced an older version
// read from the same file; unchanged ones were indexed from the same file before.
type Report struct {
	Added, Updated, Unchanged int
	// Duplicates are files whose text is indexed already from another file or
	// a feed, and feed items whose GUID or text is indexed already, or that
	// another feed or item of the same ingest gave first.
	Duplicates int
	// TooOld are articles dated before the oldest day the index keeps,
	// which a prune by date deleted (see Pruned): a feed's back catalogue
	// or an old file read again does not bring them back.
	TooOld   int
	Rejected []Rejection
}

// Read is the number of candidates the report covers.
func (r Report) Read() int {
	return r.Added + r.Updated + r.Unchanged + r.Duplicates + r.TooOld + len(r.Rejected)
}

// Pruned is what a prune by date did: the articles dated before Cutoff
// were deleted; Kept are left, the oldest dated Oldest (zero when none is
// dated). Undated articles are always kept.
type Pruned struct {
	Cutoff  time.Time
	Deleted int
	Kept    int
	Oldest  time.Time
}
