import { describe, expect, it } from 'vitest';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import { buildDigest } from '../../shared/digest/build-digest.ts';
import { csvCell, renderLeagueCsv } from '../../shared/digest/render-csv.ts';
import { renderDigestHtml } from '../../shared/digest/render-html.ts';
import { renderDigestText } from '../../shared/digest/render-text.ts';
import { acknowledgements, SOURCE_RUNS, scenarioCatalog, scenarioInput } from './digest-scenario.ts';

const HOSTILE_NAME = `<script>alert("x")</script> "Xã" =cmd|' /C calc'!A0`;
const FORMULA_NAME = `=cmd|' /C calc'!A0`;
const HOSTILE_NOTE = `=cmd|' /C calc'!A0 <img src=x onerror=alert(1)> "quoted"\n== FAKE SECTION ==\u202eevil`;

function hostileDigest() {
  const catalog = scenarioCatalog({ c1: HOSTILE_NAME, c2: FORMULA_NAME });
  const online = catalog.indicators[0];
  if (online) online.name = `<b>Hồ sơ</b> "trực tuyến" & '=SUM(A1)'`;
  const programme = buildProgramme(catalog);
  return buildDigest(
    scenarioInput(programme, {
      acknowledgements: acknowledgements(HOSTILE_NOTE).map((ack) => ({
        ...ack,
        unit: ack.unit === 'C2' ? 'C1' : ack.unit,
        by: HOSTILE_NAME,
      })),
      sourceRuns: SOURCE_RUNS.map((run) => (run.error ? { ...run, error: `<script>steal()</script>` } : run)),
    }),
  );
}

describe('values from data come out inert', () => {
  const digest = hostileDigest();

  it('HTML: escaped everywhere, no markup from data', () => {
    for (const language of ['vi', 'en'] as const) {
      const html = renderDigestHtml(digest, { language });
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).not.toContain('<b>Hồ sơ');
      expect(html).toContain(
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &quot;Xã&quot; =cmd|&#39; /C calc&#39;!A0',
      );
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).toContain('=cmd|&#39; /C calc&#39;!A0');
      expect(html).toContain('&lt;b&gt;Hồ sơ&lt;/b&gt; &quot;trực tuyến&quot; &amp; &#39;=SUM(A1)&#39;');
      // Every attribute value is quoted and none contains a raw quote from data.
      const attributes = html.match(/\s[a-z-]+="[^"]*"/g) ?? [];
      for (const attribute of attributes) expect(attribute).not.toMatch(/onerror|javascript:/i);
      // Nothing may load or run even if escaping failed somewhere.
      expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    }
  });

  it('text: names kept as plain text, notes cannot break lines or reorder text', () => {
    const text = renderDigestText(digest, { language: 'vi' });
    expect(text).toContain(HOSTILE_NAME);
    expect(text).toContain(FORMULA_NAME);
    const noteLine = text.split('\n').find((line) => line.includes('=cmd|') && line.includes('FAKE'));
    expect(noteLine).toBeDefined();
    expect(noteLine).toContain('"quoted" == FAKE SECTION == evil');
    expect(text).not.toMatch(/^== FAKE/m);
    expect(text).not.toContain('\u202e');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting control characters are absent
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('CSV: formula-looking cells are neutralised, numbers stay numbers', () => {
    const csv = renderLeagueCsv(digest, 'en');
    const c1Line = csv.split('\r\n').find((line) => line.includes(',C1,'));
    expect(c1Line).toBeDefined();
    expect(c1Line).toContain(`,"<script>alert(""x"")</script> ""Xã"" =cmd|' /C calc'!A0",`);
    expect(c1Line?.startsWith('Communes and wards,1,C1,')).toBe(true);
    expect(c1Line).toMatch(/,1,0\.5,0\.5,2,/);
    const c2Line = csv.split('\r\n').find((line) => line.includes(',C2,'));
    expect(c2Line).toContain(`,C2,'=cmd|' /C calc'!A0,0.5,1,-0.5,`);
    expect(csv).not.toMatch(/(^|,)"?[=+@]/m);
  });

  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\r=x', `"'\r=x"`],
    ['  =x', "'  =x"],
    ['Xã, "Một"', '"Xã, ""Một"""'],
    ['plain', 'plain'],
  ])('csvCell(%j) → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('csvCell leaves numbers as numbers, negative ones included', () => {
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell(3)).toBe('3');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });
});
