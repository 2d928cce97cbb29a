package main

import (
	"context"
	"errors"
)

// serve runs "newsbot serve", the Discord bot.
func (e env) serve(ctx context.Context, args []string) error {
	return errors.New("serve: the Discord bot is not built yet; use newsbot ask meanwhile")
}
