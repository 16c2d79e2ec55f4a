package team

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	goimap "github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"loge/data/desk"
	"loge/data/store"
)

// Syncer brings one desk in step with its team over an authenticated IMAP client: it pushes the
// desk's new operations to Folder, reads the other desks' messages from it, applies them, and now
// and then compacts the folder with a snapshot. Not safe for concurrent use.
type Syncer struct {
	St   *store.Store
	C    *imapclient.Client
	From string // the desk's mail address, for the messages it writes
	Now  func() time.Time
	// CompactAfter is how many batches may pile up in the folder before a snapshot replaces them
	// (50 when zero).
	CompactAfter int
	// BatchSize bounds the operations in one pushed message (2,000 when zero).
	BatchSize int
}

// Result sums up a team sync.
type Result struct {
	Pushed    int // operations pushed
	Read      int // messages read from the folder
	New       int // operations this desk did not have
	Applied   int // entities changed here
	Pending   int // entities waiting for the rest of their operations
	Skipped   []string
	Conflicts []store.Conflict
	Compacted int // messages a snapshot replaced
}

func (s *Syncer) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Sync pushes, then pulls, then compacts when the folder has grown. Pushing first means a batch
// tells the truth about what its desk had seen when the changes in it were made.
func (s *Syncer) Sync(ctx context.Context) (Result, error) {
	var res Result
	if err := s.ensureFolder(); err != nil {
		return res, err
	}
	if err := s.firstTime(ctx); err != nil {
		return res, err
	}
	n, err := s.push(ctx)
	res.Pushed = n
	if err != nil {
		return res, err
	}
	if err := s.pull(ctx, &res); err != nil {
		return res, err
	}
	res.Compacted, err = s.compact(ctx)
	return res, err
}

// ensureFolder creates the team folder when the mailbox has none.
func (s *Syncer) ensureFolder() error {
	list, err := s.C.List("", Folder, nil).Collect()
	if err != nil {
		return fmt.Errorf("team folder: %w", err)
	}
	if len(list) > 0 {
		return nil
	}
	if err := s.C.Create(Folder, nil).Wait(); err != nil {
		var ie *goimap.Error
		if errors.As(err, &ie) && ie.Code == goimap.ResponseCodeAlreadyExists {
			return nil
		}
		return fmt.Errorf("create team folder %s: %w", Folder, err)
	}
	return nil
}

// firstTime, once per desk, turns rows made before the log existed into operations, so a desk
// that joins a team brings what it already had.
func (s *Syncer) firstTime(ctx context.Context) error {
	if done, err := s.St.Setting(ctx, "team.adopted"); err != nil || done != "" {
		return err
	}
	if _, err := s.St.AdoptLegacyRows(ctx); err != nil {
		return err
	}
	return s.St.SetSetting(ctx, "team.adopted", "1")
}

// push appends this desk's unpushed operations, a batch a message. The watermark moves only after
// the server has the message, so a crash in between pushes the batch again: a duplicate that
// every receiver ignores, never a loss.
func (s *Syncer) push(ctx context.Context) (int, error) {
	size := s.BatchSize
	if size == 0 {
		size = 2000
	}
	name, initials, err := s.St.Identity(ctx)
	if err != nil {
		return 0, err
	}
	total := 0
	for {
		ops, last, err := s.St.Unpushed(ctx, size)
		if err != nil || len(ops) == 0 {
			return total, err
		}
		seen, err := s.St.Seen(ctx)
		if err != nil {
			return total, err
		}
		raw, _, err := Encode(Batch{Kind: KindOps, Desk: s.St.DeskID(), Name: name, Initials: initials, Seen: seen, Ops: ops}, s.From, s.now())
		if err != nil {
			return total, err
		}
		if err := s.append(raw); err != nil {
			return total, fmt.Errorf("push to %s: %w", Folder, err)
		}
		if err := s.St.MarkPushed(ctx, last); err != nil {
			return total, err
		}
		total += len(ops)
	}
}

func (s *Syncer) append(raw []byte) error {
	cmd := s.C.Append(Folder, int64(len(raw)), &goimap.AppendOptions{Flags: []goimap.Flag{goimap.FlagSeen}})
	if _, err := cmd.Write(raw); err != nil {
		cmd.Close()
		return err
	}
	if err := cmd.Close(); err != nil {
		return err
	}
	_, err := cmd.Wait()
	return err
}

// pull reads the folder's messages this desk has not read (by UID; a new UIDVALIDITY reads them
// all again, which changes nothing that was already applied) and applies them, oldest first.
func (s *Syncer) pull(ctx context.Context, res *Result) error {
	sel, err := s.C.Select(Folder, &goimap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return fmt.Errorf("select %s: %w", Folder, err)
	}
	validity := strconv.FormatUint(uint64(sel.UIDValidity), 10)
	last, err := settingUint(ctx, s.St, "team.last_uid")
	if err != nil {
		return err
	}
	if v, _ := s.St.Setting(ctx, "team.uidvalidity"); v != validity {
		last = 0
		if err := s.St.SetSetting(ctx, "team.uidvalidity", validity); err != nil {
			return err
		}
	}
	if sel.NumMessages == 0 || uint32(sel.UIDNext) > 0 && uint32(sel.UIDNext) <= last+1 {
		return nil
	}
	set := goimap.UIDSet{goimap.UIDRange{Start: goimap.UID(last + 1), Stop: 0}}
	cmd := s.C.Fetch(set, &goimap.FetchOptions{UID: true, InternalDate: true, BodySection: []*goimap.FetchItemBodySection{{Peek: true}}})
	defer cmd.Close()
	for {
		m := cmd.Next()
		if m == nil {
			break
		}
		var uid goimap.UID
		var at time.Time
		var raw []byte
		for {
			item := m.Next()
			if item == nil {
				break
			}
			switch it := item.(type) {
			case imapclient.FetchItemDataUID:
				uid = it.UID
			case imapclient.FetchItemDataInternalDate:
				at = it.Time
			case imapclient.FetchItemDataBodySection:
				if it.Literal != nil {
					if raw, err = io.ReadAll(it.Literal); err != nil {
						return err
					}
				}
			}
		}
		if uint32(uid) <= last {
			continue // "n:*" names the last message even when nothing is newer
		}
		if err := s.read(ctx, uint32(uid), at, raw, res); err != nil {
			return err
		}
		res.Read++
		last = uint32(uid)
	}
	return cmd.Close()
}

// read applies one message of the folder, or records why it cannot be, and moves the folder's
// read watermark past it in the same transaction.
func (s *Syncer) read(ctx context.Context, uid uint32, at time.Time, raw []byte, res *Result) error {
	b, id, err := Decode(raw)
	rec := store.TeamMessage{MessageID: id, UID: uid, Desk: b.Desk, Kind: b.Kind, Ops: len(b.Ops), SentAt: at}
	if rec.MessageID == "" {
		rec.MessageID = fmt.Sprintf("uid-%d", uid)
	}
	for _, o := range b.Ops {
		rec.MaxHLC = max(rec.MaxHLC, o.HLC)
	}
	mark := strconv.FormatUint(uint64(uid), 10)
	switch {
	case errors.Is(err, ErrNotTeam):
		// Someone filed an ordinary mail here: not ours to read or remove.
		return s.St.SetSetting(ctx, "team.last_uid", mark)
	case err != nil:
		rec.Desk, rec.Kind, rec.Problem = desk.FirstNonEmpty(rec.Desk, "?"), desk.FirstNonEmpty(rec.Kind, "?"), err.Error()
		res.Skipped = append(res.Skipped, fmt.Sprintf("message %d: %v", uid, err))
		b.Ops = nil
	case b.Desk == s.St.DeskID():
		b.Ops = nil // our own, already here
	}
	rep, err := s.St.ApplyTeamMessage(ctx, b.Ops, b.Seen, &rec, "team.last_uid", mark)
	if err != nil {
		return err
	}
	res.New, res.Applied, res.Pending = res.New+rep.New, res.Applied+rep.Applied, rep.Pending
	res.Skipped = append(res.Skipped, rep.Skipped...)
	res.Conflicts = append(res.Conflicts, rep.Conflicts...)
	return nil
}

// compact writes a snapshot of the shared state once the folder holds CompactAfter batches, then
// removes what the snapshot covers: the batches and older snapshots this desk has read (never a
// message it could not read).
func (s *Syncer) compact(ctx context.Context) (int, error) {
	limit := s.CompactAfter
	if limit == 0 {
		limit = 50
	}
	msgs, err := s.St.TeamMessages(ctx)
	if err != nil {
		return 0, err
	}
	var covered []store.TeamMessage
	batches := 0
	for _, m := range msgs {
		if m.Problem != "" {
			continue // unread, or read in part (operations of a newer Loge): kept for the desks that can
		}
		if m.Kind == KindOps {
			batches++
		}
		covered = append(covered, m)
	}
	if batches < limit {
		return 0, nil
	}
	ops, err := s.St.SnapshotOps(ctx)
	if err != nil {
		return 0, err
	}
	name, initials, err := s.St.Identity(ctx)
	if err != nil {
		return 0, err
	}
	seen, err := s.St.Seen(ctx)
	if err != nil {
		return 0, err
	}
	var ids []string
	for _, m := range covered {
		ids = append(ids, m.MessageID)
	}
	raw, _, err := Encode(Batch{Kind: KindSnapshot, Desk: s.St.DeskID(), Name: name, Initials: initials, Seen: seen, Ops: ops, Covers: ids},
		s.From, s.now())
	if err != nil {
		return 0, err
	}
	if err := s.append(raw); err != nil {
		return 0, fmt.Errorf("snapshot to %s: %w", Folder, err)
	}
	// Only now that the server holds the snapshot do the messages it covers go.
	if _, err := s.C.Select(Folder, nil).Wait(); err != nil {
		return 0, err
	}
	var uids goimap.UIDSet
	for _, m := range covered {
		if m.UID > 0 {
			uids.AddNum(goimap.UID(m.UID))
		}
	}
	if len(uids) > 0 {
		if err := s.C.Store(uids, &goimap.StoreFlags{Op: goimap.StoreFlagsAdd, Silent: true, Flags: []goimap.Flag{goimap.FlagDeleted}}, nil).Close(); err != nil {
			return 0, err
		}
		if s.C.Caps().Has(goimap.CapUIDPlus) || s.C.Caps().Has(goimap.CapIMAP4rev2) {
			err = s.C.UIDExpunge(uids).Close()
		} else {
			err = s.C.Expunge().Close()
		}
		if err != nil {
			return 0, err
		}
	}
	for _, m := range covered {
		if err := s.St.ForgetTeamMessage(ctx, m.MessageID); err != nil {
			return 0, err
		}
	}
	return len(covered), nil
}

func settingUint(ctx context.Context, st *store.Store, key string) (uint32, error) {
	v, err := st.Setting(ctx, key)
	if err != nil || v == "" {
		return 0, err
	}
	n, err := strconv.ParseUint(v, 10, 32)
	return uint32(n), err
}
