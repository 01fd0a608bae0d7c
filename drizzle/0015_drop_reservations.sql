-- A live drop now holds its units from the stock while it is open: taken with one movement when it opens
-- ('drop_reserve'), the unsold rest given back with one when it closes ('drop_release'). Purchases then touch the
-- drop's row only. Drops open while this runs took their stock purchase by purchase; they reserve now what they
-- may still sell (no more than is in stock: a drop whose rest is not all in stock is capped at what it can sell).
DO $$
DECLARE
  d record;
  n integer;
  after integer;
BEGIN
  FOR d IN
    SELECT id, variant_id, quantity_cap - sold AS rest FROM live_drops WHERE status = 'open' ORDER BY id FOR UPDATE
  LOOP
    SELECT least(stock, d.rest) INTO n FROM variants WHERE id = d.variant_id FOR UPDATE;
    n := greatest(coalesce(n, 0), 0);
    IF n > 0 THEN
      UPDATE variants SET stock = stock - n, updated_at = now() WHERE id = d.variant_id RETURNING stock INTO after;
      INSERT INTO inventory_movements (variant_id, delta, stock_after, reason, ref_type, ref_id, note)
      VALUES (d.variant_id, -n, after, 'drop_reserve', 'drop', d.id, 'reserved when drops began holding their units');
    END IF;
    IF n < d.rest THEN
      UPDATE live_drops SET quantity_cap = sold + n WHERE id = d.id;
    END IF;
  END LOOP;
END $$;
