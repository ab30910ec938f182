import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Programme } from '../../shared/catalog/programme.ts';
import type { SampleDataset } from '../../shared/sample/sample-programme-data.ts';

/**
 * A loopback HTTP server playing the province's reporting systems for the local cycle: the
 * province and its departments publish JSON, the districts and communes a `;`-separated CSV with
 * decimal commas, as a Vietnamese spreadsheet export would. SAMPLE DATA.
 */
export interface SampleSource {
  readonly baseUrl: string;
  readonly paths: { readonly json: string; readonly csv: string };
  close(): Promise<void>;
}

export async function startSampleSource(programme: Programme, dataset: SampleDataset): Promise<SampleSource> {
  const agencyLevels = new Set(['province', 'department']);
  const isAgency = (unit: string) => agencyLevels.has(programme.units.get(unit)?.level ?? '');
  const agencyRows = dataset.observations.filter((row) => isAgency(row.unit));
  const localRows = dataset.observations.filter((row) => !isAgency(row.unit));

  const json = JSON.stringify({ snapshots: agencyRows });
  const csvLines = ['unit;indicator;date;value;note'];
  for (const row of localRows) {
    csvLines.push(
      `${row.unit};${row.indicator};${row.date};${String(row.value).replace('.', ',')};sample data`,
    );
  }
  for (const row of dataset.badRows) {
    csvLines.push(
      `${row.unit};${row.indicator};${row.date};${row.value.replace('.', ',')};sample data (bad on purpose)`,
    );
  }
  const csv = `${csvLines.join('\r\n')}\r\n`;

  const server: Server = createServer((request, response) => {
    if (request.url === '/api/agencies/snapshots.json') {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(json);
    } else if (request.url === '/exports/communes.csv') {
      response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end(csv);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    paths: { json: '/api/agencies/snapshots.json', csv: '/exports/communes.csv' },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
