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

// A streamed response (spec §2.3): sls buffers it and prints the whole body.
exports.stream = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream.write('hello ');
  responseStream.write('stream');
  responseStream.end();
});
