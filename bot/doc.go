// Package bot puts newsbot's answers into Discord: it registers the slash
// commands (one table, see slashCommands), turns interactions, mentions and
// direct messages into calls of package commands, renders the answers as
// embeds that can never ping anyone or break Discord's limits, posts the
// daily digests and polls the feeds. It knows the index only as a Library.
package bot
