package cli

import (
	"fmt"
	"math/rand"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"loge/data/imap/imaptest"
)

// killMailServer is a user whose Archive holds n corpus mails written straight into Dovecot's
// Maildir (thousands in a second), plus a changing Inbox and Bookings.
func killMailServer(t *testing.T, d imaptest.Dovecot, seed int64, n int) (srv *mailServer, user, pass string) {
	t.Helper()
	user, pass = newIMAPUser(t, d)
	if _, err := imaptest.FillMaildir(d.ServerDir, user, "Archive", uint64(seed)+9_000_000, n); err != nil {
		t.Fatal(err)
	}
	srv = newMailServer(t, d, user, pass, seed, 60, "Bookings")
	if err := srv.c.Subscribe("Archive").Wait(); err != nil {
		t.Fatal(err)
	}
	srv.mailboxes = append(srv.mailboxes, "Archive")
	return srv, user, pass
}

// `loge sync` SIGKILLed at random moments of an initial sync of a few thousand mails while the
// server changes, resumed until it ends on its own: the desk is whole after every kill and, once a
// run finishes, holds exactly the server's messages and flags.
func TestKillSyncConverges(t *testing.T) {
	d := imaptest.RealDovecot(t)
	base := baseSeed(t)
	episodes, killsEach, mails := runs(2, 20), runs(3, 7), runs(2000, 4000)
	fig := newFigures()
	var kills, finishedEarly int
	var killedAt []string
	for e := 0; e < episodes; e++ {
		seed := base + int64(e)
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			srv, user, pass := killMailServer(t, d, seed, mails)
			db := filepath.Join(t.TempDir(), "desk.db")
			if code, _, errs := runCLI(t, "init", "--db", db); code != 0 {
				t.Fatal(errs)
			}
			env := []string{"LOGE_FAULT_PASS=" + pass} // the default read timeout: no fault here but the kills
			args := syncArgs(db, d.Port, user)
			rng := rand.New(rand.NewSource(seed))
			window := 700 // ms; halved whenever a run ends before its kill, so kills land in the sync
			for k := 0; k < killsEach; k++ {
				srv.change(3)
				stop := srv.during()
				// Early kills land in the login, the LIST or the first batch; later ones in the
				// middle of the fetch, a commit, the flags or the team's folder.
				delay := time.Duration(20+rng.Intn(window)) * time.Millisecond
				if runUntilKill(t, delay, env, args...) {
					kills++
					killedAt = append(killedAt, strconv.Itoa(int(delay/time.Millisecond)))
				} else {
					finishedEarly++
					window = max(window/2, 40)
				}
				stop()
				checkIntegrity(t, db)
				fig.checks++
			}
			srv.change(3)
			res := runLoge(t, 2*time.Minute, env, args...)
			if res.code != 0 {
				t.Fatalf("sync after the kills: exit %d: %s", res.code, res.stderr)
			}
			checkIntegrity(t, db)
			fig.checks++
			server, lost, extra, flags := compareWithServer(t, srv, db, "after the kills")
			fig.seeds++
			fig.runs += killsEach + 1
			fig.messages += countMail(server)
			fig.lost, fig.extra, fig.flagDiffs = fig.lost+lost, fig.extra+extra, fig.flagDiffs+flags
			fig.appended, fig.flagged, fig.expunged = fig.appended+srv.appended, fig.flagged+srv.flagged, fig.expunged+srv.expunged
		})
	}
	report(t, "TestKillSyncConverges (base seed %d, %d mails in Archive each): %d SIGKILLs (at %s ms), %d runs ended before their kill; %s",
		base, mails, kills, strings.Join(killedAt, ","), finishedEarly, fig)
	if kills < episodes*killsEach/2 {
		t.Fatalf("only %d of %d runs were killed: the test did not test", kills, episodes*killsEach)
	}
}

// The outbox kill test (TestSendPendingKilledAtRandomNeverSendsTwice) again and again on fresh
// desks, for `make stress`: at least 100 SIGKILLs in all.
func TestKillSendPendingStress(t *testing.T) {
	if !stress() {
		t.Skip("LOGE_STRESS=1 only; TestSendPendingKilledAtRandomNeverSendsTwice is the fast version")
	}
	seed := baseSeed(t)
	rng := rand.New(rand.NewSource(seed))
	var kills, mails, unsure, rounds int
	start := time.Now()
	for rounds = 0; kills < 100 && rounds < 20; rounds++ {
		t.Run(fmt.Sprint("round", rounds), func(t *testing.T) {
			sink, db, ids, args := slowOutbox(t)
			for run := 0; run < 25 && len(delivered(sink)) < len(ids); run++ {
				cmd, _, _, err := startLoge(nil, args...)
				if err != nil {
					t.Fatal(err)
				}
				done := make(chan error, 1)
				go func() { done <- cmd.Wait() }()
				before := len(sink.Received())
				var kill <-chan time.Time
				if run%2 == 0 {
					kill = time.After(time.Duration(50+rng.Intn(250)) * time.Millisecond)
				} else {
					tick := make(chan time.Time, 1)
					kill = tick
					pause := time.Duration(rng.Intn(40)) * time.Millisecond
					go func() {
						for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
							if len(sink.Received()) > before {
								time.Sleep(pause)
								break
							}
						}
						tick <- time.Now()
					}()
				}
				select {
				case <-done:
				case <-kill:
					cmd.Process.Kill()
					<-done
					kills++
				}
				checkIntegrity(t, db)
			}
			if code, out, errs := runCLI(t, args...); code != 0 {
				t.Fatalf("final drain: %d %s %s", code, out, errs)
			}
			unsure += checkOutboxOnce(t, db, ids, sink)
			mails += len(ids)
		})
	}
	report(t, "TestKillSendPendingStress (seed %d): %d rounds, %d SIGKILLs, %d mails, each delivered at most once, %d unsure (shown, not re-sent); %v",
		seed, rounds, kills, mails, unsure, time.Since(start).Round(time.Second))
}
