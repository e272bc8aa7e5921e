/**
 * Exact minimum-cost maximum flow on a network with integral capacities and non-negative
 * integral arc costs (primal-dual successive shortest paths).
 *
 * Each phase runs Dijkstra on reduced costs (Johnson potentials keep them non-negative),
 * raises the potentials so that every shortest source–sink path has reduced cost 0, then
 * pushes a blocking flow (Dinic) through the arcs of reduced cost 0. Every unit therefore
 * travels along a shortest augmenting path, which keeps the flow of each value minimum-cost;
 * stopping when the sink is unreachable gives a minimum-cost flow among the maximum flows.
 * Phases ≤ number of distinct shortest-path lengths ≤ flow value; a phase costs
 * O(E log V) for Dijkstra plus O(V·E) at worst for the blocking flow (far less in practice).
 */
export class FlowNetwork {
  private readonly tails: number[] = [];
  private readonly heads: number[] = [];
  private readonly capacities: number[] = [];
  private readonly costs: number[] = [];
  private nodes = 0;
  private residual: Int32Array | null = null;

  get nodeCount(): number {
    return this.nodes;
  }

  /** Number of arcs added (each also has a residual reverse arc). */
  get arcCount(): number {
    return this.heads.length / 2;
  }

  addNode(): number {
    return this.nodes++;
  }

  /** Adds an arc and returns its id for {@link flowOn}. */
  addArc(from: number, to: number, capacity: number, cost: number): number {
    if (!Number.isSafeInteger(capacity) || capacity < 0) throw new RangeError(`arc capacity ${capacity}`);
    if (!Number.isSafeInteger(cost) || cost < 0) throw new RangeError(`arc cost ${cost}`);
    const id = this.heads.length;
    this.tails.push(from, to);
    this.heads.push(to, from);
    this.capacities.push(capacity, 0);
    this.costs.push(cost, -cost);
    return id;
  }

  /** Flow on an arc after {@link minCostMaxFlow} ran on this network. */
  flowOn(arc: number): number {
    if (!this.residual) throw new Error('no flow computed yet');
    return this.residual[arc ^ 1];
  }

  /** Exposes the arrays to the solver below, which owns the residual capacities. */
  freeze(): FrozenNetwork {
    const arcs = this.heads.length;
    const firstOut = new Int32Array(this.nodes + 1);
    for (let a = 0; a < arcs; a++) firstOut[this.tails[a] + 1]++;
    for (let v = 0; v < this.nodes; v++) firstOut[v + 1] += firstOut[v];
    const outArcs = new Int32Array(arcs);
    const fill = firstOut.slice(0, this.nodes);
    for (let a = 0; a < arcs; a++) outArcs[fill[this.tails[a]]++] = a;
    this.residual = Int32Array.from(this.capacities);
    return {
      nodes: this.nodes,
      heads: Int32Array.from(this.heads),
      costs: Float64Array.from(this.costs),
      residual: this.residual,
      firstOut,
      outArcs,
    };
  }
}

interface FrozenNetwork {
  nodes: number;
  heads: Int32Array;
  costs: Float64Array;
  residual: Int32Array;
  /** Arcs leaving node v are outArcs[firstOut[v] .. firstOut[v + 1]). */
  firstOut: Int32Array;
  outArcs: Int32Array;
}

export interface FlowResult {
  flow: number;
  cost: number;
  /** Dijkstra runs that found the sink (each followed by one or more blocking flows). */
  phases: number;
  augmentations: number;
}

export function minCostMaxFlow(network: FlowNetwork, source: number, sink: number): FlowResult {
  const g = network.freeze();
  const { nodes, heads, costs, residual, firstOut, outArcs } = g;
  const potential = new Float64Array(nodes);
  const dist = new Float64Array(nodes);
  const done = new Uint8Array(nodes);
  const heap = new MinHeap(heads.length + nodes);
  const level = new Int32Array(nodes);
  const queue = new Int32Array(nodes);
  const currentArc = new Int32Array(nodes);
  const pathArcs = new Int32Array(nodes);
  let flow = 0;
  let cost = 0;
  let phases = 0;
  let augmentations = 0;

  const reducedCost = (arc: number, from: number): number =>
    costs[arc] + potential[from] - potential[heads[arc]];

  /** Dijkstra on reduced costs, stopped once the sink is settled; false if the sink is unreachable. */
  const shortestPaths = (): boolean => {
    dist.fill(Infinity);
    done.fill(0);
    heap.clear();
    dist[source] = 0;
    heap.push(0, source);
    while (heap.size > 0) {
      const d = heap.topKey();
      const u = heap.pop();
      if (done[u] || d > dist[u]) continue;
      done[u] = 1;
      if (u === sink) break;
      for (let i = firstOut[u]; i < firstOut[u + 1]; i++) {
        const a = outArcs[i];
        if (residual[a] === 0) continue;
        const v = heads[a];
        const nd = d + reducedCost(a, u);
        if (nd < dist[v]) {
          dist[v] = nd;
          heap.push(nd, v);
        }
      }
    }
    if (!done[sink]) return false;
    const dSink = dist[sink];
    // Nodes settled before the sink move by their distance, the rest by the sink's: reduced
    // costs stay non-negative and every shortest path becomes a path of reduced cost 0.
    for (let v = 0; v < nodes; v++) potential[v] += done[v] ? dist[v] : dSink;
    return true;
  };

  /** Breadth-first levels over residual arcs of reduced cost 0; false if the sink is not reached. */
  const admissibleLevels = (): boolean => {
    level.fill(-1);
    level[source] = 0;
    let headOfQueue = 0;
    let tailOfQueue = 0;
    queue[tailOfQueue++] = source;
    while (headOfQueue < tailOfQueue) {
      const u = queue[headOfQueue++];
      for (let i = firstOut[u]; i < firstOut[u + 1]; i++) {
        const a = outArcs[i];
        const v = heads[a];
        if (residual[a] > 0 && level[v] < 0 && reducedCost(a, u) === 0) {
          level[v] = level[u] + 1;
          queue[tailOfQueue++] = v;
        }
      }
    }
    return level[sink] >= 0;
  };

  /** Dinic's blocking flow on the level graph, iterative so long paths cannot overflow the stack. */
  const blockingFlow = (): void => {
    for (let v = 0; v < nodes; v++) currentArc[v] = firstOut[v];
    let depth = 0;
    let u = source;
    for (;;) {
      if (u === sink) {
        let push = Infinity;
        for (let k = 0; k < depth; k++) push = Math.min(push, residual[pathArcs[k]]);
        for (let k = 0; k < depth; k++) {
          residual[pathArcs[k]] -= push;
          residual[pathArcs[k] ^ 1] += push;
          cost += push * costs[pathArcs[k]];
        }
        flow += push;
        augmentations++;
        depth = 0;
        u = source;
        continue;
      }
      let advanced = false;
      for (; currentArc[u] < firstOut[u + 1]; currentArc[u]++) {
        const a = outArcs[currentArc[u]];
        const v = heads[a];
        if (residual[a] > 0 && level[v] === level[u] + 1 && reducedCost(a, u) === 0) {
          pathArcs[depth++] = a;
          u = v;
          advanced = true;
          break;
        }
      }
      if (advanced) continue;
      if (u === source) return;
      // Dead end: never enter u again in this blocking flow, step back one arc.
      level[u] = -1;
      const back = pathArcs[--depth];
      u = heads[back ^ 1];
      currentArc[u]++;
    }
  };

  while (shortestPaths()) {
    phases++;
    while (admissibleLevels()) blockingFlow();
  }
  return { flow, cost, phases, augmentations };
}

/** Binary min-heap of (key, node) pairs in typed arrays; stale entries are skipped by the caller. */
class MinHeap {
  private readonly keys: Float64Array;
  private readonly values: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  topKey(): number {
    return this.keys[0];
  }

  push(key: number, value: number): void {
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.keys[i] = this.keys[parent];
      this.values[i] = this.values[parent];
      i = parent;
    }
    this.keys[i] = key;
    this.values[i] = value;
  }

  pop(): number {
    const top = this.values[0];
    const key = this.keys[--this.size];
    const value = this.values[this.size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1] < this.keys[child]) child++;
      if (this.keys[child] >= key) break;
      this.keys[i] = this.keys[child];
      this.values[i] = this.values[child];
      i = child;
    }
    this.keys[i] = key;
    this.values[i] = value;
    return top;
  }
}
