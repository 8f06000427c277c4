"""A TCP proxy on 127.0.0.1 that injects store faults between the skill and the DynamoDB-compatible server.

Modes, switchable at any time: "pass" (forward), "refuse" (nothing listens: connections are refused),
"hang" (connections are accepted, requests read, nothing ever answered), "slow" (each answer delayed by
`delay` seconds). The skill reaches it through AWS_ENDPOINT_URL_DYNAMODB, exactly as it would the table.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from urllib.parse import urlsplit


class FaultProxy:
    def __init__(self, target_url: str, delay: float = 0.15):
        target = urlsplit(target_url)
        self.target = (target.hostname, target.port)
        self.delay = delay
        self._mode = "pass"
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._open: list[socket.socket] = []  # connections held by a hang
        self._live: set[socket.socket] = set()  # connections being forwarded
        self._listener = self._listen(0)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"

    # -- control ---------------------------------------------------------------------------------------
    @property
    def mode(self) -> str:
        return self._mode

    @mode.setter
    def mode(self, mode: str) -> None:
        assert mode in ("pass", "refuse", "hang", "slow"), mode
        with self._lock:
            if mode == "refuse" and self._listener is not None:
                _close(self._listener)
                self._listener = None
            elif mode != "refuse" and self._listener is None:
                self._listener = self._listen(self.port)
            self._mode = mode
            # every fault starts now: kept-alive connections are cut, and a hang's held ones released
            for conn in [*self._open, *(self._live if mode in ("refuse", "hang") else ())]:
                _close(conn)
            self._open.clear()

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        with self._lock:
            if self._listener is not None:
                _close(self._listener)
            for conn in self._open:
                _close(conn)

    # -- the proxy -------------------------------------------------------------------------------------
    def _listen(self, port: int) -> socket.socket:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(64)
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return listener

    def _accept(self, listener: socket.socket) -> None:
        while not self._stop.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed: refusing, or stopped
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        if self._mode == "hang":
            with self._lock:
                self._open.append(client)
            return  # held open, never answered, until the mode changes
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            _close(client)
            return
        with self._lock:
            self._live.update((client, upstream))
        threading.Thread(target=self._pump, args=(client, upstream, False), daemon=True).start()
        self._pump(upstream, client, True)

    def _pump(self, source: socket.socket, sink: socket.socket, answers: bool) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if answers and self._mode == "slow":
                    time.sleep(self.delay)
                if answers and self._mode == "hang":  # a hang that began mid-connection: hold the client
                    with self._lock:
                        self._open.append(sink)
                        self._live.difference_update((source, sink))
                    _close(source)
                    return
                sink.sendall(data)
        except OSError:
            pass
        with self._lock:
            self._live.difference_update((source, sink))
        _close(source)
        _close(sink)


def _close(conn: socket.socket) -> None:
    with contextlib.suppress(OSError):
        conn.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked on it; a listener stops listening
    with contextlib.suppress(OSError):
        conn.close()
