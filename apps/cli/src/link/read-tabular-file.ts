import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CsvError, parse, type InfoRecord } from 'csv-parse';
import { bindColumns, type ColumnMap } from './column-map';
import { LinkInputError } from './link-errors';
import { tabularRecord, type TabularRow } from './tabular-record';

export interface TabularFile {
  header: string[];
  rows: TabularRow[];
  bytes: number;
}

/**
 * Streams a delimited file into resolution records. The first row is the
 * header; blank lines are skipped; a row with more or fewer fields than the
 * header is still read (missing fields are empty) and says so in its issues.
 */
export async function readTabularFile(
  file: string,
  options: { delimiter: string; map: ColumnMap },
  onProgress: (bytesRead: number, bytesTotal: number) => void = () => undefined,
): Promise<TabularFile> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new LinkInputError(
      'BAD_INPUT',
      `--input ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`,
    );
  });
  if (!info.isFile()) throw new LinkInputError('BAD_INPUT', `--input ${file} is not a file`);
  // The file's time stands for when its records were observed: the resolver stores it, never compares it.
  const observedAt = info.mtime.toISOString();

  const source = createReadStream(file);
  const parser = parse({
    delimiter: options.delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  });
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);

  let header: string[] | null = null;
  let columns: ReturnType<typeof bindColumns> | null = null;
  const rows: TabularRow[] = [];
  const firstRowOf = new Map<string, number>();
  try {
    for await (const { record: cells, info: where } of parser as AsyncIterable<{
      record: string[];
      info: InfoRecord;
    }>) {
      if (header === null) {
        header = cells.map((name) => name.trim());
        columns = bindColumns(options.map, header, file);
        continue;
      }
      const row = rows.length + 1;
      const tabular = tabularRecord(cells, columns as NonNullable<typeof columns>, row, observedAt);
      if (cells.length !== header.length) {
        tabular.issues.unshift(
          `line ${where.lines} has ${cells.length} fields, the header ${header.length}`,
        );
      }
      const idColumn = options.map.get('id')?.[0];
      if (tabular.id === '') {
        throw new LinkInputError(
          'BAD_INPUT',
          `--map id=${idColumn}: the id is empty on line ${where.lines}; every row needs one (or leave id unmapped to use row numbers)`,
        );
      }
      const first = firstRowOf.get(tabular.id);
      if (first !== undefined) {
        throw new LinkInputError(
          'DUPLICATE_ID',
          `--map id=${idColumn}: id "${tabular.id}" is on rows ${first} and ${row}; ids must be unique`,
        );
      }
      firstRowOf.set(tabular.id, row);
      rows.push(tabular);
      onProgress(parser.info.bytes, info.size);
    }
  } catch (error) {
    source.destroy();
    if (error instanceof CsvError) {
      throw new LinkInputError('BAD_INPUT', `--input ${file}: ${error.message}`);
    }
    throw error;
  }
  if (header === null) {
    throw new LinkInputError('BAD_INPUT', `--input ${file} is empty: it needs a header row`);
  }
  if (rows.length === 0) {
    throw new LinkInputError('BAD_INPUT', `--input ${file} has a header but no rows`);
  }
  return { header, rows, bytes: info.size };
}
