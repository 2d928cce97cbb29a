package lat

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"newsbot/commands"
	"newsbot/index"
)

func TestConc(t *testing.T) {
	ix, err := index.Open("/tmp/dfull")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	qs := []string{"Paul Volcker", "James Baker", "oil prices", "Japan trade", "Nakasone", "dollar", "OPEC", "Brazil debt", "Yeutter", "wheat exports", "Thatcher", "interest rates", "Chelsea", "Mutu", "Apple", "Microsoft", "trade deficit", "money supply", "gold", "stock split"}
	single := map[string]time.Duration{}
	for _, q := range qs {
		t0 := time.Now()
		commands.Ask(context.Background(), ix, commands.Request{Question: q})
		single[q] = time.Since(t0)
	}
	type rec struct{ q string; d time.Duration }
	var mu sync.Mutex
	var all []rec
	var wg sync.WaitGroup
	t0 := time.Now()
	for w := 0; w < 50; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := range qs {
				q := qs[(i+w)%len(qs)]
				s := time.Now()
				commands.Ask(context.Background(), ix, commands.Request{Question: q})
				mu.Lock(); all = append(all, rec{q, time.Since(s)}); mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	fmt.Println("wall", time.Since(t0))
	sort.Slice(all, func(i, j int) bool { return all[i].d > all[j].d })
	for _, r := range all[:8] { fmt.Println(r.q, r.d, "single", single[r.q]) }
	sort.Slice(all, func(i, j int) bool { return all[i].d < all[j].d })
	fmt.Println("p50", all[len(all)/2].d, "p99", all[len(all)*99/100].d)
	var tot time.Duration
	for _, d := range single { tot += d }
	fmt.Println("sum single", tot)
}
