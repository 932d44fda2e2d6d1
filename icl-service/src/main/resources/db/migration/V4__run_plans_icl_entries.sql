-- icl-service schema v4: the number of icl entries of a run's spec, written with the spec, so that the periodic sweep
-- finds runs with work without parsing every recent spec as JSON in SQL (one spec PostgreSQL's JSON functions cannot
-- read, e.g. one carrying a \u0000 escape, failed that query for every run). Null on rows written before: the sweep
-- fills it from the spec, parsed in Java one row at a time; a spec that cannot be read gets 0 and a logged, counted
-- reason in icl_entries_problem.
alter table run_plans add column icl_entries integer;
alter table run_plans add column icl_entries_problem text;
