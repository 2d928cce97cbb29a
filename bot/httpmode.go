package bot

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Limits of the HTTP interactions endpoint.
const (
	// maxInteractionBody bounds a request: interactions are a few kilobytes.
	maxInteractionBody = 64 << 10
	// maxClockSkew is how old (or how far ahead) a signed request may be: an
	// older one is a replay of a request someone captured.
	maxClockSkew = 5 * time.Minute
	// firstResponseWait is how long a request waits for the bot's first
	// response, within Discord's 3 seconds.
	firstResponseWait = 2500 * time.Millisecond
)

// RunHTTP runs the bot without a gateway connection: Discord sends each
// interaction as a signed HTTP request to addr, for hosting without a
// long-lived socket. Answers are the same as with the gateway, but mentions
// and direct messages need the gateway and are not seen. It stops like Run.
func (b *Bot) RunHTTP(ctx context.Context, addr string) error {
	if len(b.cfg.PublicKey) != ed25519.PublicKeySize {
		return errors.New("DISCORD_PUBLIC_KEY is not set: copy the public key from the General Information page of the developer portal")
	}
	s, err := b.newSession()
	if err != nil {
		return err
	}
	me, err := s.User("@me", discordgo.WithContext(ctx))
	if err != nil {
		return b.connectError(err)
	}
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen for interactions: %w", err)
	}
	srv := &http.Server{Handler: b.InteractionsHandler(), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(listener) }()
	defer b.shutdown()
	ctx, cancel := context.WithCancel(ctx) // ends the loops before shutdown waits for them
	defer cancel()
	if err := b.start(ctx, me.ID); err != nil {
		srv.Close()
		return err
	}
	b.connected.Store(true)
	b.log.Info("ready for interactions over HTTP", "user", me.Username, "addr", listener.Addr().String())
	select {
	case err := <-served:
		return fmt.Errorf("interactions endpoint: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), drainTimeout)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// InteractionsHandler serves Discord's signed interaction requests: it
// refuses unsigned, wrongly signed, stale and oversized requests, answers
// PING, and hands the rest to the same handlers as the gateway, whose first
// response becomes the HTTP response.
func (b *Bot) InteractionsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "interactions are POSTed", http.StatusMethodNotAllowed)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxInteractionBody))
		if err != nil {
			http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
			return
		}
		if err := b.verify(r.Header, body); err != nil {
			b.log.Info("interaction refused", "err", err, "remote", r.RemoteAddr)
			http.Error(w, "invalid request signature", http.StatusUnauthorized)
			return
		}
		var ic discordgo.Interaction
		if err := json.Unmarshal(body, &ic); err != nil {
			http.Error(w, "not an interaction", http.StatusBadRequest)
			return
		}
		if ic.Type == discordgo.InteractionPing {
			writeResponse(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
			return
		}
		first := b.expectResponse(ic.ID)
		defer b.claimResponse(ic.ID)
		go b.onInteraction(b.session, &discordgo.InteractionCreate{Interaction: &ic})
		select {
		case resp := <-first:
			writeResponse(w, resp)
		case <-time.After(firstResponseWait):
			if !b.claimResponse(ic.ID) { // taken at the last moment: it is on its way
				writeResponse(w, <-first)
				return
			}
			b.log.Warn("no response to an interaction in time", "interaction", ic.ID)
			http.Error(w, "no response in time", http.StatusServiceUnavailable)
		case <-r.Context().Done():
		}
	})
}

// verify checks a request's Ed25519 signature over its timestamp and body,
// and that the timestamp is recent.
func (b *Bot) verify(h http.Header, body []byte) error {
	sig, err := hex.DecodeString(h.Get("X-Signature-Ed25519"))
	if err != nil || len(sig) != ed25519.SignatureSize {
		return errors.New("missing or malformed signature")
	}
	stamp := h.Get("X-Signature-Timestamp")
	if !ed25519.Verify(b.cfg.PublicKey, append([]byte(stamp), body...), sig) {
		return errors.New("bad signature")
	}
	secs, err := strconv.ParseInt(stamp, 10, 64)
	if err != nil {
		return errors.New("malformed timestamp")
	}
	if age := b.now().Sub(time.Unix(secs, 0)); age > maxClockSkew || age < -maxClockSkew {
		return fmt.Errorf("timestamp %s off: a replay, or a wrong clock", age.Round(time.Second))
	}
	return nil
}

// httpResponses waits, per interaction received over HTTP, for its first
// response, which goes in the HTTP response rather than to the REST API.
type httpResponses struct {
	mu      sync.Mutex
	pending map[string]chan *discordgo.InteractionResponse
}

func (b *Bot) expectResponse(id string) chan *discordgo.InteractionResponse {
	ch := make(chan *discordgo.InteractionResponse, 1)
	b.http.mu.Lock()
	defer b.http.mu.Unlock()
	if b.http.pending == nil {
		b.http.pending = map[string]chan *discordgo.InteractionResponse{}
	}
	b.http.pending[id] = ch
	return ch
}

// claimResponse stops waiting for interaction id's first response, and
// reports whether it was still awaited: false when takeHTTPResponse has
// taken it already, and the response is in the channel or about to be.
func (b *Bot) claimResponse(id string) bool {
	b.http.mu.Lock()
	defer b.http.mu.Unlock()
	_, waiting := b.http.pending[id]
	delete(b.http.pending, id)
	return waiting
}

// takeHTTPResponse hands resp to the HTTP request waiting for interaction
// id's first response, if one is, and reports whether it did.
func (b *Bot) takeHTTPResponse(id string, resp *discordgo.InteractionResponse) bool {
	b.http.mu.Lock()
	ch, ok := b.http.pending[id]
	delete(b.http.pending, id)
	b.http.mu.Unlock()
	if ok {
		ch <- resp
	}
	return ok
}

func writeResponse(w http.ResponseWriter, resp *discordgo.InteractionResponse) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(resp)
}
