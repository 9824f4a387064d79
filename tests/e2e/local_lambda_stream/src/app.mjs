// Streaming handlers (awslambda.streamifyResponse) for local_lambda_stream_test.sh.

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
