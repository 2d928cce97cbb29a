// Package news holds what newsbot knows of the news, with no engine behind
// it: the Article, the article file format, and the questions and answers
// of a search (Query, Match, Results) and of an ingest (Candidate, Report).
// The packages that search and store articles (index) and those that answer
// people (commands, bot) meet here.
package news
