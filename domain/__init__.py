"""The Community Trigger (ASB Case Review) process: aggregates, value objects and rules.

Pure Python: no framework, driver or clock. Business dates are passed in; event timestamps
come from the event-sourcing library when an event is triggered.
"""
