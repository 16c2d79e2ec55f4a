package store

import (
	"context"
	"strings"

	"loge/data/desk"
)

const vendorCols = `id, name, category, status, status_reason, phone, email, address, city, website, hours, languages, commission_terms, notes, updated_hlc`

func scanVendor(row interface{ Scan(...any) error }) (desk.Vendor, error) {
	var v desk.Vendor
	err := row.Scan(&v.ID, &v.Name, &v.Category, &v.Status, &v.StatusReason, &v.Phone, &v.Email, &v.Address, &v.City,
		&v.Website, &v.Hours, &v.Languages, &v.CommissionTerms, &v.Notes, &v.UpdatedHLC)
	return v, err
}

// vendorValues are a vendor's shared columns, as stored.
func vendorValues(v *desk.Vendor) map[string]any {
	return map[string]any{"name": trimmed(v.Name), "category": v.Category, "status": v.Status,
		"status_reason": trimmed(v.StatusReason), "city": trimmed(v.City), "website": trimmed(v.Website), "hours": trimmed(v.Hours),
		"languages": trimmed(v.Languages), "commission_terms": trimmed(v.CommissionTerms), "notes": trimmed(v.Notes)}
}

// CreateVendor validates and stores a new vendor.
func (s *Store) CreateVendor(ctx context.Context, v *desk.Vendor) error {
	return s.act(ctx, func(a *action) error { return a.createVendor(v) })
}

func (a *action) createVendor(v *desk.Vendor) error {
	if v.Status == "" {
		v.Status = desk.VendorApproved
	}
	if err := v.Validate(); err != nil {
		return err
	}
	if v.ID == "" {
		v.ID = newID()
	}
	v.UpdatedHLC = a.stamp
	if err := a.create(vendorSpec, v.ID, vendorValues(v)); err != nil {
		return err
	}
	if _, err := a.saveChannels(ownerVendor, v.ID, &v.Channels, [3]string{v.Phone, v.Email, v.Address}); err != nil {
		return err
	}
	v.Phone, v.Email, v.Address = desk.Firsts(v.Channels)
	return nil
}

// UpdateVendor validates and saves a vendor.
func (s *Store) UpdateVendor(ctx context.Context, v *desk.Vendor) error {
	if err := v.Validate(); err != nil {
		return err
	}
	return s.act(ctx, func(a *action) error { return a.updateVendor(v) })
}

func (a *action) updateVendor(v *desk.Vendor) error {
	changed, err := a.update(vendorSpec, v.ID, vendorValues(v))
	if err != nil {
		return err
	}
	moved, err := a.updateChannels(ownerVendor, v.ID, &v.Channels, [3]string{v.Phone, v.Email, v.Address})
	if err != nil {
		return err
	}
	if len(changed) > 0 || moved {
		v.UpdatedHLC = a.stamp
	}
	v.Phone, v.Email, v.Address = desk.Firsts(v.Channels)
	return nil
}

// DeleteVendor tombstones a vendor.
func (s *Store) DeleteVendor(ctx context.Context, id string) error {
	return s.act(ctx, func(a *action) error { return a.remove(vendorSpec, id) })
}

// Vendor reads one vendor, with its channels.
func (s *Store) Vendor(ctx context.Context, id string) (desk.Vendor, error) {
	v, err := scanVendor(s.r.QueryRowContext(ctx, `SELECT `+vendorCols+` FROM vendors WHERE id=? AND deleted=0`, id))
	if err != nil {
		return v, notFound(err)
	}
	chs, err := s.channels(ctx, `owner_id=?`, id)
	v.Channels = chs[id]
	return v, err
}

// VendorFilter selects vendors; empty fields do not filter.
type VendorFilter struct {
	Category string
	Status   string
	Text     string // contained in name, city, address or notes
}

// Vendors lists vendors by name: preferred first within the same name is not needed, the list is alphabetical.
func (s *Store) Vendors(ctx context.Context, f VendorFilter) ([]desk.Vendor, error) {
	q := `SELECT ` + vendorCols + ` FROM vendors WHERE deleted=0`
	var args []any
	if f.Category != "" {
		q += ` AND category=?`
		args = append(args, f.Category)
	}
	if f.Status != "" {
		q += ` AND status=?`
		args = append(args, f.Status)
	}
	if t := strings.TrimSpace(f.Text); t != "" {
		like := "%" + escapeLike(t) + "%"
		q += ` AND (name LIKE ? ESCAPE '\' OR city LIKE ? ESCAPE '\' OR address LIKE ? ESCAPE '\' OR notes LIKE ? ESCAPE '\')`
		args = append(args, like, like, like, like)
	}
	q += ` ORDER BY name COLLATE NOCASE`
	vs, err := queryAll(ctx, s.r, scanVendor, q, args...)
	if err != nil || len(vs) == 0 {
		return vs, err
	}
	chs, err := s.channels(ctx, `owner_kind='vendor'`)
	for i := range vs {
		vs[i].Channels = chs[vs[i].ID]
	}
	return vs, err
}

const contactCols = `id, vendor_id, name, role, phone, email, notes, updated_hlc`

func scanContact(row interface{ Scan(...any) error }) (desk.VendorContact, error) {
	var c desk.VendorContact
	err := row.Scan(&c.ID, &c.VendorID, &c.Name, &c.Role, &c.Phone, &c.Email, &c.Notes, &c.UpdatedHLC)
	return c, err
}

// contactValues are a vendor contact's shared columns, as stored.
func contactValues(c *desk.VendorContact) map[string]any {
	return map[string]any{"vendor_id": c.VendorID, "name": trimmed(c.Name), "role": trimmed(c.Role), "notes": trimmed(c.Notes)}
}

// CreateVendorContact validates and stores a contact person at a vendor.
func (s *Store) CreateVendorContact(ctx context.Context, c *desk.VendorContact) error {
	return s.act(ctx, func(a *action) error { return a.createContact(c) })
}

func (a *action) createContact(c *desk.VendorContact) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if c.ID == "" {
		c.ID = newID()
	}
	c.UpdatedHLC = a.stamp
	if err := refErr(a.create(contactSpec, c.ID, contactValues(c)), "contact", "VendorID"); err != nil {
		return err
	}
	if _, err := a.saveChannels(ownerContact, c.ID, &c.Channels, [3]string{c.Phone, c.Email, ""}); err != nil {
		return err
	}
	c.Phone, c.Email, _ = desk.Firsts(c.Channels)
	return nil
}

// UpdateVendorContact saves a contact.
func (s *Store) UpdateVendorContact(ctx context.Context, c *desk.VendorContact) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.act(ctx, func(a *action) error {
		changed, err := a.update(contactSpec, c.ID, contactValues(c))
		if err != nil {
			return refErr(err, "contact", "VendorID")
		}
		moved, err := a.updateChannels(ownerContact, c.ID, &c.Channels, [3]string{c.Phone, c.Email, ""})
		if err != nil {
			return err
		}
		if len(changed) > 0 || moved {
			c.UpdatedHLC = a.stamp
		}
		c.Phone, c.Email, _ = desk.Firsts(c.Channels)
		return nil
	})
}

// DeleteVendorContact tombstones a contact.
func (s *Store) DeleteVendorContact(ctx context.Context, id string) error {
	return s.act(ctx, func(a *action) error { return a.remove(contactSpec, id) })
}

// VendorContacts lists a vendor's contacts by name, with their channels.
func (s *Store) VendorContacts(ctx context.Context, vendorID string) ([]desk.VendorContact, error) {
	cs, err := queryAll(ctx, s.r, scanContact, `SELECT `+contactCols+` FROM vendor_contacts WHERE vendor_id=? AND deleted=0 ORDER BY name COLLATE NOCASE`, vendorID)
	if err != nil || len(cs) == 0 {
		return cs, err
	}
	chs, err := s.channels(ctx, `owner_id IN (SELECT id FROM vendor_contacts WHERE vendor_id=?)`, vendorID)
	for i := range cs {
		cs[i].Channels = chs[cs[i].ID]
	}
	return cs, err
}
