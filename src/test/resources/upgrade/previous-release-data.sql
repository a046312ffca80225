-- A small fleet as the previous release (schema V7, the last migration of 2026-11-22, commit
-- 1c10e35) kept it: master data, miners with their status history, tickets in several states (one
-- resolved through the V7 trigger into repair_outcome), RMA cases at a hub and back home, a
-- shipment held by customs, holds whose clocks passed (one already alerted in hold_alert), spares
-- with their ledger, a purchase order in transit, a scenario and a saved forecast, an idempotency
-- key. Written the way the previous release wrote it (events appended, triggers firing); UpgradeTest
-- migrates it to the current schema through the app's own start and reads it back.

insert into site (id, code, name, region, country, time_zone, buildings, rows_per_building, racks_per_row, slots_per_rack)
values (901, 'UPG1', 'Upgrade Texas', 'TX', 'US', 'America/Chicago', 1, 2, 2, 4),
       (902, 'UPG2', 'Upgrade Alberta', 'AB', 'CA', 'America/Edmonton', 1, 2, 2, 4);
insert into stock_location (id, code, name, kind, site_id)
values (901, 'UPG1-STORE', 'Upgrade Texas store', 'SITE_STORE', 901), (902, 'UPG1-LAB', 'Upgrade Texas lab', 'SITE_LAB', 901),
       (903, 'UPG2-STORE', 'Upgrade Alberta store', 'SITE_STORE', 902), (904, 'UPG2-LAB', 'Upgrade Alberta lab', 'SITE_LAB', 902);

insert into miner_model (id, vendor, name, hashrate_ths, power_watts, hashboards, fans, psus, control_boards, hashboard_degrades, warranty_days)
values (901, 'BITMAIN', 'Antminer S19 XP (upgrade)', 140, 3010, 3, 4, 1, 1, true, 365),
       (902, 'MICROBT', 'Whatsminer M50 (upgrade)', 118, 3306, 3, 2, 1, 1, false, 180);

insert into repair_hub (id, code, name, kind, country, region, vendors, part_kinds, capacity_per_week, turnaround_days)
values (901, 'UPGHUB', 'Upgrade vendor hub', 'VENDOR_AUTHORIZED', 'MY', 'Penang', 'BITMAIN,MICROBT', 'HASHBOARD,PSU', 10, 14);
insert into stock_location (id, code, name, kind, hub_id) values (905, 'UPGHUB-HUB', 'Upgrade vendor hub', 'HUB', 901);
insert into port (id, code, name, country) values (901, 'UPGLA', 'Upgrade Los Angeles', 'US');

insert into part (id, part_number, kind, description, vendor, unit_cost_cents, serialized)
values (901, 'UPG-HB-S19XP', 'HASHBOARD', 'S19 XP hashboard (upgrade)', 'BITMAIN', 42000, true),
       (902, 'UPG-FAN-12038', 'FAN', '12038 fan (upgrade)', 'OTHER', 1500, false);
insert into part_compatible_model (part_id, model_id) values (901, 901), (902, 901), (902, 902);

-- six miners installed 60 days ago; their status history is what availability is computed from
insert into miner (id, serial, asset_code, mac, model_id, site_id, building, row_no, rack, slot, status, warranty_end, installed_at)
values (901, 'UPGSN0001', 'UPG1-0001', '02:00:00:00:09:01', 901, 901, 1, 1, 1, 1, 'HASHING', current_date + 300, now() - interval '60 days'),
       (902, 'UPGSN0002', 'UPG1-0002', '02:00:00:00:09:02', 901, 901, 1, 1, 1, 2, 'IN_REPAIR', current_date + 300, now() - interval '60 days'),
       (903, 'UPGSN0003', 'UPG1-0003', '02:00:00:00:09:03', 901, 901, 1, 1, 1, 3, 'DEGRADED', current_date + 300, now() - interval '60 days'),
       (904, 'UPGSN0004', 'UPG2-0001', null, 902, 902, 1, 1, 1, 1, 'HASHING', current_date + 120, now() - interval '60 days'),
       (905, 'UPGSN0005', 'UPG2-0002', null, 902, 902, 1, 1, 1, 2, 'DOWN', current_date + 120, now() - interval '60 days'),
       (906, 'UPGSN0006', 'UPG2-0003', null, 902, 902, 1, 1, 1, 3, 'RETIRED', current_date + 120, now() - interval '60 days');
insert into miner_event (miner_id, at, actor, from_status, to_status, reason)
select id, now() - interval '60 days', 'import', null, 'HASHING', 'installed' from miner where id between 901 and 906;
insert into miner_event (miner_id, at, actor, from_status, to_status, reason)
values (902, now() - interval '9 days', 'tech-tx', 'HASHING', 'DOWN', 'ticket 901 opened'),
       (902, now() - interval '8 days', 'tech-tx', 'DOWN', 'IN_REPAIR', 'diagnosing'),
       (903, now() - interval '30 days', 'tech-tx', 'HASHING', 'DOWN', 'ticket 903 opened'),
       (903, now() - interval '28 days', 'tech-tx', 'DOWN', 'DEGRADED', 'runs on two boards'),
       (905, now() - interval '3 days', 'tech-nd', 'HASHING', 'DOWN', 'ticket 902 opened'),
       (906, now() - interval '30 days', 'admin', 'HASHING', 'RETIRED', 'end of life');

-- serialized components: three hashboards per Bitmain miner (installed), spares in the store and one at the hub
insert into component (id, serial, part_id, kind, location_kind, miner_id, slot_index, location_ref, site_id)
select 9000 + (m.id - 900) * 10 + b, 'UPGHB' || m.id || '-' || b, 901, 'HASHBOARD', 'INSTALLED', m.id, b, null, 901
from miner m cross join generate_series(0, 2) b where m.id in (901, 902, 903);
insert into component (id, serial, part_id, kind, location_kind, miner_id, slot_index, location_ref, site_id)
values (9101, 'UPGHB-SPARE-1', 901, 'HASHBOARD', 'STOCK', null, null, 'UPG1-STORE', 901),
       (9102, 'UPGHB-SPARE-2', 901, 'HASHBOARD', 'STOCK', null, null, 'UPG1-STORE', 901),
       (9103, 'UPGHB-AWAY-1', 901, 'HASHBOARD', 'HUB', null, null, 'UPGHUB', 901);
insert into component_event (component_id, at, actor, from_location, to_location, miner_id, reason)
select id, now() - interval '60 days', 'import', null, case when miner_id is null then 'UPG1-STORE' else 'miner ' || miner_id end,
       miner_id, 'received' from component where id between 9000 and 9199;

insert into user_site (username, site_id) values ('tech-tx', 901), ('tech-nd', 902);
insert into audit_event (at, actor, entity, entity_id, action, before_json, after_json, reason)
values (now() - interval '61 days', 'admin', 'site', 901, 'created', null, '{"code":"UPG1"}', null),
       (now() - interval '61 days', 'admin', 'site', 902, 'created', null, '{"code":"UPG2"}', null);

-- tickets: 901 in repair awaiting a part, 902 open, 903 resolved by a swap (through the trigger)
insert into repair_ticket (id, miner_id, site_id, state, route, symptom, error_codes, notes, diagnosis, prior_miner_status, opened_by, opened_at, closed_at)
values (901, 902, 901, 'AWAITING_PART', 'SWAP', 'hashboard 2 missing', 'E-HB2', null, 'chain 2 no chips', 'HASHING', 'tech-tx', now() - interval '9 days', null),
       (902, 905, 902, 'OPEN', null, 'no hashrate', null, null, null, 'HASHING', 'tech-nd', now() - interval '3 days', null),
       (903, 903, 901, 'OPEN', null, 'low hashrate', 'E-HB0', null, null, 'HASHING', 'tech-tx', now() - interval '30 days', null);
insert into ticket_failed_component (ticket_id, component_id) values (901, 9021), (903, 9030);
insert into repair_ticket_event (ticket_id, at, actor, from_state, to_state, note)
values (901, now() - interval '9 days', 'tech-tx', null, 'OPEN', 'opened'),
       (901, now() - interval '8 days', 'tech-tx', 'OPEN', 'DIAGNOSING', null),
       (901, now() - interval '8 days', 'tech-tx', 'DIAGNOSING', 'AWAITING_PART', 'swap: no spare at hand'),
       (902, now() - interval '3 days', 'tech-nd', null, 'OPEN', 'opened'),
       (903, now() - interval '30 days', 'tech-tx', null, 'OPEN', 'opened'),
       (903, now() - interval '29 days', 'tech-tx', 'OPEN', 'DIAGNOSING', null),
       (903, now() - interval '28 days', 'tech-tx', 'DIAGNOSING', 'RESOLVED', 'board swapped');
-- the swap of ticket 903: the faulty board out (to the hub, RMA 902), a spare in
insert into component (id, serial, part_id, kind, location_kind, miner_id, slot_index, location_ref, site_id)
values (9105, 'UPGHB-SWAPPED-IN', 901, 'HASHBOARD', 'STOCK', null, null, 'UPG1-STORE', 901);
update component set location_kind = 'SHIPMENT', miner_id = null, slot_index = null, location_ref = 'shipment 901' where id = 9030;
update component set location_kind = 'INSTALLED', miner_id = 903, slot_index = 0, location_ref = null where id = 9105;
insert into component_swap (ticket_id, miner_id, kind, slot_index, faulty_component_id, replacement_component_id, at, actor)
values (903, 903, 'HASHBOARD', 0, 9030, 9105, now() - interval '28 days', 'tech-tx');
insert into ticket_photo (ticket_id, content_type, size_bytes, file_name, data, uploaded_by, uploaded_at)
values (901, 'image/png', 8, 'board.png', '\x89504e470d0a1a0a', 'tech-tx', now() - interval '8 days');

-- RMA cases: 901 came back from the hub and was received (the trigger writes its outcome), 902 is on its way
insert into rma_case (id, component_id, ticket_id, site_id, vendor, hub_id, state, rma_number, claim_reason, in_warranty, dead_on_arrival, dispatched_on, opened_by, opened_at)
values (901, 9103, null, 901, 'BITMAIN', 901, 'RETURNED', 'RMA-UPG-1', 'no chips on chain', true, false, current_date - 40, 'logi', now() - interval '45 days'),
       (902, 9030, 903, 901, 'BITMAIN', 901, 'SHIPPED', 'RMA-UPG-2', 'low hashrate', true, false, current_date - 26, 'logi', now() - interval '28 days');
insert into rma_case_event (case_id, at, actor, from_state, to_state, note)
values (901, now() - interval '45 days', 'logi', null, 'OPENED', null),
       (901, now() - interval '40 days', 'logi', 'OPENED', 'SHIPPED', null),
       (901, now() - interval '30 days', 'logi', 'SHIPPED', 'AT_HUB', null),
       (901, now() - interval '20 days', 'logi', 'AT_HUB', 'REPAIRED', null),
       (901, now() - interval '12 days', 'logi', 'REPAIRED', 'RETURNED', null),
       (901, now() - interval '2 days', 'logi', 'RETURNED', 'RECEIVED', null),
       (902, now() - interval '28 days', 'logi', null, 'OPENED', null),
       (902, now() - interval '26 days', 'logi', 'OPENED', 'SHIPPED', null);
update rma_case set state = 'RECEIVED', last_returned_at = now() - interval '2 days' where id = 901;
update component set location_kind = 'STOCK', location_ref = 'UPG1-STORE' where id = 9103;

-- shipments: 901 carries RMA 902 to the hub and is held at the port; 902 brings spares bought and
-- is held too; 903 brought RMA 901 back through customs
insert into shipment (id, kind, carrier, tracking_number, origin, destination, site_id, hub_id, port_id, state, created_by, created_at)
values (901, 'OUTBOUND_TO_HUB', 'DHL', 'UPG-TRK-1', 'UPG1', 'UPGHUB', 901, 901, 901, 'HELD', 'logi', now() - interval '27 days'),
       (902, 'SPARES_PURCHASE', 'FedEx', 'UPG-TRK-2', 'Shenzhen', 'UPG1-STORE', 901, null, 901, 'HELD', 'logi', now() - interval '45 days'),
       (903, 'INBOUND_RETURN', 'DHL', 'UPG-TRK-3', 'UPGHUB', 'UPG1', 901, 901, 901, 'RECEIVED', 'logi', now() - interval '12 days');
insert into shipment_item (shipment_id, item_kind, component_id, rma_case_id, part_id, quantity, miner_id)
values (901, 'RMA_CASE', 9030, 902, null, 1, null),
       (902, 'PART_LOT', null, null, 902, 20, null),
       (903, 'RMA_CASE', 9103, 901, null, 1, null);
insert into shipment_event (shipment_id, at, actor, from_state, to_state, note)
values (901, now() - interval '27 days', 'logi', null, 'CREATED', null),
       (901, now() - interval '26 days', 'logi', 'CREATED', 'IN_TRANSIT', null),
       (901, now() - interval '25 days', 'logi', 'IN_TRANSIT', 'HELD', 'customs'),
       (902, now() - interval '45 days', 'logi', null, 'CREATED', null),
       (902, now() - interval '44 days', 'logi', 'CREATED', 'IN_TRANSIT', null),
       (902, now() - interval '40 days', 'logi', 'IN_TRANSIT', 'HELD', 'customs'),
       (903, now() - interval '12 days', 'logi', null, 'CREATED', null),
       (903, now() - interval '11 days', 'logi', 'CREATED', 'IN_TRANSIT', null),
       (903, now() - interval '10 days', 'logi', 'IN_TRANSIT', 'HELD', 'customs'),
       (903, now() - interval '8 days', 'logi', 'HELD', 'CLEARED', null),
       (903, now() - interval '2 days', 'logi', 'CLEARED', 'RECEIVED', null);

-- customs holds: 901 (the spares) presented 40 days ago, every clock passed and already alerted
-- (hold_alert, the previous release's alerts); 902 (the RMA) presented 25 days ago, its release and
-- notice clocks passed but the previous release had not alerted them yet; 903 released
insert into customs_hold (id, shipment_id, entry_number, port_id, filer, hts_code, declared_value_cents, vendor, kind, presented_on, opened_at, detention_notice_on, decided_on, outcome, storage_fee_cents_per_day, last_free_day, units, hashrate_ths)
values (901, 902, 'UPG-ENTRY-1', 901, 'Filer Inc', '8473.30', 300000, 'OTHER', 'CBP_INTENSIVE', current_date - 40, now() - interval '40 days', null, null, null, 2500, null, 0, 0),
       (902, 901, 'UPG-ENTRY-2', 901, 'Filer Inc', '8471.50', 4200000, 'BITMAIN', 'CBP_TAILGATE', current_date - 25, now() - interval '25 days', null, null, null, 0, null, 0, 0),
       (903, 903, 'UPG-ENTRY-3', 901, 'Filer Inc', '8473.30', 420000, 'BITMAIN', 'CBP_NON_INTRUSIVE', current_date - 10, now() - interval '10 days', null, current_date - 8, 'RELEASED', 0, null, 0, 0);
insert into customs_hold_event (hold_id, at, actor, action, note)
values (901, now() - interval '40 days', 'logi', 'OPENED', null),
       (902, now() - interval '25 days', 'logi', 'OPENED', null),
       (903, now() - interval '10 days', 'logi', 'OPENED', null),
       (903, now() - interval '8 days', 'logi', 'RELEASED', null);
insert into hold_alert (hold_id, kind, raised_at, message)
values (901, 'RELEASE_CLOCK', now() - interval '32 days', 'UPG-ENTRY-1 at UPGLA: not released within 5 business days'),
       (901, 'NOTICE_CLOCK', now() - interval '25 days', 'UPG-ENTRY-1 at UPGLA: no notice of detention'),
       (901, 'DEEMED_EXCLUSION', now() - interval '10 days', 'UPG-ENTRY-1 at UPGLA: 30 days without a decision');

-- spares: stock levels explained by the ledger, a purchase order in transit (V5's state)
insert into purchase_order (id, part_id, location_id, quantity, quoted_lead_days, expected_on, state, shipment_id, created_by, created_at)
values (901, 902, 901, 20, 30, current_date + 10, 'IN_TRANSIT', 902, 'logi', now() - interval '50 days');
insert into stock_movement (at, actor, part_id, kind, from_location_id, to_location_id, quantity, component_id, ticket_id, purchase_order_id, reason)
values (now() - interval '60 days', 'logi', 902, 'RECEIPT', null, 901, 12, null, null, null, 'opening stock'),
       (now() - interval '60 days', 'logi', 901, 'RECEIPT', null, 901, 1, 9101, null, null, 'opening stock'),
       (now() - interval '60 days', 'logi', 901, 'RECEIPT', null, 901, 1, 9102, null, null, 'opening stock'),
       (now() - interval '60 days', 'logi', 901, 'RECEIPT', null, 901, 1, 9105, null, null, 'opening stock'),
       (now() - interval '28 days', 'tech-tx', 901, 'ISSUE', 901, null, 1, 9105, 903, null, 'swap on ticket 903'),
       (now() - interval '10 days', 'tech-tx', 902, 'ISSUE', 901, null, 2, null, 901, null, 'fans'),
       (now() - interval '50 days', 'logi', 902, 'ORDERED', null, 901, 20, null, null, 901, 'reorder'),
       (now() - interval '2 days', 'logi', 901, 'RECEIPT', null, 901, 1, 9103, null, null, 'back from the hub');
-- ticket 903 resolves once its spare was issued (V7's trigger costs the repair from the ledger)
update repair_ticket set state = 'DIAGNOSING' where id = 903;
update repair_ticket set state = 'RESOLVED', route = 'SWAP', closed_at = now() - interval '28 days',
       diagnosis = 'board 0 swapped' where id = 903;
insert into stock_level (location_id, part_id, on_hand, reserved, in_transit, on_order)
values (901, 901, 3, 0, 0, 0), (901, 902, 10, 0, 20, 0);

-- a manager's scenario and a saved forecast (kept as it was run)
insert into scenario (id, code, name, description, built_in, owner, copied_from, parameters, created_at, updated_at)
values (901, null, 'Upgrade: longer customs holds', 'a manager''s own', false, 'mgr', null,
        '{"effectiveDate":null,"firmwareOffFailureFactor":null,"rules":[{"vendor":"BITMAIN","holdScale":1.5}],"hubs":[]}',
        now() - interval '30 days', now() - interval '30 days');

insert into idempotency_key (scope, key, request_hash, status, response_body, created_at)
values ('tech-tx:POST /api/tickets', 'upgrade-key-1', 'abc123', 201, '{"id":901}', now() - interval '9 days');

-- every sequence continues after the ids used above, as it would have in the previous release
do $$
declare
    s record;
    m bigint;
begin
    for s in select c.relname as tbl, a.attname as col, pg_get_serial_sequence(c.relname, a.attname) as seq
             from pg_class c join pg_attribute a on a.attrelid = c.oid
             where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace and a.attnum > 0
               and pg_get_serial_sequence(c.relname, a.attname) is not null loop
        execute format('select max(%I) from %I', s.col, s.tbl) into m;
        if m is not null then
            perform setval(s.seq, m);
        end if;
    end loop;
end $$;
