"""The working-day calendar's writes: the government's adjustments (nghỉ bù, làm bù).

The calendar itself — the table `core.CalendarAdjustment` and the pure arithmetic of
`chibo.core.workdays` — stays in core, because every module counts deadlines in working days and
core is the one layer they all may import. Writing the table needs a permission check and an audit
event, which core may not import; so the actions and the command that write it live here, above
audit (docs/architecture.md, "Why the calendar's writes are a module of their own").
"""
