import { Areas, ReferenceService } from '../../reference/reference.service';
import { PreparedOptions } from '../shell/select-options';
import { Area } from './participation-view';

interface AreaOptions {
  municipalities: PreparedOptions<number>;
  regions: PreparedOptions<number>;
}

/** Kept beside the reference service's held areas, so made again when the seeder has written new ones. */
const prepared = new WeakMap<Areas, AreaOptions>();

/** The municipality and region selects' options, prepared once for the held areas. */
async function areaOptions(reference: ReferenceService): Promise<AreaOptions> {
  const areas = await reference.areas();
  let options = prepared.get(areas);
  if (!options) {
    options = {
      municipalities: new PreparedOptions(
        areas.municipalities.map((m) => ({ value: m.code, label: m.name })),
      ),
      regions: new PreparedOptions(areas.regions.map((r) => ({ value: r.code, label: r.name }))),
    };
    prepared.set(areas, options);
  }
  return options;
}

/** The municipality and region selects' <option>s, the area's own selected. */
export async function areaChoices(reference: ReferenceService, area: Area) {
  const { municipalities, regions } = await areaOptions(reference);
  return { municipalities: municipalities.markup(area.kommune), regions: regions.markup(area.region) };
}
