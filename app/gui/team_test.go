package gui

import (
	"context"
	"strings"
	"testing"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"
	"loge/data/store/storetest"
)

// colleague makes another desk's changes arrive on st as the team log would bring them.
func colleague(t *testing.T, st *store.Store, ops ...desk.Op) {
	t.Helper()
	base := []desk.Op{
		{Entity: "desk", ID: "colleague01", Field: "name", Value: `"Camille Laurent"`},
		{Entity: "desk", ID: "colleague01", Field: "initials", Value: `"CL"`},
	}
	stamp := desk.NewClock("colleague01", "", time.Now).Now()
	all := append(base, ops...)
	for i := range all {
		all[i].HLC, all[i].Desk = stamp, "colleague01"
	}
	rep, err := st.ApplyOps(context.Background(), all, nil)
	if err != nil || len(rep.Skipped) > 0 {
		t.Fatalf("colleague's ops: %+v %v", rep, err)
	}
}

func inboxThread(t *testing.T, u *UI) desk.Thread {
	t.Helper()
	u.Show(WorkspaceInbox)
	if len(u.inbox.threads) == 0 {
		t.Fatal("the demo Inbox is empty")
	}
	return u.inbox.threads[0]
}

func TestInboxClaimStatusSnoozeAndFilters(t *testing.T) {
	u, st := newDemoUI(t, "en")
	th := inboxThread(t, u)
	u.OpenThread(th.ThreadID)
	tapButton(t, u.inbox.reading, i18n.T("inbox.claim"))
	if v := u.inbox.team[th.ThreadID]; v.ClaimedBy != st.DeskID() || v.Initials != "JB" {
		t.Fatalf("after Take it: %+v", v)
	}
	count := func(filter string) int {
		for i, f := range inboxFilters {
			if f == filter {
				u.inbox.filter.SetSelectedIndex(i)
			}
		}
		n := 0
		for _, x := range u.inbox.threads {
			if x.ThreadID == th.ThreadID {
				n++
			}
		}
		return n
	}
	if count(filterMine) != 1 || count(filterUnclaimed) != 0 {
		t.Fatal("the thread taken is not under Mine, or still under Not taken")
	}
	u.inbox.filter.SetSelectedIndex(0)
	u.OpenThread(th.ThreadID)
	if err := st.SetMailStatus(context.Background(), th.ThreadID, desk.MailChange{Status: ptr(desk.MailWaitingGuest), Through: th.LatestMessageID}); err != nil {
		t.Fatal(err)
	}
	if count(filterWaiting) != 1 || count(filterDone) != 0 {
		t.Fatal("waiting for the guest is not under Waiting")
	}
	later := time.Now().Add(time.Hour)
	st.SetMailStatus(context.Background(), th.ThreadID, desk.MailChange{Snooze: &later, Through: th.LatestMessageID})
	if count(filterAll) != 0 || count(filterSnoozed) != 1 {
		t.Fatal("a snoozed thread still shows in All, or not in Snoozed")
	}
	// The row says who has it and why it is away.
	m := strings.Join(teamMarks(u.inbox.team[th.ThreadID], time.Now()), " ")
	if !strings.Contains(m, "JB") || !strings.Contains(m, "awaits guest") || !strings.Contains(m, "snoozed") {
		t.Fatalf("row marks %q", m)
	}
}

// A colleague takes the conversation while this desk writes the reply: Send asks first.
func TestReplyWarnsWhenAColleagueTookTheThread(t *testing.T) {
	ctx := context.Background()
	u, st := newDemoUI(t, "en")
	th := inboxThread(t, u)
	msg, _ := st.Message(ctx, th.LatestID)
	u.openComposer(composeReply, &msg, "", "")
	c := u.lastComposer
	if h, _ := st.History(ctx, "replying", th.ThreadID+"/"+st.DeskID()); len(h) == 0 {
		t.Fatal("opening a reply does not tell the team")
	}
	c.body.SetText("Dear guest, of course.")
	colleague(t, st, desk.Op{Entity: "mail", ID: th.ThreadID, Field: "claimed_by", Value: `"colleague01"`})
	before, _ := st.Outbox(ctx)
	c.send()
	if after, _ := st.Outbox(ctx); len(after) != len(before) {
		t.Fatal("sent without asking, though a colleague took the thread")
	}
	if why := c.collision(); !strings.Contains(why, "CL") {
		t.Fatalf("collision %q", why)
	}
	c.confirmed = true // the concierge answers "send anyway"
	c.send()
	if after, _ := st.Outbox(ctx); len(after) != len(before)+1 {
		t.Fatalf("not sent after confirming: %s", c.errLabel.Text)
	}
	others, _ := u.st.ReplyingOthers(ctx, th.ThreadID, time.Now())
	if len(others) != 0 {
		t.Fatalf("replying after sending: %v", others)
	}
}

// The colleague is writing a reply: the thread row and the team bar say so, until it expires.
func TestColleagueReplyingShowsAndExpires(t *testing.T) {
	u, st := newDemoUI(t, "fr")
	th := inboxThread(t, u)
	until := time.Now().Add(5 * time.Minute).Format(time.RFC3339)
	rid := th.ThreadID + "/colleague01"
	colleague(t, st, desk.Op{Entity: "replying", ID: rid, Field: "thread_id", Value: `"` + th.ThreadID + `"`},
		desk.Op{Entity: "replying", ID: rid, Field: "desk", Value: `"colleague01"`},
		desk.Op{Entity: "replying", ID: rid, Field: "until", Value: `"` + until + `"`})
	u.inbox.loadThreads()
	if v := u.inbox.team[th.ThreadID]; v.Replying != "CL" {
		t.Fatalf("replying %+v", v)
	}
	views, _ := st.TeamView(context.Background(), []desk.Thread{th}, time.Now().Add(10*time.Minute))
	if views[th.ThreadID].Replying != "" {
		t.Fatal("a colleague's replying outlived its time")
	}
}

func TestLogbookOnTheBoard(t *testing.T) {
	ctx := context.Background()
	u, st := newDemoUI(t, "fr")
	u.Show(WorkspaceBoard)
	u.writeLog("", "")
	u.lastLogForm.SetText("Mme Rossi arrive à 23h, garder la 512.")
	e := desk.LogEntry{Body: u.lastLogForm.Text}
	if err := st.AddLogEntry(ctx, &e); err != nil {
		t.Fatal(err)
	}
	colleague(t, st,
		desk.Op{Entity: "log", ID: "entry-cl", Field: "author", Value: `"colleague01"`},
		desk.Op{Entity: "log", ID: "entry-cl", Field: "author_name", Value: `"Camille Laurent"`},
		desk.Op{Entity: "log", ID: "entry-cl", Field: "at", Value: `"` + time.Now().Format(time.RFC3339) + `"`},
		desk.Op{Entity: "log", ID: "entry-cl", Field: "body", Value: `"Le chauffeur de M. Tanaka passe à 7h."`})
	u.board.refresh()
	if u.board.unreadLog != 1 {
		t.Fatalf("unread on the Board: %d (mine is read, the colleague's is not)", u.board.unreadLog)
	}
	tapButton(t, u.board.body, i18n.T("logbook.mark_read"))
	if n, _ := st.UnreadLogCount(ctx); n != 0 {
		t.Fatalf("still %d unread", n)
	}
}

// A new desk asks who works at it, once.
func TestFirstRunAsksWhoWorksHere(t *testing.T) {
	u, st := newUI(t, storetest.New(t), "en")
	if u.lastIdentity == nil {
		t.Fatal("no first-run question on a new desk")
	}
	name, _, _ := st.Identity(context.Background())
	if name != "" {
		t.Fatalf("identity before answering: %q", name)
	}
	if err := st.SetIdentity(context.Background(), "Zoé Martin", ""); err != nil {
		t.Fatal(err)
	}
	if _, in, _ := st.Identity(context.Background()); in != "ZM" {
		t.Fatalf("initials from the name: %q", in)
	}
	u2, _ := newUI(t, st, "en")
	if u2.lastIdentity != nil {
		t.Fatal("asked again on a desk that has its identity")
	}
}

func ptr[T any](v T) *T { return &v }
