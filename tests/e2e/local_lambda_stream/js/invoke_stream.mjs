// InvokeWithResponseStream through the AWS SDK for JavaScript v3: prints the response's
// StatusCode and ExecutedVersion, then one JSON line per event of its EventStream.
// Usage: node invoke_stream.mjs ENDPOINT FUNCTION PAYLOAD [Tail]
import { InvokeWithResponseStreamCommand, LambdaClient } from '@aws-sdk/client-lambda';

const [endpoint, name, payload, logType] = process.argv.slice(2);
const client = new LambdaClient({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});
const res = await client.send(new InvokeWithResponseStreamCommand({
  FunctionName: name,
  Payload: Buffer.from(payload),
  LogType: logType || 'None',
}));
console.log(`${res.StatusCode} ${res.ExecutedVersion}`);
for await (const event of res.EventStream) {
  if (event.PayloadChunk) {
    console.log(JSON.stringify({ PayloadChunk: Buffer.from(event.PayloadChunk.Payload).toString() }));
  } else if (event.InvokeComplete) {
    const c = event.InvokeComplete;
    if (c.LogResult) c.LogResult = Buffer.from(c.LogResult, 'base64').toString().includes('REPORT RequestId:') ? 'has REPORT' : c.LogResult;
    console.log(JSON.stringify({ InvokeComplete: c }));
  }
}
