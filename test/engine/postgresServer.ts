/**
 * A throwaway PostgreSQL server for the tests: Debian's binaries (`/usr/lib/postgresql/<v>/bin`),
 * a fresh data directory in the temp folder, a free loopback port, the socket in the same folder,
 * trust authentication for one user, stopped and deleted by {@link PostgresServer.stop}.
 *
 * PostgreSQL refuses to run as root: as root (CI on a fresh Debian) the server runs as the
 * `postgres` system user that Debian's package creates (one is created with `useradd` if missing);
 * otherwise as the current user. Clients connect over TCP as the test's own user (`psql` on PATH).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** The newest installed PostgreSQL's bin folder, or null when none is installed. */
export function postgresBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(root, versions[0], "bin") : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function systemUser(name: string): { uid: number; gid: number } | null {
  const result = spawnSync("id", ["-u", name], { encoding: "utf8" });
  if (result.status !== 0) return null;
  const gid = spawnSync("id", ["-g", name], { encoding: "utf8" });
  return { uid: Number(result.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export class PostgresServer {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
    private readonly asUser: string | null,
  ) {}

  /** Runs a server binary, as the server's user when we are root. */
  private static runAs(asUser: string | null, command: string, args: string[]): void {
    const [file, argv] = asUser ? ["runuser", ["-u", asUser, "--", command, ...args]] : [command, args];
    const result = spawnSync(file, argv, { encoding: "utf8", cwd: os.tmpdir() });
    if (result.status !== 0) {
      throw new Error(
        `${path.basename(command)} failed (${result.status}): ${result.stderr || result.stdout}`,
      );
    }
  }

  static async start(): Promise<PostgresServer> {
    const bin = postgresBin();
    if (bin === null)
      throw new Error("PostgreSQL is not installed (apt-get install postgresql; .ci/run does it)");
    let asUser: string | null = null;
    if (process.getuid?.() === 0) {
      asUser = "postgres";
      if (systemUser(asUser) === null) execFileSync("useradd", ["--system", "--no-create-home", asUser]);
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), "cx-postgres-"));
    chmodSync(dir, 0o755);
    if (asUser) {
      const user = systemUser(asUser) as { uid: number; gid: number };
      chownSync(dir, user.uid, user.gid);
    }
    const data = path.join(dir, "data");
    const port = await freePort();
    PostgresServer.runAs(asUser, path.join(bin, "initdb"), [
      "-D",
      data,
      "-U",
      "cx",
      "--auth=trust",
      "-E",
      "UTF8",
      "--locale=C",
      "--no-sync",
    ]);
    PostgresServer.runAs(asUser, path.join(bin, "pg_ctl"), [
      "-D",
      data,
      "-l",
      path.join(dir, "server.log"),
      "-w",
      "-t",
      "60",
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      "start",
    ]);
    return new PostgresServer(bin, dir, port, asUser);
  }

  /** Runs SQL through psql (`ON_ERROR_STOP`); returns stdout (`--csv` output for queries). */
  psql(sql: string, options: { csv?: boolean } = {}): string {
    const args = [
      "-X",
      "-q",
      "-v",
      "ON_ERROR_STOP=1",
      "-h",
      "127.0.0.1",
      "-p",
      String(this.port),
      "-U",
      "cx",
      "-d",
      "postgres",
    ];
    if (options.csv) args.push("--csv");
    const result = spawnSync("psql", args, { input: sql, encoding: "utf8", maxBuffer: 1 << 30 });
    if (result.status !== 0) throw new Error(`psql failed (${result.status}): ${result.stderr}`);
    return result.stdout;
  }

  stop(): void {
    try {
      PostgresServer.runAs(this.asUser, path.join(this.bin, "pg_ctl"), [
        "-D",
        path.join(this.dir, "data"),
        "-m",
        "fast",
        "-w",
        "stop",
      ]);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
