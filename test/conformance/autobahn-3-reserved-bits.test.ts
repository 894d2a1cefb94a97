// Runs Autobahn category 3 (reserved bits) against the Node client over a raw TCP peer.
import { runCategory } from '../support/conformance-runner.js';
import { autobahnIds, reservedBitCases } from './cases-3-reserved-bits.js';

runCategory('Autobahn 3: reserved bits', reservedBitCases, autobahnIds);
