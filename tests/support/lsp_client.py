"""A minimal LSP client for tests: spawns a server, frames JSON-RPC messages
over its pipes, and collects its responses and notifications on a thread."""
import json
import os
import queue
import subprocess
import threading
import time
import urllib.parse


def uri_of(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


class LspClient:
    def __init__(self, command, cwd=None):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=cwd)
        self.messages = queue.Queue()
        self.pending = []  # received, not yet taken
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(stream.read(length)))

    def send_raw(self, data):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_for(self, predicate, timeout=10, what="a message"):
        """The first received message satisfying predicate (earlier ones stay pending)."""
        deadline = time.monotonic() + timeout
        while True:
            for message in self.pending:
                if predicate(message):
                    self.pending.remove(message)
                    return message
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError("timed out waiting for %s; pending: %s" % (what, json.dumps(self.pending)[:2000]))
            try:
                message = self.messages.get(timeout=remaining)
            except queue.Empty:
                continue
            if message is None:
                raise AssertionError("server closed its output while waiting for %s" % what)
            self.pending.append(message)

    def response_to(self, request_id, timeout=10):
        return self.wait_for(lambda m: m.get("id") == request_id and "method" not in m, timeout, "response %s" % request_id)

    def request_full(self, method, params, timeout=10):
        request_id = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        return self.response_to(request_id, timeout)

    def request(self, method, params, timeout=10):
        response = self.request_full(method, params, timeout)
        assert "error" not in response, "%s failed: %s" % (method, response)
        return response["result"]

    def diagnostics(self, uri, predicate=lambda d: True, timeout=10):
        """The next publishDiagnostics for uri whose diagnostics satisfy predicate."""
        message = self.wait_for(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri and predicate(m["params"]["diagnostics"]),
            timeout, "diagnostics of " + uri)
        return message["params"]["diagnostics"]

    def start(self, root, capabilities, options=None):
        """initialize (rooted at the folder `root`) then initialized; the server's capabilities."""
        params = {"rootUri": uri_of(root), "capabilities": capabilities}
        if options is not None:
            params["initializationOptions"] = options
        result = self.request("initialize", params)
        self.notify("initialized", {})
        return result["capabilities"]

    def stop(self):
        """shutdown then exit; the server must end with status 0."""
        assert self.request("shutdown", None) is None
        self.notify("exit", None)
        assert self.wait_exit() == 0

    def answer(self, request, result=None, error=None):
        """Replies to a request the server sent."""
        reply = {"jsonrpc": "2.0", "id": request["id"]}
        reply.update({"error": error} if error else {"result": result})
        self.send(reply)

    def answer_server_requests(self):
        """Replies to requests the server sent (client/registerCapability)."""
        for message in [m for m in self.pending if "method" in m and "id" in m]:
            self.pending.remove(message)
            self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})

    def wait_exit(self, timeout=10):
        return self.process.wait(timeout=timeout)
