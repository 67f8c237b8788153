// Spreadsheets written by LibreOffice Calc (Debian's libreoffice-calc, installed by scripts/setup.sh)
// at test time: the test describes a workbook as a flat ODS document (.fods, plain XML in which
// every cell's type is explicit: text, number, date with a number format, merged ranges, hidden
// rows, several sheets) and Calc converts it headless to XLSX or to CSV in a Chinese code page,
// writing the bytes a clerk's Calc would write. Nothing is mocked: if LibreOffice is missing the
// tests fail, they never skip.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

// Calc's CSV filter options: field separator 44 (,), text delimiter 34 ("), character set 61
// (Windows-936, i.e. GBK: what Calc offers as "Chinese Simplified (Windows-936)").
export const CSV_GBK = 'csv:Text - txt - csv (StarCalc):44,34,61';
export const XLSX = 'xlsx';

// The office binary, or an error that says how to get it.
export function soffice() {
  for (const name of ['libreoffice', 'soffice']) {
    try {
      execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
      return name;
    } catch { /* try the next */ }
  }
  throw new Error('LibreOffice is not installed: run scripts/setup.sh (Debian package libreoffice-calc)');
}

// Converts every file in `inputs` with one start of LibreOffice (each start costs seconds) and
// returns the output paths in the same order. A private profile directory keeps parallel test
// runs from sharing, and locking, one user installation.
export function convert(inputs, target, outdir) {
  const profile = mkdtempSync(join(tmpdir(), 'zx-lo-profile-'));
  mkdirSync(outdir, { recursive: true });
  const ext = target.split(':')[0];
  try {
    execFileSync(soffice(), [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore',
                             '--convert-to', target, '--outdir', outdir, ...inputs],
                 { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return inputs.map((f) => {
    const out = join(outdir, basename(f).replace(/\.[^.]+$/, '') + '.' + ext);
    try {
      readFileSync(out);
    } catch {
      throw new Error(`LibreOffice did not write ${out} from ${f}`);
    }
    return out;
  });
}

// ---- Flat ODS ----
// A cell is one of:
//   null / undefined            empty
//   'text'                      a text cell
//   { n: 8500.5 }               a number cell (General format)
//   { date: '1990-03-07', format: 'iso' | 'cn' | 'slash' }   a date cell shown in that format
//   { text: '…', across: 3, down: 2 }  a merged range starting here (text, n or date also allowed)
//   COVERED                     a cell under a merged range (must be given where ODF wants one)
// A sheet is { name, rows: [[cell, …], …], hidden: [1-based row numbers] }.
export const COVERED = Symbol('covered');

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const DATE_STYLES = {
  // 1990-03-07
  iso: '<number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/>' +
       '<number:text>-</number:text><number:day number:style="long"/>',
  // 1990年3月7日, the usual Chinese long date
  cn: '<number:year number:style="long"/><number:text>年</number:text><number:month/><number:text>月</number:text>' +
      '<number:day/><number:text>日</number:text>',
  // 1990/3/7, the zh-CN locale's short date
  slash: '<number:year number:style="long"/><number:text>/</number:text><number:month/><number:text>/</number:text><number:day/>',
};

function cellXml(cell) {
  if (cell === COVERED) return '<table:covered-table-cell/>';
  if (cell === null || cell === undefined) return '<table:table-cell/>';
  const c = typeof cell === 'string' ? { text: cell } : cell;
  let attrs = '';
  if (c.across) attrs += ` table:number-columns-spanned="${c.across}"`;
  if (c.down) attrs += ` table:number-rows-spanned="${c.down}"`;
  if (c.across || c.down) {
    attrs += c.across ? '' : ' table:number-columns-spanned="1"';
    attrs += c.down ? '' : ' table:number-rows-spanned="1"';
  }
  if (c.date !== undefined) {
    return `<table:table-cell${attrs} table:style-name="date_${c.format ?? 'iso'}" office:value-type="date" ` +
           `office:date-value="${esc(c.date)}"><text:p>${esc(c.date)}</text:p></table:table-cell>`;
  }
  if (c.n !== undefined) {
    return `<table:table-cell${attrs} office:value-type="float" office:value="${c.n}"><text:p>${c.n}</text:p></table:table-cell>`;
  }
  return `<table:table-cell${attrs} office:value-type="string"><text:p>${esc(c.text)}</text:p></table:table-cell>`;
}

export function fods(sheets) {
  const styles = Object.entries(DATE_STYLES).map(([name, parts]) =>
    `<number:date-style style:name="N_${name}">${parts}</number:date-style>` +
    `<style:style style:name="date_${name}" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N_${name}"/>`).join('');
  const tables = sheets.map((s) => {
    const hidden = new Set(s.hidden ?? []);
    const width = Math.max(1, ...s.rows.map((r) => r.length));
    const rows = s.rows.map((r, i) =>
      `<table:table-row${hidden.has(i + 1) ? ' table:visibility="collapse"' : ''}>` +
      (r.length ? r.map(cellXml).join('') : '<table:table-cell/>') + '</table:table-row>').join('\n');
    return `<table:table table:name="${esc(s.name)}"><table:table-column table:number-columns-repeated="${width}"/>\n${rows}\n</table:table>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
  xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
  office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>${styles}</office:automatic-styles>
<office:body><office:spreadsheet>
${tables}
</office:spreadsheet></office:body></office:document>
`;
}

// Writes each named workbook as .fods into `dir` and converts them all to `target` in one start.
// Returns { name: Buffer } of the converted files.
export function calcWrites(dir, workbooks, target) {
  const src = join(dir, 'src-' + target.split(':')[0]);
  mkdirSync(src, { recursive: true });
  const names = Object.keys(workbooks);
  const inputs = names.map((n) => {
    const path = join(src, n + '.fods');
    writeFileSync(path, fods(workbooks[n]));
    return path;
  });
  const outs = convert(inputs, target, join(dir, 'out-' + target.split(':')[0]));
  return Object.fromEntries(names.map((n, i) => [n, readFileSync(outs[i])]));
}

// Opens each XLSX in `files` ({ name: bytes }) in Calc and saves it again as XLSX, as a clerk who
// edits and saves would; one start for all of them. Returns { name: Buffer }.
export function resaveXlsx(dir, files) {
  const src = join(dir, 'resave-in');
  mkdirSync(src, { recursive: true });
  const names = Object.keys(files);
  const inputs = names.map((n) => {
    const path = join(src, n + '.xlsx');
    writeFileSync(path, files[n]);
    return path;
  });
  const outs = convert(inputs, XLSX, join(dir, 'resave-out'));
  return Object.fromEntries(names.map((n, i) => [n, readFileSync(outs[i])]));
}
