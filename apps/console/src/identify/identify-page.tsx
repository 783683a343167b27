import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { refusalsOf } from '../api/refusals';
import { SourceChip, VerificationBadge } from '../components/chips';
import { Loading, RefusalNotice } from '../components/refusal-notice';
import type { IdentifyInput, MatchModality, RecordSource } from '../gql/graphql';
import { RequestVerificationMutation } from '../profile/profile.operations';
import { href } from '../shell/router';
import { IdentifyQuery } from './identify.operations';
import { ProbabilityBar } from './probability-bar';
import { WaterfallChart } from './waterfall-chart';

const SOURCES: readonly RecordSource[] = ['TRAVEL', 'SEIZURE', 'FINGERPRINT'];
const MODALITIES: readonly MatchModality[] = ['FACE', 'FINGER'];

/** Shown before and with every result: a ranked list is a set of leads, not an identification. */
const STANDING_NOTICE =
  'Candidates are investigative leads ranked by calibrated probability, not an identification. Nothing may rest on them until two different reviewers confirm one.';

function RequestVerification({
  probe,
  personId,
}: {
  probe: { source: RecordSource; recordId: string };
  personId: string;
}) {
  const [result, request] = useMutation(RequestVerificationMutation);
  if (result.data) {
    const v = result.data.requestVerification.verification;
    return (
      <p role="status">
        Verification requested: <VerificationBadge {...v} />
      </p>
    );
  }
  return (
    <>
      <button
        type="button"
        disabled={result.fetching}
        onClick={() =>
          void request({
            input: {
              target: 'IDENTIFICATION',
              personId,
              probe: { source: probe.source, recordId: probe.recordId },
            },
          })
        }
      >
        Request verification
      </button>
      <RefusalNotice refusals={refusalsOf(result.error)} />
    </>
  );
}

export function IdentifyPage() {
  const [source, setSource] = useState<RecordSource>('TRAVEL');
  const [recordId, setRecordId] = useState('');
  const [modality, setModality] = useState<MatchModality>('FACE');
  const [limit, setLimit] = useState(10);
  const [input, setInput] = useState<IdentifyInput | null>(null);
  const [{ data, fetching, error }] = useQuery({
    query: IdentifyQuery,
    variables: { input: input ?? { modality: 'FACE' } },
    pause: input === null,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = recordId.trim();
    if (!id) return;
    // A template reference names its source itself: <source>:<recordId>.
    setInput(
      id.includes(':')
        ? { templateRef: id, modality, limit }
        : { source, recordId: id, modality, limit },
    );
  };
  const identification = data?.identify;

  return (
    <main className="page" id="main">
      <h1>Identify</h1>
      <p className="notice" role="note" data-testid="not-verified-notice">
        <strong>Not verified.</strong>{' '}
        {(identification?.notice ?? STANDING_NOTICE).replace(/^Not verified:\s*/, '')}
      </p>
      <form className="inline-form" onSubmit={submit} aria-label="Probe">
        <div>
          <label htmlFor="probe-source">Probe source</label>
          <select
            id="probe-source"
            value={source}
            onChange={(e) => setSource(e.target.value as RecordSource)}
          >
            {SOURCES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="probe-record">Record id or template reference</label>
          <input
            id="probe-record"
            value={recordId}
            placeholder="TE00000000129 or travel:TE00000000129"
            onChange={(e) => setRecordId(e.target.value)}
            required
          />
        </div>
        <fieldset className="inline">
          <legend>Modality</legend>
          {MODALITIES.map((m) => (
            <span key={m} className="radio-row">
              <input
                type="radio"
                id={`modality-${m}`}
                name="modality"
                checked={modality === m}
                onChange={() => setModality(m)}
              />
              <label htmlFor={`modality-${m}`}>{m}</label>
            </span>
          ))}
        </fieldset>
        <div>
          <label htmlFor="probe-limit">Candidates</label>
          <input
            id="probe-limit"
            type="number"
            min={1}
            max={50}
            value={limit}
            onChange={(e) => setLimit(Math.min(50, Math.max(1, Number(e.target.value) || 10)))}
          />
        </div>
        <button type="submit">Search candidates</button>
      </form>
      <RefusalNotice refusals={refusalsOf(error)} />
      {fetching && !identification ? <Loading what="candidates" /> : null}
      {identification ? (
        <section aria-labelledby="candidates-heading">
          <h2 id="candidates-heading">Ranked candidates</h2>
          <dl className="facts">
            <div>
              <dt>Probe</dt>
              <dd>
                <SourceChip source={identification.probe.source} /> {identification.probe.recordId}{' '}
                · {identification.probe.modality}
                {identification.probe.fingerPositions.length
                  ? ` (fingers ${identification.probe.fingerPositions.join(', ')})`
                  : ''}
              </dd>
            </div>
            <div>
              <dt>Probe quality</dt>
              <dd>{identification.probe.quality.toFixed(2)}</dd>
            </div>
            <div>
              <dt>Gallery size</dt>
              <dd data-testid="gallery-size">{identification.gallerySize.toLocaleString('en')}</dd>
            </div>
            <div>
              <dt>Threshold version</dt>
              <dd>
                <code>{identification.thresholdVersion}</code>
              </dd>
            </div>
            <div>
              <dt>Model version</dt>
              <dd>
                <code>{identification.modelVersion}</code>
              </dd>
            </div>
            <div>
              <dt>Prior: enrolled at all</dt>
              <dd>{(identification.priorEnrolled * 100).toFixed(0)} %</dd>
            </div>
          </dl>
          {identification.candidates.length === 0 ? <p>No candidate in the gallery.</p> : null}
          <ol className="candidates">
            {identification.candidates.map((c) => {
              const name = c.person.attributes.names[0]?.value ?? c.person.id;
              return (
                <li key={c.person.id} className="candidate" data-testid="candidate">
                  <h3>
                    #{c.rank} <a href={href.person(c.person.id)}>{name}</a>
                  </h3>
                  <ProbabilityBar
                    probability={c.probability}
                    label={`Probability that candidate ${c.rank} is the probe’s person`}
                  />
                  <dl className="facts compact">
                    <div>
                      <dt>LLR</dt>
                      <dd>{c.llr.toFixed(2)}</dd>
                    </div>
                    <div>
                      <dt>Modality</dt>
                      <dd>{c.modality}</dd>
                    </div>
                    <div>
                      <dt>Probe quality</dt>
                      <dd>{c.probeQuality.toFixed(2)}</dd>
                    </div>
                    <div>
                      <dt>Gallery</dt>
                      <dd>{c.gallerySize.toLocaleString('en')}</dd>
                    </div>
                    <div>
                      <dt>Thresholds</dt>
                      <dd>
                        <code>{c.thresholdVersion}</code>
                      </dd>
                    </div>
                    <div>
                      <dt>Operating point</dt>
                      <dd>{c.atOperatingPoint ? 'reached' : 'not reached'}</dd>
                    </div>
                    <div>
                      <dt>Compared record</dt>
                      <dd>
                        <SourceChip source={c.comparedRecord.source} /> {c.comparedRecord.recordId}
                      </dd>
                    </div>
                    <div>
                      <dt>Verification</dt>
                      <dd>
                        <VerificationBadge {...c.verification} />
                      </dd>
                    </div>
                  </dl>
                  <WaterfallChart
                    title={`Evidence for candidate ${c.rank}`}
                    steps={c.biometrics.map((b) => ({
                      kind: 'BIOMETRIC',
                      name: b.position ? `${b.modality} position ${b.position}` : b.modality,
                      detail: `similarity ${b.score.toFixed(3)}`,
                      weight: b.llr,
                    }))}
                  />
                  {c.verification.state === 'UNVERIFIED' ? (
                    <RequestVerification probe={identification.probe} personId={c.person.id} />
                  ) : null}
                </li>
              );
            })}
          </ol>
        </section>
      ) : null}
    </main>
  );
}
