/**
 * The anonymous peer benchmark: medians and quartiles of other entities' latest closed assessments of the
 * same model version, shown only when enough entities share it that no single entity can be recognised.
 * The database aggregates (queries.ts peerAggregate): no other entity's row or name ever leaves it.
 */
export const minimumEntitiesForBenchmark = 5;

export interface Quartiles {
  q1: number;
  median: number;
  q3: number;
}

export interface PeerAggregate {
  /** How many other entities have a closed assessment of this model version. */
  entities: number;
  overall: Quartiles | null;
  dimensions: Map<string, Quartiles | null>;
}

export type PeerBenchmark = { shown: false; entities: number } | ({ shown: true } & PeerAggregate);

/** The benchmark as the report may show it: nothing but the count below the threshold. */
export function peerBenchmark(aggregate: PeerAggregate): PeerBenchmark {
  if (aggregate.entities < minimumEntitiesForBenchmark) return { shown: false, entities: aggregate.entities };
  return { shown: true, ...aggregate };
}
