# Starts Autobahn|Testsuite's fuzzing server bound to 127.0.0.1 only (its listenWS call binds all
# interfaces), with a spec built from the arguments. The suite itself stays outside this
# repository: put its autobahntestsuite/ folder on PYTHONPATH (see docs/conformance.md).
#
#   PYTHONPATH=<suite>/autobahntestsuite /usr/bin/python3 test/autobahn/fuzzingserver.py PORT OUTDIR [CASES] [EXCLUDED]
#   CASES and EXCLUDED are comma-separated patterns, e.g. "*" and "12.*,13.*".
import json
import sys
import tempfile

import autobahn.twisted.websocket as websocket
import autobahntestsuite.fuzzing as fuzzing
from autobahntestsuite import wstest

port, outdir = int(sys.argv[1]), sys.argv[2]
cases = sys.argv[3].split(',') if len(sys.argv) > 3 else ['*']
excluded = sys.argv[4].split(',') if len(sys.argv) > 4 and sys.argv[4] else []

listen_all = websocket.listenWS
fuzzing.listenWS = lambda factory, context=None, **options: listen_all(factory, context, interface='127.0.0.1', **options)

spec = {'url': f'ws://127.0.0.1:{port}', 'outdir': outdir, 'cases': cases, 'exclude-cases': excluded, 'exclude-agent-cases': {}}
with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as spec_file:
    json.dump(spec, spec_file)
# -u 0: no embedded web server for the reports (it would listen on all interfaces too).
sys.argv = ['wstest', '-m', 'fuzzingserver', '-s', spec_file.name, '-u', '0']
wstest.run()
