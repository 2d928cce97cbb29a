// Package index is the Bleve index that stores and searches newsbot's
// articles: one copy of each story with every file it was read from, BM25
// search with the bonuses that make news answers good, word and name counts,
// fuzzy look-ups and the people named. No Bleve type leaves this package but
// through Engine and NewEngine, for the benchmark's baseline; what it stores
// and returns are the types of package news.
package index
