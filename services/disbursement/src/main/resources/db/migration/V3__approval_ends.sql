-- An approval ends when its application leaves the approved path (ApplicationStatusChangedV1 of
-- the procedure): a budget refusal releases it (the reservation was never made; the application
-- is reviewed again, and its next approval, with a new reservation, is the one recorded), a
-- withdrawal withdraws it (its payments not sent yet are cancelled, and a reservation of it that
-- arrives later is never paid). NULL: in force.
ALTER TABLE approval ADD COLUMN ended VARCHAR(16) CHECK (ended IN ('RELEASED', 'WITHDRAWN'));
ALTER TABLE approval ADD COLUMN ended_at TIMESTAMPTZ;
