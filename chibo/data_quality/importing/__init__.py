"""Import of member lists (CSV, XLSX): read, map columns, normalise, validate, write in chunks.

- `reader`: opens a file (encoding and delimiter detection, streaming XLSX), refuses bad files;
- `rows`: turns one data row into what the member table needs, with every problem found (pure
  apart from the unit lookup table it is given);
- `writer`: writes a chunk of prepared rows in one transaction and moves the batch's checkpoint;
- `actions`: the writes the interfaces call (upload, mapping, run, resume);
- `queries`: reads (batches in the user's reach, preview pages, rejected rows);
- `exports`: the rejected-rows workbook and the member export, formula-safe.
"""
