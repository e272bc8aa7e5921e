import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { SEEDS_DIR } from '../paths';
import { Municipality } from './municipality.entity';
import { Party } from './party.entity';
import { Region } from './region.entity';

export interface ReferenceData {
  regions: Region[];
  municipalities: Municipality[];
  parties: Party[];
}

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(join(SEEDS_DIR, 'reference', file), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  });
}

/** Reads the reference data shipped under seeds/reference and checks that it hangs together. */
export function loadReferenceData(): ReferenceData {
  const regions = readCsv('regions.csv').map((r) =>
    Object.assign(new Region(), {
      code: Number(r.code),
      name: r.name,
      shortName: r.name.replace(/^Region /, ''),
    }),
  );
  const regionByShortName = new Map(regions.map((r) => [r.shortName, r]));
  const municipalities = readCsv('municipalities.csv').map((m) => {
    const region = regionByShortName.get(m.region);
    if (!region) throw new Error(`seeds: municipality ${m.code} names unknown region "${m.region}"`);
    return Object.assign(new Municipality(), {
      code: Number(m.code),
      name: m.name,
      regionCode: region.code,
      latitude: Number(m.lat),
      longitude: Number(m.lon),
    });
  });
  const parties = readCsv('parties.csv').map((p) =>
    Object.assign(new Party(), { letter: p.letter, name: p.name }),
  );
  return { regions, municipalities, parties };
}
