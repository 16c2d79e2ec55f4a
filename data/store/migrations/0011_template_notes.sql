-- Loge schema, version 11: internal notes leave the mail templates. Earlier desks were seeded with
-- templates holding {{request.notes}} on a line of its own, and Render filled it with the request's
-- desk-internal note: a guest received "Peanut allergy (Noah). Try Brasserie de l'Aurore first."
-- The engine no longer fills that name (templates.Internal); this removes the line the seed put in,
-- so those templates work as before. Any other use stays and is refused by the composer, visibly.
UPDATE templates
   SET body = replace(body, char(10) || char(10) || '{{request.notes}}' || char(10), char(10))
 WHERE body LIKE '%{{request.notes}}%';
