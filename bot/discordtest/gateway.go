package discordtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Gateway opcodes, as Discord numbers them.
const (
	opDispatch       = 0
	opHeartbeat      = 1
	opIdentify       = 2
	opPresence       = 3
	opVoiceState     = 4
	opResume         = 6
	opReconnect      = 7
	opRequestMembers = 8
	opInvalidSession = 9
	opHello          = 10
	opHeartbeatAck   = 11
)

// writeTimeout bounds every gateway write, so a client that stopped
// reading cannot block the fake.
const writeTimeout = 5 * time.Second

// upgrader accepts any origin: the only client is the test's own.
var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// Identify is what the bot sent in one gateway Identify (op 2), so tests
// can check the token, intents and shard it logs in with.
type Identify struct {
	Token     string
	Intents   discordgo.Intent
	Shard     [2]int // shard ID and count; [0 1] when the bot does not shard
	SessionID string // the session the fake opened in answer
	At        time.Time
}

// Stats counts what happened on the gateway; tests wait on it to see a
// reconnect through.
type Stats struct {
	Connections int // open sockets that Discord would still send events to
	Identifies  int
	Resumes     int
	Heartbeats  int
}

// frame is one gateway payload. s and t are null except in dispatches.
type frame struct {
	Op int     `json:"op"`
	D  any     `json:"d"`
	S  *int64  `json:"s"`
	T  *string `json:"t"`
}

func dispatchFrame(seq int64, eventType string, d json.RawMessage) frame {
	return frame{Op: opDispatch, D: d, S: &seq, T: &eventType}
}

// session is a gateway session: it outlives its sockets so that a bot that
// reconnects can Resume and get the events it missed.
type session struct {
	id    string
	token string
	shard [2]int
	seq   int64
	log   []frame // dispatches after READY, replayed on Resume
	conn  *gatewayConn
}

// gatewayConn is one websocket. sess and beat are guarded by Server.gw;
// wmu serialises writes, which gorilla/websocket requires.
type gatewayConn struct {
	ws   *websocket.Conn
	wmu  sync.Mutex
	sess *session
	beat bool // a heartbeat arrived: the client's heartbeat loop runs
}

// send writes one payload. On failure it closes the socket, so that its
// reader ends and the client reconnects, as with a real network fault.
func (c *gatewayConn) send(v any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.ws.SetWriteDeadline(time.Now().Add(writeTimeout))
	err := c.ws.WriteJSON(v)
	if err != nil {
		c.ws.Close()
	}
	return err
}

// close ends the socket with a close frame carrying a gateway close code,
// and returns an error so the reader stops.
func (c *gatewayConn) close(code int, text string) error {
	c.wmu.Lock()
	c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(writeTimeout))
	c.wmu.Unlock()
	c.ws.Close()
	return &websocket.CloseError{Code: code, Text: text}
}

// gatewayURL is where GET /gateway sends the bot, and where it resumes.
func (s *Server) gatewayURL() string {
	return "ws://" + s.base.Host + "/gateway"
}

// serveGateway runs one websocket from upgrade to close.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade has already answered with an HTTP error.
	}
	c := &gatewayConn{ws: ws}
	if !s.addConn(c) {
		ws.Close()
		return
	}
	defer s.wg.Done()
	defer s.removeConn(c)
	s.readLoop(c)
}

func (s *Server) readLoop(c *gatewayConn) {
	hello := map[string]any{"heartbeat_interval": s.cfg.heartbeat.Milliseconds()}
	if c.send(frame{Op: opHello, D: hello}) != nil {
		return
	}
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			return
		}
		var p struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if err := json.Unmarshal(data, &p); err != nil {
			c.close(4002, "Error while decoding payload.")
			return
		}
		switch p.Op {
		case opHeartbeat:
			err = s.heartbeat(c)
		case opIdentify:
			err = s.identify(c, p.D)
		case opResume:
			err = s.resume(c, p.D)
		case opPresence, opVoiceState, opRequestMembers:
			// Accepted; the fake has no presences, voice or member lists.
		default:
			err = c.close(4001, "Unknown opcode.")
		}
		if err != nil {
			return
		}
	}
}

func (s *Server) addConn(c *gatewayConn) bool {
	s.gw.Lock()
	defer s.gw.Unlock()
	if s.closed {
		return false
	}
	s.conns[c] = true
	s.wg.Add(1)
	return true
}

func (s *Server) removeConn(c *gatewayConn) {
	c.ws.Close()
	s.gw.Lock()
	s.unbindLocked(c)
	delete(s.conns, c)
	s.gw.Unlock()
	s.notify()
}

// unbindLocked stops sending events to c: its session keeps them for a
// Resume. The socket itself stays open until the client or Close ends it.
func (s *Server) unbindLocked(c *gatewayConn) {
	if _, ok := s.conns[c]; ok {
		s.conns[c] = false
	}
	if c.sess != nil && c.sess.conn == c {
		c.sess.conn = nil
	}
	c.sess = nil
}

func (s *Server) heartbeat(c *gatewayConn) error {
	if err := c.send(frame{Op: opHeartbeatAck}); err != nil {
		return err
	}
	s.gw.Lock()
	s.heartbeats++
	c.beat = true
	s.gw.Unlock()
	s.notify()
	return nil
}

func (s *Server) identify(c *gatewayConn, d json.RawMessage) error {
	var id struct {
		Token   string           `json:"token"`
		Intents discordgo.Intent `json:"intents"`
		Shard   *[2]int          `json:"shard"`
	}
	if err := json.Unmarshal(d, &id); err != nil {
		return c.close(4002, "Error while decoding payload.")
	}
	shard := [2]int{0, 1}
	if id.Shard != nil {
		shard = *id.Shard
	}
	switch {
	case id.Token == "":
		return c.close(4004, "Authentication failed.")
	case shard[1] < 1 || shard[0] < 0 || shard[0] >= shard[1]:
		return c.close(4010, "Invalid shard.")
	}

	defer s.notify()
	s.gw.Lock()
	defer s.gw.Unlock()
	if c.sess != nil {
		return c.close(4005, "Already authenticated.")
	}
	sess := &session{id: "session-" + s.newID(), token: id.Token, shard: shard, seq: 1}
	s.sessions[sess.id] = sess
	sess.conn, c.sess = c, sess
	s.identifies = append(s.identifies, Identify{
		Token: id.Token, Intents: id.Intents, Shard: shard, SessionID: sess.id, At: time.Now(),
	})
	if err := c.send(dispatchFrame(1, "READY", s.readyPayload(sess))); err != nil {
		return err
	}
	if shardOf(GuildID, shard[1]) == shard[0] {
		s.sendLocked(sess, "GUILD_CREATE", s.guildPayload())
	}
	return nil
}

func (s *Server) resume(c *gatewayConn, d json.RawMessage) error {
	var rp struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	if err := json.Unmarshal(d, &rp); err != nil {
		return c.close(4002, "Error while decoding payload.")
	}

	defer s.notify()
	s.gw.Lock()
	defer s.gw.Unlock()
	if c.sess != nil {
		return c.close(4005, "Already authenticated.")
	}
	sess := s.sessions[rp.SessionID]
	if sess == nil || sess.token != rp.Token {
		// Not resumable: discordgo answers with an Identify on this socket.
		return c.send(frame{Op: opInvalidSession, D: false})
	}
	if old := sess.conn; old != nil {
		old.ws.Close()
		s.unbindLocked(old)
	}
	sess.conn, c.sess = c, sess
	s.resumes++
	// RESUMED comes first (discordgo's Open reads exactly one payload after
	// Resume) and carries the client's own seq, so its count stays right;
	// the missed events follow in order.
	if err := c.send(dispatchFrame(rp.Seq, "RESUMED", json.RawMessage(`{}`))); err != nil {
		return err
	}
	for _, f := range sess.log {
		if *f.S > rp.Seq {
			if err := c.send(f); err != nil {
				return err
			}
		}
	}
	return nil
}

// Dispatch sends an event of the given type (like "GUILD_MEMBER_ADD") to
// every session on the shard of the data's guild_id, with the next
// sequence number. A session whose socket is down gets the event when it
// resumes. The test fails if no session is open.
func (s *Server) Dispatch(eventType string, data any) {
	raw, err := json.Marshal(data)
	if err != nil {
		s.t.Errorf("discordtest: dispatch %s: %v", eventType, err)
		return
	}
	var peek struct {
		GuildID string `json:"guild_id"`
	}
	json.Unmarshal(raw, &peek) // data that is no object has no guild: shard 0
	s.dispatch(eventType, raw, peek.GuildID)
}

func (s *Server) dispatch(eventType string, raw json.RawMessage, guildID string) {
	s.gw.Lock()
	sent := 0
	for _, sess := range s.sessions {
		if shardOf(guildID, sess.shard[1]) == sess.shard[0] {
			s.sendLocked(sess, eventType, raw)
			sent++
		}
	}
	s.gw.Unlock()
	if sent == 0 {
		s.t.Errorf("discordtest: dispatch %s: no gateway session for guild %q; open the discordgo session first", eventType, guildID)
	}
}

// sendLocked numbers a dispatch, keeps it for Resume and writes it to the
// session's socket if it has one.
func (s *Server) sendLocked(sess *session, eventType string, raw json.RawMessage) {
	sess.seq++
	f := dispatchFrame(sess.seq, eventType, raw)
	sess.log = append(sess.log, f)
	if sess.conn != nil {
		sess.conn.send(f) // on failure the socket closes and the client resumes
	}
}

// shardOf is the shard that gets a guild's events; DMs go to shard 0.
func shardOf(guildID string, count int) int {
	id, err := strconv.ParseUint(guildID, 10, 64)
	if err != nil || count <= 1 {
		return 0
	}
	return int((id >> 22) % uint64(count))
}

// Stats returns the gateway counters.
func (s *Server) Stats() Stats {
	s.gw.Lock()
	defer s.gw.Unlock()
	st := Stats{Identifies: len(s.identifies), Resumes: s.resumes, Heartbeats: s.heartbeats}
	for _, live := range s.conns {
		if live {
			st.Connections++
		}
	}
	return st
}

// WaitStats waits until cond holds for the gateway counters, for example
// until a dropped bot has resumed.
func (s *Server) WaitStats(ctx context.Context, cond func(Stats) bool) (Stats, error) {
	var st Stats
	err := s.waitUntil(ctx, func() bool {
		st = s.Stats()
		return cond(st)
	})
	if err != nil {
		return st, fmt.Errorf("wait for gateway stats (now %+v): %w", st, err)
	}
	return st, nil
}

// WaitHeartbeat waits until at least one socket is open and every open
// socket has finished its handshake and sent a heartbeat. Only then is it
// safe to disturb the gateway: discordgo v0.29.0 churns reconnects when a
// socket drops before its first heartbeat.
func (s *Server) WaitHeartbeat(ctx context.Context) error {
	if err := s.waitUntil(ctx, s.settled); err != nil {
		return fmt.Errorf("wait for gateway heartbeat: %w", err)
	}
	return nil
}

func (s *Server) settled() bool {
	s.gw.Lock()
	defer s.gw.Unlock()
	live := 0
	for c, ok := range s.conns {
		if !ok {
			continue
		}
		if c.sess == nil || !c.beat {
			return false
		}
		live++
	}
	return live > 0
}

// Identifies returns every Identify the fake accepted, oldest first.
func (s *Server) Identifies() []Identify {
	s.gw.Lock()
	defer s.gw.Unlock()
	return append([]Identify(nil), s.identifies...)
}
