# A second real peer for the Node client: Python's `websockets` (Debian python3-websockets)
# echo server on 127.0.0.1 with an OS-chosen port, printed on stdout; permessage-deflate is on
# by default there. It stops when its stdin closes, so it never outlives the test that started it.
import asyncio
import sys

import websockets


async def echo(websocket, *_):
    async for message in websocket:
        await websocket.send(message)


async def main():
    async with websockets.serve(echo, "127.0.0.1", 0, max_size=2**24) as server:
        port = server.sockets[0].getsockname()[1]
        print(port, flush=True)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, sys.stdin.read)


asyncio.run(main())
