/**
 * Test and bench helper: sends reports to a running server as a browser without JavaScript would (the
 * form, then the multipart post), over a keep-alive agent, and says how each one ended.
 */
import http from 'node:http';

export type SubmissionOutcome =
  /** The confirmation page came back: the reporter holds a receipt code and this reference. */
  | { kind: 'acknowledged'; reference: string; connectionClosed: boolean }
  /** An answer that is not a confirmation, e.g. 503 while the server stops. */
  | { kind: 'refused'; status: number }
  /** The server no longer listens: a client (or load balancer) knows nothing was sent. */
  | { kind: 'not-connected' }
  /** The connection broke without an answer (reset, hang-up): the reporter cannot know what happened. */
  | { kind: 'reset'; code: string; step: 'form' | 'post' };

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(agent: http.Agent, url: URL, method: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, agent, headers: body ? { ...headers, 'content-length': String(body.length) } : headers }, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(parts).toString() }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

function failure(error: unknown, step: 'form' | 'post'): SubmissionOutcome {
  const code = (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
  return code === 'ECONNREFUSED' ? { kind: 'not-connected' } : { kind: 'reset', code, step };
}

/** The report form's fields, as the bench and the tests send them. */
export const reportFields = {
  kind: 'report',
  theme: 'fraud',
  entityId: '',
  requesterRole: 'staff',
  identityChoice: 'anonymous',
  contactPreference: 'site_only',
  description: 'Invoices are paid twice to the same supplier, every month since January.',
};

/** The multipart body of a report (with an optional text attachment) and its content type. */
export async function reportBody(formToken: string, fields: Record<string, string> = reportFields, attachment?: Buffer): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  form.append('formToken', formToken);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (attachment) form.append('files', new Blob([new Uint8Array(attachment)], { type: 'text/plain' }), 'notes.txt');
  const encoded = new Response(form);
  return { body: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type')! };
}

/** A fresh form token from the report form. */
export async function reportFormToken(agent: http.Agent, baseUrl: string): Promise<string> {
  const form = await send(agent, new URL('/report/new', baseUrl), 'GET', {});
  const token = /name="formToken" value="([^"]+)"/.exec(form.body)?.[1];
  if (!token) throw Object.assign(new Error(`no form token (status ${form.status})`), { status: form.status });
  return token;
}

/** One complete submission: the form, then the post; never throws. */
export async function submitReportOver(agent: http.Agent, baseUrl: string, attachment?: Buffer): Promise<SubmissionOutcome> {
  let token: string;
  try {
    token = await reportFormToken(agent, baseUrl);
  } catch (error) {
    const status = (error as { status?: number }).status;
    return status ? { kind: 'refused', status } : failure(error, 'form');
  }
  const { body, contentType } = await reportBody(token, reportFields, attachment);
  try {
    const answer = await send(agent, new URL('/report/new', baseUrl), 'POST', { 'content-type': contentType }, body);
    const reference = /\/report\/proof\/([^"]+)"/.exec(answer.body)?.[1];
    if (answer.status === 200 && reference) return { kind: 'acknowledged', reference: decodeURIComponent(reference), connectionClosed: answer.headers.connection === 'close' };
    return { kind: 'refused', status: answer.status };
  } catch (error) {
    return failure(error, 'post');
  }
}
