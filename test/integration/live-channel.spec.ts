import { expect } from 'chai';
import { InProcessLiveChannel, type LiveChannel } from '../../src/platform/live/live-channel.js';
import { RedisLiveChannel } from '../../src/platform/live/redis-live-channel.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { eventually } from '../helpers/eventually.js';

describe('live channel: pub/sub between api processes', () => {
  let redis: TestRedis;
  const channels: LiveChannel[] = [];
  const redisChannel = () => {
    const channel = new RedisLiveChannel(redis.url, () => undefined);
    channels.push(channel);
    return channel;
  };

  before(async function () {
    this.timeout(20_000);
    redis = await startRedis();
  });

  after(async () => {
    for (const channel of channels) await channel.close();
    await redis.stop();
  });

  it('delivers what one process publishes to every listener of the topic in another, and nothing after they stop', async () => {
    const publisher = redisChannel();
    const subscriber = redisChannel();
    const first: string[] = [];
    const second: string[] = [];
    const other: string[] = [];
    const stopFirst = await subscriber.subscribe('incident:t:1', (m) => first.push(m));
    const stopSecond = await subscriber.subscribe('incident:t:1', (m) => second.push(m));
    const stopOther = await subscriber.subscribe('incident:t:2', (m) => other.push(m));
    await publisher.publish('incident:t:1', '1');
    await publisher.publish('incident:t:1', '2');
    await eventually('both subscribers to get two messages', () => first.length === 2 && second.length === 2, 5_000);
    expect(first).to.deep.equal(['1', '2']);
    expect(other).to.deep.equal([]);

    await stopFirst();
    await publisher.publish('incident:t:1', '3');
    await eventually('the second subscriber to get a third message', () => second.length === 3, 5_000);
    expect(first).to.deep.equal(['1', '2']);

    await stopSecond();
    await stopSecond();
    await publisher.publish('incident:t:1', '4');
    await publisher.publish('incident:t:2', 'x');
    await eventually('the other channel to get its message', () => other.length === 1, 5_000);
    expect(second).to.deep.equal(['1', '2', '3']);
    await stopOther();
  });

  it('in one process, hands every message to the listeners of its topic', async () => {
    const channel = new InProcessLiveChannel();
    const heard: string[] = [];
    const stop = await channel.subscribe('a', (m) => heard.push(m));
    await channel.publish('a', '1');
    await channel.publish('b', '2');
    await stop();
    await channel.publish('a', '3');
    expect(heard).to.deep.equal(['1']);
    await channel.close();
  });
});
