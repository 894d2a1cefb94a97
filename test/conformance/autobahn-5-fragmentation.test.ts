// Runs Autobahn category 5 (fragmentation) against the Node client over a raw TCP peer.
import { runCategory } from '../support/conformance-runner.js';
import { autobahnIds, fragmentationCases } from './cases-5-fragmentation.js';

runCategory('Autobahn 5: fragmentation', fragmentationCases, autobahnIds);
