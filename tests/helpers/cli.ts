import { main, type Io } from "../../src/cli/main";

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `cchc …` in-process and captures its exit code, stdout and stderr. */
export async function runCli(args: string[]): Promise<CliRun> {
  let out = "";
  let err = "";
  const io: Io = { out: (s) => (out += s), err: (s) => (err += s) };
  const code = await main(["node", "cchc", ...args], io);
  return { code, out, err };
}
