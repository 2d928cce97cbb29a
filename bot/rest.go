package bot

import (
	"context"
	"fmt"
	"hash/fnv"

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
		_, err = b.session.RequestRaw("PATCH", uri, contentType, body, bucket, 0, discordgo.WithContext(ctx))
		return err
	}
	_, err := b.session.RequestWithBucketID("PATCH", uri, edit, bucket, discordgo.WithContext(ctx))
	return err
}
