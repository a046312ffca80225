-- A repair hub works either to a weekly capacity (servers null) or as that many benches in parallel,
-- each repair taking its turnaround (the forecast's M/G/c hub; issue #12).
alter table repair_hub add column servers int check (servers is null or servers between 1 and 100000);
