import cytoscape, { type Core, type StylesheetJson } from 'cytoscape';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useClient, useQuery } from 'urql';
import { refusalsOf, type Refusal } from '../api/refusals';
import { formatDate, SourceChip } from '../components/chips';
import { Loading, RefusalNotice } from '../components/refusal-notice';
import type { EdgeType } from '../gql/graphql';
import { href } from '../shell/router';
import { EDGE_STYLES, EDGE_TYPES, graphStylesheet } from './edge-style';
import { CoTravelersQuery, NeighbourhoodQuery, PathsQuery } from './graph.operations';
import {
  cytoscapeElements,
  edgeId,
  emptyGraph,
  GRAPH_VIEW,
  mergeNeighbourhood,
  ringOf,
  type GraphEdge,
  type GraphModel,
} from './graph-model';

const MAX_NODES = 500;

/**
 * cytoscape injects a <style> element (position: relative on its container)
 * unless one with this id exists; the console's CSP allows no inline style,
 * so the rule lives in styles.css (.graph-canvas) and a marker stands in.
 */
function preventInjectedStylesheet(): void {
  const id = '__________cytoscape_stylesheet';
  if (document.getElementById(id)) return;
  const marker = document.createElement('meta');
  marker.id = id;
  document.head.append(marker);
}

function Legend() {
  return (
    <ul className="legend" aria-label="Edge kinds">
      {EDGE_TYPES.map((t) => (
        <li key={t}>
          <svg width="28" height="10" aria-hidden="true">
            <line
              x1="0"
              y1="5"
              x2="28"
              y2="5"
              stroke={EDGE_STYLES[t].color}
              strokeWidth="3"
              strokeDasharray={
                EDGE_STYLES[t].line === 'dashed'
                  ? '6 3'
                  : EDGE_STYLES[t].line === 'dotted'
                    ? '2 3'
                    : undefined
              }
            />
          </svg>{' '}
          {EDGE_STYLES[t].label}
        </li>
      ))}
    </ul>
  );
}

function EvidencePanel({ edge, graph }: { edge: GraphEdge; graph: GraphModel }) {
  const name = (id: string) => graph.nodes.get(id)?.label ?? id;
  return (
    <section
      className="card evidence-panel"
      aria-labelledby="evidence-title"
      data-testid="edge-evidence"
    >
      <h2 id="evidence-title">
        {EDGE_STYLES[edge.type].label}: {name(edge.from)} — {name(edge.to)}
      </h2>
      <p className="muted">
        {edge.evidenceCount} piece{edge.evidenceCount === 1 ? '' : 's'} of evidence
        {edge.evidenceCount > edge.evidence.length
          ? ` (the ${edge.evidence.length} strongest shown)`
          : ''}
      </p>
      <ul>
        {edge.evidence.map((e, i) => (
          <li key={i}>
            <span className={`badge strength-${e.strength.toLowerCase()}`}>{e.strength}</span>{' '}
            <strong>{e.detail}</strong>
            <br />
            <SourceChip source={e.fromRecord.source} /> {e.fromRecord.recordId} (
            {formatDate(e.fromRecord.observedAt)}) ↔ <SourceChip source={e.toRecord.source} />{' '}
            {e.toRecord.recordId} ({formatDate(e.toRecord.observedAt)})
          </li>
        ))}
      </ul>
    </section>
  );
}

function SubjectForm({ onSubject }: { onSubject: (id: string) => void }) {
  const [id, setId] = useState('');
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (id.trim()) onSubject(id.trim());
      }}
    >
      <div>
        <label htmlFor="graph-subject">Start from person id</label>
        <input id="graph-subject" value={id} onChange={(e) => setId(e.target.value)} />
      </div>
      <button type="submit">Open graph</button>
    </form>
  );
}

export default function GraphPage({
  personId,
  purpose,
}: {
  personId: string | null;
  purpose: string;
}) {
  const deep = purpose === 'CASE_INVESTIGATION';
  const [hops, setHops] = useState(deep ? 2 : 1);
  const [types, setTypes] = useState<EdgeType[]>(EDGE_TYPES);
  const [graph, setGraph] = useState<GraphModel>(emptyGraph);
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const [selectedNode, setSelectedNode] = useState<string | null>(null);
  const [expandRefusals, setExpandRefusals] = useState<Refusal[]>([]);
  const [pathTarget, setPathTarget] = useState('');
  const [pathQuery, setPathQuery] = useState<{ to: string; maxHops: number } | null>(null);
  const [windowMinutes, setWindowMinutes] = useState(120);
  const [coTravel, setCoTravel] = useState<{
    persons: number;
    truncatedBy: readonly string[];
    refusals: Refusal[];
  } | null>(null);
  const container = useRef<HTMLDivElement | null>(null);
  const cy = useRef<Core | null>(null);
  const client = useClient();

  const allTypes = types.length === EDGE_TYPES.length;
  const [{ data, error, fetching }] = useQuery({
    query: NeighbourhoodQuery,
    variables: {
      id: personId ?? '',
      hops,
      edgeTypes: allTypes ? null : types,
      maxNodes: MAX_NODES,
    },
    pause: personId === null || types.length === 0,
  });
  const neighbourhood = data?.person?.neighbors ?? null;

  const [paths] = useQuery({
    query: PathsQuery,
    variables: { id: personId ?? '', to: pathQuery?.to ?? '', maxHops: pathQuery?.maxHops ?? 3 },
    pause: personId === null || pathQuery === null,
  });

  // A new answer replaces the graph: the subject at hop 0, rings outward.
  useEffect(() => {
    if (!neighbourhood) return;
    setGraph(mergeNeighbourhood(emptyGraph(), neighbourhood.nodes, neighbourhood.edges));
    setSelectedEdge(null);
    setSelectedNode(null);
  }, [neighbourhood]);

  const onPath = useMemo(() => {
    const ids = new Set<string>();
    for (const p of paths.data?.person?.paths?.paths ?? []) {
      for (const n of p.persons) ids.add(n.id);
      for (const e of p.edges) ids.add(edgeId(e.from.id, e.to.id, e.type));
    }
    return ids;
  }, [paths.data]);

  // Draw: cytoscape owns the canvas; React owns the data.
  useEffect(() => {
    if (!container.current) return;
    preventInjectedStylesheet();
    const instance = cytoscape({
      container: container.current,
      elements: cytoscapeElements(graph),
      style: graphStylesheet() as StylesheetJson,
      layout: {
        name: 'concentric',
        concentric: (node) => ringOf(Number(node.data('hops'))),
        levelWidth: () => 1,
        minNodeSpacing: GRAPH_VIEW.minNodeSpacing,
        animate: false,
      },
      wheelSensitivity: GRAPH_VIEW.wheelSensitivity,
      minZoom: GRAPH_VIEW.minZoom,
      maxZoom: GRAPH_VIEW.maxZoom,
    });
    instance.on('tap', 'edge', (event) => setSelectedEdge(String(event.target.id())));
    instance.on('tap', 'node', (event) => setSelectedNode(String(event.target.id())));
    cy.current = instance;
    return () => {
      instance.destroy();
      cy.current = null;
    };
  }, [graph]);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    instance.elements().removeClass('on-path faded');
    if (onPath.size) {
      instance.elements().forEach((el) => {
        el.addClass(onPath.has(el.id()) ? 'on-path' : 'faded');
      });
    }
    instance.elements().unselect();
    if (selectedEdge) instance.getElementById(selectedEdge).select();
  }, [onPath, selectedEdge, graph]);

  const expand = async (id: string) => {
    const base = graph.nodes.get(id)?.hops ?? 0;
    const result = await client
      .query(NeighbourhoodQuery, {
        id,
        hops: 1,
        edgeTypes: allTypes ? null : types,
        maxNodes: MAX_NODES,
      })
      .toPromise();
    setExpandRefusals(refusalsOf(result.error));
    const more = result.data?.person?.neighbors;
    if (more) setGraph((g) => mergeNeighbourhood(g, more.nodes, more.edges, base));
  };

  // Co-travellers: the subject's CO_TRAVEL ties within a window, merged into the view.
  const addCoTravellers = async (event: FormEvent) => {
    event.preventDefault();
    if (personId === null) return;
    const result = await client
      .query(CoTravelersQuery, { id: personId, windowMinutes }, { requestPolicy: 'network-only' })
      .toPromise();
    const found = result.data?.person?.coTravelers;
    setCoTravel({
      persons: found ? found.nodes.filter((n) => n.hops > 0).length : 0,
      truncatedBy: found?.truncated ? found.truncatedBy : [],
      refusals: refusalsOf(result.error),
    });
    if (found) setGraph((g) => mergeNeighbourhood(g, found.nodes, found.edges));
  };

  const exportPng = () => {
    const instance = cy.current;
    if (!instance) return;
    const link = document.createElement('a');
    link.href = instance.png({ full: true, bg: '#ffffff', scale: 2 });
    link.download = `mosaic-graph-${personId ?? 'graph'}.png`;
    link.click();
  };

  const submitPath = (event: FormEvent) => {
    event.preventDefault();
    if (pathTarget.trim()) setPathQuery({ to: pathTarget.trim(), maxHops: 4 });
  };

  const edge = selectedEdge ? graph.edges.get(selectedEdge) : undefined;
  const node = selectedNode ? graph.nodes.get(selectedNode) : undefined;
  const name = (id: string) => graph.nodes.get(id)?.label ?? id.slice(0, 8);
  const edges = [...graph.edges.values()].sort((a, b) => a.type.localeCompare(b.type));
  const pathResult = paths.data?.person?.paths;

  return (
    <main className="page" id="main">
      <h1>Link graph</h1>
      {personId === null ? (
        <SubjectForm onSubject={(id) => (window.location.hash = href.graph(id))} />
      ) : (
        <>
          <p>
            Ties of <a href={href.person(personId)}>{name(personId)}</a>{' '}
            <code className="muted small">{personId}</code>
          </p>
          <form
            className="inline-form"
            aria-label="Graph options"
            onSubmit={(e) => e.preventDefault()}
          >
            <div>
              <label htmlFor="graph-hops">Hops</label>
              <select
                id="graph-hops"
                value={hops}
                onChange={(e) => setHops(Number(e.target.value))}
              >
                {[1, 2, 3].map((h) => (
                  <option key={h} value={h} disabled={h > 1 && !deep}>
                    {h}
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="inline">
              <legend>Edge kinds</legend>
              {EDGE_TYPES.map((t) => (
                <span key={t} className="radio-row">
                  <input
                    type="checkbox"
                    id={`edge-${t}`}
                    checked={types.includes(t)}
                    onChange={(e) =>
                      setTypes((ts) => (e.target.checked ? [...ts, t] : ts.filter((x) => x !== t)))
                    }
                  />
                  <label htmlFor={`edge-${t}`}>{EDGE_STYLES[t].label}</label>
                </span>
              ))}
            </fieldset>
            <button type="button" onClick={exportPng} disabled={graph.nodes.size === 0}>
              Export PNG
            </button>
          </form>
          {!deep ? (
            <p className="notice" role="note">
              Beyond one hop needs the purpose CASE_INVESTIGATION (you declared {purpose}).
            </p>
          ) : null}
          <RefusalNotice refusals={[...refusalsOf(error), ...expandRefusals]} />
          {fetching && !neighbourhood ? <Loading what="the neighbourhood" /> : null}
          {neighbourhood ? (
            <p role="status" data-testid="graph-summary">
              {graph.nodes.size} persons, {graph.edges.size} ties.{' '}
              {neighbourhood.truncated ? (
                <strong className="warning">
                  Truncated by {neighbourhood.truncatedBy.join(', ')}: not every tie is shown.
                </strong>
              ) : (
                'Complete within the limits.'
              )}
            </p>
          ) : null}
          {neighbourhood && neighbourhood.skippedHubs.length ? (
            <div className="notice" role="note" data-testid="skipped-hubs">
              <strong>Hubs not followed</strong> (shared by very many persons):
              <ul>
                {neighbourhood.skippedHubs.map((h) => (
                  <li key={`${h.type}-${h.value}`}>
                    {EDGE_STYLES[h.type].label}: {h.value} — {h.persons} persons
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="graph-layout">
            <div
              className="graph-canvas"
              ref={container}
              role="img"
              aria-label={`Link graph: ${graph.nodes.size} persons and ${graph.edges.size} ties; the table below lists every tie`}
              data-testid="graph-canvas"
            />
            <aside className="graph-side">
              <Legend />
              {node ? (
                <section className="card" aria-labelledby="node-title">
                  <h2 id="node-title">{node.label}</h2>
                  <p className="muted">
                    {node.hops === 0
                      ? 'The subject'
                      : `${node.hops} hop${node.hops === 1 ? '' : 's'} away`}
                  </p>
                  <a href={href.person(node.id)}>Open profile</a>{' '}
                  <button type="button" onClick={() => void expand(node.id)}>
                    Expand one hop from here
                  </button>{' '}
                  <a href={href.graph(node.id)}>Centre graph here</a>
                </section>
              ) : null}
              {edge ? <EvidencePanel edge={edge} graph={graph} /> : null}
              <form className="card" onSubmit={addCoTravellers} aria-label="Co-travellers">
                <label htmlFor="co-travel-window">
                  Co-travellers: same flight, or same port and direction within (minutes)
                </label>
                <input
                  id="co-travel-window"
                  type="number"
                  min={1}
                  max={1440}
                  value={windowMinutes}
                  onChange={(e) => setWindowMinutes(Number(e.target.value))}
                />
                <button type="submit">Show co-travellers</button>
                <RefusalNotice refusals={coTravel?.refusals ?? []} />
                {coTravel && coTravel.refusals.length === 0 ? (
                  <p role="status" data-testid="co-travellers">
                    {coTravel.persons === 0
                      ? 'Nobody travelled with this person within the window.'
                      : `${coTravel.persons} co-traveller${coTravel.persons === 1 ? '' : 's'}, added to the graph.`}
                    {coTravel.truncatedBy.length
                      ? ` Truncated by ${coTravel.truncatedBy.join(', ')}.`
                      : ''}
                  </p>
                ) : null}
              </form>
              <form className="card" onSubmit={submitPath} aria-label="Shortest paths">
                <label htmlFor="path-target">Shortest paths to person id</label>
                <input
                  id="path-target"
                  value={pathTarget}
                  onChange={(e) => setPathTarget(e.target.value)}
                />
                <button type="submit" disabled={!deep}>
                  Find paths
                </button>
                <RefusalNotice refusals={refusalsOf(paths.error)} />
                {pathResult ? (
                  <p role="status">
                    {pathResult.hops === null
                      ? 'No path within 4 hops.'
                      : `${pathResult.paths.length} shortest path${pathResult.paths.length === 1 ? '' : 's'} of ${pathResult.hops} hop${pathResult.hops === 1 ? '' : 's'}, highlighted.`}
                    {pathResult.truncated
                      ? ` Truncated by ${pathResult.truncatedBy.join(', ')}.`
                      : ''}
                  </p>
                ) : null}
              </form>
            </aside>
          </div>
          <section aria-labelledby="ties-heading">
            <h2 id="ties-heading">Ties</h2>
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Ties">
              <table data-testid="ties">
                <thead>
                  <tr>
                    <th scope="col">Kind</th>
                    <th scope="col">From</th>
                    <th scope="col">To</th>
                    <th scope="col">Evidence</th>
                    <th scope="col">
                      <span className="visually-hidden">Show</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {edges.map((e) => (
                    <tr key={e.id} data-type={e.type} aria-selected={e.id === selectedEdge}>
                      <td>
                        <span className="swatch" data-kind={e.type} aria-hidden="true" />{' '}
                        {EDGE_STYLES[e.type].label}
                      </td>
                      <td>{name(e.from)}</td>
                      <td>{name(e.to)}</td>
                      <td>{e.evidenceCount}</td>
                      <td>
                        <button type="button" onClick={() => setSelectedEdge(e.id)}>
                          Show evidence
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </main>
  );
}
