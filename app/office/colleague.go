package office

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"sync"
	"time"

	goimap "github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"loge/data/demo"
	"loge/data/desk"
	"loge/data/imap"
	"loge/data/store"
	"loge/data/team"
)

// Colleague is the demo's second desk: Camille, at another computer of the team, on the same
// in-process mailbox. It is a real desk (a desk file of its own, the team log, the mailbox), so
// what a new user sees on the demo is what a colleague's desk really does: now and then Camille
// takes a guest's mail, writes in the logbook, or confirms a booking.
type Colleague struct {
	st   *store.Store
	cfg  imap.Config
	desk *store.Store // the demo desk, read to pick a thread to take
	rng  *rand.Rand
	mu   sync.Mutex
	wg   sync.WaitGroup
}

var colleagueNotes = [][2]string{
	{"Le chauffeur de M. Tanaka confirme 14h25 au terminal 2E ; pancarte au nom de TANAKA Haruka.", "Mr Tanaka's driver confirms 2:25 pm at terminal 2E; name board TANAKA Haruka."},
	{"Mme Rossi arrive tard (vers 23h) : garder la 512, et prévenir la réception.", "Mrs Rossi arrives late (about 11 pm): keep 512 and tell the front desk."},
	{"Le Jardin d'Hiver n'a plus de table à 20h ce soir ; 21h possible, à proposer.", "Le Jardin d'Hiver has no table at 8 pm tonight; 9 pm possible, to offer."},
	{"Fleurs pour la suite 901 renouvelées ce matin. Prochaine livraison jeudi.", "Flowers for suite 901 renewed this morning. Next delivery Thursday."},
	{"Billets Opéra Garnier de la famille Carter à retirer au guichet, pas d'e-billet.", "The Carters' Opéra Garnier tickets are at the box office, no e-ticket."},
}

// startColleague opens Camille's desk in dir and starts its rounds: a first one at once (a mail
// taken, a logbook entry), then one every `every` until ctx ends. The demo desk reads it like any
// colleague, through the team folder.
func startColleague(ctx context.Context, dir string, cfg imap.Config, deskSt *store.Store, every time.Duration) (*Colleague, error) {
	st, err := store.Open(ctx, filepath.Join(dir, "colleague.db"))
	if err != nil {
		return nil, err
	}
	st.Loc = deskSt.Loc
	if err := st.SetIdentity(ctx, demo.ColleagueName, demo.ColleagueInitials); err != nil {
		st.Close()
		return nil, err
	}
	c := &Colleague{st: st, cfg: cfg, desk: deskSt, rng: rand.New(rand.NewSource(time.Now().UnixNano()))}
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		defer st.Close()
		c.round(ctx, true)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				c.round(ctx, false)
			}
		}
	}()
	return c, nil
}

// Wait waits for the colleague's goroutine to stop (after ctx ends).
func (c *Colleague) Wait() { c.wg.Wait() }

// round is one visit of Camille's to the desk: read what the team did, do one thing (the first
// round: take a mail and write in the logbook), share it. Errors (a demo outage) wait for the next.
func (c *Colleague) round(ctx context.Context, first bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cl, err := imap.Dial(ctx, c.cfg, nil)
	if err != nil {
		return
	}
	defer cl.Close()
	s := &team.Syncer{St: c.st, C: cl, From: demo.DeskEmail}
	if _, err := s.Sync(ctx); err != nil {
		return
	}
	if first {
		c.takeMail(ctx, cl)
		c.writeLog(ctx)
	} else {
		switch c.rng.Intn(3) {
		case 0:
			c.takeMail(ctx, cl)
		case 1:
			c.writeLog(ctx)
		default:
			c.confirmBooking(ctx)
		}
	}
	s.Sync(ctx)
}

// takeMail claims a guest's conversation nobody has, in the team log and on the message itself.
func (c *Colleague) takeMail(ctx context.Context, cl *imapclient.Client) {
	mbs, err := c.desk.Mailboxes(ctx)
	if err != nil {
		return
	}
	for _, mb := range mbs {
		if mb.Role != desk.RoleInbox {
			continue
		}
		ths, err := c.desk.Threads(ctx, mb.ID, 40)
		if err != nil {
			return
		}
		view, err := c.desk.TeamView(ctx, ths, time.Now())
		if err != nil {
			return
		}
		var free []desk.Thread
		for _, t := range ths {
			if v := view[t.ThreadID]; v.ClaimedBy == "" && v.Initials == "" && v.Status != desk.MailDone && t.Unread > 0 {
				free = append(free, t)
			}
		}
		if len(free) == 0 {
			return
		}
		t := free[c.rng.Intn(len(free))]
		me := c.st.DeskID()
		if err := c.st.SetMailStatus(ctx, t.ThreadID, desk.MailChange{Claim: &me, Through: t.LatestMessageID}); err != nil {
			return
		}
		// Camille's desk has no copy of the mail: it sets the keyword on the server itself.
		if _, err := cl.Select(mb.Name, nil).Wait(); err != nil {
			return
		}
		sd, err := cl.UIDSearch(&goimap.SearchCriteria{Header: []goimap.SearchCriteriaHeaderField{{Key: "Message-Id", Value: t.LatestMessageID}}}, nil).Wait()
		if err != nil || len(sd.AllUIDs()) == 0 {
			return
		}
		cl.Store(goimap.UIDSetNum(sd.AllUIDs()...), &goimap.StoreFlags{Op: goimap.StoreFlagsAdd, Silent: true,
			Flags: []goimap.Flag{goimap.Flag(desk.KeywordClaimed + demo.ColleagueInitials)}}, nil).Close()
		return
	}
}

// writeLog leaves the next shift a word.
func (c *Colleague) writeLog(ctx context.Context) {
	n := colleagueNotes[c.rng.Intn(len(colleagueNotes))]
	lang, _ := c.desk.Setting(ctx, "ui.lang")
	text := n[0]
	if lang == "en" {
		text = n[1]
	}
	c.st.AddLogEntry(ctx, &desk.LogEntry{Body: text})
}

// confirmBooking confirms a request that waits for its vendor, with a confirmation number, as if
// Camille had had the vendor on the phone.
func (c *Colleague) confirmBooking(ctx context.Context) {
	rs, err := c.st.Requests(ctx, store.RequestFilter{Statuses: []string{desk.RequestPendingVendor}})
	if err != nil || len(rs) == 0 {
		c.writeLog(ctx)
		return
	}
	r := rs[c.rng.Intn(len(rs))]
	r.Status = desk.RequestConfirmed
	if r.Confirmation == "" {
		r.Confirmation = fmt.Sprintf("CL-%04d", 1000+c.rng.Intn(9000))
	}
	c.st.UpdateRequest(ctx, &r, demo.ColleagueName)
}
