package bot

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// restBuckets is how many rate-limit buckets interaction callbacks, and
// edits of answers, are spread over. discordgo names a callback's bucket after
// its URL, which holds the interaction's token, and never forgets a bucket:
// a bot answering millions of interactions would keep millions. It also gives
// every edit of an answer the same bucket, whose lock it holds for the whole
// request, so that answers went out one at a time. A few fixed buckets keep
// memory flat and let answers go out side by side.
const restBuckets = 16

func bucketOf(kind, interactionID string) string {
	h := fnv.New32a()
	h.Write([]byte(interactionID))
	return fmt.Sprintf("newsbot/%s/%d", kind, h.Sum32()%restBuckets)
}

// interactionRespond is Session.InteractionRespond with a bucket of our own.
func (b *Bot) interactionRespond(ctx context.Context, ic *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	endpoint := discordgo.EndpointInteractionResponse(ic.ID, ic.Token)
	_, err := b.session.RequestWithBucketID("POST", endpoint, *resp, bucketOf("callback", ic.ID), discordgo.WithContext(ctx))
	return err
}

// responseEdit is Session.InteractionResponseEdit with a bucket of our own.
func (b *Bot) responseEdit(ctx context.Context, ic *discordgo.Interaction, edit *discordgo.WebhookEdit) error {
	uri := discordgo.EndpointWebhookMessage(ic.AppID, ic.Token, "@original")
	bucket := bucketOf("edit", ic.ID)
	if len(edit.Files) > 0 {
		contentType, body, err := discordgo.MultipartBodyWithJSON(edit, edit.Files)
		if err != nil {
			return err
		}
		return untilKnown(ctx, func() error {
			_, err := b.session.RequestRaw("PATCH", uri, contentType, body, bucket, 0, discordgo.WithContext(ctx))
			return err
		})
	}
	return untilKnown(ctx, func() error {
		_, err := b.session.RequestWithBucketID("PATCH", uri, edit, bucket, discordgo.WithContext(ctx))
		return err
	})
}

// responseDelete is Session.InteractionResponseDelete with a bucket of our own.
func (b *Bot) responseDelete(ctx context.Context, ic *discordgo.Interaction) error {
	uri := discordgo.EndpointWebhookMessage(ic.AppID, ic.Token, "@original")
	return untilKnown(ctx, func() error {
		_, err := b.session.RequestWithBucketID("DELETE", uri, nil, bucketOf("edit", ic.ID), discordgo.WithContext(ctx))
		return err
	})
}

// followup is Session.FollowupMessageCreate with a bucket of our own: the
// URL discordgo names its bucket after holds the interaction's token too.
func (b *Bot) followup(ctx context.Context, ic *discordgo.Interaction, params *discordgo.WebhookParams) error {
	uri := discordgo.EndpointWebhookToken(ic.AppID, ic.Token) + "?wait=true"
	return untilKnown(ctx, func() error {
		_, err := b.session.RequestWithBucketID("POST", uri, params, bucketOf("followup", ic.ID), discordgo.WithContext(ctx))
		return err
	})
}

// untilKnown makes a request on an interaction's webhook, and makes it again
// while Discord answers "Unknown Webhook": over HTTP, an answer, an error or
// a followup may be ready before Discord has taken in the HTTP response that
// deferred it, and until then the webhook does not exist. The request failed
// then, so making it again posts nothing twice.
func untilKnown(ctx context.Context, request func() error) error {
	err := request()
	for try := 1; unknownWebhook(err) && try <= webhookTries; try++ {
		select {
		case <-time.After(time.Duration(try) * webhookWait):
		case <-ctx.Done():
			return err
		}
		err = request()
	}
	return err
}

// webhookTries and webhookWait bound the waits for Discord to know an
// interaction's webhook: 0.25 s, then 0.5, 0.75 and 1.
const (
	webhookTries = 4
	webhookWait  = 250 * time.Millisecond
)

// unknownWebhook reports whether err is Discord's "Unknown Webhook" (10015).
func unknownWebhook(err error) bool {
	var rest *discordgo.RESTError
	return errors.As(err, &rest) && rest.Message != nil && rest.Message.Code == discordgo.ErrCodeUnknownWebhook
}

// errMaybeSent wraps the error of a message whose fate is unknown: Discord
// may have posted it even though the bot never heard so.
var errMaybeSent = errors.New("the message may have been posted")

// sendRetryWaits are the pauses before each new try of a channel message
// whose send had an unknown outcome. They end long before the few minutes
// for which Discord remembers the message's nonce.
var sendRetryWaits = []time.Duration{time.Second, 4 * time.Second}

// sendOnce posts m in a channel at most once, even when it must try again.
// The message carries a nonce that Discord enforces: a repeat within a few
// minutes returns the message made the first time instead of a second one.
// So a send whose outcome is unknown (the connection dropped, Discord or a
// proxy answered 5xx, or discordgo itself resent a 502) is retried for a few
// seconds; a refusal is returned at once. An error that leaves the outcome
// unknown wraps errMaybeSent.
func (b *Bot) sendOnce(ctx context.Context, channelID, nonce string, m *discordgo.MessageSend) error {
	body := struct {
		*discordgo.MessageSend
		Nonce        string `json:"nonce"`
		EnforceNonce bool   `json:"enforce_nonce"`
	}{m, nonce, true}
	endpoint := discordgo.EndpointChannelMessages(channelID)
	for try := 0; ; try++ {
		_, err := b.session.RequestWithBucketID("POST", endpoint, body, endpoint, discordgo.WithContext(ctx))
		if err == nil || refused(err) {
			return err
		}
		if try == len(sendRetryWaits) {
			return fmt.Errorf("%w: %w", errMaybeSent, err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w: %w", errMaybeSent, err)
		case <-time.After(sendRetryWaits[try]):
		}
	}
}

// nonceOf makes a message's nonce from what identifies it (a channel and a
// day, say): the same message always gets the same nonce, within Discord's
// limit of 25 characters.
func nonceOf(parts ...string) string {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return fmt.Sprintf("%016x", h.Sum64())
}

// refused reports whether Discord refused a request (a 4xx answer), so that
// it was not carried out. After any other error (a dropped connection, a
// timeout, a 5xx) the request may or may not have taken effect.
func refused(err error) bool {
	return status(err) >= 400 && status(err) < 500
}

// alreadyAcknowledged reports Discord's answer to a second response to an
// interaction (code 40060): an earlier try, whose answer was lost, got there.
func alreadyAcknowledged(err error) bool {
	var rest *discordgo.RESTError
	return errors.As(err, &rest) && rest.Message != nil && rest.Message.Code == discordgo.ErrCodeInteractionHasAlreadyBeenAcknowledged
}

// status is the HTTP status of Discord's answer to a failed request, or 0
// when the request got no answer.
func status(err error) int {
	var rest *discordgo.RESTError
	if errors.As(err, &rest) && rest.Response != nil {
		return rest.Response.StatusCode
	}
	return 0
}
