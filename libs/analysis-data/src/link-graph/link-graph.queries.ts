import type {
  AnalysisSource,
  EdgeEvidence,
  EdgeType,
  EvidenceStrength,
  IdentifierKind,
  SkippedHub,
} from '@mosaic/analysis-model';

/**
 * The SQL of link analysis, one statement per edge family, the same on PGlite
 * and PostgreSQL. Each statement takes a whole frontier of persons at once
 * (never one person at a time) and returns the evidence pairs — a record of a
 * frontier person and a record of another person that share a case, a flight,
 * a port window or an identifier — plus one row per hub context it refused to
 * expand. Only live records count: an ACTIVE membership of an ACTIVE person.
 *
 * Parameters: $1 the frontier (uuid[]), $2/$3 the time window on observed_at
 * (null = open), $4 the hub threshold (distinct persons), $5 the most evidence
 * rows to return, $6 a family's own argument (identifier kinds, port window
 * minutes). CASE has no hubs (every co-subject of a case is evidence, however
 * large the case: the fan-out cap bounds it) and takes the row limit as $4.
 */

export type EdgeFamily = 'CASE' | 'FLIGHT' | 'IDENTIFIER' | 'PORT';

/** Records that count for link analysis, inside the time window. */
const LIVE = `
  live AS NOT MATERIALIZED (
    SELECT r.key, r.source, r.record_id, r.observed_at, m.person_id,
           r.case_id, r.case_number, r.flight, r.port, r.direction
      FROM analysis_membership m
      JOIN analysis_person p ON p.id = m.person_id AND p.status = 'ACTIVE'
      JOIN analysis_record r ON r.key = m.record_key
     WHERE m.state = 'ACTIVE'
       AND ($2::timestamptz IS NULL OR r.observed_at >= $2::timestamptz)
       AND ($3::timestamptz IS NULL OR r.observed_at <= $3::timestamptz)
  )`;

/**
 * The same records at any time: whether a context is a hub does not depend on
 * the window an analyst looks through (a call-centre number is one all year).
 */
const KNOWN = `
  known AS NOT MATERIALIZED (
    SELECT r.key, r.observed_at, m.person_id, r.flight, r.port, r.direction
      FROM analysis_membership m
      JOIN analysis_person p ON p.id = m.person_id AND p.status = 'ACTIVE'
      JOIN analysis_record r ON r.key = m.record_key
     WHERE m.state = 'ACTIVE'
  )`;

const PAIR_COLUMNS = `
  'pair' AS row_kind,
  m.person_id::text AS from_person, m.source AS from_source, m.record_id AS from_record,
  m.observed_at AS from_at,
  o.person_id::text AS to_person, o.source AS to_source, o.record_id AS to_record,
  o.observed_at AS to_at`;

const PAIR_ORDER = 'ORDER BY from_person, to_person, from_record, to_record';

/**
 * A flight number flies once a day: two encounters on it less than 12 hours
 * apart are the same departure, even when they straddle midnight UTC (crews
 * are processed over the best part of an hour).
 */
const FLIGHT_WINDOW = "interval '12 hours'";

/**
 * Families whose context is a place in a time window (a flight, a port and
 * direction): a pair is evidence when the two records match and lie within
 * `within` of each other. A context is crowded when more than $4 persons were
 * in it within `within` of a record; a pair counts only when neither record's
 * context is crowded, so the decision is the same from either side (paths
 * search from both ends and must see the same edges).
 */
function windowFamily(spec: {
  filter: string;
  same: (a: string, b: string) => string;
  within: string;
  differs?: (a: string, b: string) => string;
  /** What the two records share, as one SQL expression over a record's columns. */
  value: (a: string) => string;
  /** How a crowded context is named in skippedHubs. */
  label: (a: string) => string;
}): string {
  const near = (a: string, b: string) =>
    `${spec.same(a, b)} AND ${b}.observed_at BETWEEN ${a}.observed_at - ${spec.within} AND ${a}.observed_at + ${spec.within}`;
  return `
    WITH ${LIVE}, ${KNOWN},
    mine AS (SELECT * FROM live WHERE person_id = ANY($1::uuid[]) AND ${spec.filter}),
    mine_crowd AS (
      SELECT m.key, count(DISTINCT k.person_id)::int AS persons
        FROM mine m JOIN known k ON ${near('m', 'k')}
       GROUP BY m.key
    ),
    candidate AS (
      SELECT m.person_id AS m_person, m.source AS m_source, m.record_id AS m_record,
             m.observed_at AS m_at, ${spec.value('m')} AS m_value,
             o.key AS o_key, o.person_id AS o_person, o.source AS o_source,
             o.record_id AS o_record, o.observed_at AS o_at,
             o.flight, o.port, o.direction, o.observed_at
        FROM mine m
        JOIN mine_crowd c ON c.key = m.key AND c.persons <= $4
        JOIN live o ON ${near('m', 'o')} AND o.person_id <> m.person_id
         ${spec.differs ? `AND ${spec.differs('m', 'o')}` : ''}
    ),
    other_crowd AS (
      SELECT x.key, ${spec.label('x')} AS label, count(DISTINCT k.person_id)::int AS persons
        FROM (SELECT DISTINCT o_key AS key, flight, port, direction, observed_at FROM candidate) x
        JOIN known k ON ${near('x', 'k')}
       GROUP BY x.key, x.flight, x.port, x.direction, x.observed_at
    )
    SELECT * FROM (
      SELECT 'pair' AS row_kind,
             c.m_person::text AS from_person, c.m_source AS from_source,
             c.m_record AS from_record, c.m_at AS from_at,
             c.o_person::text AS to_person, c.o_source AS to_source,
             c.o_record AS to_record, c.o_at AS to_at,
             NULL::text AS kind, c.m_value AS from_value, NULL::text AS to_value,
             NULL::int AS persons
        FROM candidate c
        JOIN other_crowd oc ON oc.key = c.o_key AND oc.persons <= $4
       ${PAIR_ORDER}
       LIMIT $5
    ) pairs
    UNION ALL
    SELECT DISTINCT 'hub', NULL, NULL, NULL, NULL::timestamptz, NULL, NULL, NULL,
           NULL::timestamptz, NULL, hub.label, NULL, hub.persons
      FROM (
        SELECT ${spec.label('m')} AS label, c.persons
          FROM mine m JOIN mine_crowd c ON c.key = m.key AND c.persons > $4
        UNION ALL
        SELECT label, persons FROM other_crowd WHERE persons > $4
      ) hub`;
}

const STATEMENTS: Record<EdgeFamily, string> = {
  // Co-subjects: two persons recorded as subjects of the same seizure case.
  CASE: `
    WITH ${LIVE},
    mine AS (SELECT * FROM live WHERE person_id = ANY($1::uuid[]) AND case_id IS NOT NULL)
    SELECT ${PAIR_COLUMNS}, NULL::text AS kind, m.case_number AS from_value,
           o.case_number AS to_value, NULL::int AS persons
      FROM mine m
      JOIN live o ON o.case_id = m.case_id AND o.person_id <> m.person_id
     ${PAIR_ORDER}
     LIMIT $4`,

  FLIGHT: windowFamily({
    filter: 'flight IS NOT NULL',
    same: (a, b) => `${b}.flight = ${a}.flight`,
    within: FLIGHT_WINDOW,
    value: (a) => `${a}.flight`,
    label: (a) =>
      `'flight ' || ${a}.flight || ' on ' || to_char(${a}.observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
  }),

  // Same identifier value (normalised); a value more than $4 persons carry is a hub.
  IDENTIFIER: `
    WITH ${LIVE}, ${KNOWN},
    mine AS (
      SELECT l.*, i.kind, i.value, i.display
        FROM live l JOIN analysis_identifier i ON i.record_key = l.key
       WHERE l.person_id = ANY($1::uuid[]) AND i.kind = ANY($6::text[])
    ),
    crowd AS (
      SELECT v.kind, v.value, count(DISTINCT k.person_id)::int AS persons
        FROM (SELECT DISTINCT kind, value FROM mine) v
        JOIN analysis_identifier i ON i.kind = v.kind AND i.value = v.value
        JOIN known k ON k.key = i.record_key
       GROUP BY v.kind, v.value
    )
    SELECT * FROM (
      SELECT ${PAIR_COLUMNS}, m.kind, m.display AS from_value, i.display AS to_value,
             NULL::int AS persons
        FROM mine m
        JOIN crowd c ON c.kind = m.kind AND c.value = m.value AND c.persons <= $4
        JOIN analysis_identifier i
          ON i.kind = m.kind AND i.value = m.value AND i.record_key <> m.key
        JOIN live o ON o.key = i.record_key AND o.person_id <> m.person_id
       ${PAIR_ORDER}, kind, from_value, to_value
       LIMIT $5
    ) pairs
    UNION ALL
    SELECT * FROM (
      SELECT DISTINCT ON (m.kind, m.value)
             'hub', NULL, NULL, NULL, NULL::timestamptz, NULL, NULL, NULL, NULL::timestamptz,
             m.kind, m.display, NULL, c.persons
        FROM mine m
        JOIN crowd c ON c.kind = m.kind AND c.value = m.value AND c.persons > $4
       ORDER BY m.kind, m.value, m.display
    ) hubs`,

  PORT: windowFamily({
    filter: 'port IS NOT NULL AND direction IS NOT NULL',
    same: (a, b) => `${b}.port = ${a}.port AND ${b}.direction = ${a}.direction`,
    within: 'make_interval(mins => $6::int)',
    // Same flight is FLIGHT's evidence; this family adds travellers on other flights only.
    differs: (a, b) =>
      `NOT COALESCE(${b}.flight = ${a}.flight AND ${b}.observed_at BETWEEN ${a}.observed_at - ${FLIGHT_WINDOW} AND ${a}.observed_at + ${FLIGHT_WINDOW}, false)`,
    value: (a) => `${a}.port || ' ' || ${a}.direction`,
    label: (a) =>
      `${a}.port || ' ' || ${a}.direction || ' ' || to_char(${a}.observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') || ' ±' || $6::int || ' min'`,
  }),
};

interface Row {
  row_kind: 'pair' | 'hub';
  from_person: string | null;
  from_source: AnalysisSource | null;
  from_record: string | null;
  from_at: Date | string | null;
  to_person: string | null;
  to_source: AnalysisSource | null;
  to_record: string | null;
  to_at: Date | string | null;
  kind: IdentifierKind | null;
  from_value: string | null;
  to_value: string | null;
  persons: number | null;
}

/** One piece of evidence, oriented from a frontier person to another person. */
export interface EvidencePair {
  type: EdgeType;
  fromPerson: string;
  toPerson: string;
  evidence: EdgeEvidence;
}

export interface FamilyResult {
  pairs: EvidencePair[];
  hubs: SkippedHub[];
  /** true when the row limit cut the pairs. */
  cut: boolean;
}

export interface FamilyRequest {
  family: EdgeFamily;
  frontier: readonly string[];
  from: string | null;
  to: string | null;
  hubPersons: number;
  /** Evidence rows this statement may return at most. */
  limit: number;
  /** IDENTIFIER: the kinds to read. */
  kinds?: readonly IdentifierKind[];
  /** PORT: the window in minutes. */
  portMinutes?: number;
}

type Queryable = { query(sql: string, parameters?: unknown[]): Promise<unknown> };

const IDENTIFIER_EDGE: Record<IdentifierKind, EdgeType> = {
  PHONE: 'SHARED_PHONE',
  ADDRESS: 'SHARED_ADDRESS',
  VEHICLE: 'SHARED_VEHICLE',
  DOCUMENT: 'SHARED_DOCUMENT',
};

export const identifierEdgeType = (kind: IdentifierKind): EdgeType => IDENTIFIER_EDGE[kind];

const iso = (v: Date | string): string => new Date(v).toISOString();
const at = (isoTime: string): string => `${isoTime.slice(0, 10)} ${isoTime.slice(11, 16)}Z`;

function strengthOf(family: EdgeFamily, row: Row): EvidenceStrength {
  if (family === 'PORT') return 'WEAK';
  if (family !== 'IDENTIFIER') return 'STRONG';
  // Booking contact data on both sides: a hotel, an agency, a call-centre as often as the traveller.
  const contact = row.kind === 'PHONE' || row.kind === 'ADDRESS';
  return contact && row.from_source === 'travel' && row.to_source === 'travel' ? 'WEAK' : 'STRONG';
}

function detailOf(family: EdgeFamily, row: Row, fromAt: string, toAt: string): string {
  switch (family) {
    case 'CASE':
      return `case ${row.from_value}`;
    case 'FLIGHT':
    case 'PORT': {
      const minutes = Math.round(Math.abs(Date.parse(toAt) - Date.parse(fromAt)) / 60_000);
      const what = family === 'FLIGHT' ? `flight ${row.from_value}` : (row.from_value as string);
      return `${what}: ${at(fromAt)} and ${at(toAt)} (${minutes} min apart)`;
    }
    case 'IDENTIFIER':
      // The value as each side recorded it, once when they wrote it the same way.
      return row.from_value === row.to_value
        ? (row.from_value as string)
        : `${row.from_value} / ${row.to_value}`;
  }
}

function hubOf(family: EdgeFamily, row: Row): SkippedHub {
  return {
    type: family === 'IDENTIFIER' ? identifierEdgeType(row.kind as IdentifierKind) : 'CO_TRAVEL',
    value: row.from_value as string,
    persons: row.persons as number,
  };
}

/** Runs one family's statement for a whole frontier. */
export async function readFamily(
  session: Queryable,
  request: FamilyRequest,
): Promise<FamilyResult> {
  const extra =
    request.family === 'IDENTIFIER'
      ? [[...(request.kinds ?? [])]]
      : request.family === 'PORT'
        ? [request.portMinutes]
        : [];
  const common = [[...request.frontier], request.from, request.to];
  const rows = (await session.query(
    STATEMENTS[request.family],
    request.family === 'CASE'
      ? [...common, request.limit + 1]
      : [...common, request.hubPersons, request.limit + 1, ...extra],
  )) as Row[];
  const pairs: EvidencePair[] = [];
  const hubs: SkippedHub[] = [];
  for (const row of rows) {
    if (row.row_kind === 'hub') {
      hubs.push(hubOf(request.family, row));
      continue;
    }
    const fromAt = iso(row.from_at as Date | string);
    const toAt = iso(row.to_at as Date | string);
    pairs.push({
      type:
        request.family === 'CASE'
          ? 'CO_SUBJECT'
          : request.family === 'IDENTIFIER'
            ? identifierEdgeType(row.kind as IdentifierKind)
            : 'CO_TRAVEL',
      fromPerson: row.from_person as string,
      toPerson: row.to_person as string,
      evidence: {
        fromRecord: {
          source: row.from_source as AnalysisSource,
          recordId: row.from_record as string,
          observedAt: fromAt,
        },
        toRecord: {
          source: row.to_source as AnalysisSource,
          recordId: row.to_record as string,
          observedAt: toAt,
        },
        detail: detailOf(request.family, row, fromAt, toAt),
        strength: strengthOf(request.family, row),
      },
    });
  }
  const cut = pairs.length > request.limit;
  return { pairs: cut ? pairs.slice(0, request.limit) : pairs, hubs, cut };
}
