import { documentUrl, expandSelection, grantee, nodeFileSystem, openFileSource, RESUME_MARGIN_MS, type Engines, type FileSource, type KeptUpload, type UploadOptions } from '../core';
import { eachFile, type EachFileOptions } from './eachFile';
import { cliTranslate, describeError } from './i18n';
import type { CliIo } from './io';
import { ProgressLine } from './ProgressLine';
import { asFeishuError, isSkipped, uploadLines, uploadWarning, type UploadReport } from './report';
import { keptLine, resumeLine, startOverLine } from './resumeLines';
import { openSession } from './session';
import { parseUploadArgs, type UploadArgs } from './uploadArgs';

/** What one run sends: each path with the sub-folders it goes into below the target. */
interface Plan {
  files: { path: string; dir: readonly string[] }[];
  /** Folders of the trees (empty ones too), made after the files so the tree arrives whole. */
  folders: readonly (readonly string[])[];
}

/**
 * `feishu-upload upload`: every file in turn, to a folder (a directory with its tree, like `cp -r`), as media,
 * or into a document; returns the exit code.
 */
export async function uploadCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseUploadArgs(argv, io.env);
  const session = await openSession(args, io);
  const t = cliTranslate(io.env);
  const progress = io.stderr.isTTY ? new ProgressLine(io.stderr as NodeJS.WriteStream, t) : undefined;
  const note = (line: string): void => {
    progress?.clear();
    io.stderr.write(`${line}\n`);
  };
  const resumedAt = new Map<string, number>();
  const kept: KeptUpload[] = [];
  try {
    // Records whose upload_id has died (24 h) go; a state folder that cannot be read is no reason to stop.
    await session.uploader.sweepRecords().catch((err: unknown) => note(t('warning: {0}', describeError(asFeishuError(err), t))));
    const plan = await planFiles(args, io);
    let send: (source: FileSource, dir: readonly string[], options: UploadOptions) => Promise<UploadReport>;
    // Each file's record stays until its line is written: a run killed before that is answered by the next run.
    const reported = async (reports: UploadReport[]): Promise<void> => {
      for (const r of reports) if (!isSkipped(r)) await session.uploader.reported(r.fileToken);
    };
    let options: EachFileOptions<UploadReport> = { reported };
    let after = async (): Promise<void> => undefined;
    const target = args.target;
    if (target.kind === 'document') {
      // Looked up once, before any file: a wrong link or a wiki page that is not a document ends the run
      // with one line (exit 1) instead of one failure per file.
      const document = await session.documents.resolve(target.document, io.signal);
      const url = document.link ?? documentUrl(args.brand, document.documentId, args.baseUrl);
      send = async (source, _dir, o) => ({ ...(await session.documents.insert(source, document.documentId, o)), url });
    } else if (target.kind === 'media') {
      send = async (source, _dir, o) => session.uploader.upload(source, target, o);
    } else {
      // Acting as the app with someone signed in: they get access to what the app uploads (and makes).
      const grantTo = grantee(session);
      const batch = session.drive.batch({ folderToken: target.folderToken, onConflict: args.onConflict, linkSharing: args.linkSharing, grantTo });
      send = async (source, dir, o) => {
        const outcome = await batch.put(source, dir, o);
        return outcome.status === 'skipped'
          ? { skipped: true, fileToken: outcome.fileToken, folder: outcome.folderToken }
          : { ...outcome.result, folder: outcome.folderToken, problems: outcome.problems };
      };
      options = { complete: (reports) => addLinks(session, reports, args.json), warning: uploadWarning, reported };
      after = () => batch.makeFolders(plan.folders, io.signal);
    }
    const code = await eachFile(
      plan.files.map((f) => f.path),
      io,
      args.json,
      uploadLines((file) => resumedAt.get(file) ?? 0),
      t,
      async (file, index) => {
        const source = await openFileSource(file);
        try {
          progress?.start();
          return await send(source, plan.files[index].dir, {
            signal: io.signal,
            onProgress: (p) => progress?.update(source.name, index + 1, plan.files.length, p),
            resume: args.noResume ? 'restart' : 'auto',
            untilReported: true,
            onResume: (info) => {
              resumedAt.set(file, info.fromPart);
              note(resumeLine(t, source.name, info));
            },
            onStartOver: (reason) => note(startOverLine(t, source.name, reason)),
            onKept: (k) => kept.push(k),
          });
        } finally {
          progress?.clear();
          await source.close();
        }
      },
      options,
    );
    for (const k of kept) note(keptLine(t, k, Date.now(), RESUME_MARGIN_MS));
    if (code !== 130) await after();
    return code;
  } finally {
    session.dispose();
  }
}

/**
 * Into a folder, directories are walked (leaving out .git, node_modules, empty files and symlinked folders,
 * said on stderr); other targets take files only, as given.
 */
async function planFiles(args: UploadArgs, io: CliIo): Promise<Plan> {
  if (args.target.kind !== 'folder') return { files: args.files.map((path) => ({ path, dir: [] })), folders: [] };
  const expansion = await expandSelection(args.files, nodeFileSystem);
  const t = cliTranslate(io.env);
  if (expansion.skipped > 0) io.stderr.write(`${t('{0} item(s) inside the folders left out: .git, node_modules, empty files, symlinked folders.', expansion.skipped)}\n`);
  if (expansion.truncated) io.stderr.write(`${t('Only the first {0} files are uploaded.', expansion.files.length)}\n`);
  return { files: expansion.files.map((f) => ({ path: f.path, dir: f.dir })), folders: expansion.folders };
}

/**
 * Feishu's links for a group of finished files: one metas call per 200 (no signal: it is quick, and Ctrl-C may
 * have happened). A skipped file's JSON line carries no link, so with --json only uploaded files are asked about:
 * a re-upload that skips everything makes listings only.
 */
async function addLinks(session: Engines, reports: UploadReport[], json: boolean): Promise<void> {
  const wanted = json ? reports.filter((r) => !isSkipped(r)) : reports;
  if (wanted.length === 0) return;
  const tokens = wanted.map((r) => r.fileToken);
  const links = await session.drive.links.of(tokens.map((token) => ({ token, type: 'file' })));
  for (const r of wanted) r.url = links.get(r.fileToken);
}
