import { haversineKm } from './distance';

describe('haversineKm', () => {
  const copenhagen = { latitude: 55.6761, longitude: 12.5683 };
  const aarhus = { latitude: 56.1629, longitude: 10.2039 };
  const skagen = { latitude: 57.7209, longitude: 10.5839 };

  it('is zero from a point to itself', () => {
    expect(haversineKm(copenhagen, copenhagen)).toBe(0);
  });

  it('gives the known distance København–Aarhus (about 156 km as the crow flies)', () => {
    expect(haversineKm(copenhagen, aarhus)).toBeCloseTo(156, -1);
  });

  it('is symmetric', () => {
    expect(haversineKm(aarhus, skagen)).toBeCloseTo(haversineKm(skagen, aarhus), 9);
  });

  it('puts Aarhus nearer to Skagen than København is', () => {
    expect(haversineKm(aarhus, skagen)).toBeLessThan(haversineKm(copenhagen, skagen));
  });
});
