import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import { formatProblem, InvalidInputError } from '../../shared/errors.ts';
import { type CatalogJson, catalogProblems, problemsOf, sampleCatalog } from './catalog-fixtures.ts';

function brokenBy(change: (catalog: CatalogJson) => void) {
  const catalog = sampleCatalog();
  change(catalog);
  return problemsOf(catalog).map(({ location, message }) => ({ location, message }));
}

describe('a valid catalog', () => {
  it('parses, with the documented defaults', () => {
    const catalog = parseCatalog(JSON.stringify(sampleCatalog()), 'test.json');
    expect(catalog.programme.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(catalog.overrides).toEqual([]);
    const programme = buildProgramme(catalog);
    expect(programme.timezone).toBe('Asia/Ho_Chi_Minh');
    // The rank indicator sets no tolerance: default 0. Without its staleAfterDays: default 45.
    expect(programme.planOf('42', 'digital-gov-rank')?.tolerance).toBe(0);
    const withoutStale = sampleCatalog();
    delete withoutStale.indicators[0].staleAfterDays;
    expect(
      buildProgramme(parseCatalog(JSON.stringify(withoutStale), 't.json')).planOf('42', 'dossiers-online'),
    ).toMatchObject({ staleAfterDays: 45, tolerance: 5 });
  });

  it('creates one series per unit whose level the indicator targets', () => {
    const programme = buildProgramme(parseCatalog(JSON.stringify(sampleCatalog()), 'test.json'));
    expect(programme.series.map((plan) => `${plan.unit}/${plan.indicator}`)).toEqual([
      '18073/dossiers-online',
      '18100/dossiers-online',
      '42/digital-gov-rank',
      '42/dossiers-online',
    ]);
    expect(programme.planOf('18100', 'digital-gov-rank')).toBeUndefined();
  });

  it('accepts a UTF-8 BOM and bytes as input', () => {
    const bytes = new TextEncoder().encode(`\uFEFF${JSON.stringify(sampleCatalog())}`);
    expect(parseCatalog(bytes, 'bom.json').programme.id).toBe('test-programme');
  });

  it('accepts ids with letters, digits, "-", "_" and "."', () => {
    expect(brokenBy((catalog) => (catalog.units[2].id = 'Xa_01.b-2'))).toEqual([]);
  });

  it('accepts a baseline with a date only, and no baseline at all', () => {
    expect(
      brokenBy((catalog) => {
        catalog.indicators[0].targets[0].baseline = { date: '2025-01-01' };
        delete catalog.indicators[0].targets[1].baseline;
      }),
    ).toEqual([]);
  });
});

describe('each catalog rule is rejected with the JSON path and a precise message', () => {
  it('duplicate unit id', () => {
    expect(
      brokenBy((catalog) => catalog.units.push({ id: '18100', name: 'again', level: 'commune' })),
    ).toEqual([{ location: 'units[3].id', message: 'duplicate unit id "18100" (first used at units[2])' }]);
  });

  it('duplicate indicator id', () => {
    expect(brokenBy((catalog) => catalog.indicators.push({ ...catalog.indicators[1] }))).toEqual([
      {
        location: 'indicators[2].id',
        message: 'duplicate indicator id "digital-gov-rank" (first used at indicators[1])',
      },
    ]);
  });

  it.each([
    ['a space', 'xã 1'],
    ['empty', ''],
    ['a slash', '42/1'],
  ])('bad id characters (%s)', (_label, id) => {
    expect(brokenBy((catalog) => (catalog.units[2].id = id))).toEqual([
      { location: 'units[2].id', message: 'must be a non-empty id of letters, digits, "-", "_" or "."' },
    ]);
  });

  it('parent that does not exist', () => {
    expect(brokenBy((catalog) => (catalog.units[2].parent = '99'))).toEqual([
      { location: 'units[2].parent', message: 'unknown unit "99"' },
    ]);
  });

  it('self parent', () => {
    expect(brokenBy((catalog) => (catalog.units[0].parent = '42'))).toEqual([
      { location: 'units[0].parent', message: 'unit "42" cannot be its own parent' },
    ]);
  });

  it('cycle of length 2, reported once', () => {
    expect(brokenBy((catalog) => (catalog.units[0].parent = '18100'))).toEqual([
      { location: 'units[0].parent', message: 'parent cycle: 42 → 18100 → 42' },
    ]);
  });

  it('cycle of length 3, reported once', () => {
    expect(
      brokenBy((catalog) => {
        catalog.units[0].parent = '18073';
        catalog.units[1].parent = '18100';
      }),
    ).toEqual([{ location: 'units[0].parent', message: 'parent cycle: 42 → 18073 → 18100 → 42' }]);
  });

  it('indicator owner that is not a unit of the catalog', () => {
    expect(brokenBy((catalog) => (catalog.indicators[0].owner = 'so-ma'))).toEqual([
      { location: 'indicators[0].owner', message: 'unknown unit "so-ma"' },
    ]);
  });

  it('short names and SMS sender IDs out of bounds', () => {
    expect(
      brokenBy((catalog) => {
        catalog.indicators[0].shortName = 'x'.repeat(41);
        catalog.programme.alerts = { smsSenderId: 'Ha Tinh CDS!' };
      }),
    ).toEqual([
      {
        location: 'programme.alerts.smsSenderId',
        message: 'must be 1–11 letters and digits, with at least one letter',
      },
      { location: 'indicators[0].shortName', message: 'must be at most 40 characters' },
    ]);
  });

  it('override of a unit that does not exist', () => {
    expect(
      brokenBy(
        (catalog) => (catalog.overrides = [{ unit: 'nope', indicator: 'dossiers-online', tolerance: 1 }]),
      ),
    ).toEqual([{ location: 'overrides[0].unit', message: 'unknown unit "nope"' }]);
  });

  it('override of an indicator that does not exist', () => {
    expect(
      brokenBy((catalog) => (catalog.overrides = [{ unit: '42', indicator: 'nope', tolerance: 1 }])),
    ).toEqual([{ location: 'overrides[0].indicator', message: 'unknown indicator "nope"' }]);
  });

  it('override of a series that does not exist (no target for the unit level)', () => {
    expect(
      brokenBy(
        (catalog) => (catalog.overrides = [{ unit: '18100', indicator: 'digital-gov-rank', tolerance: 1 }]),
      ),
    ).toEqual([
      {
        location: 'overrides[0]',
        message:
          'no series for unit "18100" and indicator "digital-gov-rank": the indicator has no target for level "commune"',
      },
    ]);
  });

  it.each(['0900000001', '+84 900 000 001', '84900000001', '+0900000001', '+8490'])(
    'bad E.164 phone %s',
    (phone) => {
      expect(brokenBy((catalog) => (catalog.units[0].head.phone = phone))).toEqual([
        { location: 'units[0].head.phone', message: 'must be an E.164 phone number such as +84901234567' },
      ]);
    },
  );

  it.each([
    'chutich@example',
    'chu tich@example.com',
    'chutich.example.com',
    '@example.com',
    'a@b@example.com',
  ])('bad e-mail %s', (email) => {
    expect(brokenBy((catalog) => (catalog.units[0].head.email = email))).toEqual([
      { location: 'units[0].head.email', message: 'must be a valid e-mail address' },
    ]);
  });

  it.each(['2025-02-30', '2025-13-01', '2025-2-3', '31/12/2025', '2023-02-29'])(
    'impossible date %s',
    (date) => {
      expect(brokenBy((catalog) => (catalog.indicators[0].targets[0].milestones[0].date = date))).toEqual([
        {
          location: 'indicators[0].targets[0].milestones[0].date',
          message: 'must be a real calendar date YYYY-MM-DD',
        },
      ]);
    },
  );

  it('accepts 2024-02-29 (a leap day)', () => {
    expect(brokenBy((catalog) => (catalog.units[1].validFrom = '2024-02-29'))).toEqual([]);
  });

  it('impossible validFrom date', () => {
    expect(brokenBy((catalog) => (catalog.units[1].validFrom = '2025-02-30'))).toEqual([
      { location: 'units[1].validFrom', message: 'must be a real calendar date YYYY-MM-DD' },
    ]);
  });

  it('milestones with the same date (not strictly increasing)', () => {
    expect(
      brokenBy((catalog) => (catalog.indicators[0].targets[0].milestones[1].date = '2025-01-31')),
    ).toEqual([
      {
        location: 'indicators[0].targets[0].milestones[1].date',
        message: 'must be after the previous milestone (2025-01-31): dates strictly increase',
      },
    ]);
  });

  it('milestones in decreasing order, in an override too', () => {
    expect(
      brokenBy(
        (catalog) =>
          (catalog.overrides = [
            {
              unit: '42',
              indicator: 'dossiers-online',
              milestones: [
                { date: '2026-01-01', value: 60 },
                { date: '2025-12-31', value: 70 },
              ],
            },
          ]),
      ),
    ).toEqual([
      {
        location: 'overrides[0].milestones[1].date',
        message: 'must be after the previous milestone (2026-01-01): dates strictly increase',
      },
    ]);
  });

  it('no milestone', () => {
    expect(brokenBy((catalog) => (catalog.indicators[0].targets[0].milestones = []))).toEqual([
      { location: 'indicators[0].targets[0].milestones', message: 'needs at least one milestone' },
    ]);
  });

  it('min equal to max', () => {
    expect(brokenBy((catalog) => (catalog.indicators[0].min = 100))).toEqual([
      { location: 'indicators[0].max', message: 'max (100) must be greater than min (100)' },
    ]);
  });

  it('min greater than max on a target', () => {
    expect(
      brokenBy((catalog) => {
        catalog.indicators[0].targets[1].min = 50;
        catalog.indicators[0].targets[1].max = 10;
      }),
    ).toEqual([
      { location: 'indicators[0].targets[1].max', message: 'max (10) must be greater than min (50)' },
    ]);
  });

  it('milestone value outside [min, max]', () => {
    expect(brokenBy((catalog) => (catalog.indicators[0].targets[0].milestones[1].value = 120))).toEqual([
      { location: 'indicators[0].targets[0].milestones[1].value', message: '120 is outside [0, 100]' },
    ]);
  });

  it('negative tolerance', () => {
    expect(brokenBy((catalog) => (catalog.indicators[0].tolerance = -1))).toEqual([
      { location: 'indicators[0].tolerance', message: 'must be ≥ 0' },
    ]);
  });

  it('non-integer staleAfterDays', () => {
    expect(brokenBy((catalog) => (catalog.indicators[0].staleAfterDays = 4.5))).toEqual([
      { location: 'indicators[0].staleAfterDays', message: 'must be a whole number of days' },
    ]);
  });

  it('zero staleAfterDays on an override', () => {
    expect(
      brokenBy(
        (catalog) => (catalog.overrides = [{ unit: '42', indicator: 'dossiers-online', staleAfterDays: 0 }]),
      ),
    ).toEqual([{ location: 'overrides[0].staleAfterDays', message: 'must be > 0' }]);
  });

  it('unknown direction', () => {
    expect(brokenBy((catalog) => (catalog.indicators[0].direction = 'up'))).toEqual([
      { location: 'indicators[0].direction', message: 'must be "increase" or "decrease"' },
    ]);
  });

  it('a missing field is "required", a field of the wrong type is not', () => {
    expect(brokenBy((catalog) => delete catalog.units[0].name)).toEqual([
      { location: 'units[0].name', message: 'is required' },
    ]);
    const wrongType = brokenBy((catalog) => (catalog.indicators[0].tolerance = '5'));
    expect(wrongType).toEqual([{ location: 'indicators[0].tolerance', message: 'must be a number' }]);
  });

  it('unknown time zone', () => {
    expect(brokenBy((catalog) => (catalog.programme.timezone = 'Mars/Olympus'))).toEqual([
      { location: 'programme.timezone', message: 'must be an IANA time zone such as Asia/Ho_Chi_Minh' },
    ]);
  });

  it('validTo before validFrom', () => {
    expect(brokenBy((catalog) => (catalog.units[1].validTo = '2025-06-30'))).toEqual([
      { location: 'units[1].validTo', message: '2025-06-30 is before validFrom 2025-07-01' },
    ]);
  });
});

describe('invalid JSON', () => {
  it('names the line and column', () => {
    const text = '{\n  "programme": {\n    "id": "x",\n  }\n}';
    expect(catalogProblems(text, 'c.json')).toEqual([
      { file: 'c.json', message: expect.stringMatching(/^invalid JSON at line 4, column 3: /) },
    ]);
  });

  it('names the line and column of a truncated file (its end)', () => {
    expect(catalogProblems('{\n  "programme": ', 'c.json')).toEqual([
      { file: 'c.json', message: 'invalid JSON at line 2, column 16: Unexpected end of JSON input' },
    ]);
  });

  it('rejects invalid UTF-8 bytes', () => {
    const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    expect(() => parseCatalog(bytes, 'c.json')).toThrow(InvalidInputError);
    try {
      parseCatalog(bytes, 'c.json');
    } catch (error) {
      expect((error as InvalidInputError).problems).toEqual([
        { file: 'c.json', message: 'is not valid UTF-8 text' },
      ]);
    }
  });
});

describe('all problems at once', () => {
  it('reports schema and cross-reference problems together, each with file and path', () => {
    const catalog = sampleCatalog();
    catalog.units[0].head.phone = '0900';
    catalog.units[2].parent = '99';
    catalog.units.push({ id: '42', name: 'again', level: 'province' });
    catalog.indicators[0].tolerance = -2;
    catalog.indicators[1].direction = 'down';
    catalog.overrides = [{ unit: 'ghost', indicator: 'dossiers-online' }];
    const problems = problemsOf(catalog);
    expect(problems.map(formatProblem).sort()).toEqual(
      [
        'broken.json: units[0].head.phone: must be an E.164 phone number such as +84901234567',
        'broken.json: units[2].parent: unknown unit "99"',
        'broken.json: units[3].id: duplicate unit id "42" (first used at units[0])',
        'broken.json: indicators[0].tolerance: must be ≥ 0',
        'broken.json: indicators[1].direction: must be "increase" or "decrease"',
        'broken.json: overrides[0].unit: unknown unit "ghost"',
      ].sort(),
    );
  });

  it('the error message lists one problem per line', () => {
    const catalog = sampleCatalog();
    catalog.units[0].head.email = 'x';
    catalog.units[2].parent = '99';
    try {
      parseCatalog(JSON.stringify(catalog), 'c.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message.split('\n')).toHaveLength(2);
    }
  });
});
