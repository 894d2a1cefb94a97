// Runs Autobahn category 9 (limits and performance, trimmed to 4 MiB) against the Node client over a raw TCP peer.
import { runCategory } from '../support/conformance-runner.js';
import { autobahnIds, limitCases } from './cases-9-limits.js';

runCategory('Autobahn 9: limits and performance', limitCases, autobahnIds);
