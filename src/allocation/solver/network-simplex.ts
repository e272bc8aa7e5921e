/**
 * Exact minimum-cost flow by the primal network simplex method, after LEMON's
 * NetworkSimplex (Kiraly & Kovacs, "Efficient implementations of minimum-cost flow
 * algorithms", 2012): a strongly feasible spanning tree stored as parent / thread /
 * subtree-size arrays, block-search pivoting, and Cunningham's leaving-arc rule, which
 * rules out cycling. Every supply must be routed (supplies sum to zero); capacities and
 * costs are integers (capacity may be Infinity), so every basic solution is integral
 * and all arithmetic stays exact in doubles while |costs| × nodes < 2^53.
 *
 * Each pivot costs O(block + cycle length + size of the moved subtree); the number of
 * pivots is not polynomially bounded in theory but stays a small multiple of the node
 * count on transportation-like networks such as the allocation's.
 */
export class FlowNetwork {
  private readonly supplies: number[] = [];
  private readonly sources: number[] = [];
  private readonly targets: number[] = [];
  private readonly capacities: number[] = [];
  private readonly costs: number[] = [];
  private flows: Float64Array | null = null;

  get nodeCount(): number {
    return this.supplies.length;
  }

  get arcCount(): number {
    return this.sources.length;
  }

  /** A node; positive supply leaves it, negative supply (demand) arrives at it. */
  addNode(supply = 0): number {
    if (!Number.isSafeInteger(supply)) throw new RangeError(`node supply ${supply}`);
    return this.supplies.push(supply) - 1;
  }

  addSupply(node: number, supply: number): void {
    if (!Number.isSafeInteger(supply)) throw new RangeError(`node supply ${supply}`);
    this.supplies[node] += supply;
  }

  /** Adds an arc and returns its id for {@link flowOn}. */
  addArc(from: number, to: number, capacity: number, cost: number): number {
    if (!(Number.isSafeInteger(capacity) || capacity === Infinity) || capacity < 0) {
      throw new RangeError(`arc capacity ${capacity}`);
    }
    if (!Number.isSafeInteger(cost)) throw new RangeError(`arc cost ${cost}`);
    this.sources.push(from);
    this.targets.push(to);
    this.capacities.push(capacity);
    this.costs.push(cost);
    return this.sources.length - 1;
  }

  /** Flow on an arc after {@link networkSimplex} ran on this network. */
  flowOn(arc: number): number {
    if (!this.flows) throw new Error('no flow computed yet');
    return this.flows[arc];
  }

  /** Hands the model to the solver, which keeps the flows it finds here. */
  model(): Model {
    const flows = new Float64Array(this.sources.length + this.supplies.length);
    this.flows = flows;
    return {
      supplies: this.supplies,
      sources: this.sources,
      targets: this.targets,
      capacities: this.capacities,
      costs: this.costs,
      flows,
    };
  }
}

interface Model {
  supplies: readonly number[];
  sources: readonly number[];
  targets: readonly number[];
  capacities: readonly number[];
  costs: readonly number[];
  /** Real arcs first, then one artificial arc per node. */
  flows: Float64Array;
}

export interface FlowResult {
  cost: number;
  pivots: number;
}

const STATE_UPPER = -1;
const STATE_TREE = 0;
const STATE_LOWER = 1;
const DIR_UP = 1;
const DIR_DOWN = -1;

/** Solves the network in place; throws if the supplies cannot all be routed. */
export function networkSimplex(network: FlowNetwork): FlowResult {
  const model = network.model();
  const n = model.supplies.length;
  const m = model.sources.length;
  const all = m + n;
  const root = n;
  if (model.supplies.reduce((a, b) => a + b, 0) !== 0) throw new RangeError('supplies do not sum to zero');

  const source = new Int32Array(all);
  const target = new Int32Array(all);
  const cap = new Float64Array(all);
  const cost = new Float64Array(all);
  const flow = model.flows;
  const state = new Int8Array(all);
  source.set(model.sources);
  target.set(model.targets);
  cap.set(model.capacities);
  cost.set(model.costs);
  state.fill(STATE_LOWER, 0, m);

  const parent = new Int32Array(n + 1);
  const pred = new Int32Array(n + 1);
  const thread = new Int32Array(n + 1);
  const revThread = new Int32Array(n + 1);
  const succNum = new Int32Array(n + 1);
  const lastSucc = new Int32Array(n + 1);
  const predDir = new Int8Array(n + 1);
  const pi = new Float64Array(n + 1);
  const dirtyRevs: number[] = [];

  // The starting tree: every node hangs from an artificial root by an artificial arc that
  // carries its supply; routing demand through the root costs more than any real path.
  let maxCost = 0;
  for (let e = 0; e < m; e++) maxCost = Math.max(maxCost, Math.abs(cost[e]));
  const artificialCost = (maxCost + 1) * (n + 1);
  if (!Number.isSafeInteger(artificialCost * 4)) throw new RangeError('costs too large to solve exactly');
  parent[root] = -1;
  pred[root] = -1;
  thread[root] = 0;
  revThread[0] = root;
  succNum[root] = n + 1;
  lastSucc[root] = root - 1;
  for (let u = 0, e = m; u < n; u++, e++) {
    parent[u] = root;
    pred[u] = e;
    thread[u] = u + 1;
    revThread[u + 1] = u;
    succNum[u] = 1;
    lastSucc[u] = u;
    cap[e] = Infinity;
    state[e] = STATE_TREE;
    const supply = model.supplies[u];
    if (supply >= 0) {
      predDir[u] = DIR_UP;
      source[e] = u;
      target[e] = root;
      flow[e] = supply;
    } else {
      predDir[u] = DIR_DOWN;
      pi[u] = artificialCost;
      source[e] = root;
      target[e] = u;
      flow[e] = -supply;
      cost[e] = artificialCost;
    }
  }

  const blockSize = Math.max(10, Math.ceil(Math.sqrt(m)));
  let nextArc = 0;
  let inArc = -1;
  let join = -1;
  let uIn = -1;
  let vIn = -1;
  let uOut = -1;
  let delta = 0;

  /** Block search: the most negative reduced cost in the first block that has one. */
  const findEnteringArc = (): boolean => {
    let min = 0;
    let count = blockSize;
    let e = nextArc;
    for (let scanned = 0; scanned < m; scanned++) {
      const c = state[e] * (cost[e] + pi[source[e]] - pi[target[e]]);
      if (c < min) {
        min = c;
        inArc = e;
      }
      e = e + 1 === m ? 0 : e + 1;
      if (--count === 0) {
        if (min < 0) break;
        count = blockSize;
      }
    }
    nextArc = e;
    return min < 0;
  };

  const findJoinNode = (): void => {
    let u = source[inArc];
    let v = target[inArc];
    while (u !== v) {
      if (succNum[u] < succNum[v]) u = parent[u];
      else v = parent[v];
    }
    join = u;
  };

  /** The blocking arc of the cycle, the last one met in the cycle's direction; false if it is inArc. */
  const findLeavingArc = (): boolean => {
    let first: number;
    let second: number;
    if (state[inArc] === STATE_LOWER) {
      first = source[inArc];
      second = target[inArc];
    } else {
      first = target[inArc];
      second = source[inArc];
    }
    delta = cap[inArc];
    let result = 0;
    for (let u = first; u !== join; u = parent[u]) {
      const e = pred[u];
      const d = predDir[u] === DIR_DOWN ? cap[e] - flow[e] : flow[e];
      if (d < delta) {
        delta = d;
        uOut = u;
        result = 1;
      }
    }
    for (let u = second; u !== join; u = parent[u]) {
      const e = pred[u];
      const d = predDir[u] === DIR_UP ? cap[e] - flow[e] : flow[e];
      if (d <= delta) {
        delta = d;
        uOut = u;
        result = 2;
      }
    }
    if (result === 1) {
      uIn = first;
      vIn = second;
    } else {
      uIn = second;
      vIn = first;
    }
    return result !== 0;
  };

  const changeFlow = (change: boolean): void => {
    if (delta > 0) {
      const val = state[inArc] * delta;
      flow[inArc] += val;
      for (let u = source[inArc]; u !== join; u = parent[u]) flow[pred[u]] -= predDir[u] * val;
      for (let u = target[inArc]; u !== join; u = parent[u]) flow[pred[u]] += predDir[u] * val;
    }
    if (change) {
      state[inArc] = STATE_TREE;
      state[pred[uOut]] = flow[pred[uOut]] === 0 ? STATE_LOWER : STATE_UPPER;
    } else {
      state[inArc] = -state[inArc];
    }
  };

  const updateTreeStructure = (): void => {
    const oldRevThread = revThread[uOut];
    const oldSuccNum = succNum[uOut];
    const oldLastSucc = lastSucc[uOut];
    const vOut = parent[uOut];

    if (uIn === uOut) {
      parent[uIn] = vIn;
      pred[uIn] = inArc;
      predDir[uIn] = uIn === source[inArc] ? DIR_UP : DIR_DOWN;
      if (thread[vIn] !== uOut) {
        let after = thread[oldLastSucc];
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
        after = thread[vIn];
        thread[vIn] = uOut;
        revThread[uOut] = vIn;
        thread[oldLastSucc] = after;
        revThread[after] = oldLastSucc;
      }
    } else {
      // When oldRevThread is vIn, join and vOut coincide.
      const threadContinue = oldRevThread === vIn ? thread[oldLastSucc] : thread[vIn];
      // Re-hang the stem (the nodes from uIn up to uOut) in reverse order.
      let stem = uIn;
      let parStem = vIn;
      let last = lastSucc[uIn];
      let after = thread[last];
      thread[vIn] = uIn;
      dirtyRevs.length = 0;
      dirtyRevs.push(vIn);
      while (stem !== uOut) {
        const nextStem = parent[stem];
        thread[last] = nextStem;
        dirtyRevs.push(last);
        const before = revThread[stem];
        thread[before] = after;
        revThread[after] = before;
        parent[stem] = parStem;
        parStem = stem;
        stem = nextStem;
        last = lastSucc[stem] === lastSucc[parStem] ? revThread[parStem] : lastSucc[stem];
        after = thread[last];
      }
      parent[uOut] = parStem;
      thread[last] = threadContinue;
      revThread[threadContinue] = last;
      lastSucc[uOut] = last;
      if (oldRevThread !== vIn) {
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
      }
      for (const u of dirtyRevs) revThread[thread[u]] = u;

      let subtree = 0;
      const newLast = lastSucc[uOut];
      for (let u = uOut, p = parent[u]; u !== uIn; u = p, p = parent[u]) {
        pred[u] = pred[p];
        predDir[u] = -predDir[p];
        subtree += succNum[u] - succNum[p];
        succNum[u] = subtree;
        lastSucc[p] = newLast;
      }
      pred[uIn] = inArc;
      predDir[uIn] = uIn === source[inArc] ? DIR_UP : DIR_DOWN;
      succNum[uIn] = oldSuccNum;
    }

    const upLimitOut = lastSucc[join] === vIn ? join : -1;
    const lastSuccOut = lastSucc[uOut];
    for (let u = vIn; u !== -1 && lastSucc[u] === vIn; u = parent[u]) lastSucc[u] = lastSuccOut;
    if (join !== oldRevThread && vIn !== oldRevThread) {
      for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u])
        lastSucc[u] = oldRevThread;
    } else if (lastSuccOut !== oldLastSucc) {
      for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u])
        lastSucc[u] = lastSuccOut;
    }
    for (let u = vIn; u !== join; u = parent[u]) succNum[u] += oldSuccNum;
    for (let u = vOut; u !== join; u = parent[u]) succNum[u] -= oldSuccNum;
  };

  /** Shifts the potentials of the moved subtree so that the entering arc has reduced cost 0. */
  const updatePotential = (): void => {
    const sigma = pi[vIn] - pi[uIn] - predDir[uIn] * cost[inArc];
    const end = thread[lastSucc[uIn]];
    for (let u = uIn; u !== end; u = thread[u]) pi[u] += sigma;
  };

  let pivots = 0;
  while (findEnteringArc()) {
    findJoinNode();
    const change = findLeavingArc();
    if (delta === Infinity)
      throw new Error('network simplex: unbounded (a negative cycle of infinite capacity)');
    changeFlow(change);
    if (change) {
      updateTreeStructure();
      updatePotential();
    }
    pivots++;
  }
  for (let e = m; e < all; e++) {
    if (flow[e] !== 0) throw new Error('network simplex: the supplies cannot all be routed');
  }
  let total = 0;
  for (let e = 0; e < m; e++) total += flow[e] * cost[e];
  return { cost: total, pivots };
}
