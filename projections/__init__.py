"""Read models fed by the projector (dashboard, deadlines, statistics, audit trail): see the
read-side issue. Nothing here yet."""
