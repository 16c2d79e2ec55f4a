//go:build linux

package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"loge/data/desk"
	"loge/data/imap"
	"loge/data/store"
	"loge/data/team"
)

// TeamResult is what a team of desks waits for: a claim on one desk shown on another, a new desk
// joining from the snapshot, and what the team log costs a normal sync.
type TeamResult struct {
	Claims       int       `json:"claims"`
	ClaimMs      []float64 `json:"claim_ms"`
	ClaimP50Ms   float64   `json:"claim_p50_ms"`
	ClaimP95Ms   float64   `json:"claim_p95_ms"`
	Entities     int       `json:"entities"` // guests + stays + requests + vendors in the snapshot
	Ops          int       `json:"ops"`
	AdoptPushS   float64   `json:"adopt_push_seconds"` // the big desk's first push of everything
	SnapshotMB   float64   `json:"snapshot_mb"`
	JoinSeconds  float64   `json:"join_seconds"` // a new desk from nothing to the whole state
	NoopSyncMs   float64   `json:"noop_sync_ms"` // a team sync with nothing to push or pull
	Push100Ms    float64   `json:"push_100_ms"`  // pushing one batch of ~100 operations
	Pull100Ms    float64   `json:"pull_100_ms"`  // reading and applying it on another desk
	FolderBefore int       `json:"folder_messages_before_compaction"`
}

func (cfg config) teamIMAP() imap.Config {
	d := cfg.dovecot
	return imap.Config{Host: d.Host, Port: d.Port, Security: imap.SecurityPlain, User: d.BenchUser, Secret: d.BenchPass}
}

// benchTeam measures the team log on the bench user's mailbox: claims between two live desks, then
// the big desk (bigDesk, its 10,000 guests, stays and requests and 1,000 vendors) shared with a
// desk that joins from nothing.
func benchTeam(ctx context.Context, cfg config, bigDesk string) (TeamResult, error) {
	var tr TeamResult
	open := func(name, who string) (*store.Store, error) {
		st, err := store.Open(ctx, filepath.Join(cfg.work, name+".db"))
		if err == nil {
			err = st.SetIdentity(ctx, who, "")
		}
		return st, err
	}
	a, err := open("team-a", "Anne Arnaud")
	if err != nil {
		return tr, err
	}
	defer a.Close()
	b, err := open("team-b", "Bruno Blanc")
	if err != nil {
		return tr, err
	}
	defer b.Close()

	// Two live desks, each with its team worker in IDLE on the folder; A's worker is kicked after
	// each claim, as the window's office does.
	wctx, stop := context.WithCancel(ctx)
	defer stop()
	wa, wb := team.NewWorker(a, cfg.teamIMAP(), "bench@loge"), team.NewWorker(b, cfg.teamIMAP(), "bench@loge")
	go wa.Run(wctx)
	go wb.Run(wctx)
	for _, w := range []*team.Worker{wa, wb} { // both connected and idle
		if err := waitSynced(w, 20*time.Second); err != nil {
			return tr, err
		}
	}
	tr.Claims = 50
	me := a.DeskID()
	for i := range tr.Claims {
		thread := fmt.Sprintf("bench-claim-%d-%d@loge", time.Now().UnixNano(), i)
		t0 := time.Now()
		if err := a.SetMailStatus(ctx, thread, desk.MailChange{Claim: &me}); err != nil {
			return tr, err
		}
		wa.Kick()
		for {
			m, err := b.MailStatus(ctx, thread)
			if err != nil {
				return tr, err
			}
			if m.ClaimedBy == me {
				break
			}
			if time.Since(t0) > 30*time.Second {
				return tr, fmt.Errorf("claim %d never reached desk B", i)
			}
			time.Sleep(5 * time.Millisecond)
		}
		tr.ClaimMs = append(tr.ClaimMs, float64(time.Since(t0).Microseconds())/1000)
	}
	stop()
	sorted := slices.Clone(tr.ClaimMs)
	slices.Sort(sorted)
	tr.ClaimP50Ms, tr.ClaimP95Ms = percentile(sorted, 50), percentile(sorted, 95)
	logf("team: claim A→B p50 %.0f ms, p95 %.0f ms over %d claims", tr.ClaimP50Ms, tr.ClaimP95Ms, tr.Claims)

	// What a normal sync pays: nothing to do, then one batch of ~100 operations each way.
	sync := func(st *store.Store) (team.Result, time.Duration, error) {
		c, err := imap.Dial(ctx, cfg.teamIMAP(), nil)
		if err != nil {
			return team.Result{}, 0, err
		}
		defer c.Close()
		t0 := time.Now()
		r, err := (&team.Syncer{St: st, C: c, CompactAfter: 1 << 30}).Sync(ctx)
		return r, time.Since(t0), err
	}
	if _, _, err := sync(a); err != nil {
		return tr, err
	}
	if _, _, err := sync(b); err != nil {
		return tr, err
	}
	_, d, err := sync(a)
	if err != nil {
		return tr, err
	}
	tr.NoopSyncMs = float64(d.Microseconds()) / 1000
	for i := range 8 {
		v := desk.Vendor{Name: fmt.Sprintf("Bench vendor %d", i), Category: "restaurant", Phone: "+33 1 00 00 00 0" + fmt.Sprint(i)}
		if err := a.CreateVendor(ctx, &v); err != nil {
			return tr, err
		}
	}
	r, d, err := sync(a)
	if err != nil {
		return tr, err
	}
	tr.Push100Ms = float64(d.Microseconds()) / 1000
	r2, d, err := sync(b)
	if err != nil {
		return tr, err
	}
	tr.Pull100Ms = float64(d.Microseconds()) / 1000
	logf("team: no-op sync %.1f ms; push %d ops %.1f ms; pull %d ops %.1f ms", tr.NoopSyncMs, r.Pushed, tr.Push100Ms, r2.New, tr.Pull100Ms)

	// The big desk joins the team (its rows become operations, pushed in batches), a snapshot
	// compacts the folder, and a new desk joins from nothing.
	big, err := store.Open(ctx, bigDesk)
	if err != nil {
		return tr, err
	}
	defer big.Close()
	big.SetIdentity(ctx, "Big Desk", "BD")
	c, err := imap.Dial(ctx, cfg.teamIMAP(), nil)
	if err != nil {
		return tr, err
	}
	t0 := time.Now()
	pushed, err := (&team.Syncer{St: big, C: c, CompactAfter: 1 << 30}).Sync(ctx)
	if err != nil {
		c.Close()
		return tr, err
	}
	tr.AdoptPushS, tr.Ops = time.Since(t0).Seconds(), pushed.Pushed
	st, _ := big.Stats(ctx)
	tr.Entities = st.Guests + st.Stays + st.Requests + st.Vendors
	msgs, _ := big.TeamMessages(ctx)
	tr.FolderBefore = len(msgs)
	if _, err := (&team.Syncer{St: big, C: c, CompactAfter: 1}).Sync(ctx); err != nil {
		c.Close()
		return tr, err
	}
	c.Close()
	join, err := store.Open(ctx, filepath.Join(cfg.work, "team-join.db"))
	if err != nil {
		return tr, err
	}
	defer join.Close()
	t0 = time.Now()
	if _, _, err := sync(join); err != nil {
		return tr, err
	}
	tr.JoinSeconds = time.Since(t0).Seconds()
	js, _ := join.Stats(ctx)
	if got := js.Guests + js.Stays + js.Requests + js.Vendors; got < tr.Entities {
		return tr, fmt.Errorf("the joining desk has %d of %d entities", got, tr.Entities)
	}
	tr.SnapshotMB = folderMB(cfg)
	logf("team: big desk pushed %d ops for %d entities in %.1f s; snapshot %.1f MB; a new desk joined in %.1f s",
		tr.Ops, tr.Entities, tr.AdoptPushS, tr.SnapshotMB, tr.JoinSeconds)
	return tr, nil
}

// waitSynced waits for a worker's first sync.
func waitSynced(w *team.Worker, limit time.Duration) error {
	deadline := time.After(limit)
	for {
		select {
		case ev := <-w.Events():
			switch e := ev.(type) {
			case team.Synced:
				return nil
			case team.Failed:
				return fmt.Errorf("team worker: %v", e.Err)
			}
		case <-deadline:
			return fmt.Errorf("team worker: no sync within %v", limit)
		}
	}
}

// folderMB is the size of the team folder in Dovecot's Maildir.
func folderMB(cfg config) float64 {
	dir := filepath.Join(cfg.dovecot.ServerDir, "mail", cfg.dovecot.BenchUser, "Maildir", "."+team.Folder)
	var total int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			total += fi.Size()
		}
		return nil
	})
	return float64(total) / (1 << 20)
}
