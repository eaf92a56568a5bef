"""What the use cases stand on: PostgreSQL storage (the event store, its recorders and transcodings), the
advisory locks, the small operational tables (sign-in attempts, public form rate limits and drafts, job runs,
the retention list) and the working-day calendar. It may import the domain, never the layers above it."""
