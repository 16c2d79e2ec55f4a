package imap

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"loge/data/desk"
	"loge/data/store"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Progress reports how far a mailbox sync has gone.
type Progress struct {
	Mailbox string
	Done    int // messages fetched so far in this mailbox
	Total   int // messages expected (new ones)
}

// Result sums up one mailbox sync.
type Result struct {
	Mailbox  string
	Added    int // new messages stored
	Flagged  int // flag updates applied
	Vanished int // messages gone from the server, tombstoned here
	Rekeyed  bool
	NoOp     bool // nothing changed on the server since the last sync
}

// Syncer brings a desk's copy of one account in step with the server over an authenticated client.
// It is not safe for concurrent use: the worker owns it.
type Syncer struct {
	St         *store.Store
	C          *imapclient.Client
	Account    desk.Account
	OnProgress func(Progress)
	// Mailboxes restricts the sync to these names; empty means the subscribed ones, the Inbox and
	// the special-use ones.
	Mailboxes []string
}

var roleOfAttr = map[imap.MailboxAttr]string{
	imap.MailboxAttrSent: desk.RoleSent, imap.MailboxAttrDrafts: desk.RoleDrafts,
	imap.MailboxAttrTrash: desk.RoleTrash, imap.MailboxAttrArchive: desk.RoleArchive,
}

// Servers without SPECIAL-USE still name their folders in the usual ways.
var roleOfName = map[string]string{
	"sent": desk.RoleSent, "sent items": desk.RoleSent, "sent messages": desk.RoleSent, "envoyés": desk.RoleSent, "éléments envoyés": desk.RoleSent,
	"drafts": desk.RoleDrafts, "brouillons": desk.RoleDrafts,
	"trash": desk.RoleTrash, "deleted items": desk.RoleTrash, "corbeille": desk.RoleTrash, "éléments supprimés": desk.RoleTrash,
	"archive": desk.RoleArchive, "archives": desk.RoleArchive,
}

// ListMailboxes lists the server's folders with their roles, stores the ones Loge syncs and returns them.
func (s *Syncer) ListMailboxes(ctx context.Context) ([]desk.Mailbox, error) {
	opts := &imap.ListOptions{ReturnSubscribed: true}
	if s.C.Caps().Has(imap.CapSpecialUse) {
		opts.ReturnSpecialUse = true
	}
	list, err := s.C.List("", "*", opts).Collect()
	if err != nil {
		return nil, fmt.Errorf("list mailboxes: %w", err)
	}
	var out []desk.Mailbox
	for _, l := range list {
		if slices.Contains(l.Attrs, imap.MailboxAttrNoSelect) || slices.Contains(l.Attrs, imap.MailboxAttrNonExistent) ||
			l.Mailbox == desk.TeamFolder {
			continue // the team log is read by data/team, not shown as mail
		}
		role := ""
		if strings.EqualFold(l.Mailbox, "INBOX") {
			role = desk.RoleInbox
		}
		for _, a := range l.Attrs {
			if r, ok := roleOfAttr[imap.MailboxAttr(strings.ToLower(string(a)))]; ok {
				role = r
			} else if r, ok := roleOfAttr[a]; ok {
				role = r
			}
		}
		if role == "" {
			leaf := l.Mailbox
			if l.Delim != 0 {
				if i := strings.LastIndexByte(leaf, byte(l.Delim)); i >= 0 {
					leaf = leaf[i+1:]
				}
			}
			role = roleOfName[strings.ToLower(leaf)]
		}
		subscribed := slices.Contains(l.Attrs, imap.MailboxAttrSubscribed)
		if len(s.Mailboxes) > 0 {
			if !slices.Contains(s.Mailboxes, l.Mailbox) {
				continue
			}
		} else if !subscribed && role == "" {
			continue
		}
		mb, err := s.St.EnsureMailbox(ctx, s.Account.ID, l.Mailbox, role)
		if err != nil {
			return nil, err
		}
		out = append(out, *mb)
	}
	return out, nil
}

// SyncAll syncs the mailboxes the desk already knows, Inbox first, then lists the server's folders
// and syncs the ones new to it.
//
// Known mailboxes come before the LIST because of Dovecot: after a LIST in the session, a SELECT of a
// 50,000-message Maildir folder took 25 ms instead of 2 (it rescans the folder), which made a no-op
// resync twice as slow. A known mailbox the server no longer has answers NO to SELECT and is skipped;
// the LIST that follows does not name it.
func (s *Syncer) SyncAll(ctx context.Context) ([]Result, error) {
	known, err := s.St.AccountMailboxes(ctx, s.Account.ID)
	if err != nil {
		return nil, err
	}
	known = slices.DeleteFunc(known, func(mb desk.Mailbox) bool {
		return mb.UIDValidity == 0 || len(s.Mailboxes) > 0 && !slices.Contains(s.Mailboxes, mb.Name)
	})
	var results []Result
	done := map[string]bool{}
	for _, mb := range inboxFirst(known) {
		r, err := s.SyncMailbox(ctx, mb)
		var ie *imap.Error
		if errors.As(err, &ie) && ie.Type == imap.StatusResponseTypeNo {
			continue // gone from the server, or not selectable any more
		}
		if err != nil {
			return results, err
		}
		done[mb.Name] = true
		results = append(results, r)
	}
	mbs, err := s.ListMailboxes(ctx)
	if err != nil {
		return results, err
	}
	for _, mb := range inboxFirst(mbs) {
		if done[mb.Name] {
			continue
		}
		r, err := s.SyncMailbox(ctx, mb)
		if err != nil {
			return results, err
		}
		results = append(results, r)
	}
	return results, nil
}

func inboxFirst(mbs []desk.Mailbox) []desk.Mailbox {
	slices.SortStableFunc(mbs, func(a, b desk.Mailbox) int {
		if a.Role == desk.RoleInbox {
			return -1
		}
		if b.Role == desk.RoleInbox {
			return 1
		}
		return 0
	})
	return mbs
}

// SyncMailbox brings one mailbox in step: new messages streamed in batches (each batch committed
// with the state it reaches), flag changes (CONDSTORE CHANGEDSINCE when offered, else a full flags
// refresh), and expunged messages tombstoned. A UIDVALIDITY change re-keys instead of dropping.
func (s *Syncer) SyncMailbox(ctx context.Context, mb desk.Mailbox) (Result, error) {
	res := Result{Mailbox: mb.Name}
	condstore := s.C.Caps().Has(imap.CapCondStore) || s.C.Caps().Has(imap.CapIMAP4rev2) && s.C.Caps().Has(imap.CapCondStore)
	sel, err := s.C.Select(mb.Name, &imap.SelectOptions{CondStore: condstore}).Wait()
	if err != nil {
		return res, fmt.Errorf("select %s: %w", mb.Name, err)
	}
	if sel.HighestModSeq == 0 {
		condstore = false // the mailbox does not keep mod-sequences
	}
	// A server that drops custom keywords (Microsoft 365) says so in PERMANENTFLAGS; without the
	// line at all (RFC 2060), assume it keeps them.
	keywords := sel.PermanentFlags == nil || slices.Contains(sel.PermanentFlags, imap.FlagWildcard)
	if keywords != mb.Keywords {
		if err := s.St.SetKeywordsAllowed(ctx, mb.ID, keywords); err != nil {
			return res, err
		}
	}
	state := store.SyncState{UIDValidity: sel.UIDValidity, UIDNext: uint32(sel.UIDNext), HighestModSeq: sel.HighestModSeq}
	if mb.UIDValidity != 0 && mb.UIDValidity != sel.UIDValidity {
		if err := s.St.StartRekey(ctx, mb.ID, state); err != nil {
			return res, err
		}
		mb.UIDNext, mb.HighestModSeq = 0, 0
		res.Rekeyed = true
	}
	last, err := s.St.MaxUID(ctx, mb.ID)
	if err != nil {
		return res, err
	}
	if !res.Rekeyed && mb.UIDValidity == sel.UIDValidity && mb.UIDNext == state.UIDNext && state.UIDNext != 0 &&
		(condstore && mb.HighestModSeq == sel.HighestModSeq) {
		// Nothing new, no flag changed. Expunges would have raised HIGHESTMODSEQ.
		res.NoOp = true
		return res, nil
	}
	live, err := s.St.LiveUIDs(ctx, mb.ID)
	if err != nil {
		return res, err
	}
	// 1. New messages.
	if state.UIDNext == 0 || uint32(state.UIDNext) > last+1 {
		expected := int(sel.NumMessages) - len(live)
		added, err := s.fetchNew(ctx, mb, last, expected, store.SyncState{UIDValidity: sel.UIDValidity, HighestModSeq: mb.HighestModSeq})
		res.Added = added
		if err != nil {
			return res, err
		}
	}
	// 2. Flags of messages already known.
	if last > 0 && !res.Rekeyed {
		// Saved with the flags: the mailbox's HIGHESTMODSEQ as it was, not the new one. The expunge
		// check below is still to come; had the flags claimed the new one, a connection lost in that
		// check left the next sync taking the mailbox for unchanged, and the expunged mail on the
		// desk for good.
		flagState := store.SyncState{UIDValidity: state.UIDValidity, UIDNext: state.UIDNext, HighestModSeq: mb.HighestModSeq}
		n, err := s.refreshFlags(ctx, mb, last, condstore, flagState)
		res.Flagged = n
		if err != nil {
			return res, err
		}
	}
	// 3. Expunges: only when the server holds fewer messages than we now do.
	if live, err = s.St.LiveUIDs(ctx, mb.ID); err != nil {
		return res, err
	}
	if uint32(len(live)) != sel.NumMessages {
		gone, err := s.vanished(ctx, live)
		if err != nil {
			return res, err
		}
		if err := s.St.Vanish(ctx, mb.ID, gone); err != nil {
			return res, err
		}
		res.Vanished = len(gone)
	}
	if res.Rekeyed {
		n, err := s.St.FinishRekey(ctx, mb.ID)
		if err != nil {
			return res, err
		}
		res.Vanished += n
	}
	return res, s.St.SetSyncState(ctx, mb.ID, state)
}

// fetchNew streams UID last+1:* with bodies. One FETCH command read with Next() never holds the
// mailbox in memory; parsing and storing run behind it in data.Ingest while the network keeps
// streaming.
func (s *Syncer) fetchNew(ctx context.Context, mb desk.Mailbox, last uint32, total int, st store.SyncState) (int, error) {
	in := s.St.NewIngest(ctx, mb.ID, st)
	var set imap.UIDSet
	set.AddRange(imap.UID(last+1), 0) // last+1:*
	cmd := s.C.Fetch(set, &imap.FetchOptions{UID: true, Flags: true, RFC822Size: true, InternalDate: true,
		BodySection: []*imap.FetchItemBodySection{{Peek: true}}})
	fetched := 0
	var ferr error
	for {
		msg := cmd.Next()
		if msg == nil {
			break
		}
		m, err := readMessage(msg)
		if err != nil {
			// The connection broke inside a message: reading on (even to drain) would race the
			// client's reader on a dead stream. Close it; the messages read whole are kept.
			s.C.Close()
			ferr = err
			break
		}
		if m.UID <= last {
			continue // "n:*" also returns the highest message when n is above it
		}
		if m.Raw == nil {
			// No body: a flag change the server announced in the middle of the fetch (another
			// client, a colleague's desk marked it read), or a message expunged meanwhile
			// ("BODY[] NIL"). Stored, it failed the whole sync on message_raw's NOT NULL; the
			// next sync's CHANGEDSINCE brings the flags of the ones that stay.
			continue
		}
		if err := in.Add(m); err != nil {
			break // the store failed; Close reports it
		}
		fetched++
		if fetched%progressEvery == 0 {
			s.progress(mb.Name, fetched, total)
		}
		if ctx.Err() != nil {
			ferr = ctx.Err()
			break
		}
	}
	if err := cmd.Close(); err != nil && ferr == nil {
		ferr = fmt.Errorf("fetch %s: %w", mb.Name, err)
	}
	n, serr := in.Close()
	s.progress(mb.Name, fetched, total)
	if serr != nil {
		return n, fmt.Errorf("store %s: %w", mb.Name, serr)
	}
	return n, ferr
}

// progressEvery is how often (in messages fetched) progress is reported.
const progressEvery = 250

func (s *Syncer) progress(mailbox string, done, total int) {
	if s.OnProgress != nil {
		if total < done {
			total = done
		}
		s.OnProgress(Progress{Mailbox: mailbox, Done: done, Total: total})
	}
}

var errShortLiteral = errors.New("connection dropped inside a message")

// maxPrealloc bounds what a literal's announced size may allocate up front; a bigger one (or a
// server announcing nonsense) is read as it comes.
const maxPrealloc = 64 << 20

// readLiteral reads a message body whole. The literal says its size: one allocation of exactly that,
// instead of ReadAll's doublings and copies (a sixth of the fetch goroutine's CPU). A dropped
// connection ends a literal early without an error of its own: that is errShortLiteral.
func readLiteral(lit imap.LiteralReader) ([]byte, error) {
	size := lit.Size()
	var b []byte
	var err error
	if size <= maxPrealloc {
		b = make([]byte, size)
		var n int
		n, err = io.ReadFull(lit, b)
		b = b[:n]
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			err = nil // short: counted below
		}
	} else {
		b, err = io.ReadAll(lit)
	}
	if err == nil && int64(len(b)) != size {
		err = fmt.Errorf("%w: %d of %d bytes", errShortLiteral, len(b), size)
	}
	return b, err
}

// readMessage reads one FETCH response fully. Items are values, not pointers, and the body literal
// must be read to the end before anything else is read from the connection.
func readMessage(msg *imapclient.FetchMessageData) (store.RawMessage, error) {
	var m store.RawMessage
	for {
		item := msg.Next()
		if item == nil {
			return m, nil
		}
		switch it := item.(type) {
		case imapclient.FetchItemDataUID:
			m.UID = uint32(it.UID)
		case imapclient.FetchItemDataFlags:
			m.Flags = flagStrings(it.Flags)
		case imapclient.FetchItemDataInternalDate:
			m.Internal = it.Time
		case imapclient.FetchItemDataBodySection:
			if it.Literal == nil {
				continue
			}
			b, err := readLiteral(it.Literal)
			if err != nil {
				return m, fmt.Errorf("read message body: %w", err)
			}
			m.Raw = b
		}
	}
}

func flagStrings(fs []imap.Flag) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		if strings.EqualFold(string(f), `\Recent`) {
			continue // session-only, meaningless once stored
		}
		out = append(out, string(f))
	}
	return out
}

// refreshFlags applies flag changes for UIDs 1..last: with CONDSTORE only what changed since the last
// HIGHESTMODSEQ, otherwise every message's flags (UID FLAGS only, small).
func (s *Syncer) refreshFlags(ctx context.Context, mb desk.Mailbox, last uint32, condstore bool, st store.SyncState) (int, error) {
	var set imap.UIDSet
	set.AddRange(1, imap.UID(last))
	opts := &imap.FetchOptions{UID: true, Flags: true}
	if condstore && mb.HighestModSeq > 0 {
		opts.ChangedSince = mb.HighestModSeq
	}
	cmd := s.C.Fetch(set, opts)
	var ups []store.FlagUpdate
	for {
		msg := cmd.Next()
		if msg == nil {
			break
		}
		m, err := readMessage(msg)
		if err != nil {
			cmd.Close()
			return 0, err
		}
		if m.UID != 0 && m.UID <= last {
			ups = append(ups, store.FlagUpdate{UID: m.UID, Flags: m.Flags})
		}
	}
	if err := cmd.Close(); err != nil {
		return 0, fmt.Errorf("fetch flags %s: %w", mb.Name, err)
	}
	if len(ups) == 0 {
		return 0, nil
	}
	return len(ups), s.St.ApplyFlags(ctx, mb.ID, ups, st)
}

// vanished returns the stored UIDs the server no longer has.
func (s *Syncer) vanished(ctx context.Context, live []uint32) ([]uint32, error) {
	if len(live) == 0 {
		return nil, nil
	}
	sd, err := s.C.UIDSearch(&imap.SearchCriteria{}, nil).Wait()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	var server imap.UIDSet
	if set, ok := sd.All.(imap.UIDSet); ok {
		server = set
	}
	var gone []uint32
	for _, u := range live {
		if !server.Contains(imap.UID(u)) {
			gone = append(gone, u)
		}
	}
	return gone, ctx.Err()
}

// Replay sends the desk's journaled changes (flags, moves made offline) to the server, oldest first.
// A change the server refuses for a message it no longer has is dropped: the server's word is final.
func (s *Syncer) Replay(ctx context.Context) (int, error) {
	entries, err := s.St.Journal(ctx, s.Account.ID)
	if err != nil {
		return 0, err
	}
	done := 0
	selected := int64(-1)
	for _, e := range entries {
		if selected != e.MailboxID {
			mb, err := s.St.Mailbox(ctx, e.MailboxID)
			if err != nil {
				s.St.JournalDone(ctx, e.ID) // the mailbox is gone locally: nothing to replay into
				continue
			}
			if _, err := s.C.Select(mb.Name, nil).Wait(); err != nil {
				return done, fmt.Errorf("select %s: %w", mb.Name, err)
			}
			selected = e.MailboxID
		}
		uid, err := s.resolveUID(e)
		if err != nil {
			return done, err
		}
		if uid == 0 {
			s.St.JournalDone(ctx, e.ID)
			continue
		}
		set := imap.UIDSetNum(imap.UID(uid))
		switch e.Op {
		case store.OpAddFlags, store.OpRemoveFlags:
			op := imap.StoreFlagsAdd
			if e.Op == store.OpRemoveFlags {
				op = imap.StoreFlagsDel
			}
			var fl []imap.Flag
			for _, f := range strings.Fields(e.Arg) {
				fl = append(fl, imap.Flag(f))
			}
			err = s.C.Store(set, &imap.StoreFlags{Op: op, Silent: true, Flags: fl}, nil).Close()
		case store.OpMove:
			_, err = s.C.Move(set, e.Arg).Wait()
		default:
			err = fmt.Errorf("unknown journal op %q", e.Op)
		}
		if err != nil {
			var ie *imap.Error
			if errors.As(err, &ie) && ie.Type == imap.StatusResponseTypeNo {
				// Refused for good (folder gone, message gone): record and move on.
				s.St.JournalFailed(ctx, e.ID, err)
				if e.Attempts >= 2 {
					s.St.JournalDone(ctx, e.ID)
				}
				continue
			}
			return done, err
		}
		if err := s.St.JournalDone(ctx, e.ID); err != nil {
			return done, err
		}
		done++
	}
	return done, nil
}

// resolveUID finds the entry's message on the server: by its UID when that still names the same
// Message-ID, else by searching the Message-ID header (the UIDVALIDITY may have changed).
func (s *Syncer) resolveUID(e store.JournalEntry) (uint32, error) {
	if e.MessageID == "" {
		return e.UID, nil
	}
	sd, err := s.C.UIDSearch(&imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: "Message-Id", Value: e.MessageID}}}, nil).Wait()
	if err != nil {
		return 0, fmt.Errorf("search Message-ID: %w", err)
	}
	uids := sd.AllUIDs()
	for _, u := range uids {
		if uint32(u) == e.UID {
			return e.UID, nil
		}
	}
	if len(uids) > 0 {
		return uint32(uids[0]), nil
	}
	return 0, nil
}
