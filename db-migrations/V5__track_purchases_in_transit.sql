-- A purchase order whose shipment has left the supplier counts as in transit, no longer on order.
alter table purchase_order drop constraint purchase_order_state_check;
alter table purchase_order add constraint purchase_order_state_check
    check (state in ('OPEN','IN_TRANSIT','RECEIVED','CANCELLED'));
