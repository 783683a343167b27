import { KafkaJSProtocolError } from 'kafkajs';
import { whileLeadershipSettles } from '../consumer-group-start';

const protocolError = (type: string) =>
  new KafkaJSProtocolError({
    name: 'KafkaJSProtocolError',
    message: `broker says ${type}`,
    type,
  } as unknown as Error);

describe('waiting out a broker whose partition leaders are still being elected', () => {
  it('retries "not the leader" until the partition has a leader', async () => {
    let calls = 0;
    const result = await whileLeadershipSettles(async () => {
      calls += 1;
      if (calls < 3) throw protocolError('NOT_LEADER_OR_FOLLOWER');
      return 'offsets';
    });
    expect({ result, calls }).toEqual({ result: 'offsets', calls: 3 });
  });

  it('fails at once on any other error', async () => {
    let calls = 0;
    await expect(
      whileLeadershipSettles(async () => {
        calls += 1;
        throw protocolError('TOPIC_AUTHORIZATION_FAILED');
      }),
    ).rejects.toThrow(/TOPIC_AUTHORIZATION_FAILED/);
    expect(calls).toBe(1);
  });

  it("gives up after its timeout, with the broker's error", async () => {
    await expect(
      whileLeadershipSettles(async () => {
        throw protocolError('LEADER_NOT_AVAILABLE');
      }, 250),
    ).rejects.toThrow(/LEADER_NOT_AVAILABLE/);
  });
});
