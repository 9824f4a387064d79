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
