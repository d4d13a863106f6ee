"""The read log as a data-protection officer reads it: who read whose record, when, why."""
