// Package feeds reads news feeds (RSS, Atom, JSON Feed) into articles:
// fetching them over HTTP from public addresses only, with conditional
// requests, parsing them in any encoding XML allows, reading the article
// pages linked from items that carry only a teaser, turning HTML into text,
// and giving each link one canonical form.
package feeds
