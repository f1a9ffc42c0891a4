// Runs the crossgo CLI from source (for script tests): node --import tsx test/work/cli-entry.ts ARGS...
import { main } from "../../src/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
