// Package commands is what newsbot can be asked: it reads a question (its
// subject, words and dates), and answers it with a summary quoted from the
// articles and cited, sources with excerpts, the latest articles, people's
// names, or a day's digest. Answers are plain Go values, rendered by the
// command line and by the Discord bot alike; the index is only a Searcher.
package commands
