import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { refusalsOf } from '../api/refusals';
import { Loading, RefusalNotice } from '../components/refusal-notice';
import type { SearchPersonsQueryVariables } from '../gql/graphql';
import { href } from '../shell/router';
import { highlightSegments } from './highlight';
import { SearchPersonsQuery } from './search.operations';

const HOW: Readonly<Record<string, string>> = {
  EXACT: 'exact',
  FUZZY: 'close spelling',
  PHONETIC: 'sounds alike',
  IN_RANGE: 'in range',
};

export function SearchPage() {
  const [name, setName] = useState('');
  const [documentNumber, setDocumentNumber] = useState('');
  const [bornFrom, setBornFrom] = useState('');
  const [bornTo, setBornTo] = useState('');
  const [nationality, setNationality] = useState('');
  const [variables, setVariables] = useState<SearchPersonsQueryVariables | null>(null);
  const [{ data, error, fetching }] = useQuery({
    query: SearchPersonsQuery,
    variables: variables ?? {},
    pause: variables === null,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = (s: string) => (s.trim() === '' ? null : s.trim());
    setVariables({
      name: value(name),
      documentNumber: value(documentNumber),
      bornFrom: value(bornFrom),
      bornTo: value(bornTo),
      nationality: value(nationality.toUpperCase()),
      limit: 20,
    });
  };
  const result = data?.searchPersons;
  const query = variables?.name ?? variables?.documentNumber ?? '';

  return (
    <main className="page" id="main">
      <h1>Search persons</h1>
      <p className="muted">
        Search starts from a name (any spelling, order or transliteration) or a document number; the
        other fields only narrow it. There is no browsing of everyone.
      </p>
      <form className="inline-form" onSubmit={submit} aria-label="Search">
        <div>
          <label htmlFor="search-name">Name</label>
          <input id="search-name" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div>
          <label htmlFor="search-document">Document number</label>
          <input
            id="search-document"
            value={documentNumber}
            onChange={(e) => setDocumentNumber(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="search-born-from">Born from</label>
          <input
            id="search-born-from"
            value={bornFrom}
            placeholder="YYYY[-MM[-DD]]"
            onChange={(e) => setBornFrom(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="search-born-to">Born to</label>
          <input
            id="search-born-to"
            value={bornTo}
            placeholder="YYYY[-MM[-DD]]"
            onChange={(e) => setBornTo(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="search-nationality">Nationality</label>
          <input
            id="search-nationality"
            value={nationality}
            maxLength={3}
            placeholder="ISO alpha-3"
            onChange={(e) => setNationality(e.target.value)}
          />
        </div>
        <button type="submit" disabled={name.trim() === '' && documentNumber.trim() === ''}>
          Search
        </button>
      </form>
      <RefusalNotice refusals={refusalsOf(error)} />
      {fetching && !result ? <Loading what="results" /> : null}
      {result ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">
            {result.total}
            {result.totalIsLowerBound ? '+' : ''} person{result.total === 1 ? '' : 's'} found
          </h2>
          <ol className="hits">
            {result.hits.map((hit) => (
              <li key={hit.person.id} data-testid="search-hit">
                <a href={href.person(hit.person.id)}>
                  {hit.matched.find((m) => m.field === 'NAME' || m.field === 'NAME_PHONETIC')
                    ?.value ?? hit.person.id}
                </a>{' '}
                <span className="muted">score {hit.score.toFixed(2)}</span>
                <ul className="matches" aria-label="Why it matched">
                  {hit.matched.map((m, i) => (
                    <li key={`${m.field}-${m.value}-${i}`}>
                      <span className="field">{m.field.replace(/_/g, ' ').toLowerCase()}</span>{' '}
                      {highlightSegments(m.value, query).map((s, j) =>
                        s.hit ? <mark key={j}>{s.text}</mark> : <span key={j}>{s.text}</span>,
                      )}{' '}
                      <span className={`how how-${m.how.toLowerCase()}`}>
                        {HOW[m.how] ?? m.how}
                      </span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </main>
  );
}
