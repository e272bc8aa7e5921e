import { haversineKm } from './distance';

const kobenhavn = { latitude: 55.67584, longitude: 12.55338 };
const aalborg = { latitude: 57.048, longitude: 9.919 };

describe(haversineKm.name, () => {
  it('measures København–Aalborg as about 223 km great-circle (by road it is about 410 km)', () => {
    expect(haversineKm(kobenhavn, aalborg)).toBeCloseTo(222.7, 1);
  });

  it('is zero from a point to itself and symmetric', () => {
    expect(haversineKm(kobenhavn, kobenhavn)).toBe(0);
    expect(haversineKm(kobenhavn, aalborg)).toBeCloseTo(haversineKm(aalborg, kobenhavn), 9);
  });

  it('gives 111.2 km for one degree of latitude along a meridian', () => {
    expect(haversineKm({ latitude: 55, longitude: 10 }, { latitude: 56, longitude: 10 })).toBeCloseTo(
      111.19,
      1,
    );
  });

  it('gives half the circumference between antipodes', () => {
    expect(haversineKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(
      Math.PI * 6371.0088,
      6,
    );
  });
});
