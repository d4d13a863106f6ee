"""Files people download from the reports module: the roll-up (XLSX) and a unit's report
(DOCX, PDF) in the party's document format."""
