"""Deadlines, reminders and letters on a schedule: see the scheduler issue. Nothing here yet."""
