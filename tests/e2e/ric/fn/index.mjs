// Handlers for tests/e2e/ric_test.sh, loaded by AWS's runtime interface client (aws-lambda-ric).
let calls = 0; // module state: it survives between invocations of a warm environment

export const hello = async (event, context) => {
  calls += 1;
  console.log("got", JSON.stringify(event));
  return {
    hello: event.name ?? "world",
    calls,
    requestId: context.awsRequestId,
    functionName: context.functionName,
    memory: context.memoryLimitInMB,
    arn: context.invokedFunctionArn,
    remaining: context.getRemainingTimeInMillis() > 0,
  };
};

export const fail = async () => {
  throw new Error("boom");
};

export const stream = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream.write("hello ");
  responseStream.end("stream");
});
