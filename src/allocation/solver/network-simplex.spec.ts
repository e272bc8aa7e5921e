import { FlowNetwork, networkSimplex } from './network-simplex';

/** Two depots (20 and 30 units) supplying three shops (10, 25, 15 units). */
function transportation(costs: number[][]) {
  const network = new FlowNetwork();
  const depots = [20, 30].map((supply) => network.addNode(supply));
  const shops = [10, 25, 15].map((demand) => network.addNode(-demand));
  const arcs = depots.map((d, i) => shops.map((s, j) => network.addArc(d, s, Infinity, costs[i][j])));
  return { network, arcs };
}

describe(networkSimplex.name, () => {
  it('solves a small transportation problem to its known optimum (465: A ships all 20 to the second shop at 6)', () => {
    const { network, arcs } = transportation([
      [8, 6, 10],
      [9, 12, 13],
    ]);
    expect(networkSimplex(network).cost).toBe(465);
    expect(arcs.map((row) => row.map((a) => network.flowOn(a)))).toEqual([
      [0, 20, 0],
      [10, 5, 15],
    ]);
  });

  it('respects arc capacities and uses negative costs', () => {
    const network = new FlowNetwork();
    const s = network.addNode(3);
    const t = network.addNode(-3);
    const cheap = network.addArc(s, t, 2, -5);
    const dear = network.addArc(s, t, 10, 7);
    expect(networkSimplex(network).cost).toBe(2 * -5 + 7);
    expect([network.flowOn(cheap), network.flowOn(dear)]).toEqual([2, 1]);
  });

  it('refuses supplies that cannot all be routed', () => {
    const network = new FlowNetwork();
    const s = network.addNode(3);
    const t = network.addNode(-3);
    network.addArc(s, t, 2, 1);
    expect(() => networkSimplex(network)).toThrow(/cannot all be routed/);
    const unbalanced = new FlowNetwork();
    unbalanced.addNode(1);
    expect(() => networkSimplex(unbalanced)).toThrow(/sum to zero/);
  });

  it('refuses a negative cycle of unlimited capacity', () => {
    const network = new FlowNetwork();
    const a = network.addNode();
    const b = network.addNode();
    network.addArc(a, b, Infinity, -1);
    network.addArc(b, a, Infinity, -1);
    expect(() => networkSimplex(network)).toThrow(/unbounded/);
  });
});
