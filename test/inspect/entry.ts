// Entry point the CLI tests spawn: crossgo from source, without a build step.
import { main } from "../../src/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
