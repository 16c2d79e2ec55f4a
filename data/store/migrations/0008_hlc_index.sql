-- Loge schema, version 8: every shared table indexed by its clock. Opening a desk reads the newest
-- HLC of each table (to keep the clock ahead of anything already written); without an index that
-- read every row of guests, stays, requests… on each start, and team sync will ask for "changed
-- since" by the same column.
CREATE INDEX guests_hlc ON guests(updated_hlc);
CREATE INDEX stays_hlc ON stays(updated_hlc);
CREATE INDEX requests_hlc ON requests(updated_hlc);
CREATE INDEX vendors_hlc ON vendors(updated_hlc);
CREATE INDEX vendor_contacts_hlc ON vendor_contacts(updated_hlc);
CREATE INDEX templates_hlc ON templates(updated_hlc);
CREATE INDEX notes_hlc ON notes(updated_hlc);
CREATE INDEX links_hlc ON links(updated_hlc);
