package store

import (
	"context"
	"encoding/json"
	"fmt"

	"loge/data/desk"
)

// A vendor's and a contact person's phones, e-mails and postal addresses (schema 14): rows of
// vendor_channels, each a shared entity of its own, so that two desks adding a number to one
// vendor at once both keep theirs. The owner's phone/email/address columns are the first live
// channel of each medium, kept by triggers; they are what lists, documents and templates read.

const channelsSchema = 14

// Owner kinds of a channel.
const (
	ownerVendor  = "vendor"
	ownerContact = "contact"
)

// channels reads the live channels of the owners a condition selects, by owner id, in order.
func (s *Store) channels(ctx context.Context, where string, args ...any) (map[string][]desk.Channel, error) {
	out := map[string][]desk.Channel{}
	if s.version < channelsSchema {
		return out, nil
	}
	rows, err := s.r.QueryContext(ctx, `SELECT owner_id, id, medium, kind, value FROM vendor_channels
		WHERE deleted=0 AND value<>'' AND `+where+` ORDER BY owner_id, position, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var owner string
		var c desk.Channel
		if err := rows.Scan(&owner, &c.ID, &c.Medium, &c.Kind, &c.Value); err != nil {
			return nil, err
		}
		out[owner] = append(out[owner], c)
	}
	return out, rows.Err()
}

// updateChannels is saveChannels for an owner that exists: the single values (phone, e-mail,
// address) count only when the caller set them to something else than the owner's first
// channels hold; the others are what it read.
func (a *action) updateChannels(ownerKind, id string, chs *[]desk.Channel, singles [3]string) (changed bool, err error) {
	if a.s.version < channelsSchema {
		return false, nil
	}
	var cur [3]string
	q := `SELECT phone, email, address FROM vendors WHERE id=?`
	if ownerKind == ownerContact {
		q = `SELECT phone, email, '' FROM vendor_contacts WHERE id=?`
	}
	if err := a.tx.QueryRowContext(a.ctx, q, id).Scan(&cur[0], &cur[1], &cur[2]); err != nil {
		return false, notFound(err)
	}
	for i := range singles {
		if trimmed(singles[i]) == cur[i] {
			singles[i] = ""
		}
	}
	return a.saveChannels(ownerKind, id, chs, singles)
}

// saveChannels brings an owner's channels to *chs in that order, with the single values (phone,
// e-mail, address) put first of their medium when *chs lacks them: rows whose id it names are
// updated, the others created, and the owner's rows it no longer lists tombstoned. A nil *chs
// means the caller did not say (it knew only the single values): the stored channels stay, and
// the single values are added to them. *chs comes back as stored, ids set. changed says whether
// any row was written.
func (a *action) saveChannels(ownerKind, id string, chs *[]desk.Channel, singles [3]string) (changed bool, err error) {
	if a.s.version < channelsSchema {
		return false, nil
	}
	old, err := a.ownerChannels(id)
	if err != nil {
		return false, err
	}
	want := *chs
	if want == nil {
		for _, c := range old {
			want = append(want, c.Channel)
		}
	}
	want = desk.CleanChannels(desk.WithSingles(want, singles[0], singles[1], singles[2]))
	if err := desk.ValidateChannels(ownerKind, want); err != nil {
		return false, err
	}
	byID := map[string]storedChannel{}
	for _, c := range old {
		byID[c.ID] = c
	}
	kept := map[string]bool{}
	for i := range want {
		c := &want[i]
		vals := map[string]any{"owner_kind": ownerKind, "owner_id": id, "medium": c.Medium, "kind": c.Kind,
			"value": c.Value, "position": i}
		if o, ok := byID[c.ID]; ok && !kept[c.ID] {
			kept[c.ID] = true
			if o.Channel == *c && o.position == i {
				continue
			}
			if _, err := a.update(channelSpec, c.ID, vals); err != nil {
				return changed, fmt.Errorf("channel %s: %w", c.ID, err)
			}
			changed = true
			continue
		}
		c.ID = newID() // new, or an id that is not this owner's live row
		kept[c.ID] = true
		if err := a.create(channelSpec, c.ID, vals); err != nil {
			return changed, fmt.Errorf("channel: %w", err)
		}
		changed = true
	}
	for _, o := range old {
		if !kept[o.ID] {
			if err := a.remove(channelSpec, o.ID); err != nil {
				return changed, fmt.Errorf("channel %s: %w", o.ID, err)
			}
			changed = true
		}
	}
	if want == nil {
		want = []desk.Channel{}
	}
	*chs = want
	return changed, nil
}

type storedChannel struct {
	desk.Channel
	position int
}

// ownerChannels reads an owner's live channels inside the action, in order.
func (a *action) ownerChannels(id string) ([]storedChannel, error) {
	rows, err := a.tx.QueryContext(a.ctx, `SELECT id, medium, kind, value, position FROM vendor_channels
		WHERE owner_id=? AND deleted=0 ORDER BY position, id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []storedChannel
	for rows.Next() {
		var c storedChannel
		if err := rows.Scan(&c.ID, &c.Medium, &c.Kind, &c.Value, &c.position); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// legacyFields are the single phone, e-mail and address fields a vendor and a contact had before
// schema 14, with the position the migration gave each.
var legacyFields = map[[2]string]int{
	{ownerVendor, desk.MediumPhone}: 0, {ownerVendor, desk.MediumEmail}: 1, {ownerVendor, desk.MediumAddress}: 2,
	{ownerContact, desk.MediumPhone}: 0, {ownerContact, desk.MediumEmail}: 1,
}

// legacyChannelOps rewrites the operations of the old single fields (vendor.phone, contact.email…
// from a desk of an earlier Loge, or from the team folder's older messages a new desk reads) as
// operations of the channel the migration made of that field (id: owner id + "-" + medium), at
// the same stamp: a new desk built from the folder gets the same rows as a migrated one, and an
// older colleague's edit of "the" phone still lands. An empty value tombstones the channel.
func legacyChannelOps(ops []desk.Op) []desk.Op {
	var out []desk.Op
	for i, o := range ops {
		pos, legacy := legacyFields[[2]string{o.Entity, o.Field}]
		if !legacy {
			if out != nil {
				out = append(out, o)
			}
			continue
		}
		if out == nil {
			out = append(make([]desk.Op, 0, len(ops)+6), ops[:i]...)
		}
		v, err := decodeValue(o.Value)
		text, ok := v.(string)
		if err != nil || !ok {
			out = append(out, o) // checkOp says why it cannot apply
			continue
		}
		id := o.ID + "-" + o.Field
		for _, f := range []struct {
			field string
			value any
		}{{"owner_kind", o.Entity}, {"owner_id", o.ID}, {"medium", o.Field}, {"kind", desk.ChannelWork},
			{"position", pos}, {"value", trimmed(text)}, {tombstone, trimmed(text) == ""}} {
			b, _ := json.Marshal(f.value)
			out = append(out, desk.Op{Entity: channelSpec.kind, ID: id, Field: f.field, Value: string(b), HLC: o.HLC, Desk: o.Desk})
		}
	}
	if out == nil {
		return ops
	}
	return out
}
