// Entry point of a listing worker thread: lists its share of the targets and posts each
// target's text back to the main thread (src/load/listing.ts).

import { parentPort, workerData } from "node:worker_threads";
import { runListingWorker, type ListingOptions, type ListTarget } from "./listing.js";

runListingWorker(
  workerData as { targets: { i: number; t: ListTarget }[]; o: ListingOptions; save: boolean },
  (m) => parentPort?.postMessage(m),
);
