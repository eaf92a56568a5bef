"""The demo: realistic, deterministic cases and the demo users, loaded through BackOffice's use cases.
Apart from the use cases, and used only by the command line (``serve --demo``, ``load-demo``) and the tests."""
