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

describe("npm start on a machine that cannot sideload into desktop Excel", () => {
  let home: string;
  let child: ChildProcess | undefined;

  beforeAll(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-start-"));
  });

  afterAll(async () => {
    if (child) await stop(child);
    fs.rmSync(home, { recursive: true, force: true });
  });

  /** Runs `npm start` until it prints its addresses; resolves to what it printed and its port. */
  async function start(desktopExcel: "0" | "1"): Promise<{ out: string; port: number }> {
    const port = await freePort();
    const c = spawn("npm", ["start", "--silent"], {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        HOME: home,
        USERPROFILE: home,
        CCHC_DESKTOP_EXCEL: desktopExcel,
        CCHC_PORT: String(port),
        npm_config_update_notifier: "false",
      },
    });
    child = c;
    let out = "";
    c.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    c.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + LIMIT_MS;
    while (!out.includes("Nhấn Ctrl+C để dừng.")) {
      if (c.exitCode !== null) throw new Error(`npm start exited (${c.exitCode}):\n${out}`);
      if (Date.now() > deadline) throw new Error(`npm start printed no address in time:\n${out}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    return { out, port };
  }

  async function stopChild(): Promise<void> {
    const c = child;
    child = undefined;
    if (!c) return;
    await stop(c);
    expect(c.exitCode !== null || c.signalCode !== null).toBe(true);
  }

  test("serves the checking page and prints its address and how to sideload into Excel on the web", async () => {
    const { out, port } = await start("0");
    const page = `http://localhost:${port}/kiem-tra.html`;
    expect(out).not.toMatch(/not found/i);
    expect(out).toContain(`Trang kiểm tra tệp:  ${page}`);
    expect(out).toContain(`Ngăn trong Excel:    http://localhost:${port}/taskpane.html`);
    expect(out).toContain(
      "Không thấy Excel cài trên máy tính này, nên không tự nạp ngăn vào Excel."
    );
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
    await stopChild();
  });

  // Where office-addin-debugging is installed this would open Excel: only without it.
  const withoutDebugging = fs.existsSync(
    path.join(ROOT, "node_modules", ".bin", "office-addin-debugging")
  )
    ? test.skip
    : test;
  withoutDebugging(
    "with Excel but without office-addin-debugging it serves instead of “not found”",
    async () => {
      const { out, port } = await start("1");
      expect(out).not.toMatch(/not found/i);
      expect(out).toContain("Có Excel trên máy nhưng chưa có gói office-addin-debugging");
      expect((await fetch(`http://localhost:${port}/kiem-tra.html`)).status).toBe(200);
      await stopChild();
    }
  );
});
