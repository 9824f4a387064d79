// Streaming handlers (awslambda.streamifyResponse) for local_lambda_stream_test.sh.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

// Writes a piece, waits 300 ms, writes a second one that says when it was written (epoch ms),
// so the test can tell the first piece reached the client before the second existed.
export const streamer = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream.setContentType('text/plain');
  responseStream.write(`first ${event.n};`);
  await new Promise((resolve) => setTimeout(resolve, 300));
  responseStream.write(`second at ${Date.now()};`);
  responseStream.end();
});

// Writes a piece, then fails.
export const failing = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream.write('partial;');
  await new Promise((resolve) => setTimeout(resolve, 50));
  throw new Error('mid-stream boom');
});

// Streams event.mib MiB through pipeline(), which writes only when the stream has room, then a
// last piece saying when it got to write it (epoch ms): with a slow client, late.
export const big = awslambda.streamifyResponse(async (event, responseStream) => {
  const piece = Buffer.alloc(64 * 1024, 'b');
  async function* pieces() {
    for (let i = 0; i < event.mib * 16; i++) yield piece;
    yield `end at ${Date.now()};`;
  }
  await pipeline(Readable.from(pieces()), responseStream);
});
