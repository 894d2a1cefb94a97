// Runs Autobahn category 1 (framing) against the Node client over a raw TCP peer.
import { runCategory } from '../support/conformance-runner.js';
import { autobahnIds, framingCases } from './cases-1-framing.js';

runCategory('Autobahn 1: framing', framingCases, autobahnIds);
