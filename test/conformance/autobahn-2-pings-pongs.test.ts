// Runs Autobahn category 2 (pings and pongs) against the Node client over a raw TCP peer.
import { runCategory } from '../support/conformance-runner.js';
import { autobahnIds, pingPongCases } from './cases-2-pings-pongs.js';

runCategory('Autobahn 2: pings and pongs', pingPongCases, autobahnIds);
