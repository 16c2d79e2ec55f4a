//go:build linux

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"runtime"
	"strconv"
	"sync"
	"time"

	"loge/data/desk"
	"loge/data/store"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"loge/data/imap/imaptest"
)

func report(r childReport) {
	b, _ := json.Marshal(r)
	fmt.Println(string(b))
}

// childFetch is the link's ceiling: log in, SELECT, one UID FETCH 1:* BODY.PEEK[] streamed with
// Next(), every literal read to nowhere. No parsing, no storage.
//
//	bench child-fetch HOST PORT USER PASS MAILBOX
func childFetch(args []string) {
	c := selectMailbox("child-fetch", args)
	defer c.Close()
	var set imap.UIDSet
	set.AddRange(1, 0)
	cmd := c.Fetch(set, &imap.FetchOptions{UID: true, Flags: true, RFC822Size: true,
		BodySection: []*imap.FetchItemBodySection{{Peek: true}}})
	var rep childReport
	for {
		msg := cmd.Next()
		if msg == nil {
			break
		}
		for {
			item := msg.Next()
			if item == nil {
				break
			}
			if body, ok := item.(imapclient.FetchItemDataBodySection); ok && body.Literal != nil {
				n, err := io.Copy(io.Discard, body.Literal)
				if err != nil {
					fatalf("read: %v", err)
				}
				rep.Bytes += n
			}
		}
		rep.Messages++
	}
	if err := cmd.Close(); err != nil {
		fatalf("fetch: %v", err)
	}
	c.Logout().Wait()
	report(rep)
}

// selectMailbox logs in and selects: args are HOST PORT USER PASS MAILBOX.
func selectMailbox(name string, args []string) *imapclient.Client {
	if len(args) != 5 {
		fatalf("%s HOST PORT USER PASS MAILBOX", name)
	}
	c, err := imapclient.DialInsecure(net.JoinHostPort(args[0], args[1]), nil)
	if err != nil {
		fatalf("dial: %v", err)
	}
	if err := c.Login(args[2], args[3]).Wait(); err != nil {
		fatalf("login: %v", err)
	}
	if _, err := c.Select(args[4], nil).Wait(); err != nil {
		fatalf("select: %v", err)
	}
	return c
}

// childLogin is the floor of any no-op resync as a whole process: a Go program of Loge's size
// that starts, connects, logs in, selects the mailbox and ends (LOGOUT said, not waited for, as
// loge does). What a resync does beyond it is the client's own.
//
//	bench child-login HOST PORT USER PASS MAILBOX
func childLogin(args []string) {
	c := selectMailbox("child-login", args)
	c.Logout()
	c.Close()
	report(childReport{})
}

// childStore is this machine's ceiling for Loge's storage: the corpus made in memory first (not
// timed), then stored through store.Ingest — the same envelope parse, batch and commit code a sync
// uses, to a browsable desk (indexing follows behind, not measured here) — into a new desk, with
// no network.
//
//	bench child-store N DB
func childStore(args []string) {
	if len(args) != 2 {
		fatalf("child-store N DB")
	}
	n, err := strconv.Atoi(args[0])
	if err != nil {
		fatalf("child-store: %v", err)
	}
	msgs := corpus(n)
	var rep childReport
	for _, m := range msgs {
		rep.Bytes += int64(len(m.Raw))
	}
	ctx := context.Background()
	st, err := store.Open(ctx, args[1])
	if err != nil {
		fatalf("open: %v", err)
	}
	acct := desk.Account{Name: "bench"}
	if err := st.CreateAccount(ctx, &acct); err != nil {
		fatalf("account: %v", err)
	}
	mb, err := st.EnsureMailbox(ctx, acct.ID, "Bench", "")
	if err != nil {
		fatalf("mailbox: %v", err)
	}
	start := time.Now()
	in := st.NewIngest(ctx, mb.ID, store.SyncState{UIDValidity: 1})
	for _, m := range msgs {
		if err := in.Add(m); err != nil {
			break
		}
	}
	added, err := in.Close()
	if err != nil {
		fatalf("store: %v", err)
	}
	rep.Seconds = time.Since(start).Seconds()
	if err := st.Close(); err != nil {
		fatalf("close: %v", err)
	}
	rep.Messages = added
	report(rep)
}

// corpus makes messages 1..n of the benchmark corpus in memory, on every CPU.
func corpus(n int) []store.RawMessage { return corpusRange(0, n) }

// corpusRange makes messages from+1..to.
func corpusRange(from, to int) []store.RawMessage {
	msgs := make([]store.RawMessage, to-from)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(msgs); i += workers {
				uid := from + i + 1
				msgs[i] = store.RawMessage{UID: uint32(uid), Flags: imaptest.CorpusFlags(corpusSeed, uid), Raw: imaptest.CorpusMessage(corpusSeed, uid)}
			}
		})
	}
	wg.Wait()
	return msgs
}
