-- Loge schema, version 6: requests the guest must not see (a surprise from their partner, a
-- birthday cake) stay off the itinerary and the calendar sent to the guest.
ALTER TABLE requests ADD COLUMN private INTEGER NOT NULL DEFAULT 0;
