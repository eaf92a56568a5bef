"""The command line: the composition root that builds storage, profile and BackOffice."""
