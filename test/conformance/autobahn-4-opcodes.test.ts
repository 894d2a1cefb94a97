// Runs Autobahn category 4 (reserved opcodes) against the Node client over a raw TCP peer.
import { runCategory } from '../support/conformance-runner.js';
import { autobahnIds, opcodeCases } from './cases-4-opcodes.js';

runCategory('Autobahn 4: reserved opcodes', opcodeCases, autobahnIds);
