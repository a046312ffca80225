-- #14: the list pages sort and page in the database; these indexes serve their default orders, their
-- state filters and the prefix search on serials and asset codes (varchar_pattern_ops: LIKE 'X%'
-- uses the index whatever the database's collation).
create index repair_ticket_state_opened on repair_ticket (state, opened_at);
create index repair_ticket_opened on repair_ticket (opened_at);
create index rma_case_state_opened on rma_case (state, opened_at);
create index rma_case_opened on rma_case (opened_at);
create index shipment_state_created on shipment (state, created_at);
create index shipment_created on shipment (created_at);
create index miner_asset_code_prefix on miner (asset_code varchar_pattern_ops);
create index miner_serial_prefix on miner (serial varchar_pattern_ops);
create index component_serial_prefix on component (serial varchar_pattern_ops);
