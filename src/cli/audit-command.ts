/** `bureau audit verify [--checkpoints FILE]… [--public-key KEY]…` and `bureau audit public-key`: arguments, inputs and output. */
import type { Config } from '../config.ts';
import { decodePublicKey, encodePublicKey, ownCheckpoints, readCheckpointFile, readOrCreateSigningKey } from '../platform/audit/checkpoints.ts';
import type { AuditBreak, AuditVerification, AuditVerifyOptions } from '../platform/audit/verify.ts';

export const auditUsage = `  audit verify [--checkpoints FILE]... [--public-key KEY]...
                        check the audit trail's hash chain and that it still extends every signed checkpoint
                        (default: the configured checkpoint file, verified with the configured key's public key)
  audit public-key      print the public key of the audit signing key, to keep somewhere else`;

export type AuditArguments = { command: 'verify'; checkpointFiles: string[]; publicKeys: string[] } | { command: 'public-key' };

/** Parses the words after `audit`; undefined means show the usage. */
export function parseAuditArguments(args: string[]): AuditArguments | undefined {
  const [command, ...rest] = args;
  if (command === 'public-key') return rest.length === 0 ? { command } : undefined;
  if (command !== 'verify') return undefined;
  const checkpointFiles: string[] = [];
  const publicKeys: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    const value = rest[i + 1];
    if (value === undefined || value.startsWith('--')) return undefined;
    if (rest[i] === '--checkpoints') checkpointFiles.push(value);
    else if (rest[i] === '--public-key') publicKeys.push(value);
    else return undefined;
  }
  return { command, checkpointFiles, publicKeys };
}

export interface PreparedVerify {
  options: AuditVerifyOptions;
  /** The checkpoint files read, for the report. */
  checkpointFiles: string[];
}

/**
 * Reads the checkpoint files and the trusted public keys. Without --checkpoints the configured checkpoint
 * file is used when it exists; without --public-key the configured signing key's public key is trusted.
 */
export function prepareAuditVerify(args: { checkpointFiles: string[]; publicKeys: string[] }, audit: Config['audit']): PreparedVerify {
  const own = ownCheckpoints(audit);
  const checkpointFiles = args.checkpointFiles.length > 0 ? args.checkpointFiles : own.checkpointFiles;
  const checkpoints = args.checkpointFiles.length > 0 ? args.checkpointFiles.flatMap(readCheckpointFile) : own.checkpoints;
  const trustedKeys = args.publicKeys.length > 0 ? args.publicKeys.map(decodePublicKey) : own.trustedKeys;
  if (trustedKeys.length === 0 && checkpoints.length > 0) {
    throw new Error(`No public key to check the checkpoints' signatures with: pass --public-key KEY, or set AUDIT_SIGNING_KEY_FILE (${audit.signingKeyFile} does not exist).`);
  }
  return { options: { checkpoints, trustedKeys }, checkpointFiles };
}

function describeBreak(problem: AuditBreak): string {
  switch (problem.kind) {
    case 'hash-mismatch':
      return `row ${problem.seq}: hash mismatch (the row was changed, or does not link to the row before it)`;
    case 'missing-rows':
      return problem.seq === problem.through ? `row ${problem.seq}: missing` : `rows ${problem.seq}-${problem.through}: missing`;
    case 'head-mismatch':
      return `stored head: names row ${problem.seq}, but the chain ends at row ${problem.chainSeq}`;
    case 'checkpoint-mismatch':
      return `row ${problem.seq}: checkpoint mismatch (${problem.where} signed ${problem.problem === 'row-missing' ? 'a row that is no longer there' : 'another hash: the chain was rewritten'})`;
    case 'bad-checkpoint': {
      const reason = { unreadable: 'not a checkpoint', 'unknown-key': 'signed by a key that is not trusted', 'bad-signature': 'forged: the signature does not verify' }[problem.problem];
      return `${problem.where}: bad checkpoint${problem.seq === undefined ? '' : ` for row ${problem.seq}`} (${reason})`;
    }
  }
}

/** Prints the outcome and returns the exit code: 0 intact, 2 broken. */
export function printAuditVerification(result: AuditVerification, checkpointFiles: string[], out: (line: string) => void, err: (line: string) => void): number {
  if (!result.ok) {
    err(`Audit trail broken: ${result.breaks.length} problem${result.breaks.length === 1 ? '' : 's'} in ${result.rows} rows.`);
    for (const problem of result.breaks) err(`  ${describeBreak(problem)}`);
    return 2;
  }
  out(`Audit trail intact: ${result.rows} rows.`);
  if (checkpointFiles.length === 0) {
    out('No checkpoints were given: a rewrite that recomputes every hash cannot be seen without them (--checkpoints FILE).');
  } else {
    const extended = result.checkpointsMatched === 1 ? 'the signed checkpoint' : `all ${result.checkpointsMatched} signed checkpoints`;
    out(`It extends ${extended} in ${checkpointFiles.join(', ')}; rows up to ${result.anchoredThrough} are anchored.`);
    if (result.rows > result.anchoredThrough) out(`Rows ${result.anchoredThrough + 1}-${result.rows} are newer than the last checkpoint and not anchored yet.`);
  }
  return 0;
}

/** Prints the audit public key (base64) alone on standard output, so it can be piped or copied. */
export function printAuditPublicKey(config: Config, out: (line: string) => void, err: (line: string) => void): number {
  const key = readOrCreateSigningKey(config.audit.signingKeyFile);
  out(encodePublicKey(key.publicKey));
  err(`Key id ${key.keyId}, signing key in ${config.audit.signingKeyFile}. Keep this public key where the server's users cannot change it.`);
  return 0;
}
