package main

import (
	"newsbot/bot"
	"newsbot/commands"
	"newsbot/commands/trend"
	"newsbot/index"
)

// The Bleve index is what newsbot answers from: bot, commands and trend
// know it only by these interfaces, and compile without Bleve.
var (
	_ bot.Library       = (*index.Index)(nil)
	_ commands.Searcher = (*index.Index)(nil)
	_ trend.Searcher    = (*index.Index)(nil)
)
