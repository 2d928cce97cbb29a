package discordtest_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"newsbot/bot/discordtest"
)

// TestGatewayProtocolErrors speaks to the gateway with a raw websocket and
// breaks its rules; the fake must answer with Discord's close codes, which
// is what a bot sees when it gets the handshake wrong.
func TestGatewayProtocolErrors(t *testing.T) {
	t.Parallel()
	const identify = `{"op":2,"d":{"token":"Bot x","intents":513,"properties":{}}}`
	tests := []struct {
		name      string
		send      []string
		wantClose int // the close code expected, or 0
		wantOp    int // else the op of the answer expected
	}{
		{"not JSON", []string{"hello"}, 4002, 0},
		{"unknown opcode", []string{`{"op":42,"d":null}`}, 4001, 0},
		{"identify without token", []string{`{"op":2,"d":{"token":""}}`}, 4004, 0},
		{"shard out of range", []string{`{"op":2,"d":{"token":"Bot x","shard":[2,2]}}`}, 4010, 0},
		{"identify twice", []string{identify, identify}, 4005, 0},
		{"resume an unknown session", []string{`{"op":6,"d":{"token":"Bot x","session_id":"nope","seq":3}}`}, 0, 9},
		{"heartbeat", []string{`{"op":1,"d":null}`}, 0, 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := discordtest.New(t)
			ws := dialGateway(t, srv)
			for _, p := range tt.send {
				if err := ws.WriteMessage(websocket.TextMessage, []byte(p)); err != nil {
					t.Fatalf("send %s: %v", p, err)
				}
			}
			for {
				_, data, err := ws.ReadMessage()
				var ce *websocket.CloseError
				if errors.As(err, &ce) {
					if ce.Code != tt.wantClose {
						t.Errorf("closed with %d %q; want %d", ce.Code, ce.Text, tt.wantClose)
					}
					return
				}
				if err != nil {
					t.Fatalf("read: %v; want close %d or op %d", err, tt.wantClose, tt.wantOp)
				}
				var f struct {
					Op int `json:"op"`
				}
				if err := json.Unmarshal(data, &f); err != nil {
					t.Fatalf("decode %s: %v", data, err)
				}
				if tt.wantClose == 0 && f.Op == tt.wantOp {
					return
				}
				if f.Op != 0 {
					t.Fatalf("got op %d (%s); want close %d or op %d", f.Op, data, tt.wantClose, tt.wantOp)
				}
			}
		})
	}
}

// dialGateway connects as a client would, from GET /gateway, and reads Hello.
func dialGateway(t *testing.T, srv *discordtest.Server) *websocket.Conn {
	t.Helper()
	resp, err := http.Get(srv.URL() + "/api/v9/gateway")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var gw struct {
		URL string `json:"url"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&gw); err != nil {
		t.Fatalf("decode gateway URL: %v", err)
	}
	ws, _, err := websocket.DefaultDialer.Dial(gw.URL+"/?v=9&encoding=json", nil)
	if err != nil {
		t.Fatalf("dial %s: %v", gw.URL, err)
	}
	t.Cleanup(func() { ws.Close() })
	ws.SetReadDeadline(time.Now().Add(5 * time.Second))
	var hello struct {
		Op int `json:"op"`
		D  struct {
			HeartbeatInterval int `json:"heartbeat_interval"`
		} `json:"d"`
	}
	if err := ws.ReadJSON(&hello); err != nil || hello.Op != 10 || hello.D.HeartbeatInterval != 41250 {
		t.Fatalf("hello = %+v, %v; want op 10 with Discord's 41250 ms", hello, err)
	}
	return ws
}
