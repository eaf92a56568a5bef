"""Read models fed by the projector: the case list (dashboard), deadlines and the hash-chained
audit trail, all tables in the BackOffice's PostgreSQL schema, rebuilt at any time from events."""
