/**
 * The Query protocols (EC2, STS and IAM): form-encoded `Action=…&Version=…` requests and XML
 * responses, with each service's own error envelope.
 */
import type { ServerResponse } from 'node:http';
import type { RequestContext } from './context.js';
import { describeInstances } from './ec2/describe-instances.js';
import type { ApiError, ServiceName } from './errors.js';
import { simulatePrincipalPolicy } from './iam/simulate-principal-policy.js';
import { assumeRole } from './sts/assume-role.js';
import { getCallerIdentity } from './sts/get-caller-identity.js';
import { esc, QUERY_NAMESPACES, XML_DECLARATION } from './xml.js';

export type QueryHandler = (form: URLSearchParams, ctx: RequestContext) => string;

const QUERY_ACTIONS: Record<string, { service: ServiceName; handler: QueryHandler }> = {
  DescribeInstances: { service: 'ec2', handler: describeInstances },
  GetCallerIdentity: { service: 'sts', handler: getCallerIdentity },
  AssumeRole: { service: 'sts', handler: assumeRole },
  SimulatePrincipalPolicy: { service: 'iam', handler: simulatePrincipalPolicy },
};

type QueryService = keyof typeof QUERY_NAMESPACES;

function queryService(name: string | undefined): QueryService | undefined {
  return name === 'ec2' || name === 'sts' || name === 'iam' ? name : undefined;
}

export interface QueryRoute {
  readonly service: ServiceName;
  readonly action: string;
  readonly handler: QueryHandler | undefined;
}

/** The SigV4 scope names the service; the action alone decides when a request is unsigned. */
export function routeQuery(action: string, signingService: string | undefined): QueryRoute {
  const known = Object.hasOwn(QUERY_ACTIONS, action) ? QUERY_ACTIONS[action] : undefined;
  const service: ServiceName = queryService(signingService) ?? (known?.service ?? 'ec2');
  return { service, action, handler: known && known.service === service ? known.handler : undefined };
}

export function sendXml(res: ServerResponse, requestId: string, xml: string): void {
  res.writeHead(200, { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId, 'content-length': Buffer.byteLength(xml) });
  res.end(xml);
}

export function sendXmlError(res: ServerResponse, requestId: string, service: ServiceName, err: ApiError): void {
  const xml =
    service === 'ec2'
      ? `${XML_DECLARATION}<Response><Errors><Error><Code>${esc(err.code)}</Code><Message>${esc(err.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`
      : `${XML_DECLARATION}<ErrorResponse xmlns="${QUERY_NAMESPACES[queryService(service) ?? 'sts']}"><Error><Type>${err.status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${esc(err.code)}</Code><Message>${esc(err.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  res.writeHead(err.status, { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId, 'content-length': Buffer.byteLength(xml) });
  res.end(xml);
}
