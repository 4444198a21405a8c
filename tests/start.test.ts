/**
 * `npm start` on a machine without desktop Excel (a fake environment: no Excel, no certificates in a fresh
 * home folder, no terminal): it serves the pane and the checking page over http on localhost and says so.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const LIMIT_MS = 4 * 60 * 1000;

jest.setTimeout(LIMIT_MS + 30 * 1000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Stops the npm process group this test started. */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || !child.pid) return resolve();
    child.once("exit", () => resolve());
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      resolve();
    }
    setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }, 10000).unref();
  });
}

describe("npm start without desktop Excel", () => {
  let home: string;
  let child: ChildProcess | undefined;

  beforeAll(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-start-"));
  });

  afterAll(async () => {
    if (child) await stop(child);
    fs.rmSync(home, { recursive: true, force: true });
  });

  test("serves the checking page and prints its address and how to sideload into Excel on the web", async () => {
    const port = await freePort();
    child = spawn("npm", ["start", "--silent"], {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        HOME: home,
        USERPROFILE: home,
        CCHC_DESKTOP_EXCEL: "0",
        CCHC_PORT: String(port),
        npm_config_update_notifier: "false",
      },
    });
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    const page = `http://localhost:${port}/kiem-tra.html`;
    const deadline = Date.now() + LIMIT_MS;
    while (!out.includes("Nhấn Ctrl+C để dừng.")) {
      if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${out}`);
      if (Date.now() > deadline) throw new Error(`npm start printed no address in time:\n${out}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(out).not.toMatch(/not found/i);
    expect(out).toContain(`Trang kiểm tra tệp:  ${page}`);
    expect(out).toContain(`Ngăn trong Excel:    http://localhost:${port}/taskpane.html`);
    expect(out).toContain("Máy chủ chạy bằng http vì chưa có chứng chỉ localhost");
    expect(out).toContain("Tải lên phần bổ trợ của tôi (Upload My Add-in)");
    expect(out).toContain(path.join(ROOT, "manifest.xml"));

    const res = await fetch(page);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<title>Kiểm tra tệp Biểu mẫu CCHC</title>");
    const script = /<script defer src="([^"]+)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const js = await fetch(`http://localhost:${port}/${script}`);
    expect(js.status).toBe(200);
    expect((await js.text()).length).toBeGreaterThan(1000);

    await stop(child);
    expect(child.exitCode !== null || child.signalCode !== null).toBe(true);
    child = undefined;
  });
});
