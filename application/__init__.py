"""Use cases over the event store: the BackOffice service, storage, the partnership profile."""
