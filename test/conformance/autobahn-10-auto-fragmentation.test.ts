// Runs Autobahn category 10 (auto-fragmentation) against the Node client over a raw TCP peer.
import { runCategory } from '../support/conformance-runner.js';
import { autobahnIds, autoFragmentationCases } from './cases-10-auto-fragmentation.js';

runCategory('Autobahn 10: auto-fragmentation', autoFragmentationCases, autobahnIds);
