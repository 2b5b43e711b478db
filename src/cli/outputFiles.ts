/**
 * The files a run writes — the output and its companions (`NAME.summary.csv` beside a CSV output;
 * the list is open for more) — checked before the run and written so that they cannot collide:
 *
 * - **Never the input.** Each target is compared with the input by what it really is: the device
 *   and inode of an existing file (so a hard link or a symbolic link to the input is the input), and
 *   the real path of its folder plus its name for a new one.
 * - **Created exclusively.** Everything is written first into a private temporary folder inside the
 *   target's folder (same file system); then each file is hard-linked to its name, which fails if the
 *   name exists, so of two runs writing the same output one fails cleanly instead of both reporting
 *   success (a check-then-rename is two steps and loses one result). Where hard links are not
 *   supported, an exclusive copy (`COPYFILE_EXCL`) does the same. `--force` replaces with `rename`
 *   (atomic), after keeping a hard link to the file it replaces.
 * - **All or nothing.** If any file fails, the ones this run already placed are removed again and
 *   those it replaced are put back (from that link; where it could not be made, the message says so).
 * - **Nothing left behind.** The temporary folder is removed in `finally`, and by a SIGINT / SIGTERM /
 *   SIGHUP handler while a write is under way; a writer that opens its file late finds the folder gone.
 * - **Supported names only**: the output's extension must be one the runner writes for that input.
 */
import { randomBytes } from "node:crypto";
import {
  accessSync,
  constants,
  copyFileSync,
  linkSync,
  lstatSync,
  mkdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  type Stats,
} from "node:fs";
import path from "node:path";

/** What the runner read: decides which outputs it can write. */
export interface InputKind {
  kind: "xlsx" | "csv" | "parquet";
  /** The text's delimiter (CSV only): tab-separated text is written as .tsv/.tab/.txt. */
  delimiter?: string;
  /**
   * A workbook's own extension as its content says (`.xlsm` when it holds macros, else `.xlsx`):
   * Excel refuses to open macros under .xlsx, and a workbook without them under .xlsm.
   */
  extension?: ".xlsx" | ".xlsm";
}

/** A file to write: its final path and how to write it to a (temporary) path. */
export interface OutputFile {
  path: string;
  write: (tempPath: string) => Promise<void>;
}

/** A refusal: one line for the user, and the exit code (2 for a usage mistake, 1 otherwise). */
export interface OutputRefusal {
  message: string;
  code: 1 | 2;
}

/**
 * The extensions the runner can write for this input: the workbook's own extension (`.xlsm` when it
 * holds macros, which the output keeps; else `.xlsx`; from the content, or the input's name when the
 * content was not read); `.csv`/`.txt` for comma- or semicolon-separated text and `.tsv`/`.tab`/`.txt`
 * for tab-separated text (the output keeps the input's delimiter, and Excel opens `.csv` as
 * comma-separated and `.tsv` as tab-separated); `.parquet` for Parquet.
 *
 * @example supportedExtensions("book.xlsm", { kind: "xlsx", extension: ".xlsm" }) // => [".xlsm"]
 */
export function supportedExtensions(input: string, { kind, delimiter, extension }: InputKind): string[] {
  if (kind === "xlsx")
    return [extension ?? (path.extname(input).toLowerCase() === ".xlsm" ? ".xlsm" : ".xlsx")];
  if (kind === "parquet") return [".parquet"];
  return delimiter === "\t" ? [".tsv", ".tab", ".txt"] : [".csv", ".txt"];
}

/**
 * `NAME.segmented.EXT` beside the input: the input's own extension when the runner can write it
 * (`.tsv` stays `.tsv`), else the first supported one.
 *
 * @example defaultOutputPath("/d/sales.tsv", { kind: "csv", delimiter: "\t" }) // => "/d/sales.segmented.tsv"
 */
export function defaultOutputPath(input: string, kind: InputKind): string {
  const extension = path.extname(input);
  const supported = supportedExtensions(input, kind);
  const keep = kind.kind === "csv" && supported.includes(extension.toLowerCase());
  const base = extension ? input.slice(0, -extension.length) : input;
  return `${base}.segmented${keep ? extension : supported[0]}`;
}

/**
 * A companion's path: `out.csv` + "summary" → `out.summary.csv`; with its own extension (a
 * Parquet run's summary is a CSV file): `out.parquet` + "summary" + ".csv" → `out.summary.csv`.
 *
 * @example companionPath("/d/out.segmented.csv", "summary") // => "/d/out.segmented.summary.csv"
 */
export function companionPath(output: string, suffix: string, ownExtension?: string): string {
  const extension = path.extname(output);
  return `${extension ? output.slice(0, -extension.length) : output}.${suffix}${ownExtension ?? extension}`;
}

/**
 * Checks the planned files before the run: a supported extension, none of them the input, their
 * folders exist and are writable, and none exists unless `force`. Returns null when all is well.
 */
export function checkOutputs(
  input: string,
  kind: InputKind,
  targets: readonly string[],
  force: boolean,
): OutputRefusal | null {
  const output = targets[0];
  const extension = path.extname(output).toLowerCase();
  const supported = supportedExtensions(input, kind);
  if (
    !supported.includes(extension) &&
    kind.kind === "xlsx" &&
    (extension === ".xlsx" || extension === ".xlsm")
  ) {
    // Excel refuses to open macros under .xlsx, and a workbook without them under .xlsm.
    const macros = supported[0] === ".xlsm" ? "macro-enabled" : "not macro-enabled";
    return {
      code: 2,
      message: `${path.basename(input)} is ${macros}: its output must end in ${supported[0]} (--output ${output}).`,
    };
  }
  if (!supported.includes(extension)) {
    const what = extension ? `${extension} files` : "a file without an extension";
    const inputWhat =
      kind.kind === "xlsx"
        ? "a workbook"
        : kind.kind === "parquet"
          ? "a Parquet file"
          : kind.delimiter === "\t"
            ? "tab-separated text"
            : "CSV";
    return {
      code: 2,
      message: `--output ${output}: the runner cannot write ${what} for ${inputWhat} (${path.basename(input)}); use ${supported.join(", ")}.`,
    };
  }
  const inputStat = statSync(input);
  const inputReal = realpathSync(input);
  for (const target of targets) {
    const existing = statOrNull(target);
    const sameInode = existing !== null && existing.dev === inputStat.dev && existing.ino === inputStat.ino;
    if (sameInode || realTarget(target) === inputReal) {
      const which =
        target === output ? "The output" : `The ${path.basename(target)} file written beside the output`;
      return { code: 2, message: `${which} would overwrite the input ${input}; choose another --output.` };
    }
    if (existing?.isDirectory()) return { code: 1, message: `cannot write ${target}: it is a folder.` };
  }
  for (const target of targets) {
    const folderProblem = folderRefusal(target);
    if (folderProblem) return { code: 1, message: folderProblem };
    if (!force && lstatOrNull(target) !== null) {
      return {
        code: 1,
        message: `${target} already exists; pass --force to replace it or choose another --output.`,
      };
    }
  }
  return null;
}

/**
 * Writes every file all-or-nothing (see the module comment). Resolves to null on success, or to a
 * one-line message; never leaves a temporary file. Files are placed in the order given.
 */
export async function writeOutputs(files: readonly OutputFile[], force: boolean): Promise<string | null> {
  const scratch = new Map<string, string>();
  const removeScratch = () => {
    for (const folder of scratch.values()) rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
    scratch.clear();
  };
  const stopSignals = onInterrupt(removeScratch);
  const temps: string[] = [];
  try {
    for (const file of files) {
      const folder = path.dirname(file.path);
      let temporary = scratch.get(folder);
      if (!temporary) {
        temporary = path.join(folder, `.cx-segment-${process.pid}-${randomBytes(6).toString("hex")}`);
        try {
          mkdirSync(temporary);
        } catch (error) {
          return cannotWrite(file.path, error);
        }
        scratch.set(folder, temporary);
      }
      const temp = path.join(temporary, path.basename(file.path));
      temps.push(temp);
      try {
        await file.write(temp);
      } catch (error) {
        return cannotWrite(file.path, error);
      }
    }
    return place(files, temps, force, scratch);
  } finally {
    removeScratch();
    stopSignals();
  }
}

/** One placed file, and how to take it back. */
interface Placed {
  target: string;
  /** A hard link to the file it replaced (under --force), or null when it replaced none or the link failed. */
  previous: string | null;
  replaced: boolean;
}

/** Links (or, under --force, renames) each temporary file to its name; on any failure, undoes the rest. */
function place(
  files: readonly OutputFile[],
  temps: readonly string[],
  force: boolean,
  scratch: ReadonlyMap<string, string>,
): string | null {
  const placed: Placed[] = [];
  for (let i = 0; i < files.length; i++) {
    const target = files[i].path;
    try {
      if (!force) {
        createExclusively(temps[i], target);
        placed.push({ target, previous: null, replaced: false });
        continue;
      }
      const replaced = lstatOrNull(target) !== null;
      let previous: string | null = null;
      if (replaced) {
        previous = path.join(
          scratch.get(path.dirname(target)) as string,
          `${path.basename(target)}.previous`,
        );
        try {
          linkSync(target, previous);
        } catch {
          previous = null;
        }
      }
      renameSync(temps[i], target);
      placed.push({ target, previous, replaced });
    } catch (error) {
      const lost = undo(placed);
      const exists = (error as NodeJS.ErrnoException).code === "EEXIST";
      const reason = exists
        ? `${target} already exists (another run may have just written it); nothing was written: pass --force to replace it or choose another --output.`
        : cannotWrite(target, error);
      return lost.length > 0 ? `${reason} ${lostNote(lost)}` : reason;
    }
  }
  return null;
}

/** A new file under `target` with the temporary file's content; fails with EEXIST if it exists. */
function createExclusively(temp: string, target: string): void {
  try {
    linkSync(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // File systems without hard links (FAT, some network shares): an exclusive copy instead.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "EXDEV") throw error;
    try {
      copyFileSync(temp, target, constants.COPYFILE_EXCL);
    } catch (copyError) {
      if ((copyError as NodeJS.ErrnoException).code !== "EEXIST") rmSync(target, { force: true });
      throw copyError;
    }
  }
}

/** Takes back what was placed, newest first; returns the files that were replaced and cannot be restored. */
function undo(placed: readonly Placed[]): string[] {
  const lost: string[] = [];
  for (const file of [...placed].reverse()) {
    try {
      if (file.previous !== null) renameSync(file.previous, file.target);
      else if (file.replaced) lost.push(file.target);
      else unlinkSync(file.target);
    } catch {
      if (file.replaced) lost.push(file.target);
    }
  }
  return lost;
}

function lostNote(lost: readonly string[]): string {
  return `${lost.join(" and ")} ${lost.length === 1 ? "was" : "were"} already replaced (--force) and could not be restored.`;
}

/** "cannot write X: the folder … does not exist" and the like, in one line. */
function cannotWrite(target: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const folder = path.dirname(target);
  if (code === "ENOENT") return `cannot write ${target}: the folder ${folder} does not exist.`;
  if (code === "EACCES" || code === "EPERM" || code === "EROFS")
    return `cannot write ${target}: the folder ${folder} is read-only.`;
  if (code === "ENOSPC" || code === "EDQUOT") return `cannot write ${target}: the disk is full.`;
  const reason = error instanceof Error ? error.message : String(error);
  return `cannot write ${target}: ${reason.replace(/\s*\n\s*/g, " ")}`;
}

/** Why the target's folder cannot take a new file, or null. */
function folderRefusal(target: string): string | null {
  const folder = path.dirname(target);
  const stat = statOrNull(folder);
  if (stat === null) return `cannot write ${target}: the folder ${folder} does not exist.`;
  if (!stat.isDirectory()) return `cannot write ${target}: ${folder} is not a folder.`;
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    return `cannot write ${target}: the folder ${folder} is read-only.`;
  }
  return null;
}

/** The real path a target has or would have: of the file if it exists, else of its folder plus its name. */
function realTarget(target: string): string | null {
  try {
    return realpathSync(target);
  } catch {
    try {
      return path.join(realpathSync(path.dirname(target)), path.basename(target));
    } catch {
      return null;
    }
  }
}

function statOrNull(file: string): Stats | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

function lstatOrNull(file: string): Stats | null {
  try {
    return lstatSync(file);
  } catch {
    return null;
  }
}

/**
 * Runs `cleanup` if the process is interrupted while outputs are being written, then lets the signal
 * do what it would have done (the process ends with it). Returns the function that stops listening.
 */
function onInterrupt(cleanup: () => void): () => void {
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  const handler = (signal: NodeJS.Signals) => {
    cleanup();
    stop();
    process.kill(process.pid, signal);
  };
  const stop = () => {
    for (const signal of signals) process.removeListener(signal, handler);
  };
  for (const signal of signals) process.once(signal, handler);
  return stop;
}
