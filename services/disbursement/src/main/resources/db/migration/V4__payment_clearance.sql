-- A payment of an application's award waits for the application's clearance before it is sent
-- (AWAITING_CLEARANCE): the application is where a withdrawal and a payment are put in one order.
-- Such a payment is live, so the one-live-payment-per-instalment rule counts it too.
DROP INDEX payment_once_per_instalment;
CREATE UNIQUE INDEX payment_once_per_instalment ON payment (application_id, fiscal_year)
    WHERE status IN ('AWAITING_APPROVAL', 'AWAITING_CLEARANCE', 'INSTRUCTED', 'PAID');
