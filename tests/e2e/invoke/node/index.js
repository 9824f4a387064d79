// Node.js handlers for tests/e2e/invoke_test.sh.
exports.syncHandler = (event, context, callback) => {
  console.log('sync handler');
  callback(null, { sync: true, name: context.functionName });
};

exports.asyncHandler = async (event, context) => ({
  async: true,
  got: event,
  remaining: context.getRemainingTimeInMillis() > 0,
});

exports.fail = async () => {
  throw new Error('boom');
};

// A streamed response (spec §2.3): sls prints each piece as it comes. With `pause_ms` the
// second piece comes that much later.
// `mb` MB of "x" streamed in 64 KB pieces, each written once the stream takes more.
exports.bigStream = awslambda.streamifyResponse(async (event, responseStream) => {
  const piece = Buffer.alloc(64 * 1024, 'x');
  for (let i = 0; i < event.mb * 16; i++) {
    if (!responseStream.write(piece)) {
      await new Promise((resolve) => responseStream.once('drain', resolve));
    }
  }
  responseStream.end();
});

exports.stream = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream.write('hello ');
  if (event.pause_ms) await new Promise((resolve) => setTimeout(resolve, event.pause_ms));
  responseStream.write('stream');
  responseStream.end();
});
